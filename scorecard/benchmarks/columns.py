"""Names in DfE's tidy CSVs and in the series the scorecard keeps from them, named once.

DfE's statistics service publishes one row per time period × geography × filter values, with
the geography described by the columns below. Files differ in column order (and some begin
with a UTF-8 byte-order mark), so they are always read by these names, never by position.
"""

from __future__ import annotations

from enum import StrEnum

TIME_PERIOD = "time_period"
TIME_IDENTIFIER = "time_identifier"
GEOGRAPHIC_LEVEL = "geographic_level"
REGION_CODE = "region_code"
REGION_NAME = "region_name"
OLD_LA_CODE = "old_la_code"
NEW_LA_CODE = "new_la_code"
LA_NAME = "la_name"
VERSION = "version"

# Without these a file is not a local-authority DfE tidy CSV.
GEOGRAPHY_COLUMNS = (
    TIME_PERIOD,
    TIME_IDENTIFIER,
    GEOGRAPHIC_LEVEL,
    REGION_CODE,
    REGION_NAME,
    OLD_LA_CODE,
    NEW_LA_CODE,
    LA_NAME,
)

# What the scorecard keeps of each row a mapping selects (DfeSource in the catalogue).
SERIES = "series"  # the fingerprint of the mapping that selected a row
MEASURE_ID = "measure_id"  # the measure it was imported for
VALUE = "value"
SYMBOL = "symbol"
NUMERATOR = "numerator"
DENOMINATOR = "denominator"
SERIES_COLUMNS = (
    *GEOGRAPHY_COLUMNS,
    VALUE,
    SYMBOL,
    NUMERATOR,
    DENOMINATOR,
    VERSION,
)

# One place in one year: a series has at most one row for each.
PLACE_KEY = (TIME_PERIOD, TIME_IDENTIFIER, GEOGRAPHIC_LEVEL, REGION_CODE, OLD_LA_CODE, NEW_LA_CODE)

# The statistical-neighbour model (sn_model_2025_wide.csv): one row per council, its ten
# nearest neighbours in SN_1 ... SN_10 (old three-digit codes) and their closeness in SN_nP.
SN_NEIGHBOURS = 10
SN_COLUMNS = (OLD_LA_CODE, LA_NAME, REGION_NAME)
POSITION = "position"
NEIGHBOUR = "neighbour_old_la_code"
CLOSENESS = "closeness"


def sn_column(position: int) -> str:
    return f"SN_{position}"


def sn_closeness_column(position: int) -> str:
    return f"SN_{position}P"


class Level(StrEnum):
    """``geographic_level``: the rows the scorecard uses. Others (e.g. local authority
    district) are not kept."""

    NATIONAL = "National"
    REGIONAL = "Regional"
    LOCAL_AUTHORITY = "Local authority"


class ImportKind(StrEnum):
    STATISTICS = "dfe statistics"
    NEIGHBOURS = "statistical neighbours"


# When a file holds several versions of the same figures, the most final one counts.
VERSION_PREFERENCE = {"final": 0, "revised": 1, "provisional": 2}
