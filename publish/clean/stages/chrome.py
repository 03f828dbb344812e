"""Chrome out: lines and images that are page furniture (share bars, players, print
links, counters, logos), by the generic and the site's chrome patterns."""

from __future__ import annotations

import re

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


_EDIT_LINK = re.compile(r"\s*[\[【](?:编辑|編輯|edit|编辑源代码)[\]】]\s*$", re.I)
"""A wiki's "[编辑]" section-edit link at the end of a heading."""
_CHROME_IMAGE = re.compile(r"(?:logo|icon|button|btn|qrcode|erweima|ewm|share|spacer)[^/]*$", re.I)
"""File names of page furniture: site logos, icons, buttons, QR codes."""


_BRACKETED = re.compile(r"[【\[]([^【】\[\]]{1,12})[】\]]\s*")
"""A short bracketed segment, as link bars print them: 【纠错】【打印】【关闭】."""


def _drop_bracketed_chrome(state: CleanState, text: str) -> str:
    """Bracketed segments that are chrome, cut from a line that holds more (``【纠错】
    【责任编辑：张樵苏】``): what is left is judged on its own."""
    return _BRACKETED.sub(lambda m: "" if _is_chrome(state, m[1].strip()) else m[0], text).strip()


def drop_chrome_lines(state: CleanState) -> None:
    """Remove lines that are page furniture: share bars, players, print links, counters,
    and images that are furniture too (a logo, a QR code, an alt text that is chrome)."""
    kept = []
    for block in state.blocks:
        if block.kind == "heading":
            block.text = _EDIT_LINK.sub("", block.text)
        if block.kind == "text" and ("】" in block.text or "]" in block.text):
            block.text = _drop_bracketed_chrome(state, block.text) or block.text
        if block.kind in ("text", "heading") and _is_chrome(state, block.text):
            continue
        if block.kind == "image" and (
            (block.text and _is_chrome(state, block.text))
            or _CHROME_IMAGE.search(block.src.split("?")[0])
        ):
            continue
        kept.append(block)
    state.blocks = kept

