"""Chinese layout hints written into the HTML, where WeasyPrint's CSS cannot reach.

WeasyPrint justifies by stretching U+0020 spaces only, so a line of Han text stays ragged
on the right. We insert a space at every place a line may break between two Chinese
characters; the style gives those spaces a negative ``word-spacing`` equal to the face's
space width, so they take no room until justification stretches them. Where a break is
forbidden (禁则: before ，。」, after 「“, inside …… and ——) no space goes in, so the
hints never add a break the rules forbid. Spaces the author typed (between Latin words)
are wrapped in ``<span class="sp">`` to keep their width.
"""

from __future__ import annotations

import html
import re

from publish.clean.repair import WIDE

NO_LINE_START = set("，。、；：？！）》」』】〕〉”’%…·‰℃〗〙〛｝］．・～")
"""Marks that may not begin a line (TYPOGRAPHY.md §2, 禁则)."""
NO_LINE_END = set("（《「『【〔〈“‘〖〘〚｛［")
"""Marks that may not end a line."""
INSEPARABLE = ("……", "——")
"""Two-em marks that are never split."""

_WIDE_RE = re.compile(f"[{WIDE}]")


def _wide(ch: str) -> bool:
    return _WIDE_RE.match(ch) is not None


def break_allowed(a: str, b: str) -> bool:
    """May a line end after ``a`` when ``b`` follows? Only asked of two wide characters."""
    if b in NO_LINE_START or a in NO_LINE_END:
        return False
    if a + b in INSEPARABLE:
        return False
    return True


def justify_hints(text: str) -> str:
    """Text with a space at every allowed break between two wide characters."""
    if len(text) < 2:
        return text
    out = [text[0]]
    for a, b in zip(text, text[1:], strict=False):
        if _wide(a) and _wide(b) and break_allowed(a, b):
            out.append(" ")
        out.append(b)
    return "".join(out)


def print_html(text: str) -> str:
    """Escaped HTML for print: author's spaces kept as real spaces, hints added."""
    parts = text.split(" ")
    hinted = [html.escape(justify_hints(p), quote=False) for p in parts]
    return '<span class="sp"> </span>'.join(hinted)


def screen_html(text: str) -> str:
    """Escaped HTML for e-readers and screens, which justify Chinese themselves."""
    return html.escape(text, quote=False)
