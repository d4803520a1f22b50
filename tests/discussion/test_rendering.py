"""A comment's text as HTML: escaped, links only for http(s), mentions marked."""

from discussion.mentions import known_prefix, mentioned_names
from discussion.rendering import comment_html


def test_it_escapes_markup():
    assert comment_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_it_makes_a_web_link_clickable_and_safe():
    html = comment_html("See https://example.com/a?b=1&c=2.")
    assert html == (
        'See <a href="https://example.com/a?b=1&amp;c=2" rel="noopener nofollow ugc" '
        'target="_blank">https://example.com/a?b=1&amp;c=2</a>.'
    )


def test_it_links_no_other_scheme():
    html = comment_html("javascript:alert(1) data:text/html,x vbscript:y")
    assert "<a" not in html


def test_a_quote_cannot_break_out_of_the_link():
    html = comment_html('https://example.com/"onmouseover="alert(1)')
    assert 'href="https://example.com/"' in html
    assert '"onmouseover' not in html


def test_chinese_punctuation_ends_a_link():
    html = comment_html("文档在https://example.com/doc。")
    assert 'href="https://example.com/doc"' in html
    assert html.endswith("</a>。")


def test_it_keeps_line_breaks_and_marks_mentions():
    assert comment_html("a\n@member1") == 'a<br><strong class="mention">@member1</strong>'


def test_mentions_are_found_once_without_emails_or_trailing_dots():
    names = mentioned_names("@member1, @张伟 and @member1. mail a@b.com or @sales.manager.")
    assert names == ["member1", "张伟", "sales.manager"]


def test_a_mention_right_after_chinese_text_is_found_and_ends_with_the_ascii():
    assert mentioned_names("请@member1看一下，@张伟。") == ["member1", "张伟"]


def test_the_longest_known_name_a_chinese_mention_starts_with_is_taken():
    assert known_prefix("张伟请看", {"张", "张伟", "member1"}) == "张伟"
    assert known_prefix("李娜", {"张伟"}) is None
