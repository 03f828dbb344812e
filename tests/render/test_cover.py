"""The EPUB's typographic cover: drawn straight into a 16-colour palette, kept in the
render cache, and an EPUB build that never loads the PDF renderer."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from publish.book import BookMeta
from publish.render import cover
from publish.render.cache import RenderCache
from tests.conftest import BOOK

META = BookMeta(name="t", title="党旗高扬　决战决胜", subtitle="2020年组织工作盘点·抓党建促脱贫攻坚",
                publisher="共产党员网")
"""The seed book's title lines."""


def test_the_cover_is_a_four_bit_palette_png_of_the_design_colours() -> None:
    data = cover.draw_cover(META)
    img = Image.open(io.BytesIO(data))
    assert (img.format, img.mode, img.size) == ("PNG", "P", cover.SIZE)
    assert data[24] == 4, "IHDR bit depth: four bits a pixel"
    colours = {rgb for _, rgb in img.convert("RGB").getcolors(16) or []}
    design = cover.CoverDesign()
    assert {design.field, design.ink, design.paper, design.paper_ink} <= colours


def test_the_title_is_drawn_in_ink_on_the_field_and_the_publisher_on_paper() -> None:
    img = Image.open(io.BytesIO(cover.draw_cover(META))).convert("RGB")
    design = cover.CoverDesign()
    field_h = int(cover.SIZE[1] * design.field_share)
    field_colours = {rgb for _, rgb in img.crop((0, 0, cover.SIZE[0], field_h)).getcolors(16) or []}
    paper_colours = {rgb for _, rgb in img.crop((0, field_h, *cover.SIZE)).getcolors(16) or []}
    assert design.ink in field_colours and design.paper_ink not in field_colours
    assert design.paper_ink in paper_colours and design.ink not in paper_colours


def test_a_cached_cover_is_not_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = RenderCache(tmp_path)
    first = cover.cached_cover(META, cache)

    def no_drawing(*_: object) -> bytes:
        raise AssertionError("drawn again")

    monkeypatch.setattr(cover, "draw_cover", no_drawing)
    assert cover.cached_cover(META, cache) == first


def test_a_changed_subtitle_draws_a_new_cover(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    first = cover.cached_cover(META, cache)
    other = cover.cached_cover(dataclasses.replace(META, subtitle="党旗高扬"), cache)
    assert other != first


def test_a_cut_off_cached_cover_is_drawn_again(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    first = cover.cached_cover(META, cache)
    (entry,) = tmp_path.rglob("*.png")
    entry.write_bytes(first[: len(first) // 2])
    assert cover.cached_cover(META, cache) == first


def _modules_after_an_epub_build(tmp_path: Path, listing: str) -> str:
    """What ``listing`` (an expression over ``sys.modules``) prints after a fresh process
    builds the default book's EPUB."""
    script = (
        "import sys; from pathlib import Path; from publish.commands import build; "
        f"build.run(Path({str(BOOK)!r}), Path({str(tmp_path)!r}), ('epub',), cache=False); "
        f"print({listing})"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_an_epub_build_does_not_import_the_pdf_renderer(tmp_path: Path) -> None:
    listing = "sorted(m for m in ('weasyprint', 'pikepdf', 'fontTools.subset') if m in sys.modules)"
    assert _modules_after_an_epub_build(tmp_path, listing) == "[]"


def test_an_epub_build_does_not_import_the_cleaner(tmp_path: Path) -> None:
    """Reading Markdown needs only the character classes (publish.typeset.cjk), not the cleaner's
    pipeline and its few hundred patterns compiled at import."""
    listing = "sorted(m for m in sys.modules if m.startswith('publish.clean'))"
    assert _modules_after_an_epub_build(tmp_path, listing) == "[]"
