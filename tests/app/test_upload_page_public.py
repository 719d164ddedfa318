"""The Upload page says which n / N it keeps and which figures the published version will
hide, and why (the store and helpers are test_upload_page's: PEP 90.0% (36 of 40) is stored
for EARLIER)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from scorecard.storage.store import Store
from tests.app.test_upload_page import EARLIER, LAST, app, messages, store, upload, workbook

__all__ = ["app", "store"]  # the fixtures


def test_the_page_says_n_and_N_are_kept_and_lists_what_public_will_hide(
    app: AppTest, store: Store
) -> None:
    upload(
        app,
        "own.xlsx",
        workbook(
            ["PEP", EARLIER.label, None, 90],  # 90.0% as stored: keeps 36 of 40
            ["PEP", LAST.label, None, 92.5],  # new, without n / N: c in public
            ["CLA_COUNT", LAST.label, None, 4],  # a count from 1 to 5: c in public
        ),
    )
    assert (
        "1 percentage(s) or rate(s) have no n / N in this upload but the value stored now: "
        "they keep the stored n / N (from upload 1)."
    ) in messages(app, "info")
    # 36 of 40 singles out the 4 who are not: hidden too, though its n / N are kept.
    assert "3 figure(s) of this upload will be shown as c in the published version" in messages(
        app, "warning"
    )
    hidden = next(d.value for d in app.dataframe if "Why it will be c" in d.value.columns)
    assert hidden.to_dict("records") == [
        {
            "Measure": "PEP",
            "Period": EARLIER.label,
            "Breakdown": "All",
            "In this upload": "90.0% (36 of 40)",
            "Why it will be c": "N - n, the children it leaves out, is from 1 to 5: it would "
            "single them out",
        },
        {
            "Measure": "PEP",
            "Period": LAST.label,
            "Breakdown": "All",
            "In this upload": "92.5%",
            "Why it will be c": "no n / N: a percentage is published only when both are known "
            "(give n and N, or the value stored now to keep its n / N)",
        },
        {
            "Measure": "CLA_COUNT",
            "Period": LAST.label,
            "Breakdown": "All",
            "In this upload": "4",
            "Why it will be c": "a count from 1 to 5",
        },
    ]
    preview = next(d.value for d in app.dataframe if "Stored now" in d.value.columns)
    kept_row = preview[preview["Period"] == EARLIER.label].iloc[0]
    assert kept_row["In this upload"] == "90.0% (36 of 40) (n / N kept from upload 1)"
