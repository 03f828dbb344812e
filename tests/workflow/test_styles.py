"""Styles for the workflow: ``screen`` sheets, and styles a book keeps beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

from publish.commands import build
from publish.render.html.write import SiteOptions, write_site
from publish.styles import STYLES_DIR, load_style, resolve_style


def test_screen_sheets_come_parent_first_like_print() -> None:
    style = load_style("book")
    assert [p.relative_to(STYLES_DIR).as_posix() for p in style.screen_css] == [
        "base/base.css", "base/screen.css", "book/screen.css",
    ]


def test_a_built_in_name_stays_a_name_when_the_book_has_no_styles(tmp_path: Path) -> None:
    assert resolve_style("book", tmp_path / "content") == "book"


def test_a_style_beside_the_book_wins_over_the_built_in_one(tmp_path: Path) -> None:
    shutil.copytree(STYLES_DIR / "book", tmp_path / "styles" / "book")
    assert resolve_style("book", tmp_path / "content") == str((tmp_path / "styles" / "book").resolve())


def test_build_style_option_finds_a_style_beside_the_book(book_copy: Path, tmp_path: Path) -> None:
    mine = book_copy.parent / "styles" / "mine"
    shutil.copytree(STYLES_DIR / "book", mine)
    (mine / "screen.css").write_text("h2 { color: #0a0b0c; }\n", encoding="utf-8")
    site = build.run(book_copy, tmp_path, ("html",), style="mine").outputs[0]
    assert "#0a0b0c" in (site / "style.css").read_text(encoding="utf-8")


def test_a_local_style_extends_a_sibling_before_a_built_in(book_copy: Path) -> None:
    from publish.book import load_book

    styles = book_copy.parent / "styles"
    shutil.copytree(STYLES_DIR / "book", styles / "book")
    (styles / "book" / "screen.css").write_text("h2 { color: #0d0e0f; }\n", encoding="utf-8")
    (styles / "small").mkdir()
    (styles / "small" / "style.toml").write_text('extends = "book"\nscreen = ["small.css"]\n', encoding="utf-8")
    (styles / "small" / "small.css").write_text("html { font-size: 15px; }\n", encoding="utf-8")
    text = book_copy.read_text(encoding="utf-8").replace('style = "book"', 'style = "small"')
    book_copy.write_text(text, encoding="utf-8")
    css = write_site(load_book(book_copy), SiteOptions())["style.css"].decode()
    assert css.index("#0d0e0f") < css.index("font-size: 15px")  # sibling book, then small
