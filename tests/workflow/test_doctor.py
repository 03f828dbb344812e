"""``publish doctor``: what is installed, what is missing, and whether a build would fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from publish import fonts
from publish.commands import doctor
from tests.conftest import BOOK


def test_on_this_machine_the_default_book_would_build() -> None:
    report = doctor.run(BOOK)
    assert report.ok, report.problems
    assert [f.role for f in report.faces] == ["song", "hei", "kai"]
    assert all(f.found for f in report.faces)


def test_it_reports_the_text_libraries_versions() -> None:
    tools = {t.name: t for t in doctor.run(BOOK).tools}
    assert tools["WeasyPrint"].version.startswith("70.")
    assert re.fullmatch(r"1\.\d+\.\d+", tools["Pango"].version)
    assert re.fullmatch(r"\d+\.\d+\.\d+", tools["HarfBuzz"].version)
    assert {"Java", "EPUBCheck"} <= set(tools)


def test_a_missing_face_fails_and_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_index", lambda: {})
    report = doctor.run(BOOK)
    assert not report.ok
    song = next(f for f in report.faces if f.role == "song")
    assert not song.found and "NotoSerifSC-Regular.ttf" in song.problem
    assert song.install.startswith("make fonts")
    assert any("make fonts" in p for p in report.problems)


def test_java_and_epubcheck_are_optional_for_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    monkeypatch.setattr(doctor, "EPUBCHECK_JARS", ())
    monkeypatch.delenv("EPUBCHECK_JAR", raising=False)
    report = doctor.run(BOOK)
    tools = {t.name: t for t in report.tools}
    assert not tools["Java"].found and not tools["EPUBCheck"].found
    assert report.ok


def test_a_book_that_does_not_load_fails(tmp_path: Path) -> None:
    book = tmp_path / "book.toml"
    book.write_text('[book]\ntitle = "书"\narticles = ["articles/nope.md"]\n', encoding="utf-8")
    report = doctor.run(book)
    assert not report.ok and "nope.md" in report.problems[0]


def test_cache_sizes_are_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    (cache / "npm").mkdir(parents=True)
    (cache / "npm" / "a.tgz").write_bytes(b"x" * 1234)
    monkeypatch.setenv("PUBLISH_CACHE", str(cache))
    sizes = {c.path: c.bytes for c in doctor.run(BOOK).caches}
    assert sizes[str(cache)] == 1234


def test_debian_packages_of_the_setup_that_are_missing_are_listed(tmp_path: Path) -> None:
    listing = tmp_path / "system-packages.txt"
    listing.write_text("# comment\nfontconfig\npublish-no-such-package\n", encoding="utf-8")
    missing = doctor.check_system_packages(listing)
    assert [t.name for t in missing] == ["Debian package publish-no-such-package"]
    assert "make system" in missing[0].note
