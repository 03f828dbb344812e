"""The merge makes each face one font (``pdf_fonts``): two parts laid out apart, each with
its own subset of the Song face, become a book with one Song program holding the glyphs
of both — and a face the merge cannot make one safely stays as the parts have it."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from fontTools.ttLib import TTFont

from publish.fonts import find_face, font_face_css
from publish.render.pdf.fonts import cid_widths, share_faces, stub_program
from publish.render.pdf.merge import PartPdf, merge
from publish.render.pdf.weasy import font_stubs, harfbuzz

FIRST = "这一年，决战深贫，栉风沐雨、披荆斩棘；"
SECOND = "这一路，决胜小康，人民至上、初心弥坚。"
"""The seed article's opening lines: each part draws glyphs the other does not."""
SONG = find_face("song").files["regular"]


def part(text: str) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    sheets = [
        CSS(string=font_face_css(("song",)), font_config=config),
        CSS(string='@page { size: A6 } body { font-family: "Publish Song" }', font_config=config),
    ]
    html = f'<html lang="zh-CN"><body><p>{text}</p></body></html>'
    return bytes(HTML(string=html).write_pdf(stylesheets=sheets, font_config=config))


def stub_part(text: str) -> bytes:
    """The part as a worker of the per-article build writes it: the Song face a stub."""
    font_stubs.install()
    with font_stubs.stubbing((SONG,)):
        return part(text)


@pytest.fixture(scope="module")
def parts() -> list[bytes]:
    return [part(FIRST), part(SECOND)]


@pytest.fixture(scope="module")
def stub_parts() -> list[bytes]:
    return [stub_part(FIRST), stub_part(SECOND)]


def fonts(pdf: bytes) -> list[tuple[set[int], bytes]]:
    """(glyph ids with a width, font program) of each font the pages use, once each."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        found: dict[tuple[int, int], tuple[set[int], bytes]] = {}
        for page in doc.pages:
            for font in page.Resources.Font.values():
                cid_font = font.DescendantFonts[0]
                program = cid_font.FontDescriptor.FontFile2.read_bytes()
                found.setdefault(font.objgen, (set(cid_widths(cid_font)), program))
        return list(found.values())


def contours(font: TTFont, gids: set[int]) -> dict[int, int]:
    """Glyph id → its number of contours (0: drawn empty, -1: made of other glyphs)."""
    order = font.getGlyphOrder()
    return {gid: font["glyf"][order[gid]].numberOfContours for gid in gids}


def texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(page.extract_text() or "").replace("\n", "") for page in doc.pages]


def test_two_parts_of_one_face_merge_into_one_font(parts: list[bytes]) -> None:
    book = merge([PartPdf(p) for p in parts], [SONG])
    assert len(fonts(book)) == 1


def test_the_one_font_reads_as_both_parts_text(parts: list[bytes]) -> None:
    book = merge([PartPdf(p) for p in parts], [SONG])
    assert texts(book) == [FIRST, SECOND]


def test_the_one_program_draws_every_glyph_of_both_parts(parts: list[bytes]) -> None:
    book = merge([PartPdf(p) for p in parts], [SONG])
    ((_, data),) = fonts(book)
    program = TTFont(io.BytesIO(data))
    used = fonts(parts[0])[0][0] | fonts(parts[1])[0][0]
    assert len(used) > len(set(FIRST)), "the second part brought glyphs of its own"
    assert contours(program, used) == contours(TTFont(SONG), used)


def test_a_face_whose_file_is_not_among_the_fonts_stays_per_part(parts: list[bytes]) -> None:
    book = merge([PartPdf(p) for p in parts], [])
    assert len(fonts(book)) == 2
    assert texts(book) == [FIRST, SECOND]


def test_parts_that_disagree_on_a_glyph_width_keep_their_own_fonts(parts: list[bytes]) -> None:
    book = merge([PartPdf(p) for p in parts], [])
    with pikepdf.open(io.BytesIO(book)) as doc:
        second = doc.pages[1].Resources.Font
        name = next(iter(second.keys()))
        widths = second[name].DescendantFonts[0].W
        shared_gid = min(fonts(parts[0])[0][0])  # a glyph of the first part
        widths.extend([shared_gid, shared_gid, 999])  # a /W range entry with another width
        assert share_faces(doc, [SONG]) == 0
        assert len({f.objgen for page in doc.pages for f in page.Resources.Font.values()}) == 2


def test_harfbuzz_subset_keeps_glyph_ids_and_drops_the_rest() -> None:
    with TTFont(SONG, lazy=True) as full:
        order = full.getGlyphOrder()
        gid = full.getBestCmap()[ord("党")]
        wanted = order.index(gid) if isinstance(gid, str) else gid
    program = TTFont(io.BytesIO(harfbuzz.subset(Path(SONG), [wanted])))
    kept = program.getGlyphOrder()
    assert len(kept) == wanted + 1, "ids up to the last kept, so none moves"
    assert program["glyf"][kept[wanted]].numberOfContours > 0
    assert program["glyf"][kept[wanted - 1]].numberOfContours == 0


def test_a_worker_s_part_embeds_a_stub_of_the_face(stub_parts: list[bytes]) -> None:
    ((_, program),) = fonts(stub_parts[0])
    assert program == stub_program(SONG)
    assert len(TTFont(io.BytesIO(program)).getGlyphOrder()) == 1, ".notdef only"


def test_outside_a_worker_s_writing_the_face_is_subset_as_weasyprint_does(stub_parts: list[bytes]) -> None:
    ((_, program),) = fonts(part(FIRST))
    assert program != stub_program(SONG)


def test_merged_stub_parts_get_the_face_cut_once_for_both(parts: list[bytes], stub_parts: list[bytes]) -> None:
    from_stubs = merge([PartPdf(p) for p in stub_parts], [SONG])
    from_subsets = merge([PartPdf(p) for p in parts], [SONG])
    assert fonts(from_stubs) == fonts(from_subsets)
    assert texts(from_stubs) == [FIRST, SECOND]


def test_a_lone_stub_part_gets_the_subset_weasyprint_would_have_made(parts: list[bytes], stub_parts: list[bytes]) -> None:
    book = merge([PartPdf(stub_parts[0])], [SONG])
    assert fonts(book) == fonts(parts[0])


def joined(parts: list[bytes]) -> pikepdf.Pdf:
    """The parts' pages in one PDF, their fonts as the parts have them (no merge step)."""
    doc = pikepdf.open(io.BytesIO(parts[0]))
    for data in parts[1:]:
        doc.pages.extend(pikepdf.open(io.BytesIO(data)).pages)
    return doc


def test_stub_parts_that_disagree_on_a_width_get_their_own_subsets(parts: list[bytes], stub_parts: list[bytes]) -> None:
    with joined(stub_parts) as doc:
        second = doc.pages[1].Resources.Font
        widths = second[next(iter(second.keys()))].DescendantFonts[0].W
        shared_gid = min(fonts(parts[0])[0][0])
        widths.extend([shared_gid, shared_gid, 999])
        assert share_faces(doc, [SONG]) == 0
        out = io.BytesIO()
        doc.save(out)
    programs = [program for _, program in fonts(out.getvalue())]
    assert programs == [fonts(parts[0])[0][1], fonts(parts[1])[0][1]]


def test_a_stub_whose_face_is_not_among_the_fonts_stops_the_build(stub_parts: list[bytes]) -> None:
    from publish.errors import RenderError

    with pytest.raises(RenderError, match="stub"):
        merge([PartPdf(p) for p in stub_parts], [])


def test_a_face_cut_before_is_taken_from_the_cache(stub_parts: list[bytes], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from publish.render.cache import RenderCache

    cache = RenderCache(tmp_path)
    first = merge([PartPdf(p) for p in stub_parts], [SONG], cache)
    assert list(tmp_path.rglob("*.font"))
    stub_program(SONG)  # made once per process, before the cutting is switched off

    def no_cutting(*_: object, **__: object) -> bytes:
        raise AssertionError("cut again")

    monkeypatch.setattr(harfbuzz, "subset", no_cutting)
    assert merge([PartPdf(p) for p in stub_parts], [SONG], cache) == first
