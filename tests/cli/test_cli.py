"""The command line contract scripts rely on: outputs, messages and exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from publish.cli import app

runner = CliRunner()


def test_version_prints_and_exits_zero() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("publish ")


def test_every_command_has_help_with_an_example() -> None:
    for command in ("clean", "build"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output


def test_clean_writes_one_markdown_per_scrape(seed_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{seed_path.stem}.md").is_file()
    assert "1 cleaned" in result.output


def test_recleaning_changes_nothing(seed_path: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path)])
    target = tmp_path / f"{seed_path.stem}.md"
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    result = runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path)])
    assert "1 unchanged" in result.output
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


def test_hand_edited_article_is_never_overwritten(seed_path: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path)])
    target = tmp_path / f"{seed_path.stem}.md"
    edited = target.read_text(encoding="utf-8").replace("这一年", "那一年")
    target.write_text(edited, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == edited
    assert (tmp_path / f"{seed_path.stem}.md.new").is_file()
    assert "1 cleaned (1 beside a hand-edited article)" in result.output


def test_force_overwrites_a_hand_edited_article(seed_path: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path)])
    target = tmp_path / f"{seed_path.stem}.md"
    target.write_text(target.read_text(encoding="utf-8").replace("这一年", "那一年"), encoding="utf-8")
    runner.invoke(app, ["clean", str(seed_path), "-o", str(tmp_path), "--force"])
    assert "这一年" in target.read_text(encoding="utf-8")


def test_an_empty_page_is_skipped_with_its_reason_and_the_batch_goes_on(seed_path: Path, tmp_path: Path) -> None:
    scrapes = tmp_path / "scrapes"
    scrapes.mkdir()
    shutil.copy(seed_path, scrapes / "good.txt")
    (scrapes / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(scrapes), "-o", str(out)])
    assert result.exit_code == 1
    assert (out / "good.md").is_file()
    assert "skipped" in result.output and "empty.txt" in result.output and "empty" in result.output
    assert "1 cleaned, 0 unchanged, 1 skipped, 0 failed" in result.output


def test_missing_book_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--book", str(tmp_path / "nope.toml"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "nope.toml" in result.output and "Traceback" not in result.output


def test_unknown_style_names_the_known_ones(tmp_path: Path) -> None:
    from tests.conftest import BOOK

    result = runner.invoke(app, ["build", "--book", str(BOOK), "--style", "nope", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "unknown style 'nope'" in result.output and "book" in result.output


def test_bad_book_manifest_lists_every_error(tmp_path: Path) -> None:
    book = tmp_path / "book.toml"
    book.write_text('[book]\ntitle = 1\ntrim = "B9"\ncolour = "red"\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "--book", str(book), "-o", str(tmp_path)])
    assert result.exit_code == 1
    for fragment in ("title must be a str", "trim 'B9'", "unknown key 'colour'", "missing key 'articles'"):
        assert fragment in result.output


def _book(tmp_path: Path, date: str, articles: str) -> Path:
    book = tmp_path / "book.toml"
    book.write_text(f'[book]\ntitle = "试验"\ndate = {date}\narticles = [{articles}]\n', encoding="utf-8")
    return book


def test_a_book_date_that_is_no_day_is_refused(tmp_path: Path) -> None:
    """The date is the PDF's creation date: a wrong one was dropped from the PDF silently."""
    result = runner.invoke(app, ["build", "--book", str(_book(tmp_path, '"2026-13-45"', '"a.md"')), "-o", str(tmp_path)])
    assert result.exit_code == 1 and "date '2026-13-45' is not a day" in result.output


def test_a_toml_date_is_a_book_date() -> None:
    from publish.book import _is_date

    assert _is_date(__import__("datetime").date(2021, 1, 27)) and _is_date("2021-01-27")
    assert not _is_date("2021-02-30") and not _is_date("27.1.2021")


def test_every_article_that_cannot_be_read_is_named_at_once(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\n\n正文。\n", encoding="utf-8")
    book = _book(tmp_path, "2026-01-01", '"bad.md", "gone.md"')
    result = runner.invoke(app, ["build", "--book", str(book), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "bad.md: front matter is not valid YAML" in result.output
    assert "gone.md: cannot read the article listed as 'gone.md': No such file or directory" in result.output
    assert "book.toml: " not in result.output  # each problem is the article's, not the manifest's


def test_an_article_date_with_a_typo_stops_the_build_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "typo.md").write_text("---\ntitle: 标题\ndate: 2021-01-72\n---\n\n正文。\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "--book", str(_book(tmp_path, "2026-01-01", '"typo.md"')), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "typo.md: front matter: date '2021-01-72' is not an ISO 8601 day" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_command_line_does_not_import_pydantic() -> None:
    """typer 0.29 validates every parameter with pydantic, a tenth of a second at each
    start; pyproject.toml keeps typer below it."""
    probe = "import sys, publish.cli; print('pydantic' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_quiet_flag_may_follow_the_command() -> None:
    from publish.cli import hoist_global_flags

    assert hoist_global_flags(["build", "-q", "--format", "epub"]) == ["-q", "build", "--format", "epub"]


def test_nothing_after_a_double_dash_is_taken_for_a_flag() -> None:
    from publish.cli import hoist_global_flags

    assert hoist_global_flags(["clean", "--", "-q"]) == ["clean", "--", "-q"]


def test_publish_build_dash_q_prints_nothing_on_success(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "publish", "build", "-q", "--format", "epub", "-o", str(tmp_path)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2],
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert list(tmp_path.glob("*.epub"))


def test_an_unknown_pdf_variant_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", "--pdf-variant", "pdf/a-9z", "-o", str(tmp_path)])
    assert result.exit_code == 1 and "unknown PDF variant 'pdf/a-9z'" in result.output
    assert "pdf/a-1b" in result.output and list(tmp_path.iterdir()) == []


def test_the_pdf_variants_we_accept_are_weasyprints() -> None:
    from weasyprint.pdf import VARIANTS

    from publish.render.pdf.write import PDF_VARIANTS

    assert sorted(PDF_VARIANTS) == sorted(v for v in VARIANTS if v != "debug")


def test_a_negative_bleed_or_job_count_is_a_usage_error(tmp_path: Path) -> None:
    for option in (["--bleed", "-5"], ["--jobs", "-1"]):
        result = CliRunner().invoke(app, ["build", "--format", "pdf", "-o", str(tmp_path), *option])
        assert result.exit_code == 2, option
    assert list(tmp_path.iterdir()) == []
