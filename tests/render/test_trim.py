"""book.toml's trim sets the PDF's page; the style's margins and measure follow it (#16)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from publish.book import load_book
from publish.render.edition import Options
from publish.render.pdf.trim import trim_css
from publish.render.pdf.write import render as write_pdf
from publish.styles import load_style

ROOT = Path(__file__).parents[2]


def test_the_styles_own_trim_adds_nothing() -> None:
    assert trim_css("A5", load_style("book")) == "" and trim_css(None, load_style("book")) == ""
    assert trim_css("A4", load_style("gongwen")) == ""


def test_book_style_on_a4_scales_the_margins_and_keeps_a_whole_character_measure() -> None:
    css = trim_css("A4", load_style("book"))
    assert "@page { size: 210mm 297mm; margin: 28.29mm 31.48mm 31.11mm 34.05mm; }" in css
    assert "@page :left { margin-left: 31.48mm; margin-right: 34.05mm; }" in css
    measure_mm = 210 - 31.48 - 34.05
    assert measure_mm * 72 / 25.4 / 10.5 == pytest.approx(39, abs=0.01)


def test_large_style_on_a5_follows_its_own_16kai_margins() -> None:
    css = trim_css("A5", load_style("large"))
    assert "size: 148mm 210mm" in css and "24 characters of 14pt" in css


def test_trim_a4_gives_a4_pages(tmp_path: Path) -> None:
    import pdfplumber

    shutil.copytree(ROOT / "content/articles", tmp_path / "articles")
    toml = (ROOT / "content/book.toml").read_text(encoding="utf-8").replace('trim = "A5"', 'trim = "A4"')
    (tmp_path / "book.toml").write_text(toml, encoding="utf-8")
    data = write_pdf(load_book(tmp_path / "book.toml"), Options(cache=False)).data
    assert isinstance(data, bytes)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sizes = {(round(float(p.width)), round(float(p.height))) for p in pdf.pages}
    assert sizes == {(595, 842)}
