"""The page Streamlit serves at our pages' addresses tells the browser where the server is
(ui/first_connection.py); nothing else that passes through is changed."""

from __future__ import annotations

import json
import re
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest
import streamlit

from ui.first_connection import ServerAddressInPage, script_for
from ui.navigation import PAGES

INDEX = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body></body></html>"
STREAMLITS_PAGE = (Path(streamlit.__file__).parent / "static" / "index.html").read_bytes()
FILE_HEADERS = [
    (b"content-type", b"text/html; charset=utf-8"),
    (b"etag", b'"abc"'),
    (b"last-modified", b"Thu, 01 Jan 2026 00:00:00 GMT"),
    (b"accept-ranges", b"bytes"),
    (b"cache-control", b"no-cache"),
    (b"set-cookie", b"_streamlit_xsrf=x; Path=/"),
]


def served(
    path: str,
    *,
    method: str = "GET",
    status: int = 200,
    content_type: bytes = b"text/html; charset=utf-8",
    body: bytes = INDEX,
    kind: str = "http",
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """What the middleware sends for a request, what the app behind it sent, and the scope it
    was asked with. The app behind answers in two pieces, as a file is streamed."""
    asked: dict[str, Any] = {}
    answered: list[dict[str, Any]] = []

    async def streamlit(scope: Any, receive: Any, send: Any) -> None:
        asked.update(scope)
        headers = [
            (b"content-type", content_type),
            (b"content-length", b"%d" % len(body)),
            *FILE_HEADERS[1:],
        ]
        answered.append({"type": "http.response.start", "status": status, "headers": headers})
        rest = b"" if method == "HEAD" else body[20:]
        answered.append(
            {
                "type": "http.response.body",
                "body": b"" if method == "HEAD" else body[:20],
                "more_body": True,
            }
        )
        answered.append({"type": "http.response.body", "body": rest})
        for message in answered:
            await send(message)

    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request"}

    scope = {
        "type": kind,
        "method": method,
        "path": path,
        "headers": [(b"accept-encoding", b"gzip"), (b"range", b"bytes=0-99"), (b"host", b"x")],
        "extensions": {"http.response.pathsend": {}},
    }
    if kind == "websocket":
        del scope["method"]
    finish(ServerAddressInPage(streamlit, pages=PAGES)(scope, receive, send))
    return sent, answered, asked


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


def test_a_page_address_gets_the_script_a_right_length_and_not_the_files_validators() -> None:
    sent, _, asked = served("/trends")
    page = body_of(sent)
    assert page == INDEX.replace(b"<head>", b"<head>" + script_for(PAGES))
    headers = dict(sent[0]["headers"])
    assert int(headers[b"content-length"]) == len(page)
    # The file's ETag, date and ranges would describe the file, not this page.
    assert not {b"etag", b"last-modified", b"accept-ranges"} & set(headers)
    assert headers[b"set-cookie"] == b"_streamlit_xsrf=x; Path=/"
    assert headers[b"cache-control"] == b"no-cache"
    # Asked for whole, plainly, and as a body it can edit (not sent by the file's path).
    assert not {b"accept-encoding", b"range"} & dict(asked["headers"]).keys()
    assert "http.response.pathsend" not in asked["extensions"]


def test_streamlits_own_page_gets_the_script_once_before_its_code() -> None:
    sent, _, _ = served("/priority", body=STREAMLITS_PAGE)
    page = body_of(sent).decode("utf-8")
    assert page.count(script_for(PAGES).decode()) == 1
    assert page.index("window.__streamlit") < page.index('type="module"')


def test_a_head_request_is_told_the_edited_length() -> None:
    sent, _, _ = served("/trends", method="HEAD")
    headers = dict(sent[0]["headers"])
    assert int(headers[b"content-length"]) == len(INDEX) + len(script_for(PAGES))
    assert body_of(sent) == b""


def test_the_script_names_our_pages_and_nothing_else() -> None:
    script = script_for(PAGES).decode()
    named = re.search(r"(\[.*?\])\.indexOf", script)
    assert named is not None and json.loads(named.group(1)) == sorted(PAGES)


@pytest.mark.parametrize(
    "case",
    [
        {"path": "/static/js/index.js", "content_type": b"text/javascript"},
        {"path": "/_stcore/health", "content_type": b"text/plain"},
        {"path": "/", "content_type": b"text/html"},  # the root: Streamlit looks there first
        {"path": "/oauth2callback"},  # not one of our pages
        {"path": "/trends/"},  # answered with a redirect to /trends
        {"path": "/trends", "method": "POST"},
        {"path": "/trends", "status": 304},
        {"path": "/trends", "status": 404},
        {"path": "/trends", "content_type": b"text/plain"},
        {"path": "/media/abc.png", "content_type": b"image/png"},
        {"path": "/trends", "kind": "websocket"},
    ],
)
def test_everything_else_passes_exactly_as_it_was_sent(case: dict[str, Any]) -> None:
    sent, answered, _ = served(**case)
    assert sent == answered
