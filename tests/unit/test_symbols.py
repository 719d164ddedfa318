"""DfE status symbols: a symbol says why there is no number; it is never a number itself."""

import pytest

from scorecard.symbols import Symbol, parse_symbol


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("c", Symbol.SUPPRESSED),
        ("x", Symbol.NOT_AVAILABLE),
        ("z", Symbol.NOT_APPLICABLE),
        ("k", Symbol.ROUNDS_TO_ZERO),
        ("u", Symbol.LOW_RELIABILITY),
    ],
)
def test_each_dfe_symbol_parses(text, symbol):
    assert parse_symbol(text) is symbol


def test_low_means_rounds_to_zero():
    assert parse_symbol("low") is Symbol.ROUNDS_TO_ZERO


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("C", Symbol.SUPPRESSED),
        (" x ", Symbol.NOT_AVAILABLE),
        ("\tZ\n", Symbol.NOT_APPLICABLE),
        ("LOW", Symbol.ROUNDS_TO_ZERO),
        (" Low ", Symbol.ROUNDS_TO_ZERO),
    ],
)
def test_case_and_surrounding_spaces_are_ignored(text, symbol):
    assert parse_symbol(text) is symbol


@pytest.mark.parametrize(
    "text", ["0", "5", "12.5", "-100", "45%", "suppressed", "none", "n/a", "cx", "c c"]
)
def test_a_number_or_a_word_is_not_a_symbol(text):
    assert parse_symbol(text) is None


def test_every_symbol_explains_itself_in_words():
    assert Symbol.SUPPRESSED.meaning == "suppressed to protect confidentiality"
    assert Symbol.ROUNDS_TO_ZERO.meaning == "rounds to zero, but is not zero"
    assert all(symbol.meaning for symbol in Symbol)
