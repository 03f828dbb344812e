"""Style sheets shipped to readers (EPUB, HTML edition) name nothing a reader would fetch.

Each case is a way of writing a fetch that a regular expression misses and a reader does
not: CSS escapes in a function or at-rule name, image-set()'s bare strings, @import with
no space before its string. The sheets come in as the user's --css.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from publish.commands import build
from publish.css_filter import filtered_css
from publish.fetcher import Sandbox
from publish.render.epub.write import CSS_HREF, epub_css
from publish.styles import available_styles, load_style
from tests.safety.conftest import BookMaker

TRAP = "127.0.0.1:9"
"""No test ever listens here: a URL naming it must not survive in a shipped sheet."""

BYPASSES = {
    "escaped-url": rf"p {{ background: u\72l(http://{TRAP}/a.png); }}",
    "escaped-upper-url": rf'p {{ background: U\52L("http://{TRAP}/b.png"); }}',
    "escaped-import": rf'@\69mport "http://{TRAP}/c.css";',
    "image-set-string": f'p {{ background: image-set("http://{TRAP}/d.png" 1x); }}',
    "import-without-space": f'@import"http://{TRAP}/e.css";',
}


def _built_css(fmt: str, case: str, make_book: BookMaker, tmp_path: Path) -> tuple[str, list[str]]:
    css = tmp_path / "mine.css"
    css.write_text(BYPASSES[case] + "\nh1 { color: #333; }\n", encoding="utf-8")
    book = make_book("")
    result = build.run(book, tmp_path / "dist", (fmt,), user_css=(css,))
    if fmt == "epub":
        with zipfile.ZipFile(result.outputs[0]) as epub:
            return epub.read(f"EPUB/{CSS_HREF}").decode("utf-8"), result.warnings
    return (result.outputs[0] / "style.css").read_text(encoding="utf-8"), result.warnings


@pytest.mark.parametrize("case", sorted(BYPASSES))
def test_the_epubs_sheet_keeps_no_fetch_however_it_is_written(
    case: str, make_book: BookMaker, tmp_path: Path
) -> None:
    sheet, warnings = _built_css("epub", case, make_book, tmp_path)
    assert TRAP not in sheet and "h1 { color: #333; }" in sheet
    assert any(TRAP in w for w in warnings), warnings


@pytest.mark.parametrize("case", sorted(BYPASSES))
def test_the_html_editions_sheet_keeps_no_fetch_however_it_is_written(
    case: str, make_book: BookMaker, tmp_path: Path
) -> None:
    sheet, warnings = _built_css("html", case, make_book, tmp_path)
    assert TRAP not in sheet and "h1 { color: #333; }" in sheet
    assert any(TRAP in w for w in warnings), warnings


@pytest.mark.parametrize("style", ["base", *available_styles()])
def test_a_sheet_that_names_nothing_refused_comes_out_byte_for_byte(style: str, tmp_path: Path) -> None:
    loaded = load_style(style)
    for sheets in (loaded.epub_css, loaded.screen_css, loaded.print_css):
        css = epub_css(sheets)
        sandbox = Sandbox(roots=(tmp_path,))
        assert filtered_css(css, sandbox, "an EPUB") == css
        assert sandbox.refused == []


def test_an_allowed_data_image_is_kept_as_written_beside_a_refused_url(tmp_path: Path) -> None:
    data = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    css = f"a {{ background: url( '{data}' ) }}\r\nb {{ background: url(http://{TRAP}/x) }}"
    out = filtered_css(css, Sandbox(roots=(tmp_path,)), "an EPUB")
    assert out == f"a {{ background: url( '{data}' ) }}\nb {{ background: none }}"


def test_an_import_inside_a_media_rule_is_cut_and_the_rest_kept(tmp_path: Path) -> None:
    css = f"@media print {{ @IMPORT url(http://{TRAP}/x.css) print; p {{ color: red }} }}"
    out = filtered_css(css, Sandbox(roots=(tmp_path,)), "an EPUB")
    assert out == "@media print { /* @import removed */ p { color: red } }"
