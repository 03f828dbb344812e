"""Readers: a decoded page → raw blocks, one reader per input kind (plain text, HTML).

They only find the pieces; they do not judge what is chrome or metadata — later stages
do, the same way for both kinds, so a text scrape and an HTML scrape of one article
come out alike.
"""

from __future__ import annotations

import re

from publish.clean import html_reader
from publish.clean.profiles import profile_for_text
from publish.clean.state import CleanState, RawBlock

_INDENT = re.compile(r"^[ \t\u3000\u00a0]+")


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return any(tag in head for tag in ("<html", "<!doctype", "<body", "<div", "<p>", "<text "))


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


def read_page(state: CleanState) -> None:
    if state.path.suffix.lower() in {".html", ".htm", ".xhtml"} or looks_like_html(state.text):
        html_reader.read_html(state)
    else:
        read_text(state)
