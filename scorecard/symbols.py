"""DfE status symbols: why a cell has no number.

A symbol is a status, never a number: there are no -100 sentinels anywhere in the scorecard.
"""

from __future__ import annotations

from enum import StrEnum


class Symbol(StrEnum):
    SUPPRESSED = "c"
    NOT_AVAILABLE = "x"
    NOT_APPLICABLE = "z"
    ROUNDS_TO_ZERO = "k"
    LOW_RELIABILITY = "u"

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS = {
    Symbol.SUPPRESSED: "suppressed to protect confidentiality",
    Symbol.NOT_AVAILABLE: "not available",
    Symbol.NOT_APPLICABLE: "not applicable",
    Symbol.ROUNDS_TO_ZERO: "rounds to zero, but is not zero",
    Symbol.LOW_RELIABILITY: "low reliability",
}

# What officers and DfE files write for each symbol. "low" is DfE's older spelling of k.
_ALIASES = {s.value: s for s in Symbol} | {"low": Symbol.ROUNDS_TO_ZERO}


def parse_symbol(text: str) -> Symbol | None:
    """The symbol ``text`` stands for, or None when it is not a symbol."""
    return _ALIASES.get(text.strip().lower())
