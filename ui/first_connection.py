"""Tell the browser where the server is, so a page opened by its address starts 0.1 s sooner.

Streamlit's frontend does not know which part of a page's address is the app's and which the
page's. Opened at ``/trends`` it first looks for the server at ``/trends/_stcore/health`` (a
404), waits 0.1 s, then looks at ``/`` and connects: every page but the Overview paid that
tenth of a second before anything was drawn (benchmarks/README.md, "In the browser"). When
``window.__streamlit.BACKEND_BASE_URL`` is set before its code runs, it looks only there.

This middleware puts that setting into the page Streamlit serves for every address (its
``index.html``): a script that, when the last part of the address is one of our pages, says
the server is at the address without it. Worked out in the browser from its own address, so
it holds behind a proxy that adds a prefix (``/scorecard/trends`` -> ``/scorecard/``) or a
``server.baseUrlPath``; at any other address (the Overview at the app's root, a typo) nothing
is set and Streamlit looks as before. The script holds only our own page names, never
anything from the request.

Pure ASGI, so a WebSocket and every other response pass straight through, unbuffered; only a
200 HTML response to a GET of a page address is read (Streamlit's index.html, 5 KB), and it
is asked for unencoded so it can be edited.
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
    "if({pages}.indexOf(parts.pop())>=0)"
    "{{window.__streamlit={{BACKEND_BASE_URL:location.origin+parts.join('/')+'/'}};}}}})();"
    "</script>"
)


def script_for(pages: Collection[str]) -> bytes:
    """The script for these page names (their addresses' last parts)."""
    return _SCRIPT.format(pages=json.dumps(sorted(pages))).encode("utf-8")


class ServerAddressInPage:
    """ASGI middleware adding :func:`script_for` ``pages`` to Streamlit's page."""

    def __init__(self, app: ASGIApp, pages: Collection[str]) -> None:
        self.app = app
        self.script = script_for(pages)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        last = path.rsplit("/", 1)[-1]
        if scope.get("method") != "GET" or not last or "." in last or "/_stcore/" in path:
            await self.app(scope, receive, send)  # assets, the server's own routes, the root
            return
        plain = dict(scope)
        plain["headers"] = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
        start: Message | None = None
        body: list[bytes] = []
        passing = False

        async def edit(message: Message) -> None:
            nonlocal start, passing
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                content_type = headers.get(b"content-type", b"")
                if message["status"] != 200 or not content_type.startswith(b"text/html"):
                    passing = True
                    await send(message)
                else:
                    start = message
                return
            if passing or start is None:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = b"".join(body).replace(b"<head>", b"<head>" + self.script, 1)
            headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            headers.append((b"content-length", str(len(page)).encode("ascii")))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(plain, receive, edit)
