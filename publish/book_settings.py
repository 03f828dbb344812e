"""The ``[build]`` table of book.toml: how a book is built, kept with the book.

As pandoc's defaults files and mkdocs.yml do, the book names its own style, extra CSS,
bleed, crop marks, PDF variant, embedded faces, cover and what to do with a picture the
scrape did not keep, so that ``publish build`` with no flags makes the book its editor
meant. A command-line flag overrides the setting of the same name (``None`` there means
"not given"), never the other way round.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MISSING_PICTURES = ("mark", "drop")
"""``missing_pictures``: ``mark`` sets （图略） and the caption as a figure where the
picture was; ``drop`` leaves the figure and its caption out. Every edition alike."""

ARTICLE_ORDERS = ("name", "date")
"""How the articles a glob matches are sorted: by file name, or by front-matter date
(then file name)."""

BUILD_KEYS: dict[str, type | tuple[type, ...]] = {
    "style": str,
    "css": list,
    "bleed": (int, float),
    "marks": bool,
    "tagged": bool,
    "pdf_variant": str,
    "embed_fonts": str,
    "missing_pictures": str,
    "cover": str,
}


@dataclass(frozen=True, slots=True)
class BuildSettings:
    """What ``[build]`` says; None where it says nothing (the command's default then)."""

    style: str | None = None
    css: tuple[Path, ...] = ()
    """Extra sheets, resolved against the book's folder."""
    bleed_mm: float | None = None
    marks: bool | None = None
    tagged: bool | None = None
    pdf_variant: str | None = None
    embed_fonts: str | None = None
    missing_pictures: str = "mark"


def kind_name(kinds: type | tuple[type, ...]) -> str:
    first = kinds[0] if isinstance(kinds, tuple) else kinds
    return {"str": "string", "list": "list", "bool": "true or false", "int": "number"}.get(first.__name__, first.__name__)


def unknown_key(key: str, known: list[str], table: str) -> str:
    """``unknown key 'titel' in [book]; did you mean 'title'?`` (or the known keys)."""
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        return f"unknown key {key!r} in [{table}]; did you mean {close[0]!r}?"
    return f"unknown key {key!r} in [{table}] (known: {', '.join(sorted(known))})"


def check_build(data: dict[str, Any]) -> list[str]:
    """Every problem of the ``[build]`` table, in one list."""
    errors = []
    for key, value in data.items():
        if key not in BUILD_KEYS:
            errors.append(unknown_key(key, list(BUILD_KEYS), "build"))
        elif not isinstance(value, BUILD_KEYS[key]) or (isinstance(value, bool) and BUILD_KEYS[key] != bool):
            errors.append(f"[build] {key} must be a {kind_name(BUILD_KEYS[key])}")
    if isinstance(data.get("css"), list) and not all(isinstance(c, str) for c in data["css"]):
        errors.append("[build] css must be a list of paths (strings)")
    rule = data.get("missing_pictures")
    if isinstance(rule, str) and rule not in MISSING_PICTURES:
        errors.append(f"[build] missing_pictures {rule!r} is not one of {', '.join(MISSING_PICTURES)}")
    bleed = data.get("bleed")
    if isinstance(bleed, int | float) and not isinstance(bleed, bool) and not 0 <= bleed <= 20:
        errors.append("[build] bleed must be between 0 and 20 (millimetres)")
    return errors


def build_settings(data: dict[str, Any], root: Path) -> BuildSettings:
    """The checked ``[build]`` table as settings; paths relative to the book's folder."""
    bleed = data.get("bleed")
    return BuildSettings(
        style=data.get("style"),
        css=tuple(root / str(c) for c in data.get("css", ())),
        bleed_mm=float(bleed) if bleed is not None else None,
        marks=data.get("marks"),
        tagged=data.get("tagged"),
        pdf_variant=data.get("pdf_variant"),
        embed_fonts=data.get("embed_fonts"),
        missing_pictures=data.get("missing_pictures", "mark"),
    )
