"""Text people typed is shown as text: never as HTML, Markdown, Streamlit directives or
LaTeX (SPEC §3 disclosure control: "free text is shown as text, never as HTML").

CommonMark shows a backslash-escaped punctuation mark as the mark itself, so each expected
string below is the typed text with a backslash before every ASCII punctuation mark.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_emoji_icon_and_logo_shortcodes_are_shown_as_typed():
    # Streamlit swaps these in the text after escapes are undone, so an invisible word
    # joiner after the opening colon is what stops them (":streamlit:" is an image).
    assert as_markdown_text(":smile: :material_home: :streamlit:") == (
        "\\:\u2060smile\\: \\:\u2060material\\_home\\: \\:\u2060streamlit\\:"
    )


def test_four_leading_spaces_do_not_make_a_code_block():
    assert as_markdown_text("    indented\n\tand tabbed") == "indented  \nand tabbed"


def test_hostile_text_parses_to_nothing_but_its_own_characters():
    from tests.markup import active_markup, shown_text

    hostile = (
        "[Your session has expired](https://evil.example/login) ![t](http://evil.example/t.png)"
        ' <a href="https://evil.example">x</a> <img src=https://evil.example/i.png>'
        " <https://evil.example> https://evil.example www.evil.example me@evil.example"
        " :red[x] :material/home: :smile: :streamlit: $x^2$ **b** _i_ `c` ~~s~~ | a | b |"
    )
    assert active_markup(hostile)  # the check finds every one of these unescaped
    assert active_markup(as_markdown_text(hostile)) == []
    assert shown_text(as_markdown_text(hostile)) == hostile


def test_ordinary_text_reads_exactly_as_typed():
    from tests.markup import shown_text

    typed = "Children's homes (p) - 12 n/N 45% 2026/27 Q2 £1,250 & more; 10:30 → done!"
    assert shown_text(as_markdown_text(typed)) == typed


@given(
    st.lists(
        st.text(
            st.characters(
                blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\u2060"
            ),
            min_size=1,
            max_size=40,
        ).filter(lambda line: line.strip() == line and line != ""),
        min_size=1,
        max_size=4,
    )
)
@settings(max_examples=300, deadline=None)
def test_any_typed_text_is_shown_as_typed_and_makes_nothing_active(lines: list[str]) -> None:
    from tests.markup import active_markup, shown_text

    typed = "\n".join(lines)
    shown = as_markdown_text(typed)
    assert active_markup(shown) == []
    assert shown_text(shown) == typed


def test_chart_text_keeps_html_tags_as_characters():
    from scorecard.text import as_chart_text

    assert as_chart_text('<a href="https://evil.example">x</a> & <b>') == (
        '&lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; &lt;b&gt;'
    )
    assert as_chart_text("Children's homes (16+)") == "Children's homes (16+)"


def test_arrows_dashes_and_signs_typed_between_spaces_stay_as_typed():
    # Streamlit turns " -> " into an arrow and " -- " into a dash after escapes are undone.
    from tests.markup import active_markup

    typed = "16 -- 18 -> better <= 5 >= 2 <- no <-> ~= same"
    assert active_markup(typed) != []
    assert active_markup(as_markdown_text(typed)) == []
    assert as_markdown_text("a -> b") == "a \\-\u2060\\> b"
