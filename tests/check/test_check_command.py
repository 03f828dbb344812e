"""`publish check` and `publish build --check`: findings with page and line, exit 1 on any."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from publish.cli import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "content" / "book.toml"


@pytest.fixture(scope="module")
def ragged_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default book with a user sheet that turns justification off."""
    from publish.commands import build

    out = tmp_path_factory.mktemp("ragged")
    css = out / "ragged.css"
    css.write_text("p { text-align: left; }\n", encoding="utf-8")
    return build.run(BOOK, out, ("pdf",), user_css=(css,)).outputs[0]


def test_check_reports_ragged_lines_with_page_and_line_and_fails(ragged_pdf: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(ragged_pdf)])
    assert result.exit_code == 1
    assert "ragged-right" in result.output
    assert f"{ragged_pdf}: p.5 l." in result.output


def test_build_check_passes_on_the_default_book(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", "-b", str(BOOK), "-f", "pdf", "-o", str(tmp_path), "--check"])
    assert result.exit_code == 0, result.output
    assert "0 finding(s)" in result.output
