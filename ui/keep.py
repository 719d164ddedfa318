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
    oldest goes first: keys carry the data version, so the oldest is the stalest.

    An argument with a ``cache_key`` (the scorecard: its database and versions) is keyed on
    that, so a kept result never holds on to a whole old version of the figures."""

    def decorate(work: Callable[P, R]) -> Callable[P, R]:
        results: OrderedDict[Hashable, R] = OrderedDict()
        guard = threading.Lock()
        in_hand: dict[Hashable, threading.Lock] = {}

        @functools.wraps(work)
        def cached(*args: P.args, **kwargs: P.kwargs) -> R:
            if kwargs:
                raise TypeError(f"{work.__name__} is cached: pass its arguments by position")
            key = tuple(getattr(a, "cache_key", a) for a in args)
            try:
                return results[key]  # no lock: a dictionary read is atomic
            except KeyError:
                pass
            with guard:
                turn = in_hand.setdefault(key, threading.Lock())
            with turn:  # whoever came first computes; the others wait for its result
                if key in results:
                    return results[key]
                try:
                    value = work(*args)  # type: ignore[call-arg]
                    with guard:
                        results[key] = value
                        while len(results) > most:
                            results.popitem(last=False)
                finally:
                    with guard:
                        in_hand.pop(key, None)
                return value

        cached.cache_clear = results.clear  # type: ignore[attr-defined]
        return cached

    return decorate
