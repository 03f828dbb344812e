"""Outputs are replaced all or nothing; a failed write names the file and keeps the old one."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from publish.errors import PublishError
from publish.fsutil import atomic_write_bytes, sweep_stale_parts, sweep_stale_parts_in
from tests.conftest import ROOT


def test_a_full_disk_keeps_the_previous_file_and_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_text("旧版本", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(PublishError) as caught:
        atomic_write_bytes(target, "新版本".encode())
    assert "a.md" in str(caught.value) and "cannot write: the disk is full" in str(caught.value)
    assert target.read_text(encoding="utf-8") == "旧版本"
    assert list(tmp_path.iterdir()) == [target]


def test_a_temp_file_of_a_live_writer_is_left_alone(tmp_path: Path) -> None:
    live = tmp_path / f".a.pdf.{os.getppid()}.x1.part"
    live.write_bytes(b"%PDF")
    assert sweep_stale_parts(tmp_path / "a.pdf") == []
    assert live.exists()


def test_a_temp_file_of_a_dead_writer_is_swept(tmp_path: Path) -> None:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f".a.pdf.{child.stdout.strip()}.x1.part"
    dead.write_bytes(b"%PDF")
    other = tmp_path / f".b.pdf.{child.stdout.strip()}.x1.part"
    other.write_bytes(b"%PDF")
    assert sweep_stale_parts(tmp_path / "a.pdf") == [dead]
    assert other.exists()


def _publish(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "publish", *args], cwd=ROOT, capture_output=True, text=True)


def test_an_error_is_one_message_naming_the_file(tmp_path: Path) -> None:
    result = _publish("build", "--book", str(tmp_path / "nope.toml"), "-o", str(tmp_path))
    assert result.returncode == 1
    assert "nope.toml" in result.stderr and "Traceback" not in result.stderr


def test_debug_shows_the_traceback_of_an_error(tmp_path: Path) -> None:
    result = _publish("--debug", "build", "--book", str(tmp_path / "nope.toml"), "-o", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "nope.toml" in result.stderr


def test_a_folder_sweep_removes_dead_writers_parts_of_every_target(tmp_path: Path) -> None:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = child.stdout.strip()
    dead = [tmp_path / f".a.pdf.{pid}.x1.part", tmp_path / f".b.c.md.{pid}.x2.part"]
    live = tmp_path / f".a.pdf.{os.getppid()}.x3.part"
    for part in (*dead, live):
        part.write_bytes(b"%PDF")
    (tmp_path / f".site.{pid}.x4.part").mkdir()  # a folder being built is not a file to remove
    assert sorted(sweep_stale_parts_in(tmp_path)) == sorted(dead)
    assert live.exists() and (tmp_path / f".site.{pid}.x4.part").is_dir()
    assert sweep_stale_parts_in(tmp_path / "missing") == []
