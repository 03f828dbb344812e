"""The checker: zero findings on the default book; each rule catches what it names."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from publish.check import check_pdf
from publish.check.lines import Line
from publish.check.rules import (
    fallback_fonts, measure, orphan_chars, past_measure, ragged_lines, widows_and_orphans,
)
from publish.commands import build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    return build.run(ROOT / "content" / "book.toml", out, ("pdf",)).outputs[0]


def test_default_book_has_no_findings(seed_pdf: Path) -> None:
    assert [str(f) for f in check_pdf(seed_pdf)] == []


def test_extracted_text_has_no_justification_spaces(seed_pdf: Path) -> None:
    with pdfplumber.open(seed_pdf) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "决战深贫" in text
    assert "这 一 年" not in text and "决 战" not in text


def _line(n: int, text: str, x0: float, x1: float) -> Line:
    return Line(1, n, text, x0, x1, 100 + 18 * n, 110 + 18 * n, 10.5, "Publish-Song", ("Publish-Song",))


def test_a_short_line_inside_a_paragraph_is_ragged() -> None:
    lines = [_line(1, "这一年，决战深贫", 21, 300), _line(2, "这一路", 0, 250), _line(3, "决胜小康。", 0, 60)]
    found = list(ragged_lines(measure(lines)))
    assert [(f.line, f.kind) for f in found] == [(2, "ragged-right")]


def test_a_paragraph_ending_on_one_character_is_an_orphan() -> None:
    lines = [_line(1, "这一年，决战深贫", 21, 300), _line(2, "这一路决胜小康", 0, 300), _line(3, "坚。", 0, 21)]
    assert [f.line for f in orphan_chars(measure(lines))] == [3]


def test_a_file_that_is_not_a_pdf_is_a_user_error(tmp_path: Path) -> None:
    from publish.errors import PublishError

    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf", encoding="utf-8")
    with pytest.raises(PublishError, match="not a readable PDF"):
        check_pdf(bad)


def test_a_paragraph_line_alone_at_a_page_head_is_a_widow() -> None:
    def at(page: int, n: int, text: str, x0: float, x1: float) -> Line:
        return Line(page, n, text, x0, x1, 100 + 18 * n, 110 + 18 * n, 10.5, "Publish-Song", ("Publish-Song",))

    lines = [
        at(1, 1, "这一年，决战深贫，栉风沐雨", 21, 300),
        at(1, 2, "这一路，决胜小康，人民至上", 0, 300),
        at(2, 1, "初心弥坚。", 0, 60),
        at(2, 2, "上下同欲者胜，风雨同舟者兴", 21, 300),
        at(2, 3, "各级党组织和广大党员干部紧", 0, 300),
    ]
    found = [(f.page, f.line, f.kind) for f in widows_and_orphans(measure(lines))]
    assert found == [(2, 1, "widow-line")]


@pytest.mark.slow
def test_pages_that_allow_single_lines_are_reported(tmp_path: Path) -> None:
    """Real output: with widows and orphans allowed, the ten-article book has some."""
    css = tmp_path / "loose.css"
    css.write_text("p { widows: 1; orphans: 1; }\n", encoding="utf-8")
    pdf = build.run(ROOT / "tests" / "books" / "ten" / "book.toml", tmp_path, ("pdf",), user_css=(css,)).outputs[0]
    kinds = {f.kind for f in check_pdf(pdf)}
    assert kinds & {"widow-line", "orphan-line"}


def test_a_glyph_in_a_face_outside_the_style_is_a_fallback() -> None:
    lines = [
        _line(1, "这一年，决战深贫", 21, 300),
        Line(1, 2, "决胜小康☃", 0, 300, 118, 128, 10.5, "Publish-Song", ("DejaVuSans", "Publish-Song")),
    ]
    found = [(f.line, f.kind) for f in fallback_fonts(measure(lines))]
    assert found == [(2, "fallback-font")]


def test_stretch_is_the_median_room_between_adjacent_ideographs() -> None:
    """Pairs across a digit or a space do not count; one wide gap does not move it."""
    from publish.check.lines import ideograph_stretch

    def ch(text: str, x0: float, width: float = 10.0) -> dict[str, object]:
        return {"text": text, "x0": x0, "x1": x0 + width}

    chars = [ch("被", 0), ch("扣", 12), ch("了", 24), ch("1", 36, 5), ch("元", 50), ch("。", 62), ch("时", 80), ch("代", 92)]
    assert ideograph_stretch(chars, 10.0) == pytest.approx(0.2)


def test_a_line_stretched_past_the_limit_is_reported() -> None:
    from publish.check.rules import STRETCH_LIMIT_EM, stretched_lines

    def at(n: int, stretch: float) -> Line:
        return Line(1, n, "这一年决战深贫", 21, 300, 100 + 18 * n, 110 + 18 * n, 10.5, "Publish-Song", ("Publish-Song",), stretch)

    lines = [at(1, 0.0), at(2, STRETCH_LIMIT_EM + 0.01), at(3, STRETCH_LIMIT_EM - 0.01), at(4, -0.03)]
    assert [(f.line, f.kind) for f in stretched_lines(measure(lines))] == [(2, "stretched")]


def test_a_toc_entry_is_no_paragraph_line() -> None:
    """A 目录 entry ends in its leader and page number: no widow or orphan across pages."""
    def at(page: int, n: int, text: str, x0: float) -> Line:
        return Line(page, n, text, x0, 300, 100 + 18 * n, 110 + 18 * n, 10.5, "Publish-Song", ("Publish-Song",))

    lines = [
        at(1, 1, "这一年，决战深贫，栉风沐雨", 21), at(1, 2, "这一路，决胜小康，人民至上", 0),
        at(1, 3, "从无期到5年：像坐过山车起伏但有终点·········31", 0),
        at(2, 1, "17种产品、1个园区入选国家绿色制造名单········33", 0),
        at(2, 2, "上下同欲者胜，风雨同舟者兴", 21),
    ]
    assert list(widows_and_orphans(measure(lines))) == []


def test_a_line_running_into_the_margin_is_reported() -> None:
    """The byline that was one unbreakable run (来源…编辑…发布时间… in nowrap items)."""
    lines = [_line(1, "这一年，决战深贫", 21, 300), _line(2, "这一路决胜小康", 0, 300),
             _line(3, "来源：云南日报　作者：胡晓蓉　编辑：孙重远　发布时间：2022年2月13日04:22", 0, 362.9)]
    assert [(f.line, f.kind) for f in past_measure(measure(lines))] == [(3, "past-measure")]


def test_a_closing_mark_set_half_width_at_the_line_end_is_not_past_the_measure() -> None:
    """The PDF gives a halt-set ：at a line's end its whole em; its ink is in the left half."""
    lines = [_line(1, "这一年，决战深贫", 21, 300), _line(2, "这一路决胜小康", 0, 300),
             _line(3, "其中渠道成本是导致涨价的关键因素。刘颖说：", 0, 305.2)]
    assert list(past_measure(measure(lines))) == []
