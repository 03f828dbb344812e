"""An article cannot make a build read files outside the project, however it names them."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from publish.commands import build
from tests.safety.conftest import BookMaker


@pytest.mark.parametrize(
    "src",
    [
        "../../../../../../../../etc/passwd",
        "images/../../../secret.png",
        "images/leak.png",  # a symlink to a file outside the project
        "../book.toml",  # inside the book, but not an image
    ],
)
def test_an_image_outside_the_project_is_refused_and_named(
    src: str, make_book: BookMaker, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"root:x:0:0:secret")
    book = make_book(f"![图为不应读取的文件。]({src})")
    os.symlink(secret, book.parent / "articles" / "images" / "leak.png")

    result = build.run(book, tmp_path / "dist", ("pdf", "epub"))

    assert any(src in w for w in result.warnings), result.warnings
    with zipfile.ZipFile(result.outputs[1]) as epub:
        opf = epub.read("EPUB/content.opf").decode("utf-8")
        images = [n for n in epub.namelist() if n.startswith("EPUB/images/")]
        # the only image packed is the typographic cover drawn from the title
        assert len(images) == 1 and 'properties="cover-image"' in opf
        assert all(b"root:x" not in epub.read(n) for n in epub.namelist())


@pytest.mark.parametrize(
    "src", ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,<script>alert(1)</script>"]
)
def test_an_image_link_with_a_forbidden_scheme_stays_text(src: str) -> None:
    from publish.markdown import from_markdown
    from publish.model import Figure

    doc = from_markdown(f"---\ntitle: t\n---\n\n![图为。]({src})\n")
    assert not [b for b in doc.blocks if isinstance(b, Figure)]


def test_raw_html_in_an_article_prints_as_text(make_book: BookMaker, tmp_path: Path) -> None:
    book = make_book('<img src="file:///etc/passwd"> <script>alert(1)</script>')

    result = build.run(book, tmp_path / "dist", ("epub",))

    with zipfile.ZipFile(result.outputs[0]) as epub:
        chapter = epub.read("EPUB/text/a1.xhtml").decode("utf-8")
    assert "&lt;script&gt;" in chapter and "<script>" not in chapter
    assert "&lt;img" in chapter and "<img" not in chapter


def test_markdown_nested_thousands_deep_is_a_clear_error_naming_the_article(
    make_book: BookMaker, tmp_path: Path
) -> None:
    from publish.errors import PublishError

    book = make_book("*" * 5000 + "深" + "*" * 5000)
    with pytest.raises(PublishError) as caught:
        build.run(book, tmp_path / "dist", ("pdf",))
    assert "a.md" in str(caught.value) and "too deeply" in caught.value.message


def test_your_css_folder_does_not_open_its_files_to_articles(
    make_book: BookMaker, tmp_path: Path
) -> None:
    from tests.safety.conftest import png

    (tmp_path / "secret.png").write_bytes(png(3, 3))  # beside my.css, outside the book
    css = tmp_path / "my.css"
    css.write_text("p { color: #222; }", encoding="utf-8")
    book = make_book("![图为不应读取的文件。](../../secret.png)")

    result = build.run(book, tmp_path / "dist", ("pdf", "epub"), user_css=(css,))

    assert any("../../secret.png" in w for w in result.warnings), result.warnings
    with zipfile.ZipFile(result.outputs[1]) as epub:
        images = [n for n in epub.namelist() if n.startswith("EPUB/images/")]
        # only the typographic cover, not the 3×3 secret
        assert len(images) == 1 and epub.read(images[0]) != png(3, 3)


# ---------------------------------------------------------------- the HTML edition and the preview
# They read through the same policy as the PDF and the EPUB: an article's figure is an image
# file in the book's folder, nothing else the build may read (the style's files, the faces,
# the folder of a --css file).

SECRET = b"root:x:0:0:secret"


def _hostile_figure(case: str, book_root: Path, tmp_path: Path) -> str:
    """The src of a figure naming a file the build may read for another purpose only."""
    from publish.fonts import find_face
    from publish.styles import load_style

    if case == "beside-your-css":  # an image, but in your CSS's folder, not the book's
        return "../../secret.png"
    if case == "not-an-image-in-the-book":
        return "../book.toml"
    if case == "a-face-file":
        return str(next(iter(find_face("song").files.values())).resolve())
    if case == "a-style-sheet":
        return str(load_style("book").screen_css[0].resolve())
    raise AssertionError(case)


HOSTILE_FIGURES = ["beside-your-css", "not-an-image-in-the-book", "a-face-file", "a-style-sheet"]


def _your_css(tmp_path: Path) -> Path:
    from tests.safety.conftest import png

    (tmp_path / "secret.png").write_bytes(png(3, 3) + SECRET)  # beside my.css, outside the book
    css = tmp_path / "my.css"
    css.write_text("p { color: #222; }", encoding="utf-8")
    return css


@pytest.mark.parametrize("case", HOSTILE_FIGURES)
def test_the_html_edition_copies_no_file_but_the_books_images(
    case: str, make_book: BookMaker, tmp_path: Path
) -> None:
    css = _your_css(tmp_path)
    src = _hostile_figure(case, tmp_path / "book", tmp_path)
    book = make_book(f"![图为不应读取的文件。]({src})")

    result = build.run(book, tmp_path / "dist", ("html",), user_css=(css,))

    site = result.outputs[0]
    assert any(src in w for w in result.warnings), result.warnings
    assert not (site / "images").exists()
    assert '<figure class="missing">' in (site / "a1.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", HOSTILE_FIGURES)
def test_the_preview_serves_no_file_but_the_books_images(
    case: str, make_book: BookMaker, tmp_path: Path
) -> None:
    from publish.commands import preview

    css = _your_css(tmp_path)
    src = _hostile_figure(case, tmp_path / "book", tmp_path)
    book = make_book(f"![图为不应读取的文件。]({src})")

    state = preview.PreviewState(book, user_css=(css,))
    state.render()

    assert not state.error, state.error
    assert sorted(state.files) == ["a1.html", "index.html", "style.css"]
    assert any(src in w for w in state.warnings), state.warnings


def test_a_face_that_is_not_a_font_file_is_not_served_by_the_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from publish import fonts
    from publish.commands import preview
    from publish.render.resources import book_sandbox
    from publish.styles import load_style

    planted = tmp_path / "fonts"
    planted.mkdir()
    (planted / "NotoSerifSC-Regular.ttf").write_bytes(SECRET)  # named like a face, but not one
    monkeypatch.setenv("PUBLISH_FONTS_DIR", str(planted))
    fonts._index.cache_clear()
    try:
        served, rules = preview.preview_faces(("song",), book_sandbox(tmp_path, load_style("book")))
    finally:
        monkeypatch.undo()
        fonts._index.cache_clear()

    assert "NotoSerifSC-Regular.ttf" not in served and "NotoSerifSC-Regular.ttf" not in rules
    assert all(path.read_bytes()[:4] != SECRET[:4] for path in served.values())


def test_a_style_sheet_beside_your_css_is_not_read(tmp_path: Path) -> None:
    from publish.fetcher import RefusedResource
    from publish.render.resources import book_sandbox
    from publish.styles import load_style

    css = _your_css(tmp_path)
    (tmp_path / "other.css").write_text("p { color: red; }", encoding="utf-8")
    sandbox = book_sandbox(tmp_path / "book", load_style("book", user_css=(css,)))

    assert sandbox.resolve(css.as_uri()) == css.resolve()
    with pytest.raises(RefusedResource):
        sandbox.resolve((tmp_path / "other.css").as_uri())



def test_the_per_article_pdf_build_reads_through_the_same_policy_as_every_edition(make_book: BookMaker) -> None:
    from publish.book import load_book
    from publish.fetcher import RefusedResource
    from publish.render.pdf.parallel import _setup
    from publish.render.resources import book_sandbox
    from publish.styles import load_style

    book = load_book(make_book("正文。"))
    sheet = book.root / "notes.css"  # a sheet in the book's folder: not a place sheets come from
    sheet.write_text("p { color: red; }", encoding="utf-8")
    style = load_style(book.style)

    worker = _setup(book, style, "", cache=False).sandbox()

    assert worker.places == book_sandbox(book.root, style).places
    with pytest.raises(RefusedResource, match="not a place sheets are read from"):
        worker.resolve(sheet.as_uri())
