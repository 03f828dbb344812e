"""HarfBuzz's subsetter through ctypes: one font file → a subset keeping the glyph ids.

Separate from the merge because it is a foreign-library binding. WeasyPrint subsets each
face with HarfBuzz (``weasyprint.pdf.fonts.Font._harfbuzz_subset``): glyph ids retained,
layout tables dropped, hinting dropped, glyphs after the last one used cut off. The merge
of the per-article build subsets each face again, once for the whole book, and must make
the font program a one-pass build would embed, so the steps and flags here are WeasyPrint
70's, applied to the same font file. HarfBuzz is 10–100× faster than fontTools' subsetter
on a 15 MB CJK face, and WeasyPrint already needs it (Debian's libharfbuzz-subset0).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Iterable
from functools import cache
from pathlib import Path

RETAIN_GIDS = 0x02
DESUBROUTINIZE = 0x04
PASSTHROUGH_UNRECOGNIZED = 0x20
NO_HINTING = 0x01
NOTDEF_OUTLINE = 0x40
SETS_DROP_TABLE_TAG = 3
DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")
"""The tables WeasyPrint 70 drops from an embedded face."""

_P = ctypes.c_void_p
_U32 = ctypes.c_uint32


class Unavailable(RuntimeError):
    """No HarfBuzz subsetter on this system: the caller keeps the faces it has."""


def _open(*names: str) -> ctypes.CDLL:
    """The first library that loads; ``find_library`` (which runs ldconfig or a compiler,
    ~25 ms) only when no name loads as it is."""
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    for name in names:
        found = ctypes.util.find_library(name.removeprefix("lib").split(".")[0])
        if found:
            try:
                return ctypes.CDLL(found)
            except OSError:
                continue
    raise Unavailable(f"none of {', '.join(names)} could be loaded")


@cache
def _libs() -> tuple[ctypes.CDLL, ctypes.CDLL]:
    hb = _open("libharfbuzz.so.0", "harfbuzz", "libharfbuzz.0.dylib")
    sub = _open("libharfbuzz-subset.so.0", "harfbuzz-subset", "libharfbuzz-subset.0.dylib")
    signatures: list[tuple[ctypes.CDLL, str, type | None, list[type]]] = [
        (hb, "hb_blob_create_from_file_or_fail", _P, [ctypes.c_char_p]),
        (hb, "hb_face_create", _P, [_P, ctypes.c_uint]),
        (hb, "hb_face_reference_blob", _P, [_P]),
        (hb, "hb_blob_get_data", _P, [_P, ctypes.POINTER(ctypes.c_uint)]),
        (hb, "hb_blob_destroy", None, [_P]),
        (hb, "hb_face_destroy", None, [_P]),
        (hb, "hb_tag_from_string", _U32, [ctypes.c_char_p, ctypes.c_int]),
        (hb, "hb_set_add_sorted_array", None, [_P, ctypes.POINTER(_U32), ctypes.c_uint]),
        (sub, "hb_subset_input_create_or_fail", _P, []),
        (sub, "hb_subset_input_destroy", None, [_P]),
        (sub, "hb_subset_input_glyph_set", _P, [_P]),
        (sub, "hb_subset_input_set_flags", None, [_P, ctypes.c_uint]),
        (sub, "hb_subset_input_set", _P, [_P, ctypes.c_int]),
        (sub, "hb_subset_or_fail", _P, [_P, _P]),
    ]
    for lib, name, restype, argtypes in signatures:
        try:
            function = getattr(lib, name)
        except AttributeError as exc:
            raise Unavailable(f"HarfBuzz has no {name} (too old)") from exc
        function.restype, function.argtypes = restype, argtypes
    return hb, sub


def available() -> bool:
    try:
        _libs()
    except Unavailable:
        return False
    return True


def _add(hb: ctypes.CDLL, glyph_set: int, values: list[int]) -> None:
    array = (_U32 * len(values))(*values)
    hb.hb_set_add_sorted_array(glyph_set, array, len(values))


def _face_bytes(hb: ctypes.CDLL, face: int) -> bytes:
    blob = hb.hb_face_reference_blob(face)
    try:
        length = ctypes.c_uint(0)
        data = hb.hb_blob_get_data(blob, ctypes.byref(length))
        return ctypes.string_at(data, length.value) if data and length.value else b""
    finally:
        hb.hb_blob_destroy(blob)


def subset(path: Path, glyphs: Iterable[int], index: int = 0, notdef_outline: bool = False) -> bytes:
    """The face at ``path`` cut down to ``glyphs`` (ids kept), as WeasyPrint 70 does it;
    ``notdef_outline`` as it does for a part that draws missing characters."""
    hb, sub = _libs()
    gids = sorted(set(glyphs))
    if not gids:
        raise ValueError("no glyphs to keep")
    blob = hb.hb_blob_create_from_file_or_fail(str(path).encode())
    if not blob:
        raise OSError(f"cannot read the font {path}")
    source = hb.hb_face_create(blob, index)
    hb.hb_blob_destroy(blob)
    request = sub.hb_subset_input_create_or_fail()
    first = second = None
    try:
        _add(hb, sub.hb_subset_input_glyph_set(request), gids)
        notdef = NOTDEF_OUTLINE if notdef_outline else 0
        sub.hb_subset_input_set_flags(request, RETAIN_GIDS | PASSTHROUGH_UNRECOGNIZED | DESUBROUTINIZE | notdef)
        dropped = sorted(hb.hb_tag_from_string(tag, -1) for tag in DROPPED_TABLES)
        _add(hb, sub.hb_subset_input_set(request, SETS_DROP_TABLE_TAG), dropped)
        first = sub.hb_subset_or_fail(source, request)
        if not first:
            raise OSError(f"HarfBuzz could not subset {path}")
        # WeasyPrint's second pass: every id up to the last used, without the hinting.
        _add(hb, sub.hb_subset_input_glyph_set(request), list(range(gids[-1] + 1)))
        sub.hb_subset_input_set_flags(request, PASSTHROUGH_UNRECOGNIZED | DESUBROUTINIZE | NO_HINTING | notdef)
        second = sub.hb_subset_or_fail(first, request)
        data = _face_bytes(hb, second) if second else b""
        if not data:
            raise OSError(f"HarfBuzz could not subset {path}")
        return data
    finally:
        for face in (second, first, source):
            if face:
                hb.hb_face_destroy(face)
        sub.hb_subset_input_destroy(request)
