"""The notes test book (tests/books/notes) in all three editions: nothing lost, no markup printed.

Its one article uses footnotes (one called twice, one of two paragraphs), heading ids, a
kicker, inline code and a figure whose image was not kept. Each edition is built once.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from publish.commands import build
from tests.conftest import ROOT

BOOK = ROOT / "tests" / "books" / "notes" / "book.toml"
NOTES = (
    "带圈数字见《中文排版需求》（clreq）的注释一节。",
    "页脚注释用较小的字号，上方有一条细线。",
    "注释的第二段，接在第一段之后。",
    'EPUB 3 用 epub:type="footnote" 标记注释。',
    "本文最后一条注释。",
)
MARKUP = ("{#", "[^", "{kicker", "{.")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("notes")
    result = build.run(BOOK, out, ("pdf", "epub", "html"))
    return dict(zip(("pdf", "epub", "html"), result.outputs, strict=True))


@pytest.fixture(scope="module")
def pdf_pages(editions: dict[str, Path]) -> list[pdfplumber.page.Page]:
    pdf = pdfplumber.open(editions["pdf"])
    return list(pdf.pages)


@pytest.fixture(scope="module")
def chapter_xhtml(editions: dict[str, Path]) -> str:
    with zipfile.ZipFile(editions["epub"]) as z:
        name = next(n for n in z.namelist() if n.endswith("text/a1.xhtml"))
        return z.read(name).decode("utf-8")


@pytest.fixture(scope="module")
def article_html(editions: dict[str, Path]) -> str:
    return (editions["html"] / "a1.html").read_text(encoding="utf-8")


def test_every_footnote_text_is_in_the_pdf(pdf_pages: list[pdfplumber.page.Page]) -> None:
    text = _squeeze("".join(p.extract_text() or "" for p in pdf_pages))
    for note in NOTES:
        assert _squeeze(note) in text


def test_pdf_footnotes_sit_at_the_foot_of_the_page_that_calls_them(pdf_pages: list[pdfplumber.page.Page]) -> None:
    page = next(p for p in pdf_pages if "排版规范要求" in _squeeze(p.extract_text() or ""))
    lines = page.extract_text_lines()
    note_top = min(line["top"] for line in lines if _squeeze(line["text"]).startswith("①带圈"))
    body_bottom = max(line["bottom"] for line in lines if "每篇文章的注释" in _squeeze(line["text"]))
    assert note_top > body_bottom
    assert note_top > page.height * 0.6


def test_pdf_calls_and_notes_are_circled_numbers(pdf_pages: list[pdfplumber.page.Page]) -> None:
    text = _squeeze("".join(p.extract_text() or "" for p in pdf_pages))
    assert "带圈数字①" in text and "页脚②" in text and "④本文最后" in text


def test_epub_notes_are_footnote_asides_called_by_noterefs(chapter_xhtml: str) -> None:
    asides = re.findall(r'<aside id="([^"]+)" class="footnote" epub:type="footnote"', chapter_xhtml)
    assert len(asides) == 4
    for ident in asides:
        assert f'href="#{ident}"' in chapter_xhtml and 'epub:type="noteref"' in chapter_xhtml
    for note in NOTES:
        assert note.replace('"', "&quot;") in chapter_xhtml or note in chapter_xhtml


def test_html_notes_follow_the_article_with_links_both_ways(article_html: str) -> None:
    notes = article_html[article_html.index('<section class="notes">'):]
    for note in NOTES:
        assert note in notes or note.replace('"', "&quot;") in notes
    assert 'href="#a1-fn1-ref" role="doc-backlink"' in notes
    assert 'id="a1-fn1-ref"' in article_html and 'href="#a1-fn1"' in article_html


def test_no_attribute_or_footnote_markup_is_printed(
        pdf_pages: list[pdfplumber.page.Page], chapter_xhtml: str, article_html: str) -> None:
    pdf_text = "".join(p.extract_text() or "" for p in pdf_pages)
    visible = [pdf_text, re.sub(r"<[^>]+>", "", chapter_xhtml), re.sub(r"<[^>]+>", "", article_html)]
    for text in visible:
        for mark in MARKUP:
            assert mark not in text


def test_heading_ids_are_the_anchors_the_toc_links_to(editions: dict[str, Path], chapter_xhtml: str) -> None:
    assert '<h2 id="a1-weizhi">' in chapter_xhtml
    assert '<h2 id="a1-bianhao" class="numbered">' in chapter_xhtml
    with zipfile.ZipFile(editions["epub"]) as z:
        nav = z.read(next(n for n in z.namelist() if n.endswith("nav.xhtml"))).decode("utf-8")
    assert "a1.xhtml#a1-weizhi" in nav


def test_kicker_and_inline_code_keep_their_elements(chapter_xhtml: str, article_html: str) -> None:
    for page in (chapter_xhtml, article_html):
        assert '<span class="kicker">引题在这里</span>' in page
        assert "<code>publish build --format pdf</code>" in page


def test_the_figure_without_image_keeps_its_caption(pdf_pages: list[pdfplumber.page.Page], chapter_xhtml: str) -> None:
    assert "图为一幅未能保留的图片。" in _squeeze("".join(p.extract_text() or "" for p in pdf_pages))
    assert (
        '<figure class="missing"><figcaption><span class="figure-mark">（图略）</span>'
        "图为一幅未能保留的图片。</figcaption></figure>" in chapter_xhtml
    )
