"""Embedded faces for the EPUB: each role's font subset to the characters the book sets in it.

Separate because it is font work (fontTools) and optional: most reading systems bring
their own Chinese faces, and a full Noto Serif SC is 10 MB. Which text each face sets is
data (``EMBEDDED``, an XPath per face over the book's own XHTML), so the body face gets
every character and the Hei and Kai faces only those of headings, bylines and captions.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from publish.fonts import WEIGHTS, find_face, font_face_rule

LOGGER = logging.getLogger(__name__)

EMBEDDED: tuple[tuple[str, str, str], ...] = (
    ("song", "regular", "//h:body"),
    ("song", "bold", "//h:strong | //h:b"),
    ("hei", "bold", "//h:h1 | //h:h2 | //h:h3 | //h:h4 | //h:th"),
    ("hei", "regular", "//*[contains(concat(' ', @class, ' '), ' lead ') or "
                       "contains(concat(' ', @class, ' '), ' subtitle ') or "
                       "contains(concat(' ', @class, ' '), ' kicker ')]"),
    ("kai", "regular", "//h:figcaption | //h:blockquote | "
                       "//*[contains(concat(' ', @class, ' '), ' byline ')]"),
)
"""(role, weight, XPath of the text that face sets) — keep in step with styles/base/base.css."""

ALWAYS = "　，。、；：？！“”‘’（）《》—…·0123456789"
"""Characters every subset keeps, so an edit in the reader's notes or a search still renders."""

FORMATS = {"woff2": ("font/woff2", ".woff2"), "ttf": ("font/ttf", ".ttf")}
"""Embedded font flavour → (media type, suffix). WOFF2 is smallest; plain TrueType (the
faces are TrueType-flavoured OpenType) is what older readers (KOReader's crengine, 多看,
Kindle's converter) accept everywhere."""

CJK_FEATURES = ("chws", "halt", "palt", "vchw", "vert", "vrt2", "vhal", "vpal", "locl")

NS = {"h": "http://www.w3.org/1999/xhtml"}


@dataclass(frozen=True, slots=True)
class EmbeddedFont:
    role: str
    family: str
    weight: int
    name: str
    """Path in the package: fonts/<role>-<weight>.<ext>."""
    media_type: str
    data: bytes
    characters: int


def characters(documents: Iterable[bytes], xpath: str) -> set[str]:
    chars: set[str] = set()
    for doc in documents:
        root = etree.fromstring(doc)
        for node in root.xpath(xpath, namespaces=NS):
            chars.update("".join(node.itertext()))
    return {c for c in chars if not c.isspace()}


def subset_face(path: str, chars: set[str], flavor: str) -> bytes:
    from fontTools import subset  # 70 ms to import: only for --embed-fonts
    from fontTools.ttLib import TTFont

    options = subset.Options()
    # fontTools' default features plus the CJK ones: 标点挤压 (chws, halt) and 竖排 (vert …).
    options.layout_features = [*options.layout_features, *CJK_FEATURES]
    options.notdef_outline = True
    options.hinting = False
    font = TTFont(path, recalcTimestamp=False)
    sub = subset.Subsetter(options)
    sub.populate(text="".join(sorted(chars)))
    sub.subset(font)
    font.flavor = "woff2" if flavor == "woff2" else None
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


def embed_fonts(documents: list[bytes], flavor: str = "woff2") -> list[EmbeddedFont]:
    """The subset faces for the book's documents; faces that set no text are left out."""
    media_type, suffix = FORMATS[flavor]
    out = []
    for role, weight, xpath in EMBEDDED:
        chars = characters(documents, xpath)
        if not chars:
            continue
        face = find_face(role)
        path = face.files.get(weight)
        if path is None:
            continue
        data = subset_face(str(path), chars | set(ALWAYS), flavor)
        out.append(EmbeddedFont(role, face.family, WEIGHTS[weight],
                                f"fonts/{role}-{weight}{suffix}", media_type, data, len(chars)))
        LOGGER.info("embedded %s %s: %d characters, %d bytes", role, weight, len(chars), len(data))
    return out


def font_face_rules(fonts: list[EmbeddedFont], css_dir_to_root: str = "../") -> str:
    return "\n".join(font_face_rule(f.family, f.weight, f"{css_dir_to_root}{f.name}") for f in fonts)
