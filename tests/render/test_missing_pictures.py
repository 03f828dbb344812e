"""A figure whose picture was not kept: one rule for the PDF, the EPUB and the HTML
(book.toml [build] missing_pictures, #15 item 4)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from publish.book import load_book
from publish.commands.build import with_book_settings
from publish.render import render
from publish.render.edition import Options

CAPTION = "图为清澈的自来水流进了东乡群众心田。"


def _book(tmp_path: Path, rule: str | None) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(
        f"---\ntitle: 甲\n---\n\n正文一段。\n\n![{CAPTION}]()\n\n正文二段。\n", encoding="utf-8"
    )
    build = f'[build]\nmissing_pictures = "{rule}"\n' if rule else ""
    path = tmp_path / "book.toml"
    path.write_text(f'[book]\ntitle = "书"\narticles = ["articles/a.md"]\n{build}', encoding="utf-8")
    return path


def _texts(path: Path, fmt: str) -> str:
    book, options = with_book_settings(load_book(path), Options(cache=False))
    data = render(fmt, book, options).data
    if fmt == "html":
        assert isinstance(data, dict)
        return data["a1.html"].decode()
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("EPUB/text/a1.xhtml").decode()


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_the_mark_is_the_default_and_sets_the_caption_as_a_figure(tmp_path: Path, fmt: str) -> None:
    text = _texts(_book(tmp_path, None), fmt)
    assert f'<figure class="missing"><figcaption><span class="figure-mark">（图略）</span>{CAPTION}</figcaption></figure>' in text


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_drop_leaves_the_figure_and_its_caption_out(tmp_path: Path, fmt: str) -> None:
    text = _texts(_book(tmp_path, "drop"), fmt)
    assert "图略" not in text and CAPTION not in text and "正文二段" in text


def test_the_epub_style_no_longer_adds_a_second_mark() -> None:
    css = (Path(__file__).parents[2] / "styles/base/epub.css").read_text(encoding="utf-8")
    assert "图略" not in css


def _pdf_text(path: Path) -> str:
    import pdfplumber

    book, options = with_book_settings(load_book(path), Options(cache=False))
    data = render("pdf", book, options).data
    assert isinstance(data, bytes)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join((p.extract_text() or "") for p in pdf.pages).replace("\n", "").replace(" ", "")


def test_the_pdf_prints_the_mark_and_the_caption(tmp_path: Path) -> None:
    text = _pdf_text(_book(tmp_path, None))
    assert "（图略）" + CAPTION in text


def test_the_pdf_drops_both_when_told(tmp_path: Path) -> None:
    text = _pdf_text(_book(tmp_path, "drop"))
    assert "图略" not in text and "自来水" not in text and "正文二段" in text
