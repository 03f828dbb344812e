"""book.toml as the ecosystem reads it: a [build] table the flags override, globs, typed
keys with did-you-mean, and one message with exit 1 for every user mistake (#16)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from publish.book import load_book
from publish.cli import app
from publish.commands import build as build_command
from publish.errors import ConfigError
from publish.render.edition import Options

runner = CliRunner()
ARTICLE = "---\ntitle: {title}\ndate: {date}\n---\n\n正文。\n"


def _book(root: Path, book: str = "", build: str = "", articles: str = '"articles/*.md"') -> Path:
    (root / "articles").mkdir(exist_ok=True)
    for name, title, date in (("b.md", "乙", "2021-01-01"), ("a.md", "甲", "2021-03-01")):
        (root / "articles" / name).write_text(ARTICLE.format(title=title, date=date), encoding="utf-8")
    path = root / "book.toml"
    path.write_text(f'[book]\ntitle = "书"\narticles = [{articles}]\n{book}\n[build]\n{build}\n', encoding="utf-8")
    return path


def _titles(path: Path) -> list[str]:
    return [c.document.meta.title for c in load_book(path).chapters]


def test_a_glob_lists_its_articles_by_file_name(tmp_path: Path) -> None:
    assert _titles(_book(tmp_path)) == ["甲", "乙"]


def test_articles_order_date_sorts_a_glob_by_front_matter_date(tmp_path: Path) -> None:
    assert _titles(_book(tmp_path, 'articles_order = "date"')) == ["乙", "甲"]


def test_an_article_listed_and_globbed_is_read_once_where_first_listed(tmp_path: Path) -> None:
    assert _titles(_book(tmp_path, articles='"articles/b.md", "articles/*.md"')) == ["乙", "甲"]


def test_a_glob_that_matches_nothing_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"'chapters/\*\.md' matches no file \(looked in .*chapters\)"):
        load_book(_book(tmp_path, articles='"chapters/*.md"'))


def test_build_settings_fill_the_options_a_flag_did_not_give(tmp_path: Path) -> None:
    book = load_book(_book(tmp_path, build='bleed = 3\nmarks = true\nembed_fonts = "ttf"\nmissing_pictures = "drop"'))
    _, options = build_command.with_book_settings(book, Options())
    assert (options.bleed_mm, options.marks, options.embed_fonts, options.missing_pictures) == (3.0, True, "ttf", "drop")


def test_a_flag_overrides_the_build_setting(tmp_path: Path) -> None:
    book = load_book(_book(tmp_path, build='bleed = 3\nmarks = true\nmissing_pictures = "drop"'))
    book, options = build_command.with_book_settings(book, Options(bleed_mm=0.0, marks=False, missing_pictures="mark"))
    assert (options.bleed_mm, options.marks) == (0.0, False)
    assert book.settings.missing_pictures == "mark"  # what every edition's XHTML reads


def test_build_css_comes_before_the_command_lines_css(tmp_path: Path) -> None:
    book = load_book(_book(tmp_path, build='css = ["extra.css"]'))
    _, options = build_command.with_book_settings(book, Options(user_css=(Path("mine.css"),)))
    assert options.user_css == (tmp_path / "extra.css", Path("mine.css"))


def test_a_build_style_is_the_books_style(tmp_path: Path) -> None:
    assert load_book(_book(tmp_path, build='style = "large"')).style == "large"


def test_style_in_both_tables_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"style is set in both \[book\] and \[build\]; keep one"):
        load_book(_book(tmp_path, 'style = "book"', 'style = "large"'))


def test_metadata_keys_are_read(tmp_path: Path) -> None:
    meta = load_book(_book(tmp_path, 'isbn = "978-7-01-000000-0"\nrights = "版权"\nseries = "丛书"\nseries_index = 2')).meta
    assert (meta.isbn, meta.rights, meta.series, meta.series_index) == ("978-7-01-000000-0", "版权", "丛书", 2)


def _build(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["build", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("book", "build", "message"),
    [
        ("titel = 'x'", "", "unknown key 'titel' in [book]; did you mean 'title'?"),
        ("", "missing_picture = 'drop'", "unknown key 'missing_picture' in [build]; did you mean 'missing_pictures'?"),
        ("authors = [1]", "", "authors must be a list of strings in quotes (1 is not one)"),
        ("", "missing_pictures = 'hide'", "[build] missing_pictures 'hide' is not one of mark, drop"),
        ("", "marks = 'yes'", "[build] marks must be a true or false"),
    ],
)
def test_a_wrong_book_toml_is_one_message_naming_it(tmp_path: Path, book: str, build: str, message: str) -> None:
    path = _book(tmp_path, book, build)
    code, output = _build("--book", str(path), "-f", "html", "-o", str(tmp_path / "out"))
    assert code == 1 and f"{path}: " in output and message in output and "Traceback" not in output


def test_articles_of_numbers_is_one_message_not_a_traceback(tmp_path: Path) -> None:
    path = _book(tmp_path, articles="1, 2")
    code, output = _build("--book", str(path), "-f", "html", "-o", str(tmp_path / "out"))
    assert code == 1 and f"{path}: articles must be a list of strings in quotes (1 is not one)" in output


def test_an_unclosed_front_matter_says_so_naming_the_article(tmp_path: Path) -> None:
    path = _book(tmp_path)
    (tmp_path / "articles" / "a.md").write_text("---\ntitle: 甲\n\n正文。\n", encoding="utf-8")
    code, output = _build("--book", str(path), "-f", "html", "-o", str(tmp_path / "out"))
    assert code == 1
    assert f"{tmp_path / 'articles' / 'a.md'}: the front matter opened by --- on line 1 is never closed" in output
    assert "needs a title" not in output


def test_a_front_matter_error_names_the_article_and_its_line_not_the_manifest(tmp_path: Path) -> None:
    path = _book(tmp_path)
    (tmp_path / "articles" / "a.md").write_text("---\ntitle: 甲\ndate: [1\n---\n\n正文。\n", encoding="utf-8")
    code, output = _build("--book", str(path), "-f", "html", "-o", str(tmp_path / "out"))
    assert code == 1 and f"{tmp_path / 'articles' / 'a.md'}: front matter is not valid YAML" in output
    assert "line 4" in output and "<unicode string>" not in output and f"{path}: " not in output


@pytest.mark.parametrize("command", [["build", "-f", "html"], ["build", "-f", "pdf"], ["proof"]])
def test_an_output_path_that_is_a_file_is_one_message(tmp_path: Path, command: list[str]) -> None:
    path = _book(tmp_path)
    blocker = tmp_path / "out"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(app, [*command, "--book", str(path), "-o", str(blocker / "x")])
    assert result.exit_code == 1
    assert f"{blocker}: is a file, not a folder: the output cannot go there" in result.output


def test_clean_to_an_output_path_that_is_a_file_is_one_message(seed_path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(seed_path), "-o", str(blocker)])
    assert result.exit_code == 1 and f"{blocker}: is a file, not a folder" in result.output


@pytest.mark.parametrize("command", [["build", "-f", "html"], ["proof"]])
def test_an_output_folder_not_writable_is_one_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    path = _book(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == locked else real(p, mode, **kw))
    result = runner.invoke(app, [*command, "--book", str(path), "-o", str(locked / "x")])
    assert result.exit_code == 1
    assert f"{locked}: the output folder cannot be written (permission denied)" in result.output


@pytest.mark.parametrize(
    ("code", "says", "never"),
    [(errno.ENOSPC, "the disk is full", "permission"), (errno.EACCES, "permission denied", "disk space")],
)
def test_the_html_edition_on_a_full_disk_or_without_permission_says_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, says: str, never: str
) -> None:
    from publish.render.html import folder

    def fail(files: dict[str, bytes], target: Path) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(folder, "_write_tree", fail)
    path = _book(tmp_path)
    result = runner.invoke(app, ["build", "--book", str(path), "-f", "html", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"cannot write the HTML edition: {says}" in result.output and never not in result.output


def test_preview_of_a_missing_book_fails_as_build_does(tmp_path: Path) -> None:
    result = runner.invoke(app, ["preview", "--book", str(tmp_path / "missing.toml")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'missing.toml'}: cannot read the book manifest: no such file" in result.output


@pytest.mark.parametrize("date", ["明天", "2021-13-01"])
def test_new_refuses_a_date_that_is_not_one(tmp_path: Path, date: str) -> None:
    path = _book(tmp_path)
    result = runner.invoke(app, ["new", "标题", "--book", str(path), "--date", date])
    assert result.exit_code == 1 and f"--date {date!r} is not a date: nothing was written" in result.output
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == ["a.md", "b.md"]


def test_an_article_over_the_size_limit_is_one_message(tmp_path: Path) -> None:
    """A paragraph of 10 MB (lxml's limit for one text node in the EPUB) never reaches the
    EPUB writer: the article is refused when read, naming it."""
    path = _book(tmp_path, articles='"articles/a.md"')
    big = tmp_path / "articles" / "a.md"
    big.write_text("---\ntitle: 甲\n---\n\n" + "字" * 3_500_000 + "\n", encoding="utf-8")
    code, output = _build("--book", str(path), "-f", "epub", "-o", str(tmp_path / "out"))
    assert code == 1 and f"{big}: a.md is 10 MB, more than the 8 MB limit" in output


def test_clean_add_to_lists_the_new_articles_in_the_book(seed_path: Path, tmp_path: Path) -> None:
    path = _book(tmp_path, articles='"articles/a.md"')
    result = runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path / "articles"), "--add-to", str(path)])
    assert result.exit_code == 0, result.output
    assert load_book(path).chapters[-1].path.name == f"{seed_path.stem}.md"
    assert f"added 1 article(s) to {path}" in result.output


def test_clean_add_to_skips_articles_a_glob_already_names(seed_path: Path, tmp_path: Path) -> None:
    path = _book(tmp_path)
    before = path.read_text(encoding="utf-8")
    result = runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path / "articles"), "--add-to", str(path)])
    assert result.exit_code == 0 and path.read_text(encoding="utf-8") == before


def test_clean_add_to_a_missing_book_is_refused_before_cleaning(seed_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path / "articles"), "--add-to", str(tmp_path / "no.toml")])
    assert result.exit_code == 1 and "no book manifest here: nothing was cleaned" in result.output
    assert not (tmp_path / "articles").exists()


def test_a_style_given_on_the_command_line_comes_on_its_own_page(tmp_path: Path) -> None:
    book = load_book(_book(tmp_path, 'trim = "A5"'), style="gongwen")
    book, _ = build_command.with_book_settings(book, Options(style="gongwen"))
    assert book.trim is None


def test_trim_on_the_command_line_overrides_the_books(tmp_path: Path) -> None:
    book, _ = build_command.with_book_settings(load_book(_book(tmp_path, 'trim = "A5"')), Options(trim="A4"))
    assert book.trim == "A4"


def test_the_books_trim_stays_when_no_style_is_given(tmp_path: Path) -> None:
    book, _ = build_command.with_book_settings(load_book(_book(tmp_path, 'trim = "A4"')), Options())
    assert book.trim == "A4"


def test_init_lists_the_build_settings_and_the_book_reads_them(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    manifest = tmp_path / "b" / "content" / "book.toml"
    text = manifest.read_text(encoding="utf-8")
    for key in ("[build]", "missing_pictures", "# css", "# bleed", "# marks", "# pdf_variant", "# embed_fonts", "# cover", "# isbn", "# rights", "# series"):
        assert key in text, key
    assert load_book(manifest).settings.missing_pictures == "mark"


def test_new_does_not_list_an_article_a_glob_already_takes(tmp_path: Path) -> None:
    path = _book(tmp_path)
    before = path.read_text(encoding="utf-8")
    result = runner.invoke(app, ["new", "标题", "--book", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == before and len(load_book(path).chapters) == 3
