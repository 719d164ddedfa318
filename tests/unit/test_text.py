"""Text people typed is shown as text: never as HTML, Markdown, Streamlit directives or
LaTeX (SPEC §3 disclosure control: "free text is shown as text, never as HTML").

CommonMark shows a backslash-escaped punctuation mark as the mark itself, so each expected
string below is the typed text with a backslash before every ASCII punctuation mark.
"""

from __future__ import annotations

from scorecard.text import as_markdown_text


def test_html_tags_are_escaped():
    assert as_markdown_text("<b>bold</b>") == r"\<b\>bold\<\/b\>"
    assert as_markdown_text("<script>alert(1)</script>") == (r"\<script\>alert\(1\)\<\/script\>")


def test_an_html_entity_is_shown_as_typed():
    assert as_markdown_text("Fish &amp; chips") == r"Fish \&amp\; chips"


def test_a_markdown_link_is_not_a_link():
    assert as_markdown_text("[click here](https://evil.example)") == (
        r"\[click here\]\(https" + "\u2060" + r"\:\/\/evil\.example\)"
    )


def test_a_bare_web_address_cannot_be_turned_into_a_link():
    # GitHub-flavoured Markdown links "www." and "https://" on sight; escaped, neither is left.
    escaped = as_markdown_text("See www.example.com or https://example.com")
    assert (
        escaped == "See www\u2060" + r"\.example\.com or https" + "\u2060" + r"\:\/\/example\.com"
    )
    assert "www." not in escaped and "://" not in escaped


def test_an_image_is_not_loaded():
    assert as_markdown_text("![tracker](https://evil.example/pixel.png)") == (
        r"\!\[tracker\]\(https" + "\u2060" + r"\:\/\/evil\.example\/pixel\.png\)"
    )


def test_emphasis_is_shown_as_typed():
    assert as_markdown_text("*very* _really_ **bold** ~~gone~~") == (
        r"\*very\* \_really\_ \*\*bold\*\* \~\~gone\~\~"
    )


def test_a_streamlit_colour_directive_is_shown_as_typed():
    assert as_markdown_text(":red[urgent] :material/home:") == (
        r"\:red\[urgent\] \:material\/home\:"
    )


def test_latex_is_shown_as_typed():
    assert as_markdown_text("costs $x^2$ or $$y$$") == r"costs \$x\^2\$ or \$\$y\$\$"


def test_a_heading_a_list_and_a_quote_are_shown_as_typed():
    assert as_markdown_text("# Not a heading") == r"\# Not a heading"
    assert as_markdown_text("- not a bullet") == r"\- not a bullet"
    assert as_markdown_text("1. not a list") == r"1\. not a list"
    assert as_markdown_text("> not a quote") == r"\> not a quote"


def test_a_backslash_is_shown_as_typed():
    assert as_markdown_text("C:\\Reports") == r"C\:\\Reports"


def test_plain_words_are_unchanged():
    assert as_markdown_text("Dental checks fell after two practices closed") == (
        "Dental checks fell after two practices closed"
    )


def test_line_breaks_are_kept_as_hard_breaks():
    # Two spaces before a newline is a line break in Markdown.
    assert as_markdown_text("first line\nsecond line") == "first line  \nsecond line"
    assert as_markdown_text("Windows line\r\nends") == "Windows line  \nends"


def test_a_blank_line_between_paragraphs_is_kept():
    assert as_markdown_text("one\n\ntwo").split("  \n") == ["one", "", "two"]


def test_empty_text_stays_empty():
    assert as_markdown_text("") == ""


def test_bare_web_and_email_addresses_do_not_become_links():
    # GitHub-flavoured Markdown links these even with their punctuation escaped.
    shown = as_markdown_text("see http://evil.example or www.evil.example or a@evil.example")
    assert "http\u2060" in shown and "www\u2060" in shown and "@\u2060" in shown


def test_control_characters_that_break_spreadsheets_are_removed_but_line_breaks_stay():
    from scorecard.text import without_control_characters

    assert without_control_characters("a\x00b\x07c\td\ne\rf\x1f") == "abc\td\ne\rf"
