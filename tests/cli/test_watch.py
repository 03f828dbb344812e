"""``publish build --watch``: a change builds once, a bad edit keeps the last good PDF, and
the loop stops when told. The loop runs in a thread on the one-article default book
(laid out in one pass: no pool, so no fork from a threaded process)."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from publish.commands import watch
from publish.render.edition import Options

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder, ignore=shutil.ignore_patterns(".cache", "raw"))
    return folder / "book.toml"


class Loop:
    """The watch in a thread, with every build's outcome and every line it printed."""

    def __init__(self, book: Path, out: Path) -> None:
        self.outcomes: list[watch.Outcome] = []
        self.lines: list[str] = []
        self.stop = threading.Event()
        self.built = threading.Condition()
        self.thread = threading.Thread(
            target=watch.run,
            args=(book, out, ("pdf",), Options(cache=True)),
            kwargs={"say": self.lines.append, "alarm": self.lines.append, "stop": self.stop, "on_build": self._done},
        )

    def _done(self, outcome: watch.Outcome) -> None:
        with self.built:
            self.outcomes.append(outcome)
            self.built.notify_all()

    def wait_builds(self, n: int, seconds: float = 8.0) -> None:
        with self.built:
            assert self.built.wait_for(lambda: len(self.outcomes) >= n, timeout=seconds), self.lines


@pytest.fixture()
def loop(book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Loop]:
    monkeypatch.setenv("PUBLISH_CACHE", str(tmp_path / "cache"))
    running = Loop(book, tmp_path / "dist")
    running.thread.start()
    running.wait_builds(1, seconds=30.0)  # the first build loads WeasyPrint and the faces
    yield running
    running.stop.set()
    running.thread.join(5)


def _edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def _article(book: Path) -> Path:
    return next((book.parent / "articles").glob("*.md"))


def test_an_edit_builds_the_book_again_exactly_once(loop: Loop, book: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "dist" / "dangqi-gaoyang.pdf"
    before = pdf.read_bytes()
    _edit(_article(book), lambda text: text.replace("。", "！", 1))
    loop.wait_builds(2)
    time.sleep(6 * watch.POLL_SECONDS)  # time for a spurious third build to start
    assert [o.ok for o in loop.outcomes] == [True, True]
    assert pdf.read_bytes() != before


def test_a_broken_front_matter_shows_its_error_and_keeps_the_last_good_pdf(loop: Loop, book: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "dist" / "dangqi-gaoyang.pdf"
    good = pdf.read_bytes()
    _edit(_article(book), lambda text: text.replace("title: ", "title: [", 1))
    loop.wait_builds(2)
    assert not loop.outcomes[1].ok
    assert any(line.startswith("error:") and "000_67f8410aa76e5cfb.md" in line for line in loop.lines), loop.lines
    assert any(line.startswith("kept the last good build") for line in loop.lines)
    assert pdf.read_bytes() == good


def test_the_loop_stops_when_told_between_builds(book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLISH_CACHE", str(tmp_path / "cache"))
    stop = threading.Event()
    calls: list[str] = []
    monkeypatch.setattr(watch, "build_once", lambda *a, **k: calls.append("build") or watch.Outcome(ok=True, seconds=0.0))
    thread = threading.Thread(target=watch.run, args=(book, tmp_path / "dist", ("pdf",), Options()),
                              kwargs={"say": calls.append, "stop": stop})
    thread.start()
    time.sleep(4 * watch.POLL_SECONDS)
    stop.set()
    thread.join(2)
    assert not thread.is_alive()
    assert calls.count("build") == 1 and calls[-1] == "stopped watching"


def test_the_watch_sees_articles_styles_and_the_manifest_not_the_cache_or_the_output(book: Path, tmp_path: Path) -> None:
    out = book.parent / "dist"
    (out).mkdir()
    (out / "x.pdf").write_bytes(b"%PDF")
    (book.parent / ".cache").mkdir()
    (book.parent / ".cache" / "entry").write_text("x")
    seen = set(watch.snapshot(book, out, Options()))
    assert book.resolve() in seen and _article(book).resolve() in seen
    assert any(p.name == "style.toml" and p.parent.name == "book" for p in seen)
    assert not any(".cache" in p.parts or p.parent == out.resolve() for p in seen)
