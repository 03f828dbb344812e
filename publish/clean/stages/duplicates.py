"""Repeated text kept once: a caption as alt text, title text and paragraph."""

from __future__ import annotations

import re

from publish.clean.normalize import bare, norm
from publish.clean.state import CleanState, RawBlock

_FILE_NAME = re.compile(r"^[^\n/\\]{1,160}\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?)$", re.I)
"""Alt text that is the image's file name (``Ambox wikify.svg``, MediaWiki's default)."""


def drop_duplicates(state: CleanState) -> None:
    """A caption repeated as alt text, title text and paragraph is kept once.

    Alt text that only repeats the article's title or is a file name is not a caption.
    """
    titles = {norm(state.title), norm(state.subtitle), norm(state.title + state.subtitle)}
    norms: dict[str, str] = {}

    def normed(text: str) -> str:
        if text not in norms:
            norms[text] = norm(text)
        return norms[text]

    out: list[RawBlock] = []
    for block in state.blocks:
        if block.kind == "image" and (normed(block.text) in titles or _FILE_NAME.match(block.text)):
            block.text = ""
        if (
            block.kind == "text" and out and out[-1].kind == "image" and out[-1].text
            and bare(block.text) and bare(block.text) == bare(out[-1].text)
        ):
            continue  # the caption printed again under its image
        if (
            out and block.kind == out[-1].kind and normed(block.text) == normed(out[-1].text)
            and (block.kind != "text" or bare(block.text))  # two blanks to fill in are two
        ):
            if block.src and not out[-1].src:
                out[-1].src = block.src
            if block.kind != "image" or not block.src or not out[-1].src or block.src == out[-1].src:
                continue
        out.append(block)
    state.blocks = out
