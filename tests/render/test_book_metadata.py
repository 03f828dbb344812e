"""book.toml's identifier, ISBN, rights and series reach the EPUB's package document."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from publish.book import load_book
from publish.render import render
from publish.render.edition import Options


def _opf(tmp_path: Path, keys: str) -> str:
    (tmp_path / "a.md").write_text("---\ntitle: 甲\n---\n\n正文。\n", encoding="utf-8")
    (tmp_path / "book.toml").write_text(f'[book]\ntitle = "书"\narticles = ["a.md"]\n{keys}\n', encoding="utf-8")
    data = render("epub", load_book(tmp_path / "book.toml"), Options(cache=False)).data
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("EPUB/content.opf").decode()


def test_the_isbn_is_the_epubs_identifier(tmp_path: Path) -> None:
    assert '<dc:identifier id="id">urn:isbn:9787010000000</dc:identifier>' in _opf(tmp_path, 'isbn = "978-7-01-000000-0"')


def test_an_identifier_wins_and_the_isbn_is_kept_beside_it(tmp_path: Path) -> None:
    opf = _opf(tmp_path, 'identifier = "urn:uuid:12345678-1234-1234-1234-123456789abc"\nisbn = "9787010000000"')
    assert '<dc:identifier id="id">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier>' in opf
    assert "urn:isbn:9787010000000" in opf


def test_rights_and_series_are_in_the_package(tmp_path: Path) -> None:
    opf = _opf(tmp_path, 'rights = "© 2021 共产党员网"\nseries = "组织工作丛书"\nseries_index = 2')
    assert "<dc:rights>© 2021 共产党员网</dc:rights>" in opf
    assert '<meta property="belongs-to-collection" id="series">组织工作丛书</meta>' in opf
    assert '<meta refines="#series" property="group-position">2</meta>' in opf
