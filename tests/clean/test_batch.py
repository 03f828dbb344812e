"""``publish clean`` on a batch of real pages: parallel, idempotent; what is skipped or
failed is reported with its reason, and the rest of the batch goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

from publish.commands.clean import Outcome, run

PAGES = (
    "people.com.cn__gne-people-1.html", "sina.com.cn__0d931936.html", "cclw.net__d7605742.html",
    "zol.com.cn__6dc2d508.html", "yzwb.net__36efbc69.html",
)


def _scrapes(corpus: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "scrapes"
    folder.mkdir()
    for name in PAGES:
        shutil.copy(corpus / name, folder / name)
    return folder


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_parallel_batch_cleans_every_page(corpus: Path, tmp_path: Path) -> None:
    summary = run([_scrapes(corpus, tmp_path)], tmp_path / "content" / "articles", jobs=2)
    assert [r.outcome for r in summary.results] == [Outcome.CLEANED] * len(PAGES)


def test_recleaning_real_pages_is_byte_identical_and_touches_nothing(corpus: Path, tmp_path: Path) -> None:
    scrapes, content = _scrapes(corpus, tmp_path), tmp_path / "content"
    run([scrapes], content / "articles", jobs=2)
    before = _snapshot(content)
    summary = run([scrapes], content / "articles", jobs=2)
    assert {r.outcome for r in summary.results} == {Outcome.UNCHANGED}
    assert _snapshot(content) == before


def test_page_that_is_not_an_article_is_skipped_with_its_reason_and_the_rest_go_on(corpus: Path, tmp_path: Path) -> None:
    scrapes = _scrapes(corpus, tmp_path)
    (scrapes / "nav.html").write_text("<html><body><a href='/'>首页</a></body></html>", encoding="utf-8")
    (scrapes / "blank.html").write_bytes(b"  \n")
    summary = run([scrapes], tmp_path / "articles", jobs=2)
    skipped = {r.source.name: r.message for r in summary.results if r.outcome is Outcome.SKIPPED}
    assert set(skipped) == {"nav.html", "blank.html"}
    assert all(message for message in skipped.values())
    assert summary.count(Outcome.CLEANED) == len(PAGES)
    assert not (tmp_path / "articles" / "nav.md").exists()
    assert not summary.ok


def test_a_page_whose_article_cannot_be_written_fails_and_the_rest_go_on(corpus: Path, tmp_path: Path) -> None:
    scrapes, out = _scrapes(corpus, tmp_path), tmp_path / "articles"
    (out / "yzwb.net__36efbc69.md").mkdir(parents=True)  # a folder where the article should go
    summary = run([scrapes], out, jobs=1)
    failed = {r.source.name: r.message for r in summary.results if r.outcome is Outcome.FAILED}
    assert list(failed) == ["yzwb.net__36efbc69.html"]
    assert "cannot write" in failed["yzwb.net__36efbc69.html"]
    assert summary.count(Outcome.CLEANED) == len(PAGES) - 1
    assert not summary.ok


def test_an_unreadable_page_fails_rather_than_being_skipped(corpus: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    scrapes = _scrapes(corpus, tmp_path)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "cclw.net__d7605742.html":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    summary = run([scrapes], tmp_path / "articles", jobs=1)
    failed = [(r.source.name, r.message) for r in summary.results if r.outcome is Outcome.FAILED]
    assert failed == [("cclw.net__d7605742.html", "cannot read: Permission denied")]
    assert summary.count(Outcome.SKIPPED) == 0


def test_an_article_that_does_not_read_back_fails_and_the_rest_go_on(corpus: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The read-back check guards against our own bugs: one of them (a front matter the
    reader refuses) fails that file, not the batch."""
    from publish.commands import clean
    from publish.errors import ConfigError

    read = clean.from_markdown

    def refuse_one(text: str, **kwargs):  # type: ignore[no-untyped-def]
        if "zol.com.cn" in text:
            raise ConfigError("front matter: refused")
        return read(text, **kwargs)

    monkeypatch.setattr(clean, "from_markdown", refuse_one)
    summary = run([_scrapes(corpus, tmp_path)], tmp_path / "articles", jobs=1)
    failed = {r.source.name: r.message for r in summary.results if r.outcome is Outcome.FAILED}
    assert failed == {"zol.com.cn__6dc2d508.html": "the Markdown written would not read back the same: front matter: refused"}
    assert summary.count(Outcome.CLEANED) == len(PAGES) - 1


def test_a_missing_page_fails_with_its_reason(tmp_path: Path) -> None:
    summary = run([tmp_path / "gone.html"], tmp_path / "articles", jobs=1)
    assert [(r.outcome, r.message) for r in summary.results] == [(Outcome.FAILED, "no such file")]


def test_a_missing_page_is_reported_as_it_is_found(tmp_path: Path) -> None:
    """The command prints each file's outcome from ``on_result``: a missing page too."""
    reported: list[str] = []
    run([tmp_path / "gone.html"], tmp_path / "articles", jobs=1, on_result=lambda r: reported.append(r.message))
    assert reported == ["no such file"]


def test_hand_edited_article_is_kept_and_the_new_version_goes_beside_it(corpus: Path, tmp_path: Path) -> None:
    scrapes, out = _scrapes(corpus, tmp_path), tmp_path / "articles"
    run([scrapes], out, jobs=1)
    target = out / "sina.com.cn__0d931936.md"
    edited = target.read_text(encoding="utf-8") + "\n编辑加的一段话。\n"
    target.write_text(edited, encoding="utf-8")
    summary = run([scrapes], out, jobs=1)
    beside = [r for r in summary.results if r.beside]
    assert [(r.source.name, r.outcome) for r in beside] == [("sina.com.cn__0d931936.html", Outcome.CLEANED)]
    assert target.read_text(encoding="utf-8") == edited
    assert beside[0].output == out / "sina.com.cn__0d931936.md.new" and beside[0].output.is_file()
    assert summary.ok


def test_cli_batch_summary_names_each_failure_and_exits_1(corpus: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from publish.cli import app

    scrapes = _scrapes(corpus, tmp_path)
    (scrapes / "blank.html").write_bytes(b"  \n")
    result = CliRunner().invoke(app, ["clean", str(scrapes), "-o", str(tmp_path / "articles")])
    assert result.exit_code == 1
    assert f"{len(PAGES)} cleaned, 0 unchanged, 1 skipped, 0 failed" in result.output
    assert "blank.html" in result.output and "empty" in result.output


def test_cli_summary_counts_a_new_version_beside_a_hand_edited_article(corpus: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from publish.cli import app

    scrapes, out = _scrapes(corpus, tmp_path), tmp_path / "articles"
    run([scrapes], out, jobs=1)
    target = out / "sina.com.cn__0d931936.md"
    target.write_text(target.read_text(encoding="utf-8") + "\n编辑加的一段话。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(scrapes), "-o", str(out)])
    assert result.exit_code == 0
    assert "1 cleaned (1 beside a hand-edited article), 4 unchanged, 0 skipped, 0 failed" in result.output
    assert "sina.com.cn__0d931936.md.new" in result.output


def test_cli_quiet_batch_prints_only_the_failures(corpus: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from publish.cli import app

    scrapes = _scrapes(corpus, tmp_path)
    (scrapes / "blank.html").write_bytes(b"  \n")
    result = CliRunner().invoke(app, ["--quiet", "clean", str(scrapes), "-o", str(tmp_path / "articles")])
    assert result.exit_code == 1
    assert "blank.html" in result.output
    assert "cleaned" not in result.output and "warning" not in result.output


def test_the_clean_command_does_not_load_the_renderer() -> None:
    # every worker of a batch starts from these imports; WeasyPrint alone takes half a second
    import subprocess
    import sys

    probe = "import sys, publish.commands.clean; print(sorted(m for m in sys.modules if m.split('.')[0] == 'weasyprint'))"
    loaded = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    assert loaded.strip() == "[]"


def test_a_batch_sweeps_killed_writers_parts_once_and_lists_no_folder_per_file(
    corpus: Path, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    import subprocess
    import sys

    import publish.fsutil

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    articles, images = tmp_path / "content" / "articles", tmp_path / "content" / "images"
    articles.mkdir(parents=True)
    images.mkdir()
    left = [articles / f".old.md.{dead.stdout.strip()}.x1.part", images / f".0a1b.png.{dead.stdout.strip()}.y2.part"]
    for part in left:
        part.write_bytes(b"half")
    listings: list[Path] = []
    monkeypatch.setattr(publish.fsutil, "sweep_stale_parts", lambda path: listings.append(path) or [])
    run([_scrapes(corpus, tmp_path)], articles, jobs=1)
    assert not any(part.exists() for part in left)
    assert listings == []  # no write of the batch listed its folder again


def test_a_fault_of_the_cleaner_on_one_page_fails_it_naming_the_file_and_the_rest_go_on(
    corpus: Path, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    from publish.commands import clean

    real = clean.clean_file

    def fault_on_one(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if path.name == "cclw.net__d7605742.html":
            raise RuntimeError("a bug")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(clean, "clean_file", fault_on_one)
    summary = run([_scrapes(corpus, tmp_path)], tmp_path / "articles", jobs=1)
    failed = {r.source.name: r.message for r in summary.results if r.outcome is Outcome.FAILED}
    assert list(failed) == ["cclw.net__d7605742.html"]
    assert "cclw.net__d7605742.html" in failed["cclw.net__d7605742.html"]
    assert "RuntimeError: a bug" in failed["cclw.net__d7605742.html"]
    assert summary.count(Outcome.CLEANED) == len(PAGES) - 1


def _disk_full_at(write: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The ``write``-th file written (1 = the first) finds the disk full."""
    import errno
    import os

    fsync, calls = os.fsync, [0]

    def full(fd: int) -> None:
        calls[0] += 1
        if calls[0] == write:
            raise OSError(errno.ENOSPC, "No space left on device")
        fsync(fd)

    monkeypatch.setattr(os, "fsync", full)


def test_a_full_disk_fails_the_article_it_stops_with_disk_full_and_the_rest_go_on(
    corpus: Path, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    _disk_full_at(2, monkeypatch)
    out = tmp_path / "articles"
    summary = run([_scrapes(corpus, tmp_path)], out, jobs=1)
    failed = [(r.source.name, r.message) for r in summary.results if r.outcome is Outcome.FAILED]
    assert failed == [("people.com.cn__gne-people-1.html", "cannot write people.com.cn__gne-people-1.md: disk full")]
    assert summary.count(Outcome.CLEANED) == len(PAGES) - 1
    assert not (out / "people.com.cn__gne-people-1.md").exists()
    assert [p for p in out.iterdir() if p.name.startswith(".")] == []


def test_cli_on_a_full_disk_prints_the_summary_and_exits_1(
    corpus: Path, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    from typer.testing import CliRunner

    from publish.cli import app

    _disk_full_at(1, monkeypatch)
    result = CliRunner().invoke(app, ["clean", str(_scrapes(corpus, tmp_path)), "-o", str(tmp_path / "articles"), "-j", "1"])
    assert result.exit_code == 1
    assert f"{len(PAGES) - 1} cleaned, 0 unchanged, 0 skipped, 1 failed" in result.output
    assert "disk full" in result.output


def test_a_worker_that_dies_fails_the_pages_not_reported_and_the_batch_ends_with_its_summary(
    corpus: Path, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    import os

    from publish.commands import clean

    real = clean.clean_file

    def killed_on_one(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if path.name == "zol.com.cn__6dc2d508.html":
            os._exit(9)  # what the kernel's out-of-memory killer does to a worker
        return real(path, *args, **kwargs)

    monkeypatch.setattr(clean, "clean_file", killed_on_one)
    summary = run([_scrapes(corpus, tmp_path)], tmp_path / "articles", jobs=2)
    assert len(summary.results) == len(PAGES)
    failed = [r for r in summary.results if r.outcome is Outcome.FAILED]
    assert "zol.com.cn__6dc2d508.html" in [r.source.name for r in failed]
    assert all("a worker process died" in r.message for r in failed)
