"""DfE's publications and the names its columns have had (data in ``dfe_sources.toml``).

A catalogue mapping names a publication by its slug (``[measures.dfe] publication``); this
module knows each publication's title and the month DfE usually publishes it, for captions
and for saying when a release is due (:mod:`.freshness`). It also reads a file whose columns
DfE renamed between releases as if it had the names the catalogue's mappings use.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from scorecard.benchmarks.reading import CsvFile

_DATA = tomllib.loads((Path(__file__).parent / "dfe_sources.toml").read_text("utf-8"))


@dataclass(frozen=True)
class Publication:
    slug: str
    title: str
    month: int  # when DfE usually publishes it
    lag: int  # years from the end of the data's year to that month's year


PUBLICATIONS = {
    slug: Publication(slug, entry["title"], int(entry["month"]), int(entry["lag"]))
    for slug, entry in _DATA["publications"].items()
}
# Old name -> the newer names DfE has used for the same column.
ALIASES: dict[str, tuple[str, ...]] = {old: tuple(new) for old, new in _DATA["aliases"].items()}


def publication(slug: str | None) -> Publication | None:
    return PUBLICATIONS.get(slug.strip()) if slug else None


def other_names(column: str) -> tuple[str, ...]:
    """The names DfE has used instead of ``column``: an old name's newer names, or a newer
    name's old one (never another newer name: children_count is not care_leaver_count)."""
    if column in ALIASES:
        return ALIASES[column]
    return tuple(old for old, new in ALIASES.items() if column in new)


@dataclass(frozen=True)
class Renamed:
    found: str  # the file's name for the column
    read_as: str  # the name the catalogue's mapping uses

    def __str__(self) -> str:
        return f"column '{self.found}' read as '{self.read_as}'"


def read_renamed(file: CsvFile, needed: Iterable[str]) -> tuple[CsvFile, list[Renamed]]:
    """``file`` with each needed column it lacks taken from a column DfE named differently,
    and what was renamed. A column another mapping needs under its own name is never taken."""
    needed = list(dict.fromkeys(needed))
    renames: list[Renamed] = []
    taken = set(needed)
    for wanted in needed:
        if file.has(wanted):
            continue
        for name in other_names(wanted):
            if file.has(name) and name not in taken:
                renames.append(Renamed(name, wanted))
                taken.add(name)
                break
    if not renames:
        return file, []
    names = {r.found: r.read_as for r in renames}
    header = tuple(names.get(h, h) for h in file.header)
    return replace(file, header=header, frame=file.frame.rename(columns=names)), renames
