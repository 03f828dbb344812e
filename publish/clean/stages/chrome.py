"""Chrome out: lines and images that are page furniture (share bars, players, print
links, counters, logos), by the generic and the site's chrome patterns."""

from __future__ import annotations

import re
from functools import cache

from publish.clean.state import CleanState

_CHROME_CACHE: dict[tuple[str, str], re.Pattern[str]] = {}


def _chrome_pattern(state: CleanState) -> re.Pattern[str]:
    """The generic and the site's chrome lines as one alternation, compiled once."""
    key = (state.generic.name, state.profile.name)
    if key not in _CHROME_CACHE:
        patterns = state.generic.chrome_lines + (
            state.profile.chrome_lines if state.profile is not state.generic else ()
        )
        _CHROME_CACHE[key] = re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    return _CHROME_CACHE[key]


def _is_chrome(state: CleanState, text: str) -> bool:
    return _chrome_pattern(state).fullmatch(text) is not None


@cache
def _bracketed(most: int) -> re.Pattern[str]:
    """A bracketed segment of at most ``most`` characters (``bracket_max``), as link bars
    print them: 【纠错】【打印】【关闭】."""
    return re.compile(rf"[【\[]([^【】\[\]]{{1,{most}}})[】\]]\s*")


def _drop_bracketed_chrome(state: CleanState, text: str) -> str:
    """Bracketed segments that are chrome, cut from a line that holds more (``【纠错】
    【责任编辑：张樵苏】``): what is left is judged on its own."""
    most = state.profile.settings.drop_chrome_lines.bracket_max
    return _bracketed(most).sub(lambda m: "" if _is_chrome(state, m[1].strip()) else m[0], text).strip()


def drop_chrome_lines(state: CleanState) -> None:
    """Remove lines that are page furniture: share bars, players, print links, counters,
    and images that are furniture too (a logo, a QR code, an alt text that is chrome)."""
    settings = state.profile.settings.drop_chrome_lines
    kept = []
    for block in state.blocks:
        if block.kind == "heading":
            block.text = settings.edit_link.sub("", block.text)
        if block.kind == "text" and ("】" in block.text or "]" in block.text):
            block.text = _drop_bracketed_chrome(state, block.text) or block.text
        if block.kind in ("text", "heading") and _is_chrome(state, block.text):
            continue
        if block.kind == "image" and (
            (block.text and _is_chrome(state, block.text))
            or settings.image_names.search(block.src.split("?")[0])
        ):
            continue
        kept.append(block)
    state.blocks = kept

