"""Make the PDF's text read as it was written: take out the justification spaces.

Separate from ``pdf.write`` because it reaches into how WeasyPrint draws text, not into the
layout. ``publish.typeset.hints`` puts a U+0020 at every break between Chinese characters
(and a U+00A0 beside a Latin or digit run) that the style makes zero-width, so that
WeasyPrint, which justifies by stretching spaces only, sets every line flush. Those are
layout devices, not text: copied or searched, "决战深贫" must not read "决 战 深 贫".

WeasyPrint writes each line as a ``TJ`` array: the glyph ids of a run, each followed by
the displacement that gives it its drawn width. The style draws the author's spaces
(``span.sp``) 0.06em wider than the face's space, the justification points at zero width
and the breakable quarter-em before a Latin run at 0.25em, each plus the line's
justification stretch, which every space of a line shares. So a space drawn narrower
than its own width plus 0.03em is a layout device; it is replaced by the equivalent
displacement, every glyph stays exactly where it was, and text extraction no longer sees
a space. (A quarter-em on a line stretched by more than about 0.04em per gap stays a
space in the text, as a reader would read the gap; a justification point would need a
quarter em of stretch.)

This is done while WeasyPrint draws (``stripped``, around ``write_pdf``): each ``TJ``
array is rewritten as it is made, with the font's own widths and Unicode map, which are
what the PDF's ``/W`` and ``ToUnicode`` are written from. Rewriting the finished PDF
instead (parsing every content stream again with pikepdf and saving the file) cost
0.05–0.15 s of a one-article build and 7 % of a part's CPU.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

SPACES = frozenset({" ", "\u00a0"})
"""Texts of the glyphs that may be layout devices."""
PRINTED_DASH, WRITTEN_DASH = "\u2015", "\u2014"
"""A —— is drawn as two U+2015 (one em wide in the faces, ``publish.typeset.hints.DASH``);
the text of that glyph is written as U+2014, so the dash copies as the article has it
(an author's own U+2015 copies as U+2014 too: the same mark, GB/T 15834's 破折号)."""
AUTHOR_MARK = 30
"""Half the 0.06em (in 1/1000 em) by which the style widens the author's spaces."""

_ARRAY = re.compile(r"(?:<[0-9a-fA-F]*>|[-+0-9.eE]+)*")
"""A ``TJ`` array's text as WeasyPrint writes it: hex strings of glyph ids and numbers
(Python's formatting of ints and floats, so possibly with an exponent)."""
_ITEM = re.compile(r"<([0-9a-fA-F]*)>|([-+0-9.eE]+)")
_STATE = threading.local()


def _number(text: str) -> int | Decimal:
    """A number of the array, exactly: ints (WeasyPrint's kerning) as ints, the rest as
    decimals."""
    try:
        return int(text)
    except ValueError:
        return Decimal(text)


def _written(value: int | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def strip_array(array: str, spaces: Mapping[str, int | None]) -> str | None:
    """The ``TJ`` array's text without its layout spaces, their advance kept as
    displacement; None when it has none. ``spaces``: a glyph id (four hex digits,
    WeasyPrint's ``Identity-H`` fonts) → its advance in 1/1000 em if it is a space
    glyph, else None. Runs of glyphs left with no displacement between them are joined
    into one string."""
    if _ARRAY.fullmatch(array) is None:
        return None
    items: list[str | int | Decimal] = [
        hexes if not number else _number(number) for hexes, number in _ITEM.findall(array)
    ]
    out: list[str] = []
    changed = False
    pending: int | Decimal = 0
    run: list[str] = []

    def flush_run() -> None:
        nonlocal pending
        if not run:
            return
        if pending:
            out.append(_written(pending))
            pending = 0
            out.append("<" + "".join(run) + ">")
        elif out and out[-1][-1] == ">":
            out[-1] = out[-1][:-1] + "".join(run) + ">"
        else:
            out.append("<" + "".join(run) + ">")
        run.clear()

    last_index = len(items) - 1
    for index, item in enumerate(items):
        if not isinstance(item, str):
            flush_run()
            pending += item
            continue
        end = len(item) - 4
        for k in range(0, end + 1, 4):
            glyph = item[k : k + 4]
            width = spaces[glyph]
            if width is None:
                run.append(glyph)
                continue
            follower = items[index + 1] if k == end and index < last_index else None
            shift = follower if follower is not None and not isinstance(follower, str) else 0
            if -shift < AUTHOR_MARK:  # drawn narrower than its width plus the author's mark
                flush_run()
                pending -= width
                changed = True
            else:
                run.append(glyph)
    flush_run()
    if pending:
        out.append(_written(pending))
    return "".join(out) if changed else None


class _FontSpaces(dict[str, "int | None"]):
    """Which glyphs of one WeasyPrint ``Font`` are spaces, and their widths, found on
    first use: a glyph's ``to_unicode`` and ``widths`` are set before it goes into a
    string, and never change after (they are what ``ToUnicode`` and ``/W`` are written
    from)."""

    def __init__(self, font: Any) -> None:
        super().__init__()
        self.font = font

    def __missing__(self, glyph: str) -> int | None:
        gid = int(glyph, 16)
        text = self.font.to_unicode.get(gid)
        if text is not None and PRINTED_DASH in text:
            self.font.to_unicode[gid] = text.replace(PRINTED_DASH, WRITTEN_DASH)
        space = self.font.to_unicode.get(gid) in SPACES and gid in self.font.widths
        width = int(self.font.widths[gid]) if space else None
        self[glyph] = width
        return width


def _show_text(original: Any) -> Any:
    def show_text(stream: Any, text: str) -> None:
        fonts: dict[str, _FontSpaces] | None = getattr(_STATE, "fonts", None)
        current = stream._current_font
        if fonts is not None and current is not None and isinstance(text, str):
            spaces = fonts.get(current[0])
            if spaces is None:
                for font in stream._fonts.values():
                    fonts.setdefault(font.hash, _FontSpaces(font))
                spaces = fonts.get(current[0])
            if spaces is not None and not spaces.font.bitmap:
                rewritten = strip_array(text, spaces)
                text = text if rewritten is None else rewritten  # "" when all were spaces
        original(stream, text)

    return show_text


def install() -> None:
    """Route WeasyPrint's ``TJ`` arrays through ``strip_array`` while ``stripped`` is on
    (once per process)."""
    from weasyprint.pdf.stream import Stream

    if getattr(Stream.show_text, "_publish_strip", False):
        return
    show_text = _show_text(Stream.show_text)
    show_text._publish_strip = True
    Stream.show_text = show_text


@contextmanager
def stripped() -> Iterator[None]:
    """Inside: every PDF WeasyPrint writes in this thread has its layout spaces taken out."""
    install()
    _STATE.fonts = {}
    try:
        yield
    finally:
        _STATE.fonts = None
