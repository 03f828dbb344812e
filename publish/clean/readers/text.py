"""The text reader: a plain-text dump, one raw block per non-empty line."""

from __future__ import annotations

import re

from publish.clean.profiles import profile_for_text
from publish.clean.state import CleanState, RawBlock

_INDENT = re.compile(r"^[ \t\u3000\u00a0]+")


def read_text(state: CleanState) -> None:
    """A plain-text dump: one block per non-empty line; the indent is kept as a hint."""
    lines = state.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if state.profile is state.generic:
        state.profile = profile_for_text(lines) or state.generic
    for line in lines:
        if not line.strip():
            continue
        state.blocks.append(
            RawBlock("text", text=line.strip(), indented=bool(_INDENT.match(line)))
        )
