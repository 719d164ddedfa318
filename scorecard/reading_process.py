"""The process that reads uploaded workbooks (:mod:`scorecard.upload.sandbox`), kept here.

A small helper process (the "reader"), started once with the upload's reading modules
imported, forks a fresh child for each workbook. This module imports only the standard
library, so that ``python -m scorecard validate`` and ``ingest`` can start the reader before
they import anything else: it gets ready (a third of a second on a quiet machine, over a second
on a busy one) while the command loads its own modules, rather than after. A server starts it
once, before its first upload, and keeps it.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import threading

# Windows has no fork (nor passing sockets between processes): there a workbook is read in
# the server's own process, protected by the safety pass alone.
ISOLATED = hasattr(os, "fork") and hasattr(socket, "send_fds")

# The reader process. It imports the reader's own modules and not the upload package's
# __init__ (the template, validation, pandas...), which would triple its start-up time and its
# address space: an empty package module stands in for scorecard.upload while they load.
_READER = """
import os, socket, sys, types
package = types.ModuleType("scorecard.upload")
package.__path__ = [sys.argv[1]]
sys.modules["scorecard.upload"] = package
from scorecard.upload import reader, sandbox
sandbox.serve(socket.socket(fileno=int(sys.argv[2])))
"""
_lock = threading.Lock()
_reader: tuple[subprocess.Popen[bytes], socket.socket] | None = None


def start() -> bool:
    """Start the reader process now if it is not running (reading starts it anyway), so that
    its start-up overlaps other work; True when it has just been started."""
    global _reader
    if not ISOLATED:
        return False
    with _lock:
        if _reader is None or _reader[0].poll() is not None:
            _reader = _start_reader()
            return True
    return False


def hand_over(connection: socket.socket) -> bool:
    """Pass ``connection`` to the reader process, which forks a child to serve it; True
    when the reader process had to be started for it (it is still starting)."""
    global _reader
    started = False
    for attempt in (1, 2):
        started = start() or started
        with _lock:
            assert _reader is not None
            try:
                socket.send_fds(_reader[1], [b"r"], [connection.fileno()])
                return started
            except OSError:
                if attempt == 2:
                    raise
                _reader[1].close()
                _reader = None  # it died between the check and the send: start another
    return started


def _start_reader() -> tuple[subprocess.Popen[bytes], socket.socket]:
    ours, its = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    # The folder holding the scorecard package, wherever the server was started from.
    package = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(package)
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    process = subprocess.Popen(
        [sys.executable, "-c", _READER, os.path.join(package, "upload"), str(its.fileno())],
        pass_fds=[its.fileno()],
        stdin=subprocess.DEVNULL,
        env=os.environ | {"PYTHONPATH": path},
    )
    its.close()
    return process, ours


@atexit.register
def _stop_reader() -> None:
    """Closing the socket ends the reader; waiting for it keeps exits tidy."""
    if _reader is not None:
        _reader[1].close()
        try:
            _reader[0].wait(timeout=5)
        except subprocess.TimeoutExpired:
            _reader[0].kill()
