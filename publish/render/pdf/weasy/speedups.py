"""Time-only fixes to WeasyPrint 70: the same PDF bytes, made faster.

Separate from the renderers because they reach into WeasyPrint's modules and must stay
small and obviously output-neutral.

**Array types.** ``weasyprint.pdf.fonts`` asks cffi for a new array
type at every subset — ``ffi.new(f"hb_codepoint_t[{len(glyphs)}]", glyphs)`` — and cffi
parses every type string it has not seen with pycparser: about 7 ms a call, three calls a
face, a new length nearly every time. In the per-article build every part subsets every
face it uses, so a ten-article book paid ≈ 0.6 s of CPU parsing C declarations (cProfile:
``cffi.cparser.parse_type`` 21 calls, 0.16 s of a 1.4 s one-article build). An open
array (``hb_codepoint_t[]``) filled from the same list is the same memory: cffi sizes
it from the list, and its type string is parsed once.

**Face bytes.** Every ``weasyprint.pdf.fonts.Font`` copies its face's whole file out of
HarfBuzz (``get_hb_object_data``): 15 MB, 8 ms, for every face of every part (cProfile
of a ten-article build: ``_cffi_backend.unpack`` 33 calls, 0.27 s). Within a process a
face is loaded once and its blob stays where it is, so the copy is kept and handed out
again while the blob has the same address, length and first and last 64 KB.

**Streams compressed once.** Given a file identifier (the one-pass build passes one, so
that the same book gives the same bytes), pydyf's ``PDF.write`` makes the trailer's second
ID from an MD5 of every object's ``data`` — and a stream's ``data`` compresses it again,
at zlib level 9: every page, font and object stream of the book was compressed twice
(cProfile of the one-article build: ``zlib.Compress.compress`` 41 calls, 0.074 s, where
WeasyPrint without an identifier makes 21, 0.038 s). Within one ``write`` nothing changes a
stream, so its ``data`` is kept from the first time and handed out the second.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any

_SIZED_ARRAY = re.compile(r"(\w[\w ]*)\[\d+\]")


class OpenArrays:
    """cffi's FFI object, except that ``new("T[N]", items)`` is ``new("T[]", items)``."""

    def __init__(self, ffi: Any) -> None:
        self.ffi = ffi

    def new(self, cdecl: str, init: Any = None) -> Any:
        match = _SIZED_ARRAY.fullmatch(cdecl)
        if match and init is not None and not isinstance(init, int):
            items = list(init)
            if len(items) == int(cdecl[cdecl.index("[") + 1 : -1]):
                return self.ffi.new(match.group(1) + "[]", items)
        return self.ffi.new(cdecl, init)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ffi, name)


FACE_COPIES = 16
"""Face files kept (the styles use seven)."""
KEPT_FROM = 1 << 20
"""Only whole font files are kept (the subsets WeasyPrint reads back are new each time)."""
_EDGE = 65536


class FaceBytes:
    """``get_hb_object_data`` for whole faces, each face's bytes copied once."""

    def __init__(self, original: Any, ffi: Any, harfbuzz: Any) -> None:
        self.original, self.ffi, self.harfbuzz = original, ffi, harfbuzz
        self.copies: OrderedDict[tuple[int, int], tuple[bytes, bytes, bytes]] = OrderedDict()

    def __call__(self, hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
        if ot_color is not None:
            return self.original(hb_object, ot_color, glyph)
        blob = self.harfbuzz.hb_face_reference_blob(hb_object)
        try:
            length = self.ffi.new("unsigned int *")
            data = self.harfbuzz.hb_blob_get_data(blob, length)
            if data == self.ffi.NULL:
                return None
            size = int(length[0])
            if size < KEPT_FROM:
                return self.ffi.unpack(data, size)
            key = (int(self.ffi.cast("uintptr_t", data)), size)
            head = self.ffi.buffer(data, min(size, _EDGE))[:]
            tail = self.ffi.buffer(data + max(0, size - _EDGE), min(size, _EDGE))[:]
            known = self.copies.get(key)
            if known is not None and known[1] == head and known[2] == tail:
                self.copies.move_to_end(key)
                return known[0]
            copy = self.ffi.unpack(data, size)
            self.copies[key] = (copy, head, tail)
            while len(self.copies) > FACE_COPIES:
                self.copies.popitem(last=False)
            return copy
        finally:
            self.harfbuzz.hb_blob_destroy(blob)


_WRITING = threading.local()


def _kept_data(original: Any) -> Any:
    """``pydyf.Stream.data``, kept per stream while a ``PDF.write`` is running."""

    def data(stream: Any) -> bytes:
        kept: dict[int, tuple[Any, bytes]] | None = getattr(_WRITING, "kept", None)
        if kept is None:
            made: bytes = original(stream)
            return made
        found = kept.get(id(stream))
        if found is None or found[0] is not stream:
            found = kept[id(stream)] = (stream, original(stream))
        return found[1]

    data.original = original  # type: ignore[attr-defined]
    return data


def _writing(original: Any) -> Any:
    def write(pdf: Any, *args: Any, **kwargs: Any) -> Any:
        _WRITING.kept = {}
        try:
            return original(pdf, *args, **kwargs)
        finally:
            _WRITING.kept = None

    write._publish_kept = True  # type: ignore[attr-defined]
    write.original = original  # type: ignore[attr-defined]
    return write


def install() -> None:
    """Route WeasyPrint's font subsetting through ``OpenArrays``, its face copies
    through ``FaceBytes`` and pydyf's stream data through ``_kept_data`` (once per
    process)."""
    import pydyf
    import weasyprint.pdf.fonts as fonts

    if not getattr(pydyf.PDF.write, "_publish_kept", False):
        pydyf.Stream.data = property(_kept_data(pydyf.Stream.data.fget))
        pydyf.PDF.write = _writing(pydyf.PDF.write)
    if not isinstance(fonts.ffi, OpenArrays):
        fonts.ffi = OpenArrays(fonts.ffi)
    if not isinstance(fonts.get_hb_object_data, FaceBytes):
        fonts.get_hb_object_data = FaceBytes(fonts.get_hb_object_data, fonts.ffi.ffi, fonts.harfbuzz)
