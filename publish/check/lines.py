"""PDF pages → the lines a reader sees, with face, size and position (for the checker).

Separate from the rules so each rule reads a plain list of ``Line`` records; this is the
only module that knows pdfplumber.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median
from typing import Any
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Han ideographs: between two of them a justified line has nothing but its stretch."""
_LATIN = re.compile("[A-Za-z0-9]")
IDEOGRAPHIC_SPACE_EM = 0.9
"""A room this wide or wider is a space of its own (the byline's one-em gap between
items, which stands for U+3000; a column of a text table), not the Han–Latin spacing."""


@dataclass(frozen=True, slots=True)
class Line:
    page: int
    """1-based page number."""
    number: int
    """1-based line number on the page, counted from the top."""
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    """The most common character size on the line, in pt."""
    font: str
    """The most common font on the line (PDF base name without the subset tag)."""
    fonts: tuple[str, ...]
    """Every font used on the line."""
    stretch: float = 0.0
    """How far apart justification set the line's ideographs: the median room between
    two adjacent ones, in ems of the line's size (0 when it has fewer than two pairs)."""
    script_gap: float = 0.0
    """The widest room between a Han ideograph and an adjacent Latin letter or digit
    with no space between them in the text, in ems of the line's size (0 when there is
    no such pair): clreq and CY/T 154 ask for a quarter em, plus the line's stretch."""


def _base(fontname: str) -> str:
    return fontname.split("+", 1)[-1]


def ideograph_stretch(chars: list[dict[str, Any]], size: float) -> float:
    """The median room between adjacent ideographs of one line, in ems.

    Set solid, an ideograph's advance is its em box, so the room between two of them is
    what justification added (or took away). The median, not the mean: a pair across an
    author's space or a mark's half-width form must not move it. Pairs across another
    character (a space, a digit) do not count."""
    gaps = [
        (b["x0"] - a["x1"]) / size
        for a, b in zip(chars, chars[1:], strict=False)
        if _IDEOGRAPH.match(a["text"]) and _IDEOGRAPH.match(b["text"])
    ]
    return round(median(gaps), 3) if len(gaps) >= 2 else 0.0


def script_gap(chars: list[dict[str, Any]], size: float) -> float:
    """The widest room between a Han ideograph and a Latin letter or digit next to it
    (either order), in ems. Only neighbours in the text: an author's space between them
    is text (a space character), and the pair across it does not count."""
    gaps = [
        (b["x0"] - a["x1"]) / size
        for a, b in zip(chars, chars[1:], strict=False)
        if (_IDEOGRAPH.match(a["text"]) and _LATIN.match(b["text"]))
        or (_LATIN.match(a["text"]) and _IDEOGRAPH.match(b["text"]))
    ]
    gaps = [g for g in gaps if g < IDEOGRAPHIC_SPACE_EM]
    return round(max(gaps), 3) if gaps else 0.0


def read_lines(path: Path) -> list[Line]:
    """Every text line of the PDF, page by page, top to bottom."""
    out: list[Line] = []
    with pdfplumber.open(path) as pdf:
        for page_no, page in enumerate(pdf.pages, start=1):
            raw = page.extract_text_lines(layout=False, strip=True, return_chars=True, x_tolerance=1.5)
            for n, item in enumerate(sorted(raw, key=lambda r: (round(r["top"]), r["x0"])), start=1):
                chars = [c for c in item["chars"] if not c["text"].isspace()]
                if not chars:
                    continue
                fonts = Counter(_base(c["fontname"]) for c in chars)
                sizes = Counter(round(c["size"], 1) for c in chars)
                size = sizes.most_common(1)[0][0]
                out.append(
                    Line(
                        page=page_no,
                        number=n,
                        text="".join(c["text"] for c in item["chars"]).strip(),
                        x0=min(c["x0"] for c in chars),
                        x1=max(c["x1"] for c in chars),
                        top=item["top"],
                        bottom=item["bottom"],
                        size=size,
                        font=fonts.most_common(1)[0][0],
                        fonts=tuple(sorted(fonts)),
                        stretch=ideograph_stretch(list(item["chars"]), size),
                        script_gap=script_gap(list(item["chars"]), size),
                    )
                )
    return out
