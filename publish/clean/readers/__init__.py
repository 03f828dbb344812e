"""Readers: a decoded page → what the stages work on, one reader per input kind.

A text scrape becomes raw blocks at once (``text.read_text``); an HTML page becomes its
tree (``html.read_html``), which the HTML stages then judge (title, invisible content,
body, byline …) before ``html_blocks.emit_blocks`` lists the body's blocks. Readers only
find the pieces; they do not judge what is chrome or metadata — later stages do, the same
way for both kinds, so a text scrape and an HTML scrape of one article come out alike.
"""

from __future__ import annotations

from publish.clean.readers.html import read_html
from publish.clean.readers.text import read_text
from publish.clean.state import CleanState


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return any(tag in head for tag in ("<html", "<!doctype", "<body", "<div", "<p>", "<text "))


def read_page(state: CleanState) -> None:
    if state.path.suffix.lower() in {".html", ".htm", ".xhtml"} or looks_like_html(state.text):
        read_html(state)
    else:
        read_text(state)
