"""The tree tells the design: data flows one way (read -> parse -> store -> analyse / export /
web), each package importing only from the layers below it, and no module imports itself back
through another (imports inside functions and under TYPE_CHECKING count too)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "plenary"

# Lowest first: a package may import only from the packages before it in this list.
LAYERS = [
    "errors", "record", "read", "gazetteer", "lang", "parse", "warm", "isolate", "walk", "store",
    "analyse", "export", "web", "cli", "__main__",
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, modules: set[str]) -> set[str]:
    """Every plenary module `path` imports, wherever the import statement stands."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from . import engine" imports plenary.store.engine, not plenary.store
            submodules = {f"{target}.{a.name}" for a in node.names} & modules
            found.update(submodules or ({target} if target.startswith("plenary") else set()))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("plenary"))
    return found


def module_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        graph[name] = {t for t in imported(path, set(files)) if t in files and t != name}
    return graph


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None (iterative depth-first search)."""
    state: dict[str, int] = {}
    for start in sorted(graph):
        if state.get(start):
            continue
        stack = [(start, iter(sorted(graph[start])))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return path[path.index(child):] + [child]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph.get(child, ())))))
    return None


def test_no_module_imports_itself_back():
    graph = module_graph()
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_packages_import_only_from_the_layers_below():
    upward = []
    for module, targets in module_graph().items():
        here = layer(module)
        if here not in LAYERS:
            continue
        for target in targets:
            there = layer(target)
            if there in LAYERS and there != here and LAYERS.index(there) > LAYERS.index(here):
                upward.append(f"{module} -> {target}")
    assert upward == []


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
