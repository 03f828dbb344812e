"""The last stage: raw blocks and lifted metadata → the document model, text repaired.

Repair happens here, once, on every string that reaches the model, so no stage before
has to care whether a mark is ASCII or full-width.
"""

from __future__ import annotations

from publish.clean.repair import repair
from publish.clean.state import CleanState, RawBlock
from publish.fsutil import sha256_hex
from publish.model import (
    Block,
    Document,
    Figure,
    Heading,
    ListBlock,
    Meta,
    Paragraph,
    Quote,
    Table,
    Text,
)


HEADING_LEVELS = (2, 3, 4)
"""Article sections start at level 2 (the title is level 1, in the front matter)."""


def heading_levels(blocks: list[RawBlock]) -> dict[int, int]:
    """The page's heading levels, in rank order, mapped onto 2, 3, 4 (deeper ones to 4):
    a page whose sections are <h3> and sub-sections <h4> gets ## and ###."""
    used = sorted({b.level or 2 for b in blocks if b.kind == "heading"})
    return {lvl: HEADING_LEVELS[min(i, len(HEADING_LEVELS) - 1)] for i, lvl in enumerate(used)}


def _block(raw: RawBlock, levels: dict[int, int]) -> Block | None:
    text = repair(raw.text)
    if raw.kind == "heading":
        level = levels.get(raw.level or 2, 2)
        return Heading(level=level, children=(Text(text),), kicker=repair(raw.kicker))
    if raw.kind == "image":
        return Figure(caption=text, src=raw.src)
    if raw.kind == "quote":
        return Quote((Paragraph((Text(text),)),))
    if raw.kind == "table":
        rows = tuple(tuple(repair(c) for c in r) for r in raw.rows)
        return Table(header=rows[:1], rows=rows[1:])
    return Paragraph((Text(text),)) if text else None


def _group_items(blocks: list[RawBlock]) -> list[Block]:
    levels = heading_levels(blocks)
    out: list[Block] = []
    items: list[RawBlock] = []

    def flush() -> None:
        if items:
            out.append(
                ListBlock(
                    ordered=items[0].ordered,
                    items=tuple((Paragraph((Text(repair(i.text)),)),) for i in items),
                )
            )
            items.clear()

    for raw in blocks:
        if raw.kind == "item":
            if items and items[0].ordered != raw.ordered:
                flush()
            items.append(raw)
            continue
        flush()
        block = _block(raw, levels)
        if block is not None:
            out.append(block)
    flush()
    return out


def assemble(state: CleanState) -> Document:
    b = state.byline
    site = state.profile.name if state.profile is not state.generic else ""
    meta = Meta(
        title=repair(state.title),
        subtitle=repair(state.subtitle),
        lead=repair(state.lead),
        date=b.date or state.fallback_date,
        source=b.source,
        authors=tuple(b.authors or state.fallback_authors),
        editor=b.editor,
        site=site,
        url=state.url,
        fingerprint=f"sha256:{sha256_hex(state.data)}",
    )
    return Document(meta=meta, blocks=tuple(_group_items(state.blocks)))
