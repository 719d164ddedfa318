"""Columns of cells as numpy arrays, made without a Python loop over the cells (an upload
has tens of thousands of rows)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import TypeVar

import numpy as np
import numpy.typing as npt

_T = TypeVar("_T")


def take(items: Sequence[_T], rows: Sequence[int] | npt.NDArray[np.intp]) -> list[_T]:
    """The items at ``rows`` (at least one), without a Python loop."""
    at = rows.tolist() if isinstance(rows, np.ndarray) else list(rows)
    return list(itemgetter(*at)(items)) if len(at) > 1 else [items[at[0]]]


def not_none(cells: Iterable[object], count: int) -> npt.NDArray[np.bool_]:
    """Which of ``count`` cells are not None. (The cells are text, numbers, dates or
    symbols, each of which is unequal to None, and never equal to it but None itself.)"""
    found: npt.NDArray[np.bool_] = _objects(cells, count) != None  # noqa: E711 (each cell)
    return found


def _objects(cells: Iterable[object], count: int) -> npt.NDArray[np.object_]:
    """The cells in an array of objects, as they are: np.array would first look into each
    one for a sequence (five times as long)."""
    return np.fromiter(cells, object, count)


def blanks_as_nan(
    cells: Sequence[float | int | None],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_] | None]:
    """Numbers and blanks (None) as floats, a blank as NaN; and which cells are blank, read
    from the NaN when there are as many as there are None (None when a cell is NaN itself,
    which only a look at each cell tells apart)."""
    # (Made as objects then floats: np.array's own way turns each None into NaN slowly, a
    # third longer for a column of n / N that counts leave blank.)
    numbers = _objects(cells, len(cells)).astype(np.float64)
    blank = np.isnan(numbers)
    return numbers, blank if int(blank.sum()) == cells.count(None) else None
