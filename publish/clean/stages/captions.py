"""Figure captions: 图为…… lines and photo credits under an image become its caption."""

from __future__ import annotations

import re

from publish.clean.normalize import bare, repeats
from publish.clean.state import CleanState, RawBlock

CAPTION_MARKERS = re.compile(r"图为|（图[/／]|\(图[/／]|^图[:：]|^图片[:：]|^[（(]?摄影")


def has_caption_marker(text: str) -> bool:
    """``CAPTION_MARKERS.search(text)``; every marker holds 图 or 摄影, and a line without
    either (most lines) is not searched."""
    return ("图" in text or "摄影" in text) and CAPTION_MARKERS.search(text) is not None




def mark_captions(state: CleanState) -> None:
    """图为…… paragraphs are figure captions; an image right before takes them over.

    A short line ending in a photo credit (``共享充电宝。视觉中国　资料``) right under an
    image without a caption is its caption too.
    """
    settings = state.profile.settings.mark_captions
    out: list[RawBlock] = []
    for block in state.blocks:
        if (
            block.kind == "text"
            and len(block.text) <= settings.caption_max
            and has_caption_marker(block.text)
        ):
            if out and out[-1].kind == "image" and (not out[-1].text or repeats(out[-1].text, block.text)):
                if len(bare(block.text)) >= len(bare(out[-1].text)):
                    out[-1].text = block.text
                continue
            block.kind = "image"
        elif (
            block.kind == "text" and len(block.text) <= settings.credit_caption_max
            and settings.photo_credit.search(block.text) and out and out[-1].kind == "image" and not out[-1].text
        ):
            out[-1].text = block.text
            continue
        out.append(block)
    state.blocks = out

