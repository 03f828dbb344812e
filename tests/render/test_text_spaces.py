"""The justification spaces leave the PDF's text while WeasyPrint draws, and no glyph moves."""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest

from publish.render.pdf.weasy.text_spaces import strip_array, stripped

SPACE = "0001"
WIDTH = 224
"""A face's space glyph and its advance in 1/1000 em (Noto Sans SC's)."""


space_width: defaultdict[str, int | None] = defaultdict(lambda: None, {SPACE: WIDTH})


def test_a_collapsed_justification_point_leaves_no_trace() -> None:
    # drawn at zero width: its advance and the displacement that cancels it add up to nothing
    assert strip_array(f"<0005{SPACE}>{WIDTH}<0006>", space_width) == "<00050006>"


def test_a_stretched_justification_point_becomes_its_displacement() -> None:
    # drawn 24/1000 em wide (justification stretch): the gap stays, as a displacement
    assert strip_array(f"<0005{SPACE}>200<0006>", space_width) == "<0005>-24<0006>"


def test_an_authors_space_stays_text() -> None:
    # the style draws it 0.06em wider than the face's space
    assert strip_array(f"<0005{SPACE}>-60<0006>", space_width) is None


def test_a_line_of_only_a_layout_space_becomes_an_empty_array() -> None:
    assert strip_array(f"<{SPACE}>{WIDTH}<>0.0", space_width) == ""


def test_a_displacement_that_is_not_a_whole_number_is_kept_exactly() -> None:
    assert strip_array(f"<0005{SPACE}>223.5<>-0.0<0006>", space_width) == "<0005>-0.5<0006>"


def test_an_array_without_spaces_is_left_as_written() -> None:
    assert strip_array("<00050006>-500<0007>", space_width) is None


@pytest.mark.slow
def test_taking_the_spaces_out_moves_no_glyph(default_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from publish.fetcher import Sandbox, SandboxFetcher
    from publish.fonts import font_face_css, font_roots
    from publish.render import assemble
    from publish.styles import load_style

    style = load_style(default_book.style)
    sandbox = Sandbox(roots=(default_book.root, *style.folders, *font_roots()))
    html = assemble.book_html(default_book, sandbox=sandbox.narrowed(default_book.root), for_print=True)
    config = FontConfiguration()
    fetcher = SandboxFetcher(sandbox)
    sheets = [CSS(string=font_face_css(style.roles), url_fetcher=fetcher, font_config=config)]
    sheets += [CSS(filename=str(p), url_fetcher=fetcher, font_config=config) for p in style.print_css]
    document = HTML(string=html, base_url=default_book.root.resolve().as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=sheets, font_config=config
    )
    drawn = bytes(document.write_pdf())
    with stripped():
        clean = bytes(document.write_pdf())

    def glyphs(pdf: bytes) -> list[tuple[str, float, float]]:
        with pdfplumber.open(io.BytesIO(pdf)) as opened:
            return [
                (c["text"], round(c["x0"], 3), round(c["top"], 3))
                for page in opened.pages for c in page.chars if c["text"].strip()
            ]

    def text(pdf: bytes) -> str:
        with pdfplumber.open(io.BytesIO(pdf)) as opened:
            return "".join(page.extract_text() or "" for page in opened.pages)

    # the one text the stripping changes on purpose: a dash drawn as two U+2015 (one em
    # each, see typeset.hints) copies as the —— it was written as
    dash = str.maketrans("\u2015", "\u2014")
    assert glyphs(clean) == [(t.translate(dash), x, y) for t, x, y in glyphs(drawn)]
    assert "决战深贫" in text(clean) and "决 战 深 贫" in text(drawn)
