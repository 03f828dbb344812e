"""The checker's font rules: every font embedded (a printer needs them), no .notdef glyph.

Separate because it reads the PDF's font dictionaries (pikepdf), not its text lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf

from publish.check.rules import Finding

_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _embedded(font: pikepdf.Object) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    target = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
    descriptor = target.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in _FONT_FILES)


def unembedded_fonts(path: Path) -> Iterator[Finding]:
    seen: set[tuple[int, int]] = set()
    with pikepdf.open(path) as pdf:
        for page_no, page in enumerate(pdf.pages, start=1):
            for font in page.Resources.get("/Font", {}).values():
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
                name = str(font.get("/BaseFont", "?"))
                if not _embedded(font):
                    yield Finding(page_no, 0, "font-not-embedded", name)
                if font.get("/Subtype") == "/Type0" and font.get("/Encoding") != "/Identity-H":
                    # WeasyPrint writes a custom CMap only for glyphs no face has (.notdef).
                    yield Finding(page_no, 0, "missing-glyph", f"{name} sets .notdef (tofu)")
