"""The page rules: facing pages end on the same line; an article's last page is no page
of one or two lines (synthetic pages of 10.5pt body lines on an 18pt pitch)."""

from __future__ import annotations

from publish.check.lines import Line
from publish.check.rules import measure, short_last_pages, uneven_spreads

BODY = ("Publish-Song", ("Publish-Song",))


def _page(page: int, lines: int, first: int = 1, title: bool = False) -> list[Line]:
    """``lines`` body lines from grid line ``first``; with ``title``, an 18pt title over them."""
    out = [Line(page, 1, "外国专家", 0, 200, 82, 100, 18.0, "Publish-Hei-Bold", ("Publish-Hei-Bold",))] if title else []
    for n in range(first, first + lines):
        indent = 21 if n == first else 0
        out.append(Line(page, n, "这一年决战深贫栉风沐雨披荆斩棘", indent, 294, 100 + 18 * n, 110 + 18 * n, 10.5, *BODY))
    return out


def test_a_verso_ending_short_opposite_a_full_recto_is_an_uneven_spread() -> None:
    lines = [*_page(1, 20, title=True), *_page(2, 16), *_page(3, 20), *_page(4, 20)]
    found = [(f.page, f.kind) for f in uneven_spreads(measure(lines))]
    assert found == [(2, "uneven-spread")]


def test_a_spread_whose_recto_ends_the_article_may_end_short() -> None:
    lines = [*_page(1, 20, title=True), *_page(2, 20), *_page(3, 9), *_page(5, 20, title=True)]
    assert list(uneven_spreads(measure(lines))) == []


def test_an_article_ending_with_two_lines_on_a_page_is_a_short_last_page() -> None:
    lines = [*_page(1, 20, title=True), *_page(2, 20), *_page(3, 2), *_page(5, 20, title=True)]
    found = [(f.page, f.kind) for f in short_last_pages(measure(lines))]
    assert found == [(3, "short-last-page")]


def test_an_article_ending_with_three_lines_on_a_page_is_not_reported() -> None:
    lines = [*_page(1, 20, title=True), *_page(2, 20), *_page(3, 3), *_page(5, 20, title=True)]
    assert list(short_last_pages(measure(lines))) == []
