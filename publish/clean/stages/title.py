"""The title: found among the blocks when the reader found none, its copy in the body
removed (with the 引题 above it), and 主题——副题 split."""

from __future__ import annotations

import re

from publish.clean.normalize import norm

_SENTENCE_END = tuple("。！？；：，…!?;:,")
from publish.clean.state import CleanState, RawBlock


def find_title(state: CleanState) -> None:
    """The title: the reader's when it found one, else the first line of a text scrape.

    The body's own copy of the title (an <h1>, the first line) is removed either way.
    """
    # A text scrape's first short line is its title; an HTML page's body paragraphs are
    # never taken for one (its title comes from the page), only a heading is.
    kinds = ("heading",) if state.is_html else ("text", "heading")
    line_max = state.profile.settings.mark_headings.line_max
    if not state.title and not state.is_html:
        _take_headline_block(state, line_max)
    if not state.title:
        for i, block in enumerate(state.blocks):
            if block.kind in kinds and len(block.text) <= 2 * line_max:
                state.title = block.text
                del state.blocks[i]
                break
    title = norm(state.title)
    for i, block in enumerate(state.blocks[:8]):
        if block.kind in ("text", "heading") and title and norm(block.text) == title:
            del state.blocks[i]
            _take_lead(state, i, line_max)
            break


def _headline_line(block: RawBlock, line_max: int) -> bool:
    """A flush-left line no longer than a title (twice a heading's ``line_max``), no sentence."""
    return (
        block.kind == "text" and not block.indented and 0 < len(block.text) <= 2 * line_max
        and not block.text.endswith(_SENTENCE_END)
    )


def _take_headline_block(state: CleanState, line_max: int) -> None:
    """A text scrape's headline block of two lines, a short 引题 over the 主题, both set
    flush left over an indented body: the first is the lead, the second the title (not
    the 引题 as title and the real title read as the first section heading)."""
    blocks = state.blocks
    if (
        len(blocks) >= 3 and _headline_line(blocks[0], line_max) and _headline_line(blocks[1], line_max)
        and len(blocks[0].text) <= line_max and blocks[2].kind == "text" and blocks[2].indented
    ):
        state.lead, state.title = blocks[0].text, blocks[1].text
        del blocks[:2]


def _take_lead(state: CleanState, i: int, line_max: int) -> None:
    """A short heading right above the body's copy of the title, and nothing but headings
    before it, is the title's 引题 (lead), set over the title as newspapers do."""
    if state.lead or i == 0 or any(b.kind != "heading" for b in state.blocks[:i]):
        return
    above = state.blocks[i - 1]
    if len(above.text) <= line_max:
        state.lead = above.text
        del state.blocks[i - 1]


def split_title(state: CleanState) -> None:
    """主题——副题: the part after a double dash is the subtitle (docs/typography.md §3). One
    dash joins the words of one headline (``对比试车—测试昌河北斗星``), as printed."""
    m = re.match(r"^(.+?)\s*(?:——|--)\s*(.+)$", state.title)
    if m and not state.subtitle:
        state.title, state.subtitle = m.group(1).strip(), m.group(2).strip()

