"""The HTML edition's folder is replaced whole, is never missing, and two builds at once
both succeed; what a killed build leaves is swept by the next."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from publish.errors import PublishError
from publish.render.html import folder as site_folder
from publish.render.html.folder import STALE_AFTER_S, save_site, sweep_staging


def _site(version: str) -> dict[str, bytes]:
    page = f"<p>{version}</p>".encode()
    return {"index.html": page, "a1.html": page, "images/x.png": page}


def _versions(target: Path) -> set[str]:
    """The versions the site's files come from (one, if the site is whole)."""
    return {p.read_text(encoding="utf-8") for p in target.rglob("*") if p.is_file()}


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def _hidden(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("swap", ["renameat2", "two renames"])
def test_two_builds_saving_one_site_at_once_both_succeed(
    swap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if swap == "two renames":
        monkeypatch.setattr(site_folder, "exchange", lambda a, b: None)
    target = tmp_path / "book-html"
    errors: list[BaseException] = []

    def build(version: str) -> None:
        try:
            for _ in range(25):
                save_site(_site(version), target)
        except BaseException as exc:  # noqa: BLE001 (the test reports whatever escaped)
            errors.append(exc)

    threads = [threading.Thread(target=build, args=(v,)) for v in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(_versions(target)) == 1
    assert _hidden(target) == []


def test_the_site_is_never_missing_while_it_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "book-html"
    save_site(_site("0"), target)
    missing = 0
    done = threading.Event()

    def read() -> None:
        nonlocal missing
        while not done.is_set():
            missing += not (target / "index.html").is_file()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(1, 60):
            save_site(_site(str(n)), target)
    finally:
        done.set()
        reader.join(timeout=10)
    assert missing == 0
    assert _versions(target) == {"<p>59</p>"}


def test_without_an_atomic_swap_the_site_is_still_replaced_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site_folder, "exchange", lambda a, b: None)  # not Linux
    target = tmp_path / "book-html"
    save_site(_site("old"), target)
    save_site(_site("new"), target)
    assert _versions(target) == {"<p>new</p>"} and _hidden(target) == []


def test_a_failed_write_is_a_publish_error_and_keeps_the_previous_site(tmp_path: Path) -> None:
    target = tmp_path / "book-html"
    save_site(_site("old"), target)
    clash = {"index.html": b"new", "index.html/x": b"a file inside a file"}
    with pytest.raises(PublishError) as caught:
        save_site(clash, target)
    assert "book-html" in str(caught.value)
    assert _versions(target) == {"<p>old</p>"} and _hidden(target) == []


def test_a_staging_folder_left_by_a_killed_build_is_swept(tmp_path: Path) -> None:
    target = tmp_path / "book-html"
    left = tmp_path / f".book-html.tmp-{_dead_pid()}-abc123"
    (left / "images").mkdir(parents=True)
    (left / "index.html").write_bytes(b"half")
    save_site(_site("new"), target)
    assert not left.exists() and _hidden(target) == []


def test_a_stale_staging_folder_is_swept_whoever_made_it(tmp_path: Path) -> None:
    target = tmp_path / "book-html"
    old = tmp_path / f".book-html.tmp-{os.getppid()}-abc123"  # a live process id, maybe reused
    old.mkdir()
    long_ago = time.time() - STALE_AFTER_S - 60
    os.utime(old, (long_ago, long_ago))
    assert sweep_staging(target) == [old]


def test_the_staging_folder_of_a_live_build_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "book-html"
    live = tmp_path / f".book-html.tmp-{os.getppid()}-abc123"
    live.mkdir()
    other = tmp_path / f".other-html.tmp-{_dead_pid()}-abc123"  # another site's
    other.mkdir()
    assert sweep_staging(target) == []
    assert live.is_dir() and other.is_dir()
