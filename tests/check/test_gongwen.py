"""公文 (GB/T 9704): the body in FangSong 三号 on 28 characters × 22 lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.check.lines import read_lines
from publish.check.rules import measure
from publish.commands import build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("gongwen")
    pdf = build.run(ROOT / "tests" / "books" / "ten" / "book.toml", out, ("pdf",), style="gongwen").outputs[0]
    return measure(read_lines(pdf))


def test_the_body_is_fangsong_sanhao(layout) -> None:  # type: ignore[no-untyped-def]
    assert (layout.body_font, layout.body_size) == ("Publish-Fang", 16.0)


def test_a_line_is_28_characters_wide(layout) -> None:  # type: ignore[no-untyped-def]
    widths = {right - left for left, right in layout.frames.values()}
    assert all(w == pytest.approx(28 * 16.0, abs=0.5) for w in widths)


def test_a_page_holds_22_lines(layout) -> None:  # type: ignore[no-untyped-def]
    assert layout.pitch == pytest.approx(225 / 22 * PT_PER_MM, abs=0.1)


def test_only_the_styles_faces_are_used(layout) -> None:  # type: ignore[no-untyped-def]
    """Characters FandolFang lacks (it has GB 2312 only) fall back to the song face,
    one of the style's: no other face appears."""
    faces = {f for ln in layout.lines for f in ln.fonts}
    assert "Publish-Fang" in faces and all(f.startswith("Publish-") for f in faces)
