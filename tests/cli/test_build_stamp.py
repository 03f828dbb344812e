"""The build stamp: an unchanged book is not built again, and any input that shapes the
output (an article, the style, the options, an output removed) makes it build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publish.commands import build, stamp
from publish.render.edition import Options

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("PUBLISH_CACHE", raising=False)
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder, ignore=shutil.ignore_patterns(".cache", "raw"))
    return folder / "book.toml"


def _epub(book: Path, out: Path, **choices: object) -> build.BuildResult:
    return build.run(book, out, ("epub",), Options(), **choices)  # the EPUB: the quickest edition


def test_an_unchanged_book_is_not_built_again(book: Path, tmp_path: Path) -> None:
    first = _epub(book, tmp_path / "dist")
    again = _epub(book, tmp_path / "dist")
    assert not first.unchanged and again.unchanged
    assert again.outputs == first.outputs


def test_an_edited_article_builds_again(book: Path, tmp_path: Path) -> None:
    _epub(book, tmp_path / "dist")
    article = next((book.parent / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8").replace("。", "！", 1), encoding="utf-8")
    assert not _epub(book, tmp_path / "dist").unchanged


def test_other_options_build_again(book: Path, tmp_path: Path) -> None:
    _epub(book, tmp_path / "dist")
    assert not _epub(book, tmp_path / "dist", style="large").unchanged


def test_a_removed_output_builds_again(book: Path, tmp_path: Path) -> None:
    first = _epub(book, tmp_path / "dist")
    first.outputs[0].unlink()
    assert not _epub(book, tmp_path / "dist").unchanged
    assert first.outputs[0].is_file()


def test_an_edited_style_sheet_changes_the_digest(book: Path, tmp_path: Path) -> None:
    own = book.parent / "styles" / "mine"
    own.mkdir(parents=True)
    (own / "print.css").write_text("p { color: black }", encoding="utf-8")
    before = stamp.digest(book, tmp_path / "dist", ("epub",), Options())
    (own / "print.css").write_text("p { color: red }", encoding="utf-8")
    assert stamp.digest(book, tmp_path / "dist", ("epub",), Options()) != before


def test_no_cache_always_builds(book: Path, tmp_path: Path) -> None:
    _epub(book, tmp_path / "dist")
    assert not _epub(book, tmp_path / "dist", cache=False).unchanged
