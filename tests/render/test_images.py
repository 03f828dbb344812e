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


def test_a_missing_local_image_says_where_it_looked(tmp_path: Path) -> None:
    missing: list[str] = []
    chapter = _chapter(tmp_path)
    assert resolve_image(chapter, "images/x.jpg", Sandbox(roots=(tmp_path,)), missing, tmp_path) is None
    assert missing == [
        f"a.md: image not found: images/x.jpg (looked for {(tmp_path / 'articles/images/x.jpg').resolve()}"
        f" and {(tmp_path / 'images/x.jpg').resolve()})"
    ]


def test_an_image_path_from_the_book_folder_is_found(tmp_path: Path) -> None:
    """The README's ``images/a.jpg`` in content/articles/a.md finds content/images/a.jpg,
    where publish clean puts pictures."""
    chapter = _chapter(tmp_path)
    (tmp_path / "images").mkdir()
    jpeg = Path(__file__).parents[1] / "clean/fixtures/12371/images/wagu.jpg"
    (tmp_path / "images/a.jpg").write_bytes(jpeg.read_bytes())
    missing: list[str] = []
    found = resolve_image(chapter, "images/a.jpg", Sandbox(roots=(tmp_path,)), missing, tmp_path)
    assert found == (tmp_path / "images/a.jpg").resolve().as_uri() and missing == []
