"""A time-only fix to WeasyPrint 70: the same PDF bytes, made faster.

Separate from the renderers because it reaches into WeasyPrint's module and must stay
small and obviously output-neutral. ``weasyprint.pdf.fonts`` asks cffi for a new array
type at every subset — ``ffi.new(f"hb_codepoint_t[{len(glyphs)}]", glyphs)`` — and cffi
parses every type string it has not seen with pycparser: about 7 ms a call, three calls a
face, a new length nearly every time. In the per-article build every part subsets every
face it uses, so a ten-article book paid ≈ 0.6 s of CPU parsing C declarations (cProfile:
``cffi.cparser.parse_type`` 21 calls, 0.16 s of a 1.4 s one-article build). An open
array (``hb_codepoint_t[]``) filled from the same list is the same memory: cffi sizes
it from the list, and its type string is parsed once.
"""

from __future__ import annotations

import re
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


def install() -> None:
    """Route WeasyPrint's font subsetting through ``OpenArrays`` (once per process)."""
    import weasyprint.pdf.fonts as fonts

    if not isinstance(fonts.ffi, OpenArrays):
        fonts.ffi = OpenArrays(fonts.ffi)
