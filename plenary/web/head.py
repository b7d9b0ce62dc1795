"""HEAD wherever GET works: an ASGI middleware answering HEAD as GET, without the body.

FastAPI routes declared with `@router.get` answer 405 to HEAD; rather than doubling every
route (and the OpenAPI document), a HEAD request goes down as a GET and only the response's
status and headers (its `Content-Length` included) come back.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """Serve `HEAD` by running the `GET` route and dropping the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        sent_end = False

        async def send_headers_only(message: Message) -> None:
            nonlocal sent_end
            if message["type"] != "http.response.body":
                await send(message)
                return
            if not message.get("more_body", False) and not sent_end:
                sent_end = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app(dict(scope, method="GET"), receive, send_headers_only)
