"""The editor's commands on the command line: proof, preview, new, init, doctor, --json."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from publish import fonts
from publish.cli import app
from tests.conftest import BOOK

runner = CliRunner()


@pytest.mark.parametrize("command", ["proof", "preview", "new", "init", "doctor"])
def test_each_workflow_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_doctor_json_is_a_report_a_script_can_read() -> None:
    result = runner.invoke(app, ["doctor", "--json", "--book", str(BOOK)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert {f["role"] for f in report["faces"]} == {"song", "hei", "kai"}


def test_doctor_exits_1_and_says_what_to_install_when_a_face_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_index", lambda: {})
    result = runner.invoke(app, ["doctor", "--book", str(BOOK)])
    assert result.exit_code == 1
    assert "the build would fail" in result.output and "make fonts" in result.output


def test_build_html_json_lists_the_site(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--book", str(BOOK), "--format", "html", "-o", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report == {"ok": True, "outputs": [str(tmp_path / "dangqi-gaoyang-html")], "warnings": []}


def test_build_json_reports_an_error_as_json_too(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--book", str(tmp_path / "nope.toml"), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["ok"] is False


def test_quiet_build_prints_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--quiet", "build", "--book", str(BOOK), "--format", "html", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert result.output == ""


def test_clean_json_counts_the_outcomes(seed_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"] == {"cleaned": 1, "unchanged": 0, "skipped": 0, "failed": 0}
    assert report["files"][0]["output"] == str(tmp_path / f"{seed_path.stem}.md")


def test_init_then_new_then_build_from_the_command_line(tmp_path: Path) -> None:
    project = tmp_path / "study"
    assert runner.invoke(app, ["init", str(project), "--title", "学习读本"]).exit_code == 0
    book = project / "content" / "book.toml"
    result = runner.invoke(app, ["new", "乡村振兴的新答卷", "--book", str(book)])
    assert result.exit_code == 0, result.output
    assert "001_乡村振兴的新答卷.md" in result.output
    result = runner.invoke(app, ["build", "--book", str(book), "--format", "html", "-o", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    assert "乡村振兴的新答卷" in (tmp_path / "dist" / "study-html" / "a2.html").read_text(encoding="utf-8")


def test_init_twice_is_refused_without_a_traceback(tmp_path: Path) -> None:
    runner.invoke(app, ["init", str(tmp_path / "b")])
    result = runner.invoke(app, ["init", str(tmp_path / "b")])
    assert result.exit_code == 1
    assert "already exist" in result.output and "Traceback" not in result.output


def test_new_outside_a_book_points_at_init(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", "标题", "--book", str(tmp_path / "book.toml")])
    assert result.exit_code == 1 and "publish init" in result.output


def test_proof_with_a_bad_page_range_is_a_clear_error() -> None:
    result = runner.invoke(app, ["proof", "--pages", "8-2"])
    assert result.exit_code == 1 and "ends before it starts" in result.output


def test_proof_json_names_the_pages_and_the_sheet(tmp_path: Path) -> None:
    result = runner.invoke(app, ["proof", "--book", str(BOOK), "--pages", "1-2", "-o", str(tmp_path / "proof"),
                                 "--dist", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.stdout)
    assert [Path(p).name for p in report["pages"]] == ["dangqi-gaoyang-p001.png", "dangqi-gaoyang-p002.png"]
    assert Path(report["sheet"]).is_file()


def test_preview_prints_its_url_serves_the_book_and_stops_on_ctrl_c() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "publish", "preview", "--book", str(BOOK)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        with urllib.request.urlopen(url.group(0), timeout=10) as response:
            assert "党旗高扬　决战决胜" in response.read().decode("utf-8")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
