"""The registry of editions: one line names an edition, and everything else follows from it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from publish.book import load_book
from publish.cli import app
from publish.commands import build
from publish.render import EDITIONS, render
from publish.render.edition import Edition, Options, Output

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "content" / "book.toml"


def test_every_edition_in_the_registry_is_a_choice_of_format() -> None:
    result = CliRunner().invoke(app, ["build", "--format", "nonesuch"])
    assert result.exit_code == 2
    for name in EDITIONS:
        assert name in result.output


def test_format_all_makes_the_editions_marked_in_all() -> None:
    assert build.FORMATS == tuple(name for name, e in EDITIONS.items() if e.in_all) == ("pdf", "epub")


def test_options_are_inputs_an_edition_cannot_change() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Options().style = "large"  # type: ignore[misc]


def test_an_edition_reports_its_warnings_in_its_output(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: 图\n---\n\n![图为某地](missing.png)\n\n正文。\n", encoding="utf-8")
    (tmp_path / "book.toml").write_text('title = "书"\narticles = ["a.md"]\n', encoding="utf-8")
    output = render("epub", load_book(tmp_path / "book.toml"), Options())
    assert isinstance(output.data, bytes) and output.data.startswith(b"PK")
    assert any("missing.png" in w for w in output.warnings)


def test_a_new_edition_is_one_registry_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = tmp_path / "plain_edition.py"
    module.write_text(
        "from publish.render.edition import Output\n"
        "def render(book, options):\n"
        "    return Output(book.meta.title.encode(), notes=('plain text',))\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(EDITIONS, "txt", Edition("txt", "plain_edition", "{name}.txt", in_all=False))
    result = build.run(BOOK, tmp_path / "out", ("txt",))
    (target,) = result.outputs
    assert target.name.endswith(".txt") and target.read_bytes() == load_book(BOOK).meta.title.encode()
    assert result.notes == ["plain text"]


def test_an_output_of_many_files_is_written_as_a_folder(tmp_path: Path) -> None:
    site = render("html", load_book(BOOK), Options())
    assert not isinstance(site.data, bytes) and "index.html" in site.data
    assert isinstance(Output(b"x").data, bytes)
