"""Send each response as soon as it is written: Streamlit's server held every response after a
connection's first for 40 ms, and a page's first visit waited 0.4 s for its scripts.

Streamlit binds the socket it listens on itself, as ``socket.socket(family)``: its protocol
number is 0, not TCP's. asyncio turns Nagle's algorithm off (``TCP_NODELAY``) only on
connections whose protocol number is TCP's, so Streamlit's connections keep it: the body of a
response, written after its head, waits until the browser has acknowledged the head, and a
browser acknowledges a kept-alive connection's data only after up to 40 ms (delayed ACK).
Measured with `streamlit run app.py` on the 2-core machine: every request after a
connection's first took 44 ms, the first 0.5 ms. A first visit asks for Streamlit's 60
JavaScript modules over six connections, ten each: about 0.45 s before any page could be
drawn (benchmarks/README.md, "In the browser"). A bare Streamlit app has the same delay.

``TCP_NODELAY`` set on a listening socket is inherited by every connection it accepts (Linux
and Windows), so it is set on the socket uvicorn hands to the event loop to listen on; nothing
else changes. uvicorn imports the app inside its event loop before it starts listening, which
is when :func:`send_at_once` runs; imported anywhere else (a test, Streamlit's AppTest) it
does nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from typing import Any


def send_at_once() -> None:
    """Have the server this app is being loaded by send responses without waiting."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return  # not being loaded by a server
    create_server = loop.create_server

    async def listening(*args: Any, sock: socket.socket | None = None, **kwargs: Any) -> Any:
        if sock is not None:
            no_delay(sock)
        return await create_server(*args, sock=sock, **kwargs)

    loop.create_server = listening  # type: ignore[method-assign]  # this loop alone


def no_delay(sock: socket.socket) -> None:
    """Nagle's algorithm off on a TCP socket, and so on the connections it accepts."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        with contextlib.suppress(OSError):  # a socket that refuses it keeps the delay
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
