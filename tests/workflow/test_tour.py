"""docs/tour.md matches what a new user sees: follow its commands, find the files it names."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from publish.cli import app
from tests.conftest import ROOT

TOUR = ROOT / "docs" / "tour.md"
runner = CliRunner()


def tour_commands() -> list[list[str]]:
    """The `publish …` lines of the English tour's code blocks, in order, comments dropped."""
    english = TOUR.read_text(encoding="utf-8").split("## English tour")[1].split("## book.toml")[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", english, re.DOTALL):
        block = "\n".join(line.strip() for line in block.splitlines())
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] == ["publish"] and words[1:2] not in (["preview"], ["clean"]):
                commands.append(words[1:])
    return commands


def test_the_tour_shows_every_workflow_command() -> None:
    shown = {c[0] for c in tour_commands()}
    assert {"doctor", "init", "new", "proof", "build"} <= shown


def test_following_the_tour_makes_the_files_it_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for command in tour_commands():
        if command[0] == "doctor":
            continue  # checks the machine, not the project; tested in test_doctor.py
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
        if command[0] == "init":
            monkeypatch.chdir(tmp_path / command[1])  # the tour's `cd my-book`
    text = TOUR.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:content|dist|styles)/[^`\s]+)`", text))
    named |= set(re.findall(r"#\s+(dist/[A-Za-z0-9_./-]+)", text))  # outputs named in the commands' comments
    assert {"dist/my-book.pdf", "dist/my-book-html/"} <= named
    assert "content/articles/001_乡村振兴的新答卷.md" in named
    for path in sorted(p for p in named if "<" not in p):  # placeholders like <name> aside
        assert Path(path).exists(), f"the tour names {path}, following it does not make it"
    for path in re.findall(r"^(content/\S+|styles/\S+|\.gitignore)\s", text, re.MULTILINE):
        assert Path(path).exists(), path
