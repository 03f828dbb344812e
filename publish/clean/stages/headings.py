"""Section headings of a text scrape: unindented short lines between indented paragraphs."""

from __future__ import annotations

from publish.clean.stages.captions import has_caption_marker
from publish.clean.state import CleanState, RawBlock

_SENTENCE_END = tuple("。！？；：，…!?;:,")


def _heading_like(block: RawBlock, line_max: int) -> bool:
    """An unindented line of at most ``line_max`` characters (``[stages.mark_headings]``),
    no sentence and no caption."""
    text = block.text
    return (
        block.kind == "text"
        and not block.indented
        and 0 < len(text) <= line_max
        and not text.endswith(_SENTENCE_END)
        and not has_caption_marker(text)
    )


def mark_headings(state: CleanState) -> None:
    """Unindented short lines between indented paragraphs are section headings.

    Two such lines in a row are an 引题 + 主题 pair: the first becomes the kicker of the
    heading that follows. Only text scrapes whose paragraphs are indented carry this
    signal; HTML pages say which blocks are headings.
    """
    line_max = state.profile.settings.mark_headings.line_max
    if state.is_html:
        _pair_kickers(state, line_max)
        return
    if not any(b.indented for b in state.blocks):
        return
    out: list[RawBlock] = []
    for block in state.blocks:
        if _heading_like(block, line_max):
            block.kind = "heading"
            block.level = 2
        if block.kind == "heading" and out and out[-1].kind == "heading" and not out[-1].kicker:
            block.kicker = out.pop().text
        out.append(block)
    state.blocks = out



def _pair_kickers(state: CleanState, line_max: int) -> None:
    """An HTML body's two short bold lines in a row (an 引题 and its section heading)
    are one heading with its kicker, as in a text scrape. Heading tags are not paired:
    two in a row are a section left empty and the next (注释, 参考资料), or a section
    and its first sub-section."""
    out: list[RawBlock] = []
    for block in state.blocks:
        above = out[-1] if out else None
        if (
            block.kind == "heading" and above is not None and above.kind == "heading"
            and not above.kicker and not block.kicker and above.level == block.level == 0
            and len(above.text) <= line_max and len(block.text) <= line_max
            and not above.text.endswith(_SENTENCE_END)
        ):
            block.kicker = out.pop().text
        out.append(block)
    state.blocks = out
