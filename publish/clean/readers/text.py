"""The text reader: a plain-text dump, one raw block per non-empty line."""

from __future__ import annotations

import re

from publish.clean.profiles import profile_for_text
from publish.clean.state import CleanState, RawBlock
from publish.clean.wrap import joined_with_first, width

_INDENT = re.compile(r"^[ \t\u3000\u00a0]+")


def read_text(state: CleanState) -> None:
    """A plain-text dump: one block per non-empty line; the indent is kept as a hint."""
    lines = state.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if state.profile is state.generic:
        state.profile = profile_for_text(lines) or state.generic
    emit = state.profile.settings.emit
    for passage in _passages(lines):
        indents = [width(m.group()) if (m := _INDENT.match(line)) else 0 for line in passage]
        texts = [line.strip() for line in passage]
        for first, text in joined_with_first(texts, emit, indents):
            state.blocks.append(RawBlock("text", text=text, indented=bool(indents[first])))


def _passages(lines: list[str]) -> list[list[str]]:
    """Runs of non-empty lines: a blank line always ends a paragraph (``clean.wrap``
    joins hard-wrapped lines only inside a run)."""
    runs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]
