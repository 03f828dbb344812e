"""book.toml's ``trim``: the page size, with the style's margins and measure following it.

A style is drawn for one trim (its ``style.toml`` names it; its ``@page`` rule sets that
size and margins in millimetres). A book on another trim gets, after the style's sheets,
an ``@page`` rule of the new size whose margins are the style's scaled by the ratio of
the pages (left and right by the widths, top and bottom by the heights), and whose
measure is then made a whole number of body characters (the house rule: a line of Han
text fills the measure exactly), the remainder going to the outer margin. The type size
stays the style's: a bigger page gets longer lines, as ctex's ``geometry`` does.

Only what the style writes in mm or pt is read; a style whose page rule cannot be read
that way gets the size alone, its own margins kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from publish.book import TRIMS
from publish.styles import Style

PT_PER_MM = 72 / 25.4
_UNITS = {"mm": 1.0, "cm": 10.0, "pt": 1 / PT_PER_MM, "in": 25.4}


@dataclass(frozen=True, slots=True)
class PageRule:
    """The style's recto margins in mm (top, outer, bottom, inner), its body size in pt,
    and whether its versos swap inner and outer (``@page :left``)."""

    top: float
    outer: float
    bottom: float
    inner: float
    body_pt: float
    mirrored: bool


def _mm(token: tinycss2.ast.Node) -> float | None:
    if token.type == "dimension" and token.unit in _UNITS:
        return float(token.value) * _UNITS[token.unit]
    if token.type == "number" and token.value == 0:
        return 0.0
    return None


def _values(tokens: list[tinycss2.ast.Node]) -> list[float | None]:
    return [_mm(t) for t in tokens if t.type not in ("whitespace", "comment")]


def _declarations(rule: tinycss2.ast.Node) -> dict[str, list[tinycss2.ast.Node]]:
    content = rule.content or []
    decls = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    return {d.lower_name: d.value for d in decls if d.type == "declaration"}


def page_rule(sheets: tuple[Path, ...]) -> PageRule | None:
    """The margins and body size the style's print sheets set last, or None."""
    box: list[float | None] = []
    body_pt: float | None = None
    mirrored = False
    for sheet in sheets:
        rules = tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8"), skip_whitespace=True, skip_comments=True)
        for rule in rules:
            prelude = tinycss2.serialize(rule.prelude or []).strip()
            if rule.type == "at-rule" and rule.lower_at_keyword == "page" and prelude in ("", ":left"):
                decls = _declarations(rule)
                if prelude == "" and "margin" in decls:
                    box = _values(decls["margin"])
                elif prelude == ":left" and "margin-left" in decls:
                    mirrored = True
            elif rule.type == "qualified-rule" and prelude == "html":
                size = _declarations(rule).get("font-size")
                if size:
                    value = _values(size)
                    if len(value) == 1 and value[0] is not None:
                        body_pt = value[0] * PT_PER_MM
    if len(box) == 1:
        box *= 4
    elif len(box) == 2:
        box *= 2
    elif len(box) == 3:
        box.append(box[1])
    if len(box) != 4 or any(v is None for v in box) or body_pt is None:
        return None
    top, right, bottom, left = (float(v) for v in box if v is not None)
    return PageRule(top, right, bottom, left, body_pt, mirrored)


def trim_css(trim: str | None, style: Style) -> str:
    """The ``@page`` rules that put the style on ``trim``; '' when the book names none or
    the style's own."""
    if trim is None or trim == style.trim or trim not in TRIMS:
        return ""
    width, height = TRIMS[trim]
    size = f"@page {{ size: {width}mm {height}mm; }}"
    old = TRIMS.get(style.trim)
    rule = page_rule(style.print_css)
    if old is None or rule is None:
        return size
    sx, sy = width / old[0], height / old[1]
    inner, top, bottom = rule.inner * sx, rule.top * sy, rule.bottom * sy
    em_mm = rule.body_pt / PT_PER_MM
    chars = math.floor((width - inner - rule.outer * sx) / em_mm + 1e-6)
    outer = width - inner - chars * em_mm
    margins = f"{top:.2f}mm {outer:.2f}mm {bottom:.2f}mm {inner:.2f}mm"
    css = [f"/* trim {trim}: {chars} characters of {rule.body_pt:g}pt */",
           f"@page {{ size: {width}mm {height}mm; margin: {margins}; }}"]
    if rule.mirrored:
        css.append(f"@page :left {{ margin-left: {outer:.2f}mm; margin-right: {inner:.2f}mm; }}")
    return "\n".join(css)
