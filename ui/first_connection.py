"""Tell the browser where the server is, so a page opened by its address starts 0.1 s sooner.

Streamlit's frontend does not know which part of a page's address is the app's and which the
page's. Opened at ``/trends`` it first looks for the server at ``/trends/_stcore/health`` (a
404), waits 0.1 s, then looks at ``/`` and connects: every page but the Overview paid that
tenth of a second before anything was drawn (benchmarks/README.md, "In the browser"). When
``window.__streamlit.BACKEND_BASE_URL`` is set before its code runs, it looks only there.

This middleware puts that setting into the page Streamlit serves at our pages' addresses (its
``index.html``): a script that, when the last part of the browser's address is one of our
pages, says the server is at the address without it. Worked out in the browser from its own
address, so it holds behind a proxy that adds a prefix (``/scorecard/trends`` ->
``/scorecard/``) and with ``server.baseUrlPath``; anywhere else (the Overview at the app's
root, a typo) nothing is set and Streamlit looks as before. The script holds only our own
page names, never anything from the request.

Pure ASGI, so a WebSocket and every other response pass straight through, unbuffered; only a
200 HTML answer to a GET of one of our pages' addresses is read (Streamlit's index.html, 8 KB)
and edited, asked for whole and unencoded, and sent without the file's validators (its ETag
and dates describe the file, not the edited page). A HEAD is told the edited length.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Before the page's own <script type="module">, which runs only once the document is parsed.
_SCRIPT = (
    "<script>(function(){{var parts=location.pathname.split('/');"
    "if({pages}.indexOf(parts.pop())>=0){{window.__streamlit=Object.assign("
    "window.__streamlit||{{}},{{BACKEND_BASE_URL:location.origin+parts.join('/')+'/'}});}}}})();"
    "</script>"
)
# Asked of the app behind: the whole file, unencoded, so that it can be edited.
_NOT_ASKED = {b"accept-encoding", b"range", b"if-range"}
# Not sent with the edited page: they describe the file (a range of it would be the file's).
_NOT_SENT = {b"content-length", b"etag", b"last-modified", b"accept-ranges"}


def script_for(pages: Collection[str]) -> bytes:
    """The script for these page names (their addresses' last parts)."""
    return _SCRIPT.format(pages=json.dumps(sorted(pages))).encode("utf-8")


class ServerAddressInPage:
    """ASGI middleware adding :func:`script_for` ``pages`` to Streamlit's page at their
    addresses."""

    def __init__(self, app: ASGIApp, pages: Collection[str]) -> None:
        self.app = app
        self.pages = frozenset(pages)
        self.script = script_for(pages)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        method = scope.get("method")
        if method not in {"GET", "HEAD"} or path.rsplit("/", 1)[-1] not in self.pages:
            await self.app(scope, receive, send)  # assets, the server's own routes, the root
            return
        plain = dict(scope)
        plain["headers"] = [(k, v) for k, v in scope["headers"] if k not in _NOT_ASKED]
        # A server offering to send a file by its path would send no body to edit.
        extensions = scope.get("extensions") or {}
        plain["extensions"] = {k: v for k, v in extensions.items() if k != "http.response.pathsend"}
        start: Message | None = None
        body: list[bytes] = []

        async def edit(message: Message) -> None:
            nonlocal start
            kind = message["type"]
            if kind == "http.response.start":
                headers = dict(message.get("headers", []))
                html = headers.get(b"content-type", b"").startswith(b"text/html")
                if message["status"] == 200 and html:
                    start = message
                    if method == "HEAD":  # no body comes: say the edited page's length
                        length = int(headers.get(b"content-length", b"0")) + len(self.script)
                        await send(self._edited(message, length))
                    return
            elif kind == "http.response.body" and start is not None and method == "GET":
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                page = b"".join(body).replace(b"<head>", b"<head>" + self.script, 1)
                await send(self._edited(start, len(page)))
                await send({"type": "http.response.body", "body": page})
                return
            await send(message)

        await self.app(plain, receive, edit)

    @staticmethod
    def _edited(start: Message, length: int) -> Message:
        headers = [(k, v) for k, v in start.get("headers", []) if k not in _NOT_SENT]
        headers.append((b"content-length", str(length).encode("ascii")))
        return {**start, "headers": headers}
