"""Section headings of a text scrape: unindented short lines between indented paragraphs."""

from __future__ import annotations

from publish.clean.stages.captions import has_caption_marker
from publish.clean.state import CleanState, RawBlock

_SENTENCE_END = tuple("。！？；：，…!?;:,")
HEADING_MAX = 40
"""A line longer than this (in characters) is a paragraph, never a heading."""


def _heading_like(block: RawBlock) -> bool:
    text = block.text
    return (
        block.kind == "text"
        and not block.indented
        and 0 < len(text) <= HEADING_MAX
        and not text.endswith(_SENTENCE_END)
        and not has_caption_marker(text)
    )


def mark_headings(state: CleanState) -> None:
    """Unindented short lines between indented paragraphs are section headings.

    Two such lines in a row are an 引题 + 主题 pair: the first becomes the kicker of the
    heading that follows. Only text scrapes whose paragraphs are indented carry this
    signal; HTML pages say which blocks are headings.
    """
    if not any(b.indented for b in state.blocks):
        return
    out: list[RawBlock] = []
    for block in state.blocks:
        if _heading_like(block):
            block.kind = "heading"
            block.level = 2
        if block.kind == "heading" and out and out[-1].kind == "heading" and not out[-1].kicker:
            block.kicker = out.pop().text
        out.append(block)
    state.blocks = out

