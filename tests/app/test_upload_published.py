"""The Upload page warns before an upload or a roll-back changes a quarter already published.

The database (tests/app/test_upload_page.py) holds PEP 90.0% for the quarter before last;
here the Published version page showed it on 1 December 2026. The upload GOOD changes it to
91.0%.
"""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from scorecard.disclosure import Release
from scorecard.storage.publications import Output, record
from scorecard.storage.store import Store
from tests.app.pickers import open_fold
from tests.app.test_upload_page import EARLIER, GOOD, app, button, messages, store, upload

__all__ = ["app", "store"]  # the fixtures

WARNING = (
    f"{EARLIER.label} was published on 1 December 2026 (Published version page); {{doing}} 1 "
    "of its figures: the public version will keep hiding what it hid then."
)


def published_on_the_first(store: Store) -> None:
    at = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    record(store, [Release(EARLIER, at, {("PEP", "All"): 90.0})], Output.PAGE)


def test_an_upload_changing_a_published_quarter_is_flagged_before_saving(
    app: AppTest, store: Store
) -> None:
    published_on_the_first(store)

    upload(app, "q2.xlsx", GOOD)

    assert WARNING.format(doing="this upload changes") in messages(app, "warning")


def test_rolling_back_an_upload_that_changed_a_published_quarter_is_flagged_before(
    app: AppTest, store: Store
) -> None:
    upload(app, "q2.xlsx", GOOD)
    button(app, "upload_commit").click().run()
    published_on_the_first(store)

    open_fold(app, "rollback_open")
    button(app, "rollback_start").click().run()

    assert WARNING.format(doing="rolling it back changes") in messages(app, "warning")


def test_an_upload_of_quarters_never_published_has_no_such_warning(app: AppTest) -> None:
    upload(app, "q2.xlsx", GOOD)
    assert "was published on" not in messages(app, "warning")
