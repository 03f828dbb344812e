"""The default book's EPUB: one document per article, language, nav, same text as the PDF."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_mimetype_is_first_and_stored(built_epub: Path) -> None:
    with zipfile.ZipFile(built_epub) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"


def test_article_is_its_own_xhtml_in_chinese(built_epub: Path) -> None:
    with zipfile.ZipFile(built_epub) as z:
        article = z.read("EPUB/text/a1.xhtml").decode()
        opf = z.read("EPUB/content.opf").decode()
    assert 'lang="zh-CN"' in article
    assert "强调：“到2020年" in article
    assert "<dc:language>zh-CN</dc:language>" in opf


def test_same_book_gives_the_same_bytes(built_epub: Path, tmp_path: Path) -> None:
    from publish.commands import build
    from tests.conftest import BOOK

    again = build.run(BOOK, tmp_path, ("epub",)).outputs[0]
    assert again.read_bytes() == built_epub.read_bytes()
