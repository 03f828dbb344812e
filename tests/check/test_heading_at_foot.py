"""A heading alone at a page foot is reported when the text it heads is on the next page;
a title page's title, followed by the 目录, heads nothing there (synthetic pages)."""

from __future__ import annotations

from publish.check.lines import Line
from publish.check.rules import headings_at_foot, measure

BODY = ("Publish-Song", ("Publish-Song",))
HEI = ("Publish-Hei-Bold", ("Publish-Hei-Bold",))


def _body(page: int, lines: int) -> list[Line]:
    return [
        Line(page, n, "这一年决战深贫栉风沐雨披荆斩棘", 21 if n == 1 else 0, 294, 100 + 18 * n, 110 + 18 * n, 10.5, *BODY)
        for n in range(1, lines + 1)
    ]


def _heading(page: int, number: int, text: str) -> Line:
    return Line(page, number, text, 0, 120, 100 + 18 * number, 110 + 18 * number, 14.0, *HEI)


def test_a_heading_whose_text_starts_the_next_page_is_at_the_foot() -> None:
    lines = [*_body(1, 19), _heading(1, 20, "二、主要做法"), *_body(2, 20)]
    assert [(f.page, f.kind) for f in headings_at_foot(measure(lines))] == [(1, "heading-at-foot")]


def test_a_title_page_followed_by_the_contents_is_no_heading_at_the_foot() -> None:
    entry = Line(2, 2, "外国专家：中美合作共赢……5", 0, 294, 136, 146, 10.5, *BODY)
    lines = [_heading(1, 1, "试验"), _heading(2, 1, "目　录"), entry, *_body(3, 20)]
    assert list(headings_at_foot(measure(lines))) == []
