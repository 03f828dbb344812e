"""EPUBCheck 5.3 with usage notes (-u) finds nothing in any variant of the book."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.epub.checkers import epubcheck

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("variant", ["default_epub", "vertical_epub", "ten_epub"])
def test_epubcheck_reports_nothing(variant: str, request: pytest.FixtureRequest) -> None:
    epub: Path = request.getfixturevalue(variant)
    assert epubcheck(epub) == []


def test_embedded_fonts_leave_only_the_font_face_usage_note(embedded_epub: Path) -> None:
    messages = epubcheck(embedded_epub)
    assert [m for m in messages if m.id != "CSS-028"] == []
    assert {m.severity for m in messages} == {"USAGE"}  # CSS-028 is a note on each @font-face


def test_epubcheck_finds_a_broken_package(default_epub: Path, tmp_path: Path) -> None:
    """The checker is live: an EPUB with its navigation document removed fails."""
    import zipfile

    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(default_epub) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            if not info.filename.endswith("nav.xhtml"):
                dst.writestr(info, src.read(info.filename))
    assert any(m.severity in ("ERROR", "FATAL") for m in epubcheck(broken))
