"""Fixtures for the editor's workflow: a scratch copy of the default book, a browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BOOK


@pytest.fixture
def book_copy(tmp_path: Path) -> Path:
    """The default book (book.toml and its articles) copied to a scratch folder."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(BOOK, content / "book.toml")
    shutil.copytree(BOOK.parent / "articles", content / "articles")
    return content / "book.toml"


@pytest.fixture
def book_with_image(book_copy: Path) -> Path:
    """The scratch book with a real image in the seed article's first figure."""
    from PIL import Image

    articles = book_copy.parent / "articles"
    (articles / "images").mkdir()
    Image.new("RGB", (320, 200), (180, 40, 40)).save(articles / "images" / "team.png")
    article = next(articles.glob("*.md"))
    text = article.read_text(encoding="utf-8")
    caption = "为攻克深度贫困堡垒，四川选派脱贫攻坚综合帮扶工作队，驰援凉山州。"
    start = text.index(f"![{caption}")
    end = text.index("]()", start) + 3
    article.write_text(text[: end - 2] + "(images/team.png)" + text[end:], encoding="utf-8")
    return book_copy


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from tests.workflow.browser import Browser

    b = Browser()
    yield b
    b.close()
