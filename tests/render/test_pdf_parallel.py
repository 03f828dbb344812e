"""The per-article PDF build (articles laid out apart, in parallel, and merged) gives the
book the one-pass build gives: same pages, same text on each, same bookmarks."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from publish.book import load_book
from publish.render.edition import Options
from publish.render.pdf.write import render as write_pdf

ROOT = Path(__file__).resolve().parents[2]
TEN = ROOT / "tests" / "books" / "ten" / "book.toml"

Outline = list[tuple[str, int, "Outline"]]


def page_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.extract_text() for page in doc.pages]


def bookmarks(pdf: bytes) -> Outline:
    """(title, page index, children) for every bookmark."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        pages = {page.obj.objgen: i for i, page in enumerate(doc.pages)}

        def walk(items: list[pikepdf.OutlineItem]) -> Outline:
            return [(it.title, pages[it.destination[0].objgen], walk(list(it.children))) for it in items]

        with doc.open_outline() as outline:
            return walk(list(outline.root))


def link_targets(pdf: bytes) -> list[tuple[int, int]]:
    """(page of the link, page it goes to) for every internal link, through the name tree."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        pages = {page.obj.objgen: i for i, page in enumerate(doc.pages)}
        names = pikepdf.NameTree(doc.Root.Names.Dests)
        out = []
        for i, page in enumerate(doc.pages):
            for annot in page.obj.get("/Annots", []):
                dest = annot.get("/Dest")
                if isinstance(dest, pikepdf.String):
                    out.append((i, pages[names[str(dest)][0].objgen]))
        return out


@pytest.fixture(scope="module")
def both_builds() -> tuple[bytes, bytes]:
    book = load_book(TEN)
    single = write_pdf(book, Options(single_pass=True)).data
    parallel = write_pdf(book, Options(jobs=2, cache=False)).data
    return single, parallel


def test_per_article_build_has_the_one_pass_pages_and_text(both_builds: tuple[bytes, bytes]) -> None:
    single, parallel = both_builds
    single_texts, parallel_texts = page_texts(single), page_texts(parallel)
    assert len(parallel_texts) == len(single_texts)
    for number, (one, other) in enumerate(zip(single_texts, parallel_texts, strict=True), start=1):
        assert other == one, f"page {number} differs"


def test_per_article_build_has_the_one_pass_bookmarks(both_builds: tuple[bytes, bytes]) -> None:
    single, parallel = both_builds
    assert bookmarks(parallel) == bookmarks(single)
    assert len(bookmarks(parallel)) == 11  # 目录 and ten articles


def test_contents_links_land_on_the_one_pass_pages(both_builds: tuple[bytes, bytes]) -> None:
    single, parallel = both_builds
    assert link_targets(parallel) == link_targets(single)
    assert link_targets(parallel), "the 目录 links to the articles"


def test_articles_open_on_rectos_numbered_on_from_the_front_matter(both_builds: tuple[bytes, bytes]) -> None:
    _, parallel = both_builds
    texts = page_texts(parallel)
    for _title, page, _children in bookmarks(parallel)[1:]:
        assert page % 2 == 0, "an article opens on an odd (recto) page"
        assert texts[page].split("\n")[-1].strip() == str(page + 1), "the folio is the page's number"


def font_programs(pdf: bytes) -> dict[str, list[bytes]]:
    """BaseFont → the font programs embedded for it (one per font dictionary using it)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        out: dict[str, list[bytes]] = {}
        seen: set[tuple[int, int]] = set()
        for page in doc.pages:
            for font in page.Resources.get("/Font", {}).values():
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
                descriptor = font.DescendantFonts[0].FontDescriptor
                out.setdefault(str(font.BaseFont), []).append(descriptor.FontFile2.read_bytes())
        return out


def test_per_article_build_embeds_each_face_once(both_builds: tuple[bytes, bytes]) -> None:
    _, parallel = both_builds
    programs = font_programs(parallel)
    assert len(programs) >= 3, "Song, Hei and Kai at least"
    assert all(len(found) == 1 for found in programs.values()), {k: len(v) for k, v in programs.items()}


def test_per_article_build_embeds_the_one_pass_font_programs(both_builds: tuple[bytes, bytes]) -> None:
    single, parallel = both_builds
    assert font_programs(parallel) == font_programs(single)


def test_per_article_build_is_about_the_one_pass_size(both_builds: tuple[bytes, bytes]) -> None:
    single, parallel = both_builds
    assert len(parallel) <= 1.2 * len(single), f"{len(parallel)} bytes against {len(single)}"


def test_a_one_article_book_is_laid_out_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import BOOK

    def no_parts(*_: object) -> None:
        raise AssertionError("built per article")

    monkeypatch.setattr("publish.render.pdf.parallel.write_pdf_parallel", no_parts)
    book = load_book(BOOK)
    assert len(book.chapters) == 1
    assert write_pdf(book, Options(cache=False)).data.startswith(b"%PDF-")
