"""A readable outline of a record: items, who spoke (for whom, with whose support), decisions."""

from __future__ import annotations

from ..record import Actor, Record


def actor_text(a: Actor) -> str:
    """A short description: "delegate RUS", "chair (committee-6)", "several councillors"."""
    if a.kind == "collective":
        text = f"{a.count} {a.role}s" if a.count != "one" else f"one {a.role}"
    elif a.kind == "delegation":
        text = f"{a.role or 'delegation'} {a.country}" + (f" ({a.name})" if a.name else "")
    elif a.kind == "official":
        text = " ".join(x for x in (a.role or "official", a.id, a.name) if x)
    elif a.kind == "person":
        text = (a.name or "?") + (f" ({a.country})" if a.country else "")
    else:
        text = f"{a.kind} {a.id}"
    if a.on_behalf_of:
        text += " for " + ", ".join(actor_text(x) for x in a.on_behalf_of)
    if a.supported_by:
        text += " [supported by " + ", ".join(actor_text(x) for x in a.supported_by) + "]"
    if a.opposed_by:
        text += " [opposed by " + ", ".join(actor_text(x) for x in a.opposed_by) + "]"
    return text


def outline(record: Record) -> str:
    """The record as indented lines of text."""
    m = record.meeting
    lines = [f"{record.source.name} ({record.language})"]
    if m.title or m.symbol:
        lines.append(" · ".join(x for x in (m.symbol, m.session, m.title, m.date,
                                             f"{m.start}-{m.end}" if m.start else None) if x))
    if m.chairs:
        lines.append("Chair: " + "; then ".join(actor_text(c) for c in m.chairs))
    events = {}
    for e in record.events:
        events.setdefault(e.after_paragraph, []).append(e)
    for item in record.items:
        cont = " (continued)" if item.continued else ""
        docs = f"  [{', '.join(item.documents)}]" if item.documents else ""
        lines.append(f"\n{item.number}  {item.title}{cont}{docs}")
        for p in item.paragraphs:
            if p.number is None:
                lines.append(f"    — {p.text[:90]}")
                continue
            who = "; ".join(actor_text(s) for s in p.speakers)
            lines.append(f"  {p.number:>6}  {who}" if who else f"  {p.number:>6}")
            for o in p.outcomes:
                extra = [x for x in (o.reading and f"{o.reading} reading",
                                     o.as_amended and "as amended",
                                     o.conditional and "conditional",
                                     o.refers_to and f"settles {o.refers_to}") if x]
                what = ", ".join(o.objects) if o.objects else ""
                if o.kind == "elected" and o.person:
                    what = f"{actor_text(o.person)}: {o.post or ''}"
                lines.append(f"          => {o.kind.upper()} {what}"
                             + (f" ({'; '.join(extra)})" if extra else ""))
            for e in events.get(p.number, []):
                lines.append(f"          -- meeting {e.kind} at {e.at}")
    if record.signatories:
        lines.append("\nSigned: " + "; ".join(f"{s.role} {s.name}" for s in record.signatories))
    for w in record.warnings:
        lines.append(f"warning [{w.paragraph or '-'}]: {w.message}")
    return "\n".join(lines)
