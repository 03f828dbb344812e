"""A typographic cover drawn from the book's title, for books whose book.toml names no image.

Separate from the EPUB writer because it is pure drawing (Pillow and the installed
faces): the title in the Song face on a red field, subtitle and publisher under it. The
same book draws the same pixels, so the EPUB stays reproducible.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from publish.book import BookMeta
from publish.fonts import find_face

SIZE = (1600, 2400)
"""Width × height in pixels: 2:3, the shape stores and readers expect of a cover."""


@dataclass(frozen=True, slots=True)
class CoverDesign:
    """Colours and proportions of the generated cover (data, so a style could override it)."""

    field: tuple[int, int, int] = (164, 20, 28)
    """中国红 field behind the title."""
    ink: tuple[int, int, int] = (255, 246, 230)
    paper: tuple[int, int, int] = (250, 244, 232)
    paper_ink: tuple[int, int, int] = (90, 20, 24)
    field_share: float = 0.68
    """Share of the height the red field takes; the rest is paper for the publisher."""
    margin: int = 160


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break Chinese text into lines that fit, at the ideographic space first, else anywhere."""
    lines: list[str] = []
    for part in text.split("　"):
        line = ""
        for ch in part:
            if font.getlength(line + ch) > width and line:
                lines.append(line)
                line = ch
            else:
                line += ch
        if line:
            lines.append(line)
    return lines


def _font(role: str, weight: str, size: int) -> ImageFont.FreeTypeFont:
    face = find_face(role)
    path: Path = face.files.get(weight) or face.files["regular"]
    return ImageFont.truetype(str(path), size)


def _centred(draw: ImageDraw.ImageDraw, y: int, lines: list[str], font: ImageFont.FreeTypeFont,
             fill: tuple[int, int, int], leading: float) -> int:
    size = int(font.size)
    for line in lines:
        w = font.getlength(line)
        draw.text(((SIZE[0] - w) / 2, y), line, font=font, fill=fill)
        y += int(size * leading)
    return y


def draw_cover(meta: BookMeta, design: CoverDesign = CoverDesign()) -> bytes:
    """The cover as PNG bytes: flat colours in a 16-colour palette (a third of RGB's size)."""
    img = Image.new("RGB", SIZE, design.paper)
    draw = ImageDraw.Draw(img)
    field_h = int(SIZE[1] * design.field_share)
    draw.rectangle((0, 0, SIZE[0], field_h), fill=design.field)
    inner = SIZE[0] - 2 * design.margin

    title_font = _font("song", "heavy", 170)
    title_lines = _wrap(meta.title, title_font, inner)
    sub_font = _font("song", "regular", 64)
    sub_lines = _wrap(meta.subtitle, sub_font, inner) if meta.subtitle else []
    block_h = len(title_lines) * int(170 * 1.3) + (60 + len(sub_lines) * int(64 * 1.5) if sub_lines else 0)
    y = max(design.margin, (field_h - block_h) // 2)
    y = _centred(draw, y, title_lines, title_font, design.ink, 1.3)
    if sub_lines:
        rule_y = y + 20
        draw.line(((SIZE[0] / 2 - 120, rule_y), (SIZE[0] / 2 + 120, rule_y)), fill=design.ink, width=4)
        _centred(draw, y + 70, sub_lines, sub_font, design.ink, 1.5)

    foot = meta.publisher or "　".join(meta.authors)
    if foot:
        pub_font = _font("kai", "regular", 72)
        pub_y = field_h + (SIZE[1] - field_h) // 2 - 36
        _centred(draw, pub_y, [foot], pub_font, design.paper_ink, 1.0)
    out = io.BytesIO()
    flat = img.quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    flat.save(out, format="PNG", optimize=True)
    return out.getvalue()
