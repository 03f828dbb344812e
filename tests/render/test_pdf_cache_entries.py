"""A render-cache entry is used only under its own key, and temporary files that a killed
writer left behind are swept; the payload is the cached bytes, unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from publish.render.cache import STALE_TMP_S, Layout, RenderCache

PDF_A = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
PDF_B = b"%PDF-1.7\n2 0 obj <<>> endobj\n%%EOF\n"
KEY_A = "aa" + "0" * 62
KEY_B = "ab" + "1" * 62


def entry(cache: RenderCache, key: str, kind: str) -> Path:
    assert cache.folder is not None
    return cache.folder / key[:2] / f"{key}.{kind}"


def test_an_entry_gives_back_the_bytes_stored(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    cache.store_pdf(KEY_A, PDF_A)
    assert cache.pdf(KEY_A) == PDF_A


def test_swapped_entries_are_misses_not_each_other(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    cache.store_pdf(KEY_A, PDF_A)
    cache.store_pdf(KEY_B, PDF_B)
    a, b = entry(cache, KEY_A, "pdf"), entry(cache, KEY_B, "pdf")
    a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_bytes)
    b.write_bytes(a_bytes)
    assert cache.pdf(KEY_A) is None
    assert cache.pdf(KEY_B) is None


def test_an_entry_under_another_name_is_dropped(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    cache.store_layout(KEY_B, Layout(3, False, {}))
    target = entry(cache, KEY_A, "json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(entry(cache, KEY_B, "json").read_bytes())
    assert cache.layout(KEY_A) is None
    assert not target.exists(), "a wrong entry is removed, to be written again"
    assert cache.layout(KEY_B) is not None


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_temporary_file_of_a_killed_writer_is_swept_on_the_next_write(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    left = tmp_path / KEY_A[:2] / f".{KEY_B}.pdf.{_dead_pid()}.tmp"
    left.parent.mkdir(parents=True)
    left.write_bytes(PDF_B[:10])
    cache.store_pdf(KEY_A, PDF_A)
    assert not left.exists()


def test_an_old_temporary_file_is_swept_whatever_its_pid(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    left = tmp_path / KEY_A[:2] / f".{KEY_B}.pdf.1.tmp"  # pid 1 is always alive
    left.parent.mkdir(parents=True)
    left.write_bytes(PDF_B[:10])
    old = time.time() - STALE_TMP_S - 60
    os.utime(left, (old, old))
    cache.store_pdf(KEY_A, PDF_A)
    assert not left.exists()


def test_a_live_writers_temporary_file_is_left_alone(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    live = tmp_path / KEY_A[:2] / f".{KEY_B}.pdf.1.tmp"
    live.parent.mkdir(parents=True)
    live.write_bytes(PDF_B[:10])
    cache.store_pdf(KEY_A, PDF_A)
    assert live.exists()
