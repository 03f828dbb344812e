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


CAPTION_MAX = 240
PHOTO_CREDIT = re.compile(
    r"(?:^|[\s\u3000。])(?:视觉中国|资料图?|供图|摄|图源\S{0,12})\s*$|[（(](?:视觉中国|资料图|新华社发|IC\s?photo)[）)]\s*$"
)
"""A photo credit closing a line: 视觉中国　资料, 新华社记者 某某 摄, （视觉中国）."""
CREDIT_CAPTION_MAX = 60
"""A line this short that ends in a photo credit, right under an image with no caption,
is that image's caption."""


def mark_captions(state: CleanState) -> None:
    """图为…… paragraphs are figure captions; an image right before takes them over.

    A short line ending in a photo credit (``共享充电宝。视觉中国　资料``) right under an
    image without a caption is its caption too.
    """
    out: list[RawBlock] = []
    for block in state.blocks:
        if (
            block.kind == "text"
            and len(block.text) <= CAPTION_MAX
            and has_caption_marker(block.text)
        ):
            if out and out[-1].kind == "image" and (not out[-1].text or repeats(out[-1].text, block.text)):
                if len(bare(block.text)) >= len(bare(out[-1].text)):
                    out[-1].text = block.text
                continue
            block.kind = "image"
        elif (
            block.kind == "text" and len(block.text) <= CREDIT_CAPTION_MAX
            and PHOTO_CREDIT.search(block.text) and out and out[-1].kind == "image" and not out[-1].text
        ):
            out[-1].text = block.text
            continue
        out.append(block)
    state.blocks = out

