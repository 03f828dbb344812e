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


def built(hide: bool) -> tuple[bytes, int, int]:
    """That article alone as a book, how many pages its layouts made, and how many
    looks the refit took between its first and last layouts."""
    from weasyprint.layout import page

    book = load_book(TEN)
    book = dataclasses.replace(book, chapters=[book.chapters[NEEDS_THREE]])
    pages, looks = [0], [0]
    original, look = page.make_page, refit._stretched_alone

    def counted(*args: Any, **kwargs: Any) -> Any:
        pages[0] += 1
        return original(*args, **kwargs)

    def looked(*args: Any, **kwargs: Any) -> Any:
        looks[0] += 1
        return look(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page, "make_page", counted)
        patch.setattr(refit, "_stretched_alone", looked)
        if not hide:  # each look is a layout of the whole document
            patch.setattr(refit, "_stand_ins", lambda html, found: [])  # nothing hidden: all laid out
        data = write_pdf(book, Options(cache=False)).data
    return data, pages[0], looks[0]


@pytest.fixture(scope="module")
def looks() -> dict[str, tuple[bytes, int, int]]:
    return {"alone": built(hide=True), "whole": built(hide=False)}


def test_the_paragraphs_alone_give_the_bytes_of_a_whole_second_layout(looks: dict[str, tuple[bytes, int, int]]) -> None:
    assert looks["alone"][0] == looks["whole"][0]


def test_each_look_lays_out_a_few_pages_not_the_document(looks: dict[str, tuple[bytes, int, int]]) -> None:
    with pikepdf.open(io.BytesIO(looks["alone"][0])) as pdf:
        book_pages = len(pdf.pages)
    assert looks["whole"][1] >= 3 * book_pages, "the article needs no third remedy: the test shows nothing"
    in_looks = looks["alone"][1] - 2 * book_pages  # the first and the last layouts are whole
    assert in_looks / looks["alone"][2] < book_pages / 2
