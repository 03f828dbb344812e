"""The refit's second look, at the stretched paragraphs alone, finds what a second layout
of the whole document finds: same bytes, for a fraction of the pages."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from publish.book import load_book
from publish.render.pdf.weasy import refit
from publish.render.edition import Options
from publish.render.pdf.write import render as write_pdf

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
TEN = ROOT / "tests" / "books" / "ten" / "book.toml"
NEEDS_THREE = 5
"""The ten-article book's article whose squeezed paragraphs still leave a line stretched
(the third remedy: a moved character or a tighter squeeze), in the book style."""


def built(hide: bool) -> tuple[bytes, int]:
    """That article alone as a book, and how many pages its layouts made."""
    from weasyprint.layout import page

    book = load_book(TEN)
    book = dataclasses.replace(book, chapters=[book.chapters[NEEDS_THREE]])
    pages = [0]
    original = page.make_page

    def counted(*args: Any, **kwargs: Any) -> Any:
        pages[0] += 1
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page, "make_page", counted)
        if not hide:  # the second look is a second layout of the whole document
            patch.setattr(refit, "LOOK_ALONE", False)
        data = write_pdf(book, Options(cache=False)).data
    return data, pages[0]


@pytest.fixture(scope="module")
def looks() -> dict[str, tuple[bytes, int]]:
    return {"alone": built(hide=True), "whole": built(hide=False)}


def test_the_paragraphs_alone_give_the_bytes_of_a_whole_second_layout(looks: dict[str, tuple[bytes, int]]) -> None:
    assert looks["alone"][0] == looks["whole"][0]


def test_the_second_look_lays_out_a_few_pages_not_the_document(looks: dict[str, tuple[bytes, int]]) -> None:
    with pikepdf.open(io.BytesIO(looks["alone"][0])) as pdf:
        book_pages = len(pdf.pages)
    assert looks["whole"][1] >= 3 * book_pages, "the article needs no third remedy: the test shows nothing"
    second_look = looks["alone"][1] - 2 * book_pages  # the first and the last layouts are whole
    assert second_look < book_pages / 2
