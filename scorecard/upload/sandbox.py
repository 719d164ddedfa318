"""Read an uploaded workbook in a child process that may crash without harming anyone else.

python-calamine is Rust: when an allocation fails it aborts the whole process, which no Python
code can catch. In the app that process is the Streamlit server, so one hostile file would end
every session. :mod:`scorecard.upload.safety` bounds what reading will allocate, but a bound
estimated from the file can be wrong; this module is what holds when it is.

A small helper process (the "reader", :mod:`scorecard.reading_process`), started once with the
upload modules imported, forks a fresh child for each workbook. The child limits its own
address space to what it has plus
``SCORECARD_UPLOAD_MEMORY_MB`` (512 by default: the safety pass lets through only workbooks
estimated to need at most 320 MB) and its wall time to ``SCORECARD_UPLOAD_SECONDS`` (60),
reads the workbook with the same code as before, and sends back the result. If it dies
(an abort, the memory limit, the alarm) the caller gets :class:`UnreadableFile` saying the
workbook could not be read safely. Forking from the small single-threaded reader, not from the
server (which runs many threads, so forking it is unsafe), keeps each read's start cheap: no
interpreter to start and no modules to import.

The safety pass runs in the server meanwhile, so a read takes about as long as the longer of
the two rather than both: the child is limited in memory and time, so it may start on a file
the safety pass has not finished with. When the safety pass refuses the file, the child is
ended at once (through a pidfd, which names that very process however soon it ends) and the
safety pass's message is the answer, as if the child had never started.

The result comes back as plain values, each sheet a column at a time (marshal, the fastest),
or pickled in the same form when a cell holds a date (unpickled allowing only the classes of a
cell), so even a child that had been subverted could not make the server run anything; it
could only send wrong values, and only of the kinds a cell holds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import marshal
import os
import pickle
import select
import signal
import socket
import struct
import time
import traceback
from collections.abc import Callable, Collection, Sequence
from typing import Any

from scorecard import reading_process
from scorecard.errors import UnreadableFile
from scorecard.reading_process import ISOLATED

MEMORY_SETTING = "SCORECARD_UPLOAD_MEMORY_MB"
SECONDS_SETTING = "SCORECARD_UPLOAD_SECONDS"
DEFAULT_MEMORY_MB = 512
DEFAULT_SECONDS = 60

# Memory limit, seconds, length of the file name, length of the file; then the file name and
# the file, then (once the server's safety pass has accepted it) which sheets hold error cells.
_HEADER = struct.Struct("!QQQQ")
_PID = struct.Struct("!Q")  # the child's process id, its first words
# A running reader process forks the child and it says its id within a few milliseconds.
_FORK_SECONDS = 0.05
# Ending the child while it reads (when the safety pass refuses the file) needs a pidfd.
_CAN_END = hasattr(os, "pidfd_open") and hasattr(signal, "pidfd_send_signal")
_OK, _PLAIN, _REFUSED, _FAILED = b"O", b"M", b"R", b"F"
_MOST_MARSHALLED = 16 * 1024 * 1024  # bytes; the benchmark's 24,000 rows take 1.5 MB
_SAFE_CLASSES = {
    ("builtins", "frozenset"),
    ("builtins", "set"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
}


def could_not_read(reason: str) -> UnreadableFile:
    return UnreadableFile(
        f"This workbook could not be read safely: {reason}. Nothing was saved. Keep only the "
        "Data, Commentary and Actions sheets, delete long text repeated in many cells, save "
        "it as an Excel workbook (.xlsx) and upload it again; if it still fails, send it to "
        "the scorecard's administrator."
    )


def _setting(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) <= 0:
        raise UnreadableFile(
            f"The setting {name}={text!r} is not a whole number above 0; ask the scorecard's "
            "administrator to correct it."
        )
    return int(text)


def read_xlsx(
    file_name: str,
    content: bytes,
    check: Callable[[], Collection[str] | None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Any:
    """What :func:`scorecard.upload.reader.read_xlsx_here` returns, read in a limited child.

    ``check`` (the safety pass), then ``meanwhile`` (other work), run in this process while
    the child reads. Whatever they raise is what the caller gets, whatever the child found:
    the child is ended at once and its answer never read. The child is limited in memory and
    time, so it may start before the safety pass has finished. ``check`` returns the
    worksheet parts that hold the mark of an error cell, which the child is told (None: the
    child looks for them itself).
    """
    memory_mb = _setting(MEMORY_SETTING, DEFAULT_MEMORY_MB)
    seconds = _setting(SECONDS_SETTING, DEFAULT_SECONDS)
    if not ISOLATED:
        from scorecard.upload import reader

        if check is not None:
            check()
        if meanwhile is not None:
            meanwhile()
        return reader.read_xlsx_here(file_name, content)

    def checked() -> bytes:
        """The safety pass, then what the child is told of the sheets with error cells
        (nothing: it looks for them itself)."""
        if check is None:
            return b""
        parts = check()
        return marshal.dumps(tuple(sorted(parts))) if parts is not None else b""

    mine, theirs = socket.socketpair()
    with mine:
        try:
            starting = reading_process.hand_over(theirs)
        except OSError:
            checked()
            raise could_not_read("the process that reads workbooks could not be started") from None
        finally:
            theirs.close()
        name = file_name.encode("utf-8", "replace")
        mine.settimeout(seconds + 10)  # the child's own alarm ends it first
        started = time.monotonic()
        errors: bytes | None = None  # what the child is told of error cells, once known
        if starting or not select.select([mine], [], [], _FORK_SECONDS)[0]:
            # The reader process is still starting (a command line starts it as it loads
            # its modules): the safety pass runs meanwhile, rather than after.
            errors = checked()
        child = _child_handle(mine)
        try:
            if child is None and errors is None:
                errors = checked()  # a child that cannot be ended reads only what passed
            try:
                mine.sendall(_HEADER.pack(memory_mb, seconds, len(name), len(content)) + name)
                mine.sendall(content)
            except OSError:
                pass  # a child that has died: its answer (none) says so
            try:
                if errors is None:
                    errors = checked()
                with contextlib.suppress(OSError):
                    mine.sendall(errors)
                    mine.shutdown(socket.SHUT_WR)
                if meanwhile is not None:
                    meanwhile()
            except BaseException:
                _end(child)
                raise
            try:
                kind = mine.recv(1)
                if kind == _PLAIN:
                    return _from_plain(marshal.loads(_receive_all(mine)))
                if kind == _OK:
                    # Unpickled as it arrives: the workbook is not held twice, as bytes too.
                    with mine.makefile("rb") as stream:
                        return _from_plain(_SafeUnpickler(stream).load())
                answer = kind + _receive_all(mine)
            except (
                TimeoutError,
                OSError,
                EOFError,
                pickle.UnpicklingError,
                TypeError,
                ValueError,
            ):
                answer = b""  # a child that died while answering, or sent what is not a workbook
        finally:
            if child is not None:
                os.close(child)
    return _result(answer, memory_mb, seconds, time.monotonic() - started)


def _child_handle(connection: socket.socket) -> int | None:
    """A handle on the child serving ``connection`` (a pidfd), to end it with; None where
    there is none. The child says its process id first, then waits for the workbook, so it
    is alive (its id not reused) when the handle is opened."""
    try:
        said = b""
        while len(said) < _PID.size:
            chunk = connection.recv(_PID.size - len(said))
            if not chunk:
                return None
            said += chunk
        (pid,) = _PID.unpack(said)
        return os.pidfd_open(pid) if _CAN_END else None
    except (OSError, ValueError, OverflowError):
        return None


def _end(child: int | None) -> None:
    if child is not None:
        with contextlib.suppress(OSError):  # it has ended already
            signal.pidfd_send_signal(child, signal.SIGKILL)


def _receive_exactly(connection: socket.socket, length: int) -> bytes:
    found = bytearray(length)
    view = memoryview(found)
    at = 0
    while at < length:
        count = connection.recv_into(view[at:])
        if not count:
            raise EOFError("the request ended early")
        at += count
    return bytes(found)


def _receive_all(connection: socket.socket) -> bytes:
    chunks = []
    while chunk := connection.recv(1024 * 1024):
        chunks.append(chunk)
    return b"".join(chunks)


def _result(answer: bytes, memory_mb: int, seconds: int, elapsed: float) -> Any:
    kind, body = answer[:1], answer[1:]
    if kind == _REFUSED:
        raise UnreadableFile(body.decode("utf-8"))
    if kind == _FAILED:
        raise RuntimeError(f"reading the upload failed in the child:\n{body.decode()}")
    if elapsed >= seconds:
        raise could_not_read(f"reading it took more than {seconds} seconds")
    raise could_not_read(
        f"reading it needed more than {memory_mb:,} MB of memory, or made the spreadsheet "
        "reader fail"
    )


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _SAFE_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a workbook")
        return super().find_class(module, name)


# -- the reader process -----------------------------------------------------------------------
def serve(control: socket.socket) -> None:
    """Fork a child for each connection handed over by :func:`read_xlsx`, until the server
    closes ``control``."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    # A child lives for one read and makes no reference cycles worth collecting: without the
    # cycle collector it neither walks its hundreds of thousands of cells again and again nor
    # copies the reader's pages by touching them.
    gc.disable()
    gc.freeze()
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 1, 1)
        except OSError:
            return
        if not message:
            return  # the server has gone
        for fd in fds:
            if os.fork() == 0:
                control.close()
                _child(fd)  # never returns
            os.close(fd)


def _child(fd: int) -> None:
    code = 0
    try:
        with socket.socket(fileno=fd) as connection:
            connection.sendall(_PID.pack(os.getpid()))
            memory_mb, seconds, name_length, length = _HEADER.unpack(
                _receive_exactly(connection, _HEADER.size)
            )
            name = _receive_exactly(connection, name_length).decode("utf-8", "replace")
            content = _receive_exactly(connection, length)
            # Quiet: what a dying reader prints (Rust's "memory allocation failed") means
            # nothing to the person uploading, who is told what to do instead.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            signal.alarm(seconds)  # SIGALRM's default action ends the process, even in Rust
            _limit_memory(memory_mb)
            _answer(connection, name, content)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _limit_memory(memory_mb: int) -> None:
    """Limit this process's address space to what it has (the interpreter and the upload
    modules) plus ``memory_mb``. Linux only: elsewhere the alarm and the safety pass remain."""
    import resource

    try:
        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return
    limit = size + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _answer(connection: socket.socket, file_name: str, content: bytes) -> None:
    from scorecard.upload import reader

    def error_parts() -> tuple[str, ...] | None:
        """What the server found of the sheets with error cells; None: look here."""
        said = _receive_all(connection)
        if not said:
            return None
        parts = marshal.loads(said)
        if type(parts) is not tuple or not {str}.issuperset(map(type, parts)):
            return None
        return parts

    try:
        workbook = reader.read_xlsx_here(file_name, content, error_parts)
    except UnreadableFile as refused:
        connection.sendall(_REFUSED + str(refused).encode("utf-8"))
        return
    except MemoryError:
        return  # reported as a read that needed too much memory
    except Exception:
        connection.sendall(_FAILED + traceback.format_exc().encode("utf-8", "replace"))
        return
    try:
        plain = marshal.dumps(_to_plain(workbook))
    except ValueError:  # a date, time or duration in a cell: marshal has no such types
        plain = b""
    # marshal needs all of its bytes at once; the server would hold a large workbook twice.
    if not plain or len(plain) > _MOST_MARSHALLED:
        connection.sendall(_OK)
        with connection.makefile("wb") as stream:
            pickle.dump(_to_plain(workbook), stream, protocol=pickle.HIGHEST_PROTOCOL)
    else:
        connection.sendall(_PLAIN + plain)


# A workbook as plain values, each sheet a column at a time: marshal writes and reads them
# many times faster than pickle writes the classes, and a column of cells, its repeated text
# one object, far faster than the same cells row by row (0.005 s to write and read the
# benchmark's 24,000 rows, against 0.05 s row by row). marshal builds values and never runs
# anything; what it builds is checked into the reader's classes, and anything else refuses
# the file. A workbook with a date in a cell (marshal has no such type), or too large for
# marshal to hold at once, is pickled in the same form instead.
def _to_plain(workbook: Any) -> tuple[Any, ...]:
    return (
        workbook.file_name,
        workbook.is_csv,
        tuple(
            (s.name, s.header_row, s.header, _plain_numbers(s.numbers), s.columns, s.percent_cells)
            for s in workbook.sheets
        ),
    )


def _plain_numbers(numbers: Sequence[int]) -> tuple[int, ...] | list[int]:
    """A sheet's row numbers: every number (a tuple), or the first and the one after the
    last (a list of two) when they run on one by one, as they do but for an empty row."""
    if isinstance(numbers, range) and numbers.step == 1:
        return [numbers.start, numbers.stop]
    return tuple(numbers)


def _from_plain(plain: tuple[Any, ...]) -> Any:
    from scorecard.upload.reader import UploadSheet, UploadWorkbook

    file_name, is_csv, sheets = plain
    found = []
    for name, header_row, header, plain_numbers, columns, percent in _exactly(tuple, sheets):
        numbers = _numbers(plain_numbers)
        checked = [_column(c, len(numbers)) for c in _exactly(tuple, columns)]
        found.append(
            UploadSheet.from_columns(
                name=_exactly(str, name),
                header_row=_exactly(int, header_row),
                header=_cells(header),
                numbers=numbers,
                columns=tuple(c for c, _ in checked),
                percent_cells=_exactly(frozenset, percent),
                kinds=[kinds for _, kinds in checked],
            )
        )
    return UploadWorkbook(
        file_name=_exactly(str, file_name), is_csv=_exactly(bool, is_csv), sheets=tuple(found)
    )


_EXCEL_ROWS = 1_048_576  # a sheet's rows at most

_CELL_TYPES = frozenset(
    {type(None), str, float, int, bool, dt.date, dt.datetime, dt.time, dt.timedelta}
)


def _cells(column: Any, length: int | None = None) -> tuple[Any, ...]:
    """A tuple of cells of the kinds a workbook holds (of ``length`` cells if given)."""
    if (
        type(column) is not tuple
        or (length is not None and len(column) != length)
        or not _CELL_TYPES.issuperset(map(type, column))
    ):
        raise TypeError("cells expected")
    return column


def _column(column: Any, length: int) -> tuple[tuple[Any, ...], frozenset[type]]:
    """A column of ``length`` cells of the kinds a workbook holds, and those kinds."""
    if type(column) is not tuple or len(column) != length:
        raise TypeError("cells expected")
    # (Every cell's type, not those of its distinct values: hashing what a subverted child
    # sent could be made slow, or, for a tuple nested deep enough, end the server.)
    kinds = frozenset(map(type, column))
    if not kinds <= _CELL_TYPES:
        raise TypeError("cells expected")
    return column, kinds or frozenset({type(None)})


def _numbers(numbers: Any) -> Sequence[int]:
    if type(numbers) is list and len(numbers) == 2 and {int} == set(map(type, numbers)):
        first, after = numbers
        if 0 < first <= after <= _EXCEL_ROWS + 1:
            return range(first, after)
    elif (
        type(numbers) is tuple
        and {int}.issuperset(map(type, numbers))
        and (not numbers or 0 < min(numbers) <= max(numbers) <= _EXCEL_ROWS)
    ):
        return numbers
    raise TypeError("row numbers expected")


def _exactly(kind: type, value: Any) -> Any:
    if type(value) is not kind:
        raise TypeError(f"{kind.__name__} expected")
    return value
