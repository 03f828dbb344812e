"""Every style sets the default book and the ten-article book with zero findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.check import check_pdf
from publish.commands import build
from publish.styles import available_styles

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BOOKS = {"default": ROOT / "content" / "book.toml", "ten": ROOT / "tests" / "books" / "ten" / "book.toml"}


def test_the_ten_article_book_has_ten_articles() -> None:
    from publish.book import load_book

    assert len(load_book(BOOKS["ten"]).chapters) == 10


@pytest.mark.parametrize("style", available_styles())
@pytest.mark.parametrize("book", sorted(BOOKS))
def test_style_sets_book_without_findings(style: str, book: str, tmp_path: Path) -> None:
    pdf = build.run(BOOKS[book], tmp_path, ("pdf",), style=style).outputs[0]
    assert [str(f) for f in check_pdf(pdf)] == []
