"""公文 (GB/T 9704-2012) to the millimetre: FangSong 三号 on 28 characters × 22 lines, a
版心 of 156 × 225 mm under a 37 mm 天头, page numbers 7 mm under it, measured on the
default book (one article of ten pages: full pages, an opening page, kickers)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from publish.check.lines import Line, read_lines
from publish.check.rules import Layout, measure
from publish.commands import build
from publish.fonts import find_face

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
MM_PER_PT = 25.4 / 72
PAGE_HEIGHT_MM = 297.0
LINES, PITCH_MM = 22, 225 / 22


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gongwen")
    return build.run(ROOT / "content" / "book.toml", out, ("pdf",), style="gongwen").outputs[0]


@pytest.fixture(scope="module")
def layout(pdf: Path) -> Layout:
    return measure(read_lines(pdf))


@cache
def _font(role: str) -> TTFont:
    return TTFont(find_face(role).files["regular"], lazy=True)


def _ascent_descent(role: str) -> tuple[float, float]:
    """The face's ascent and descent in em, as Pango centres its content area in a line."""
    font = _font(role)
    upm = font["head"].unitsPerEm
    return font["hhea"].ascent / upm, -font["hhea"].descent / upm


def _ink_top(role: str, char: str) -> float:
    """How far above the baseline a glyph's ink reaches, in em."""
    font = _font(role)
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[ord(char)]].draw(pen)
    assert pen.bounds is not None
    return pen.bounds[3] / font["head"].unitsPerEm


def _baselines(pdf: Path, page: int, text: str | None = None) -> list[tuple[str, float, float]]:
    """(first character, baseline from the page top in mm, size in pt) of each text line
    of ``page``, or of the characters ``text`` only."""
    with pdfplumber.open(pdf) as doc:
        p = doc.pages[page - 1]
        chars: list[dict[str, Any]] = [c for c in p.chars if not c["text"].isspace()]
        if text is not None:
            chars = [c for c in chars if c["text"] == text]
        out: dict[float, tuple[str, float, float]] = {}
        for c in chars:
            baseline = (p.height - c["matrix"][5]) * MM_PER_PT
            out.setdefault(round(baseline, 1), (c["text"], baseline, c["size"]))
    return sorted(out.values(), key=lambda item: item[1])


def _body_lines(layout: Layout, page: int) -> list[Line]:
    return [ln for ln in layout.lines if ln.page == page and layout.is_body(ln)]


def _full_page(layout: Layout) -> int:
    """A page of running text only (body lines and the folio): the text runs on."""
    for page in sorted({ln.page for ln in layout.lines}):
        lines = [ln for ln in layout.lines if ln.page == page and not layout.is_furniture(ln)]
        if len(lines) >= LINES and all(layout.is_body(ln) for ln in lines):
            return page
    raise AssertionError("no full page of body text")


def _line_box_top_mm(pdf: Path, layout: Layout, page: int) -> float:
    """The top of the first body line's box: the body face's content area is centred in a
    line box one pitch high, so the box top is the baseline less the ascent and half the
    leading."""
    size_mm = layout.body_size * MM_PER_PT
    ascent, descent = _ascent_descent("fang")
    first = _body_lines(layout, page)[0]
    baseline = next(b for ch, b, _ in _baselines(pdf, page) if ch == first.text[0])
    return baseline - ascent * size_mm - (PITCH_MM - (ascent + descent) * size_mm) / 2


def test_the_body_is_fangsong_sanhao(layout: Layout) -> None:
    """三号 as the printers' 号数 have it: 15.75pt (5.55mm), the body of the 156mm 版心."""
    assert layout.body_font == "Publish-Fang" and layout.body_size == pytest.approx(15.75, abs=0.06)


def test_a_line_is_28_characters_wide(layout: Layout) -> None:
    widths = {right - left for left, right in layout.frames.values()}
    assert all(w == pytest.approx(28 * 15.75, abs=0.5) for w in widths)


def test_the_type_area_is_156mm_wide(layout: Layout) -> None:
    widths = {(right - left) * MM_PER_PT for left, right in layout.frames.values()}
    assert all(w == pytest.approx(156, abs=0.5) for w in widths)


def test_a_full_page_holds_22_lines(layout: Layout) -> None:
    assert layout.pitch * MM_PER_PT == pytest.approx(PITCH_MM, abs=0.05)
    assert len(_body_lines(layout, _full_page(layout))) == LINES


def test_the_type_area_starts_37mm_from_the_top(pdf: Path, layout: Layout) -> None:
    assert _line_box_top_mm(pdf, layout, _full_page(layout)) == pytest.approx(37, abs=0.5)


def test_the_folio_dashes_are_7mm_under_the_type_area(pdf: Path, layout: Layout) -> None:
    """GB/T 9704 §7.5: the 一字线's top 7mm under the 版心's lower edge (the 22nd line's box)."""
    page = _full_page(layout)
    bottom = _line_box_top_mm(pdf, layout, page) + LINES * PITCH_MM
    (_, baseline, size), *_ = _baselines(pdf, page, "—")
    dash_top = baseline - _ink_top("song", "—") * size * MM_PER_PT
    assert size == pytest.approx(14.0, abs=0.01)
    assert dash_top - bottom == pytest.approx(7, abs=0.5)


def test_a_kicker_is_smaller_than_its_heading(layout: Layout) -> None:
    kicker = next(ln for ln in layout.lines if ln.text == "夯实基层基础")
    heading = next(ln for ln in layout.lines if ln.text == "战斗堡垒在一线牢牢筑起")
    assert heading.top > kicker.top and kicker.size < heading.size
    assert "Kai" in kicker.font and "Hei" in heading.font


def test_the_opening_page_body_is_on_the_grid(pdf: Path, layout: Layout) -> None:
    """The title block takes whole grid lines: the opening page's text lines sit where a
    full page's do, down to its 22nd line."""
    opening = next(ln.page for ln in layout.lines if ln.size == 22.0 and _body_lines(layout, ln.page))
    full = _line_box_top_mm(pdf, layout, _full_page(layout))
    steps = (_line_box_top_mm(pdf, layout, opening) - full) / PITCH_MM
    assert steps == pytest.approx(round(steps), abs=0.5 / PITCH_MM)
    last = _body_lines(layout, opening)[-1]
    assert last.top == pytest.approx(_body_lines(layout, _full_page(layout))[-1].top, abs=0.5)


def test_a_number_keeps_a_quarter_em_from_the_han_after_it(pdf: Path, layout: Layout) -> None:
    """At 三号 (21px) the U+00A0 after a number is cancelled to the Pango unit: no
    0.59em gap (“2020  年”) in the body."""
    with pdfplumber.open(pdf) as doc:
        chars = [c for page in doc.pages for c in page.chars if c["fontname"].endswith("Publish-Fang")]
    gaps = [
        (b["x0"] - a["x1"]) / a["size"]
        for a, b in zip(chars, chars[1:], strict=False)
        if a["text"].isdigit() and "\u4e00" <= b["text"] <= "\u9fff" and a["top"] == b["top"]
    ]
    assert gaps and max(gaps) < 0.35


def test_only_the_styles_faces_are_used(layout: Layout) -> None:
    """Characters FandolFang lacks (it has GB 2312 only) fall back to the song face,
    one of the style's: no other face appears."""
    faces = {f for ln in layout.lines for f in ln.fonts}
    assert "Publish-Fang" in faces and all(f.startswith("Publish-") for f in faces)
