"""Our HTML reaches the page exactly as it was built (ui/markup.py)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page() -> None:
    from ui import markup

    # Indented lines and a line of spaces inside <pre>: st.html given a plain string dedents
    # it (costly on a large page), which here would also change what <pre> shows.
    markup.html("\n  <pre>  two spaces\n    four spaces\n  \n  </pre>\n  <p>after</p>\n")
    markup.html("<style>.sc-x { color: #0b0c0c; }</style>")


def test_our_html_is_sent_as_built_and_a_stylesheet_alone_takes_no_room() -> None:
    app = AppTest.from_function(_page).run()
    assert not app.exception
    bodies = [h.proto.body for h in app.get("html")]
    assert bodies == [
        "<pre>  two spaces\n    four spaces\n  \n  </pre>\n  <p>after</p>",
        "<style>.sc-x { color: #0b0c0c; }</style>",
    ]
    # Only the first is in the page's main column; the style-only one goes where Streamlit
    # puts what draws nothing (its event container), as before.
    assert len(app.main.get("html")) == 1
