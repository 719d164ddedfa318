"""Comparing with England, statistical neighbours and the best councils (SPEC §3, §6).

DfE's published local-authority statistics are imported (:mod:`.importing`) into the series
each catalogue mapping selects (:mod:`.series`) and the statistical-neighbour model
(:mod:`.neighbours`); the comparisons themselves are pure functions over those series
(:mod:`.comparators`). :mod:`.service` is what pages and the command line call.

Typical use from a view::

    published = service.load_all(store, catalogue)          # cache on store.data_version()
    found = service.comparators_for(published, catalogue, "CL_EET_19_21", observations)
    lines = service.comparator_series(published, catalogue, "CL_EET_19_21")
"""

from scorecard.benchmarks.comparators import Band, Comparators, Quartiles
from scorecard.benchmarks.council import Council
from scorecard.benchmarks.importing import (
    BenchmarkImportRejected,
    ImportOutcome,
    import_contents,
    import_files,
    import_folder,
    import_published_if_present,
)
from scorecard.benchmarks.service import (
    ComparatorLine,
    MeasureBenchmarks,
    PublishedData,
    comparator_series,
    comparators_for,
    load_all,
    load_published,
    measure_benchmarks,
)
from scorecard.benchmarks.years import DfeYear

__all__ = [
    "Band",
    "BenchmarkImportRejected",
    "ComparatorLine",
    "Comparators",
    "Council",
    "DfeYear",
    "ImportOutcome",
    "MeasureBenchmarks",
    "PublishedData",
    "Quartiles",
    "comparator_series",
    "comparators_for",
    "import_contents",
    "import_files",
    "import_folder",
    "import_published_if_present",
    "load_all",
    "load_published",
    "measure_benchmarks",
]
