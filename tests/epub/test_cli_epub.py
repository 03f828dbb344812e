"""`publish build --format epub` from the command line: styles and the embedded-font report."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import BOOK

pytestmark = pytest.mark.slow


def test_embed_fonts_reports_the_size_of_the_subsets(tmp_path: Path) -> None:
    from publish.cli import app

    result = CliRunner().invoke(app, ["build", "--book", str(BOOK), "-f", "epub", "-o", str(tmp_path),
                                      "--embed-fonts", "woff2"])
    assert result.exit_code == 0, result.output
    assert "embedded 4 subset faces (woff2):" in result.output
    assert "song 400 791 chars" in result.output  # 790 + 略 of the （图略） marks, now text (#15 item 4)


def test_vertical_style_from_the_command_line(tmp_path: Path) -> None:
    from publish.cli import app

    result = CliRunner().invoke(app, ["build", "--book", str(BOOK), "-f", "epub", "-o", str(tmp_path),
                                      "--style", "vertical"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "dangqi-gaoyang.epub") as z:
        assert b'page-progression-direction="rtl"' in z.read("EPUB/content.opf")


def test_unknown_font_format_is_an_error_message_not_a_traceback(tmp_path: Path) -> None:
    from publish.cli import app

    result = CliRunner().invoke(app, ["build", "--book", str(BOOK), "-f", "epub", "-o", str(tmp_path),
                                      "--embed-fonts", "eot"])
    assert result.exit_code == 1
    assert "unknown font format 'eot'" in result.output
    assert "Traceback" not in result.output
