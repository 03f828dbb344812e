"""A real rendering engine (headless Chromium) draws the chapters: text on the page, our faces."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.epub.checkers import ink_share, pdf_fonts, print_pdf, screenshot, unpack

pytestmark = pytest.mark.slow


def test_chapter_screenshot_is_not_blank(embedded_epub: Path, tmp_path: Path) -> None:
    root = unpack(embedded_epub, tmp_path / "book")
    png = screenshot(root / "EPUB" / "text" / "a1.xhtml", tmp_path / "a1.png")
    assert 0.02 < ink_share(png) < 0.5


def test_chapter_is_drawn_with_the_embedded_faces(embedded_epub: Path, tmp_path: Path) -> None:
    root = unpack(embedded_epub, tmp_path / "book")
    fonts = pdf_fonts(print_pdf(root / "EPUB" / "text" / "a1.xhtml", tmp_path / "a1.pdf"))
    assert {"NotoSerifSC-Regular", "NotoSansSC-Bold", "LXGWWenKai-Regular"} <= set(fonts)
    assert not [f for f in fonts if f.startswith("DejaVu")], fonts


def test_vertical_chapter_pages_are_not_blank(vertical_epub: Path, tmp_path: Path) -> None:
    import subprocess

    root = unpack(vertical_epub, tmp_path / "book")
    pdf = print_pdf(root / "EPUB" / "text" / "a1.xhtml", tmp_path / "v.pdf")
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "v")],
                   check=True)
    assert ink_share(next(tmp_path.glob("v-*.png"))) > 0.02
