"""A part of the per-article build embeds each face as a stub: WeasyPrint's subsetting skipped.

Every part is its own WeasyPrint document, and WeasyPrint subsets each face it embeds; for
a 15 MB CJK face that was a fifth of a part's writing, and the merge cuts each face once for
the whole book anyway (``pdf.fonts``). So while ``stubbing`` is on, ``Font.subset`` of a
face that comes from one of the style's font files embeds that file's .notdef-only stub
(``pdf.fonts.stub_program``), which the merge recognises and replaces.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from publish.render.pdf.fonts import stub_program

_STATE = threading.local()
"""``files``: identity → font file, while a part's PDF is written; else absent."""
_HEAD = 65536


def _identity(size: int, head: bytes) -> tuple[int, bytes]:
    return size, hashlib.blake2b(head[:_HEAD], digest_size=16).digest()


def file_identities(paths: tuple[Path, ...]) -> dict[tuple[int, bytes], Path]:
    """Size and a hash of the first 64 KB of each font file: how a face WeasyPrint loaded
    (its whole file, as bytes) is known as one of them without hashing 15 MB."""
    out: dict[tuple[int, bytes], Path] = {}
    for path in paths:
        try:
            with open(path, "rb") as handle:
                out.setdefault(_identity(os.fstat(handle.fileno()).st_size, handle.read(_HEAD)), path)
        except OSError:
            continue
    return out


@contextmanager
def stubbing(fonts: tuple[Path, ...]) -> Iterator[None]:
    """Inside: the faces cut from ``fonts`` are embedded as stubs by this thread's writes."""
    _STATE.files = file_identities(fonts)
    try:
        yield
    finally:
        _STATE.files = None


def install() -> None:
    """Route WeasyPrint's font subsetting through the stubs (once per process)."""
    from weasyprint.pdf.fonts import Font

    if getattr(Font.subset, "_publish_hook", False):
        return
    original = Font.subset

    def subset(font: Any, to_unicode: dict[int, str], hinting: bool) -> None:
        files: dict[tuple[int, bytes], Path] | None = getattr(_STATE, "files", None)
        plain = not (font.png or font.svg or font.colr or "fvar" in font.tables) and font.index == 0
        if files and to_unicode and plain:  # a face the merge can cut as WeasyPrint would
            path = files.get(_identity(len(font.file_content), font.file_content))
            if path is not None:
                font.file_content = stub_program(path)
                return
        original(font, to_unicode, hinting)

    subset._publish_hook = True  # type: ignore[attr-defined]
    Font.subset = subset
