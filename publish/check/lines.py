"""PDF pages → the lines a reader sees, with face, size and position (for the checker).

Separate from the rules so each rule reads a plain list of ``Line`` records; this is the
only module that knows pdfplumber.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber


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


def _base(fontname: str) -> str:
    return fontname.split("+", 1)[-1]


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
                out.append(
                    Line(
                        page=page_no,
                        number=n,
                        text="".join(c["text"] for c in item["chars"]).strip(),
                        x0=min(c["x0"] for c in chars),
                        x1=max(c["x1"] for c in chars),
                        top=item["top"],
                        bottom=item["bottom"],
                        size=sizes.most_common(1)[0][0],
                        font=fonts.most_common(1)[0][0],
                        fonts=tuple(sorted(fonts)),
                    )
                )
    return out
