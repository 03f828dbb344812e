"""The document model every stage speaks: cleaner → Markdown → renderers.

Like pandoc's AST, it is the one thing that crosses stage boundaries. Nodes are frozen
dataclasses so that a transform returns a new document instead of mutating one another
stage still holds, and so that ``read(write(doc)) == doc`` is a plain equality test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeAlias

Attrs: TypeAlias = tuple[tuple[str, str], ...]


# ---------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    """Plain text, already repaired (full-width punctuation, quotes, ellipses)."""


@dataclass(frozen=True, slots=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    children: tuple[Inline, ...]
    url: str
    """Kept as written; renderers decide whether a link is followable (never fetched)."""


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a block (poetry, addresses)."""


@dataclass(frozen=True, slots=True)
class Code:
    text: str
    """Inline code (`` `publish build` ``): printed as written, in the style's code face."""


@dataclass(frozen=True, slots=True)
class NoteRef:
    label: str
    """The label of the ``Note`` it calls (``[^1]`` → "1"); renderers number the calls
    1, 2, 3 … in the order they appear, whatever the labels are."""


Inline: TypeAlias = Text | Emph | Strong | Link | LineBreak | Code | NoteRef


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    """2 for an article's sections; the article title lives in Meta, not here."""
    children: tuple[Inline, ...]
    kicker: str = ""
    """引题: the small lead line printed above the heading (夯实基层基础 / 战斗堡垒…)."""
    attrs: Attrs = ()
    """The heading's other attributes ``{#id .class key="value"}``, as ``("id", …)``,
    ``("class", "a b")`` and ``(key, value)`` pairs in the order written; the id is the
    anchor the 目录, bookmarks and links use."""

    @property
    def ident(self) -> str:
        return dict(self.attrs).get("id", "")

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(dict(self.attrs).get("class", "").split())


@dataclass(frozen=True, slots=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    caption: str
    """The 图为…… text, set under the image; it is also the image's alt text."""
    src: str = ""
    """Path relative to the article file, or an http(s) URL never fetched; '' when the
    scrape kept no image — the caption is still printed and the gap reported."""


@dataclass(frozen=True, slots=True)
class Quote:
    children: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Rule:
    """A thematic break (＊　＊　＊)."""


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote's text (``[^label]: …``), called by the ``NoteRef`` of that label.

    The notes of an article follow its other blocks, in the order of their first call
    (markdown-it's, and the order they are numbered in): where an editor wrote the
    definition does not matter, as in pandoc."""

    label: str
    children: tuple[Block, ...]


Block: TypeAlias = Heading | Paragraph | Figure | Quote | ListBlock | Table | Rule | Note


# ---------------------------------------------------------------- document


@dataclass(frozen=True, slots=True)
class Meta:
    title: str
    subtitle: str = ""
    """副题, printed under the title (the part after —— in a scraped title)."""
    lead: str = ""
    """引题, printed above the title."""
    date: str = ""
    """ISO 8601 with the offset, e.g. 2021-01-27T11:03:00+08:00."""
    source: str = ""
    """来源: the publication the article first appeared in."""
    authors: tuple[str, ...] = ()
    editor: str = ""
    """编辑 / 责任编辑."""
    site: str = ""
    """The site it was scraped from, e.g. 共产党员网."""
    url: str = ""
    lang: str = "zh-CN"
    fingerprint: str = ""
    """sha256 of the scraped bytes the article was cleaned from ('' for hand-written ones)."""


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------- traversal

Transform: TypeAlias = Callable[[Document], Document]


def walk_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first, including those nested in quotes and lists."""
    for block in blocks:
        yield block
        if isinstance(block, Quote | Note):
            yield from walk_blocks(block.children)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from walk_blocks(item)


def inline_text(children: tuple[Inline, ...]) -> str:
    """The plain text of inlines, as a reader would copy it."""
    parts: list[str] = []
    for node in children:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, NoteRef):
            continue  # the call is a number the renderer gives, not text
        else:
            parts.append(inline_text(node.children))
    return "".join(parts)
