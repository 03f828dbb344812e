"""The ten-article test book is what the cleaner makes of its corpus pages, byte for byte."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from publish.book import load_book
from publish.commands.clean import Outcome, clean_one

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "books" / "make_ten.py"


def _make_ten() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_ten", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE_TEN = _make_ten()


def test_the_book_lists_the_pages_the_script_cleans_in_the_same_order() -> None:
    book = load_book(MAKE_TEN.BOOK / "book.toml")
    assert [c.path.stem for c in book.chapters] == list(MAKE_TEN.PAGES)


def test_the_articles_folder_holds_only_the_cleaned_pages() -> None:
    assert sorted(p.name for p in MAKE_TEN.ARTICLES.iterdir()) == sorted(f"{s}.md" for s in MAKE_TEN.PAGES)


@pytest.mark.parametrize("stem", MAKE_TEN.PAGES)
def test_committed_article_is_what_the_cleaner_makes_now(stem: str, corpus: Path, tmp_path: Path) -> None:
    result = clean_one(corpus / f"{stem}.html", tmp_path, force=True)
    assert result.outcome is Outcome.CLEANED, result.message
    made = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
    committed = (MAKE_TEN.ARTICLES / f"{stem}.md").read_text(encoding="utf-8")
    assert committed == made, f"run `.venv/bin/python {SCRIPT.relative_to(ROOT)}` and review the diff"
