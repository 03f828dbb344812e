"""A typographic cover drawn from the book's title, for books whose book.toml names no image.

Separate from the EPUB writer because it is pure drawing (Pillow and the installed
faces): the title in the Song face on a red field, subtitle and publisher under it. The
same book draws the same pixels, so the EPUB stays reproducible.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageChops, ImageDraw, ImageFont

from publish.book import BookMeta
from publish.fonts import find_face
from publish.render.cache import RenderCache, stat_token

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


FACES = (("song", "heavy"), ("song", "regular"), ("kai", "regular"))
"""(role, weight) of every face the cover draws with."""


def _face_file(role: str, weight: str) -> Path:
    face = find_face(role)
    return face.files.get(weight) or face.files["regular"]


def _font(role: str, weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_face_file(role, weight)), size)


def _centred(draw: ImageDraw.ImageDraw, y: int, lines: list[str], font: ImageFont.FreeTypeFont,
             fill: int, leading: float) -> int:
    size = int(font.size)
    for line in lines:
        w = font.getlength(line)
        draw.text(((SIZE[0] - w) / 2, y), line, font=font, fill=fill)
        y += int(size * leading)
    return y


LEVELS = 8
"""Shades of each ink over its ground: enough for smooth edges at 1600 px, and two grounds
of eight shades fill a 16-colour (4-bit) palette."""


def _palette(design: CoverDesign) -> list[int]:
    """Index ``k`` < 8: field → ink; ``8 + k``: paper → paper ink, in even steps."""
    colours: list[int] = []
    for ground, ink in ((design.field, design.ink), (design.paper, design.paper_ink)):
        for k in range(LEVELS):
            colours += [round(g + (i - g) * k / (LEVELS - 1)) for g, i in zip(ground, ink, strict=True)]
    return colours


def draw_cover(meta: BookMeta, design: CoverDesign = CoverDesign()) -> bytes:
    """The cover as PNG bytes: flat colours in a 16-colour palette (a third of RGB's size).

    Drawn straight into palette indices rather than in RGB and quantized (that took most
    of a one-article EPUB build): the text is drawn once as a coverage mask, its coverage
    cut to eight shades, and each shade is the index of that blend of ink and ground.
    """
    mask = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(mask)
    field_h = int(SIZE[1] * design.field_share)
    inner = SIZE[0] - 2 * design.margin

    title_font = _font("song", "heavy", 170)
    title_lines = _wrap(meta.title, title_font, inner)
    sub_font = _font("song", "regular", 64)
    sub_lines = _wrap(meta.subtitle, sub_font, inner) if meta.subtitle else []
    block_h = len(title_lines) * int(170 * 1.3) + (60 + len(sub_lines) * int(64 * 1.5) if sub_lines else 0)
    y = max(design.margin, (field_h - block_h) // 2)
    y = _centred(draw, y, title_lines, title_font, 255, 1.3)
    if sub_lines:
        rule_y = y + 20
        draw.line(((SIZE[0] / 2 - 120, rule_y), (SIZE[0] / 2 + 120, rule_y)), fill=255, width=4)
        _centred(draw, y + 70, sub_lines, sub_font, 255, 1.5)

    foot = meta.publisher or "　".join(meta.authors)
    if foot:
        pub_font = _font("kai", "regular", 72)
        pub_y = field_h + (SIZE[1] - field_h) // 2 - 36
        _centred(draw, pub_y, [foot], pub_font, 255, 1.0)
    shades = mask.point([round(v * (LEVELS - 1) / 255) for v in range(256)])
    grounds = Image.new("L", SIZE, 0)
    grounds.paste(LEVELS, (0, field_h, SIZE[0], SIZE[1]))
    indices = ImageChops.add(shades, grounds)
    indices.putpalette(_palette(design))
    out = io.BytesIO()
    indices.save(out, format="PNG", bits=4)
    return out.getvalue()


def cover_key(meta: BookMeta, design: CoverDesign = CoverDesign()) -> str:
    """Everything the drawn pixels depend on: the words drawn, the design, the face files,
    Pillow's version and this module's code."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    words = (meta.title, meta.subtitle or "", meta.publisher or "", *meta.authors)
    parts = [*words, repr(design), PIL.__version__, *(stat_token(_face_file(r, w)) for r, w in FACES)]
    for part in parts:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def cached_cover(meta: BookMeta, cache: RenderCache, design: CoverDesign = CoverDesign()) -> bytes:
    """The drawn cover, from the render cache when the book's title lines and faces are
    unchanged: a rebuild of the EPUB does not draw it again."""
    key = cover_key(meta, design)
    data = cache.png(key)
    if data is None:
        data = draw_cover(meta, design)
        cache.store_png(key, data)
    return data
