"""The page Streamlit serves tells the browser where the server is (ui/first_connection.py);
nothing else that passes through is changed."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from ui.first_connection import ServerAddressInPage, script_for
from ui.navigation import PAGES

INDEX = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body></body></html>"


def served(
    path: str,
    *,
    method: str = "GET",
    status: int = 200,
    content_type: bytes = b"text/html; charset=utf-8",
    body: bytes = INDEX,
    kind: str = "http",
) -> tuple[list[dict[str, Any]], list[tuple[bytes, bytes]]]:
    """What the middleware sends for a request, and the headers the app behind it was asked
    with. The app behind answers in two pieces, as a file is streamed."""
    asked: list[tuple[bytes, bytes]] = []

    async def streamlit(scope: Any, receive: Any, send: Any) -> None:
        asked.extend(scope.get("headers", []))
        headers = [(b"content-type", content_type), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body[:20], "more_body": True})
        await send({"type": "http.response.body", "body": body[20:]})

    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request"}

    scope = {
        "type": kind,
        "method": method,
        "path": path,
        "headers": [(b"accept-encoding", b"gzip"), (b"host", b"x")],
    }
    finish(ServerAddressInPage(streamlit, pages=PAGES)(scope, receive, send))
    return sent, asked


def finish(work: Coroutine[Any, Any, None]) -> None:
    """Run ``work`` to its end without an event loop (a browser test's may be running in this
    thread): nothing here waits for anything, so one step finishes it."""
    try:
        work.send(None)
    except StopIteration:
        return
    raise AssertionError("the middleware waited for something")


def body_of(sent: list[dict[str, Any]]) -> bytes:
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_a_page_address_gets_the_script_before_streamlits_own_and_a_right_length() -> None:
    sent, asked = served("/trends")
    page = body_of(sent)
    assert page == INDEX.replace(b"<head>", b"<head>" + script_for(PAGES))
    headers = dict(sent[0]["headers"])
    assert int(headers[b"content-length"]) == len(page)
    assert b"accept-encoding" not in dict(asked)  # asked for plainly, to be edited


def test_the_script_names_only_our_pages() -> None:
    script = script_for(PAGES).decode()
    assert '"trends"' in script and '"priority"' in script
    assert script.count("<script>") == 1 and script.endswith("</script>")


def test_everything_else_passes_unchanged() -> None:
    cases: list[dict[str, Any]] = [
        {"path": "/static/js/index.js", "content_type": b"text/javascript"},
        {"path": "/_stcore/health", "content_type": b"text/plain"},
        {"path": "/", "content_type": b"text/html"},  # the root: Streamlit looks there first
        {"path": "/trends", "method": "HEAD"},
        {"path": "/trends", "method": "POST"},
        {"path": "/trends", "status": 304},
        {"path": "/media/abc.png", "content_type": b"image/png"},
        {"path": "/_stcore/stream", "kind": "websocket"},
    ]
    for case in cases:
        sent, asked = served(**case)
        assert body_of(sent) == INDEX, case
        if case["path"] != "/trends" or case.get("method", "GET") != "GET":
            assert (b"accept-encoding", b"gzip") in asked, case
