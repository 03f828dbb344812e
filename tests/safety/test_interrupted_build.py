"""An interrupted build or clean leaves every output whole, and Ctrl-C says so in one line.

``publish build`` runs in a subprocess that pauses with the new PDF half-written
(tests/safety/paused_publish.py); the test then sends SIGINT or SIGKILL.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from publish.cli import INTERRUPTED
from publish.commands import build
from tests.conftest import ROOT
from tests.safety.conftest import BookMaker


@pytest.fixture
def built(make_book: BookMaker, tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A book with a previous dist/safety.pdf, and an article changed since."""
    book = make_book("旧的结尾段落。")
    dist = tmp_path / "dist"
    (pdf,) = build.run(book, dist, ("pdf",)).outputs
    article = book.parent / "articles" / "a.md"
    article.write_text(article.read_text(encoding="utf-8").replace("旧的", "新的"), encoding="utf-8")
    return book, dist, pdf.read_bytes()


def _build_until_paused(book: Path, dist: Path, *debug: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.safety.paused_publish", *debug,
         "build", "-b", str(book), "-o", str(dist), "-f", "pdf"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "PAUSED":
            return proc
    proc.kill()
    pytest.fail(f"the build ended before writing: {proc.communicate()[1]}")


def _parts(dist: Path) -> list[Path]:
    return sorted(dist.glob("*.part"))  # pathlib's * matches hidden names too


def test_ctrl_c_while_writing_keeps_the_previous_pdf_and_leaves_no_temp_file(
    built: tuple[Path, Path, bytes],
) -> None:
    book, dist, before = built
    proc = _build_until_paused(book, dist)
    assert _parts(dist)  # the new PDF is half-written right now
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert (dist / "safety.pdf").read_bytes() == before
    assert _parts(dist) == []
    assert INTERRUPTED in err and "Traceback" not in err


def test_sigkill_while_writing_keeps_the_previous_pdf(built: tuple[Path, Path, bytes]) -> None:
    book, dist, before = built
    proc = _build_until_paused(book, dist)
    proc.kill()
    proc.wait(timeout=30)
    assert (dist / "safety.pdf").read_bytes() == before
    assert [p.name for p in dist.iterdir() if not p.name.startswith(".")] == ["safety.pdf"]


def test_a_temp_file_left_by_sigkill_is_hidden_and_removed_by_the_next_build(
    built: tuple[Path, Path, bytes],
) -> None:
    book, dist, before = built
    proc = _build_until_paused(book, dist)
    proc.kill()
    proc.wait(timeout=30)
    (left,) = _parts(dist)
    assert left.name.startswith(".safety.pdf.") and left.suffix == ".part"
    build.run(book, dist, ("pdf",))
    assert _parts(dist) == []
    assert (dist / "safety.pdf").read_bytes() != before


def test_debug_shows_the_traceback_of_an_interrupt(built: tuple[Path, Path, bytes]) -> None:
    book, dist, _before = built
    proc = _build_until_paused(book, dist, "--debug")
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" in err and "KeyboardInterrupt" in err and INTERRUPTED in err


def test_ctrl_c_during_a_clean_batch_keeps_every_article_written_whole(
    seed_path: Path, tmp_path: Path
) -> None:
    import os
    import shutil

    from publish.markdown.stamp import is_hand_edited

    scrapes = tmp_path / "scrapes"
    scrapes.mkdir()
    for i in range(6):
        shutil.copy(seed_path, scrapes / f"page{i}.txt")
    out = tmp_path / "articles"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.safety.paused_publish", "clean", str(scrapes), "-o", str(out), "-j", "1"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PAUSE_AT": "4"}, start_new_session=True,
    )
    assert proc.stdout is not None
    assert "PAUSED" in proc.stdout.readline()
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole process group
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert INTERRUPTED in err and "Traceback" not in err
    written = sorted(out.iterdir())
    assert [p.name for p in written] == ["page0.md", "page1.md", "page2.md"]
    assert not [p for p in written if is_hand_edited(p.read_text(encoding="utf-8"))]
