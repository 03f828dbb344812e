"""``publish new`` and ``publish init``: start an article, start a book; never overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.book import load_book
from publish.commands import init, new
from publish.errors import PublishError
from publish.markdown import from_markdown

DATE = "2021-02-01T09:00:00+08:00"


def test_new_writes_a_skeleton_that_reads_back_with_its_title(book_copy: Path) -> None:
    made = new.run("乡村振兴的新答卷", book_copy, date=DATE)
    doc = from_markdown(made.path.read_text(encoding="utf-8"), path=made.path)
    assert doc.meta.title == "乡村振兴的新答卷"
    assert doc.meta.date == DATE
    assert made.path.parent == book_copy.parent / "articles"


def test_new_numbers_the_file_after_the_existing_articles(book_copy: Path) -> None:
    made = new.run("乡村振兴的新答卷", book_copy, date=DATE)
    assert made.path.name == "001_乡村振兴的新答卷.md"


def test_new_lists_the_article_last_in_book_toml_keeping_comments(book_copy: Path) -> None:
    before = book_copy.read_text(encoding="utf-8")
    made = new.run("乡村振兴的新答卷", book_copy, date=DATE)
    after = book_copy.read_text(encoding="utf-8")
    assert after.startswith(before.split("articles = [")[0])  # comments and keys untouched
    assert [c.path.name for c in load_book(book_copy).chapters] == [
        "000_67f8410aa76e5cfb.md", made.path.name,
    ]


def test_new_makes_file_names_safe_but_keeps_the_chinese(book_copy: Path) -> None:
    made = new.run("“两学一做”/学习 教育？", book_copy, date=DATE)
    assert made.path.name == "001_“两学一做”-学习-教育？.md"


def test_new_never_overwrites_an_article_of_the_same_title(book_copy: Path) -> None:
    first = new.run("乡村振兴的新答卷", book_copy, date=DATE)
    first.path.write_text(first.path.read_text(encoding="utf-8") + "\n编辑写的话。\n", encoding="utf-8")
    second = new.run("乡村振兴的新答卷", book_copy, date=DATE)
    assert second.path != first.path
    assert "编辑写的话。" in first.path.read_text(encoding="utf-8")
    assert "编辑写的话。" not in second.path.read_text(encoding="utf-8")


def test_new_without_a_book_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="publish init"):
        new.run("标题", tmp_path / "content" / "book.toml")


def test_init_makes_a_project_that_builds(tmp_path: Path) -> None:
    from publish.commands import build

    project = init.run(tmp_path / "my-book", title="学习读本")
    result = build.run(project.book, tmp_path / "dist", ("pdf", "epub", "html"))
    assert [p.name for p in result.outputs] == ["my-book.pdf", "my-book.epub", "my-book-html"]
    assert load_book(project.book).meta.title == "学习读本"


def test_init_book_uses_its_own_copy_of_the_style(tmp_path: Path) -> None:
    project = init.run(tmp_path / "my-book")
    book = load_book(project.book)
    assert Path(book.style) == (tmp_path / "my-book" / "styles" / "book").resolve()
    assert (Path(book.style) / "print.css").read_text(encoding="utf-8") == (
        init.STYLES_DIR / "book" / "print.css"
    ).read_text(encoding="utf-8")


def test_an_edit_to_the_copied_style_reaches_the_html_edition(tmp_path: Path) -> None:
    from publish.render.html.write import SiteOptions, write_site

    project = init.run(tmp_path / "my-book")
    screen = tmp_path / "my-book" / "styles" / "book" / "screen.css"
    screen.write_text(screen.read_text(encoding="utf-8") + "\nh2 { color: #123456; }\n", encoding="utf-8")
    site = write_site(load_book(project.book), SiteOptions())
    assert b"#123456" in site["style.css"]


def test_init_refuses_a_folder_that_holds_a_book(tmp_path: Path) -> None:
    init.run(tmp_path / "my-book")
    manifest = tmp_path / "my-book" / "content" / "book.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    with pytest.raises(PublishError, match="nothing was written"):
        init.run(tmp_path / "my-book")
    assert manifest.read_text(encoding="utf-8").endswith("# mine\n")


def test_init_names_the_book_after_its_folder(tmp_path: Path) -> None:
    project = init.run(tmp_path / "党课 读本")
    assert load_book(project.book).meta.name == "党课-读本"
