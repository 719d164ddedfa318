"""A cache for what pages work out from the database, shared by every session of the server.

Why not ``st.cache_resource``: it hashes its arguments (pickling them and inspecting the
function's signature) on every call, about 0.2 ms a call here, and a page makes several such
calls on every run, which is more than a light page's own work. Our keys are a few small
hashable values (the database address, its data version, a quarter), so a dictionary lookup
does. What ``st.cache_resource`` gives and we keep: one computation per key even when many
sessions ask at the same moment (an upload has just changed the version and fifty browsers
reload), and a bound on how many results are held.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def kept(most: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep the results of the last ``most`` distinct calls (positional arguments only). The
    oldest goes first: keys carry the data version, so the oldest is the stalest."""

    def decorate(work: Callable[P, R]) -> Callable[P, R]:
        results: OrderedDict[Hashable, R] = OrderedDict()
        guard = threading.Lock()
        in_hand: dict[Hashable, threading.Lock] = {}

        @functools.wraps(work)
        def cached(*args: P.args, **kwargs: P.kwargs) -> R:
            if kwargs:
                raise TypeError(f"{work.__name__} is cached: pass its arguments by position")
            try:
                return results[args]  # no lock: a dictionary read is atomic
            except KeyError:
                pass
            with guard:
                turn = in_hand.setdefault(args, threading.Lock())
            with turn:  # whoever came first computes; the others wait for its result
                if args in results:
                    return results[args]
                try:
                    value = work(*args)  # type: ignore[call-arg]
                    with guard:
                        results[args] = value
                        while len(results) > most:
                            results.popitem(last=False)
                finally:
                    with guard:
                        in_hand.pop(args, None)
                return value

        cached.cache_clear = results.clear  # type: ignore[attr-defined]
        return cached

    return decorate
