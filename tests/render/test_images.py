"""Figures whose image is not a file of the book: reported by name, caption kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.book import Chapter
from publish.fetcher import Sandbox
from publish.markdown import from_markdown
from publish.render.assemble import resolve_image

CAPTION = "图为清澈的自来水流进了东乡群众心田。"


def _chapter(tmp_path: Path) -> Chapter:
    path = tmp_path / "articles" / "a.md"
    path.parent.mkdir()
    return Chapter(path, from_markdown(f"---\ntitle: t\n---\n\n![{CAPTION}]()\n"))


@pytest.mark.parametrize(
    "src", ["http://www.12371.cn/a.jpg", "https://www.12371.cn/a.jpg", "//www.12371.cn/a.jpg"]
)
def test_a_remote_image_is_reported_as_remote_and_never_fetched(src: str, tmp_path: Path) -> None:
    missing: list[str] = []
    assert resolve_image(_chapter(tmp_path), src, Sandbox(roots=(tmp_path,)), missing) is None
    assert missing == [f"a.md: remote image not fetched: {src}"]


def test_a_missing_local_image_is_reported_as_not_available(tmp_path: Path) -> None:
    missing: list[str] = []
    assert resolve_image(_chapter(tmp_path), "images/x.jpg", Sandbox(roots=(tmp_path,)), missing) is None
    assert missing == ["a.md: image not available: images/x.jpg"]
