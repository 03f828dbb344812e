"""One embedded program per face in the merged book, as a one-pass build embeds it.

Separate from the page merge because it is about fonts only. Every part of the per-article
build is its own WeasyPrint document, so each embeds its own subset of every face it uses:
a 100-article book carried a hundred subsets of the Song face (9× the one-pass size).
WeasyPrint subsets with HarfBuzz keeping the glyph ids and addresses glyphs by id
(``Identity-H``), so no content stream depends on which subset it is drawn with. After
the pages are merged, the fonts of one face (the same ``BaseFont``: WeasyPrint names it
from the face's description, the same in every part) become one: the union of the parts'
glyph widths (``/W``) and text maps (``ToUnicode``), and a single subset of the face's
file for the union of their glyphs, made with WeasyPrint's own steps (``harfbuzz``), so
the program is byte for byte the one a one-pass build of the same glyphs embeds.

The workers do not cut the style's faces at all: each part embeds a *stub* of each (its
.notdef glyph only; ``pdf.worker``), and this step replaces every stub. A face whose fonts
cannot become one without changing a glyph — the parts disagree on a glyph's width or
text, or a part maps a missing character (a custom encoding, which the checker reports) —
keeps one font per part, each stub replaced by the subset WeasyPrint would have made for
that part. A face whose file is not among the style's fonts (a fallback fontconfig chose)
was subset by WeasyPrint and stays as the parts have it. A stub that cannot be replaced
stops the build (RenderError) rather than leave a face without glyphs.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

import pikepdf

from publish.errors import RenderError
from publish.render.cache import RenderCache, stat_token
from publish.render.pdf.weasy import harfbuzz

LOGGER = logging.getLogger(__name__)

_FONT_FILES = ("/FontFile2", "/FontFile3")
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_FIXED_PITCH = 1
TO_UNICODE_HEAD = (
    b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
    b"<< /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
    b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    b"1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"
)
TO_UNICODE_TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
"""WeasyPrint's ToUnicode CMap around its ``bfchar`` blocks."""


class Conflict(ValueError):
    """The parts' fonts of one face cannot become one without changing a glyph."""


@dataclass(slots=True)
class Face:
    """The fonts (Type0 dictionaries) of one face across the merged parts."""

    fonts: list[pikepdf.Object] = field(default_factory=list)
    widths: dict[int, int] = field(default_factory=dict)
    texts: dict[int, bytes] = field(default_factory=dict)
    """Glyph id → its text as UTF-16BE hex, from the ToUnicode maps."""
    conflict: str | None = None
    """Why the fonts cannot become one (they still share the face's file)."""

    def add(self, font: pikepdf.Object) -> None:
        """Take in one part's font, noting a conflict with those already in."""
        self.fonts.append(font)
        if self.conflict is not None:
            return
        try:
            if font.get("/Encoding") != "/Identity-H":
                raise Conflict("a part maps a missing glyph (custom encoding)")
            _union(self.widths, cid_widths(font.DescendantFonts[0]))
            _union(self.texts, _texts(font))
        except Conflict as exc:
            self.conflict = str(exc)


_V = TypeVar("_V")


def _union(into: dict[int, _V], new: dict[int, _V]) -> None:
    for key, value in new.items():
        if into.setdefault(key, value) != value:
            raise Conflict(f"glyph {key} differs between parts")


def cid_widths(cid_font: pikepdf.Object) -> dict[int, int]:
    """The /W array as glyph id → width (WeasyPrint writes runs: first [w w …])."""
    out: dict[int, int] = {}
    array = list(cid_font.get("/W", []))
    i = 0
    while i < len(array):
        first = int(array[i])
        if isinstance(array[i + 1], pikepdf.Array):
            out.update((first + k, int(width)) for k, width in enumerate(array[i + 1]))
            i += 2
        else:
            out.update((gid, int(array[i + 2])) for gid in range(first, int(array[i + 1]) + 1))
            i += 3
    return out


def _texts(font: pikepdf.Object) -> dict[int, bytes]:
    if "/ToUnicode" not in font:
        return {}
    return {int(code, 16): dest.lower() for code, dest in _BFCHAR.findall(font.ToUnicode.read_bytes())}


def _fonts_of(owner: pikepdf.Object, seen: set[tuple[int, int]]) -> Iterator[tuple[pikepdf.Object, str]]:
    """(resources /Font dictionary, name) for every font a page or form uses."""
    resources = owner.get("/Resources")
    if resources is None:
        return
    fonts = resources.get("/Font")
    if fonts is not None:
        for name in list(fonts.keys()):
            yield fonts, name
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _fonts_of(xobject, seen)


def _faces(pdf: pikepdf.Pdf) -> dict[str, Face]:
    """The Type0 fonts the pages use, grouped by BaseFont."""
    faces: dict[str, Face] = {}
    seen_fonts: set[tuple[int, int]] = set()
    seen_forms: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for fonts, name in _fonts_of(page.obj, seen_forms):
            font = fonts[name]
            if font.objgen in seen_fonts or font.get("/Subtype") != "/Type0":
                continue
            seen_fonts.add(font.objgen)
            faces.setdefault(str(font.get("/BaseFont", "")), Face()).add(font)
    return faces


def _font_file_key(descriptor: pikepdf.Object) -> str | None:
    return next((key for key in _FONT_FILES if key in descriptor), None)


@cache
def _postscript_name_of_file(path: Path, stamp: tuple[int, int]) -> str | None:
    """The face's PostScript name (name ID 6); ``stamp`` (size, mtime) keys the cache."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as font:
            return str(font["name"].getDebugName(6)) if "name" in font else None
    except (OSError, TTLibError, KeyError):
        return None


def _postscript_name(program: bytes) -> str | None:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(io.BytesIO(program), lazy=True) as font:
            return str(font["name"].getDebugName(6)) if "name" in font else None
    except (OSError, TTLibError, KeyError):
        return None


def _glyph_count(program: bytes) -> int:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(io.BytesIO(program), lazy=True) as font:
            return int(font["maxp"].numGlyphs)
    except (OSError, TTLibError, KeyError):
        return -1


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def stub_program(path: Path) -> bytes:
    """The face at ``path`` cut down to its .notdef glyph: what a part embeds in place of
    its own subset when the merge will cut the face for the whole book (see pdf.worker)."""
    return _stub(path, _stamp(path))


@cache
def _stub(path: Path, stamp: tuple[int, int] | None) -> bytes:
    return harfbuzz.subset(path, [0])


def _source(program: bytes, candidates: Sequence[Path]) -> tuple[Path, bool] | None:
    """(the font file the embedded program was cut from, whether it is that file's stub),
    found by PostScript name; None if no candidate, or more than one, has that name."""
    wanted = _postscript_name(program)
    if wanted is None:
        return None
    named = [p for p in candidates if (st := _stamp(p)) and _postscript_name_of_file(p, st) == wanted]
    for path in named:
        if program == stub_program(path):
            return path, True
    return (named[0], False) if len(named) == 1 else None


def _w_array(widths: dict[int, int]) -> pikepdf.Array:
    """WeasyPrint's /W layout: each run of consecutive ids as ``first [w w …]``."""
    out: list[object] = []
    run: list[int] = []
    for gid in sorted(widths):
        if gid - 1 not in widths:
            run = []
            out += [gid, run]
        run.append(widths[gid])
    return pikepdf.Array([pikepdf.Array(x) if isinstance(x, list) else x for x in out])


def _to_unicode(texts: dict[int, bytes]) -> bytes:
    lines = [TO_UNICODE_HEAD]
    items = sorted(texts.items())
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar\n".encode())
        lines += [b"<%04x> <%s>\n" % (gid, text) for gid, text in batch]
        lines.append(b"endbfchar\n")
    lines.append(TO_UNICODE_TAIL)
    return b"".join(lines)


def _one_font(pdf: pikepdf.Pdf, face: Face, program: bytes) -> pikepdf.Object:
    """The face's first font made the whole book's: union widths and texts, one program."""
    font = face.fonts[0]
    cid_font = font.DescendantFonts[0]
    descriptor = cid_font.FontDescriptor
    _set_program(pdf, descriptor, program)
    bbox = list(descriptor.FontBBox)
    descriptor.FontBBox = pikepdf.Array([bbox[0], bbox[1], max(face.widths.values()), bbox[3]])
    fixed = len(face.widths) > 1 and len(set(face.widths.values())) == 1
    descriptor.Flags = (int(descriptor.Flags) & ~_FIXED_PITCH) | (_FIXED_PITCH if fixed else 0)
    cid_font.W = _w_array(face.widths)
    font.ToUnicode = pdf.make_stream(_to_unicode(face.texts))
    return font


def _program_of(font: pikepdf.Object) -> bytes | None:
    descriptor = font.DescendantFonts[0].FontDescriptor
    key = _font_file_key(descriptor)
    return None if key is None else bytes(descriptor[key].read_bytes())


def _own_program(pdf: pikepdf.Pdf, font: pikepdf.Object, source: Path) -> None:
    """A part's stub replaced by the subset WeasyPrint would have embedded for it."""
    gids = set(cid_widths(font.DescendantFonts[0])) | set(_texts(font))
    notdef = font.get("/Encoding") != "/Identity-H"
    _set_program(pdf, font.DescendantFonts[0].FontDescriptor, harfbuzz.subset(source, gids, notdef_outline=notdef))


def _set_program(pdf: pikepdf.Pdf, descriptor: pikepdf.Object, program: bytes) -> None:
    key = _font_file_key(descriptor)
    assert key is not None
    old = descriptor[key]
    extra: dict[str, object] = {
        k: v for k, v in old.items() if k not in ("/Length", "/Filter", "/DecodeParms", "/Length1")
    }
    if key == "/FontFile2":
        extra["/Length1"] = len(program)
    descriptor[key] = pdf.make_stream(program, pikepdf.Dictionary(extra))


def _cut(source: Path, gids: set[int], cache: RenderCache | None) -> bytes:
    """The face cut to ``gids``, from the render cache when a build cut the same glyphs of
    the same file before (a rebuild after an edit that brought no new character)."""
    digest = hashlib.sha256(stat_token(source).encode())
    digest.update(Path(harfbuzz.__file__).read_bytes())
    digest.update(b",".join(str(g).encode() for g in sorted(gids)))
    key = digest.hexdigest()
    found = cache.font(key) if cache is not None else None
    if found is None:
        found = harfbuzz.subset(source, gids)
        if cache is not None:
            cache.store_font(key, found)
    return found


def _merge_face(pdf: pikepdf.Pdf, face: Face, candidates: Sequence[Path], cache: RenderCache | None) -> bool:
    """Make the face one font if it can be; in any case replace every stub. True if made one."""
    programs = [_program_of(f) for f in face.fonts]
    found = _source(programs[0], candidates) if programs[0] is not None else None
    if found is None:
        if any(program is not None and _glyph_count(program) <= 1 for program in programs):
            raise ValueError("a part holds a stub of a face that is no longer among the style's fonts")
        return False
    source = found[0]
    stub = stub_program(source)
    stubs = [f for f, program in zip(face.fonts, programs, strict=True) if program == stub]
    if face.conflict is None and (len(face.fonts) > 1 or stubs):
        font = _one_font(pdf, face, _cut(source, set(face.widths) | set(face.texts), cache))
        _repoint(pdf, {f.objgen for f in face.fonts[1:]}, font)
        return True
    LOGGER.info("font %s kept per part: %s", source, face.conflict)
    for font in stubs:
        _own_program(pdf, font, source)
    return False


def share_faces(pdf: pikepdf.Pdf, candidates: Sequence[Path], cache: RenderCache | None = None) -> int:
    """Make every face one font in ``pdf`` (see module doc); the number of faces made one.
    ``candidates`` are the font files the style names (the sources of the subsets)."""
    if not harfbuzz.available():
        return 0  # and no part holds a stub: the workers make none without HarfBuzz
    merged = 0
    for face in _faces(pdf).values():
        try:
            merged += _merge_face(pdf, face, candidates, cache)
        except (harfbuzz.Unavailable, OSError, ValueError) as exc:
            raise RenderError(
                f"the faces of the merged book could not be embedded: {exc}",
                hint="build again with --no-cache; if it persists, report it with the book",
            ) from exc
    return merged


def _repoint(pdf: pikepdf.Pdf, old: set[tuple[int, int]], font: pikepdf.Object) -> None:
    """Every resource naming one of the ``old`` fonts names ``font`` instead."""
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for fonts, name in _fonts_of(page.obj, seen):
            if fonts[name].objgen in old:
                fonts[name] = font
