"""The document model → Markdown, one renderer per node kind, escaping in one place.

One paragraph per line, never wrapped: a newline between two Chinese characters would
read back as a space (pandoc's eastAsianLineBreakFilter exists for exactly this).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from publish.markdown import frontmatter
from publish.model import (
    Block,
    Document,
    Emph,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Table,
    Text,
)

_ESCAPE = re.compile(r"([\\`*_\[\]<>&|!~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def _guard_line_start(text: str) -> str:
    """A line that starts like a block marker (# - + = > 1.) gets that marker escaped."""
    out = []
    for line in text.split("\n"):
        m = _LINE_START.match(line)
        if m:
            i = m.end() - 1
            line = line[:i] + "\\" + line[i:]
        out.append(line)
    return "\n".join(out)


def escape(text: str) -> str:
    """Backslash-escape every ASCII mark Markdown could read as syntax."""
    return _ESCAPE.sub(r"\\\1", text)


def _url(url: str) -> str:
    if not url or re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def inlines(nodes: tuple[Inline, ...]) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(escape(node.text))
        elif isinstance(node, Emph):
            out.append(f"*{inlines(node.children)}*")
        elif isinstance(node, Strong):
            out.append(f"**{inlines(node.children)}**")
        elif isinstance(node, Link):
            out.append(f"[{inlines(node.children)}]({_url(node.url)})")
        elif isinstance(node, LineBreak):
            out.append("\\\n")
    return _guard_line_start("".join(out))


_KICKER_MARKS = str.maketrans({"\\": "＼", "{": "｛", "}": "｝"})


def _kicker(text: str) -> str:
    """The attribute syntax cannot hold a double quote, backslash or brace: they become
    their full-width forms, straight quotes paired as “ ”."""
    parts = text.translate(_KICKER_MARKS).split('"')
    quoted = (p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1]))
    return "".join(quoted) + parts[-1]


def _heading(node: Heading, ctx: Any) -> str:
    kicker = _kicker(node.kicker)
    attrs = f'{{kicker="{kicker}"}}\n' if node.kicker else ""
    return f"{attrs}{'#' * node.level} {inlines(node.children)}"


def _paragraph(node: Paragraph, ctx: Any) -> str:
    return inlines(node.children)


def _figure(node: Figure, ctx: Any) -> str:
    src = _url(node.src) if node.src else ""
    return f"![{escape(node.caption)}]({src})"


def _quote(node: Quote, ctx: Any) -> str:
    inner = blocks(node.children)
    return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))


def _list(node: ListBlock, ctx: Any) -> str:
    """``ctx`` is true for a list right after another of its kind: CommonMark would join
    the two, unless the second uses the other marker (``*`` for ``-``, ``1)`` for ``1.``)."""
    items = []
    for n, item in enumerate(node.items, start=1):
        if node.ordered:
            marker = f"{n}) " if ctx else f"{n}. "
        else:
            marker = "* " if ctx else "- "
        body = blocks(item).split("\n")
        pad = " " * len(marker)
        items.append(marker + body[0] + "".join(f"\n{pad}{line}" if line else "\n" for line in body[1:]))
    return "\n".join(items)


def _cell(text: str) -> str:
    return escape(text).replace("\n", " ")


def _table(node: Table, ctx: Any) -> str:
    header = node.header[0] if node.header else tuple("" for _ in node.rows[0])
    width = max(len(header), *(len(r) for r in node.rows)) if node.rows else len(header)

    def row(cells: tuple[str, ...]) -> str:
        padded = list(cells) + [""] * (width - len(cells))
        return "| " + " | ".join(_cell(c) for c in padded) + " |"

    lines = [row(header), "| " + " | ".join("---" for _ in range(width)) + " |"]
    lines += [row(r) for r in node.rows]
    return "\n".join(lines)


def _rule(node: Rule, ctx: Any) -> str:
    return "* * *"


RENDERERS: dict[type, Callable[[Any, Any], str]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    Figure: _figure,
    Quote: _quote,
    ListBlock: _list,
    Table: _table,
    Rule: _rule,
}


def blocks(nodes: tuple[Block, ...]) -> str:
    return "\n\n".join(rendered_blocks(nodes))


def rendered_blocks(nodes: tuple[Block, ...]) -> list[str]:
    """Each block's Markdown, in order; ``blocks`` joins them with a blank line."""
    out: list[str] = []
    other_marker = False
    for i, node in enumerate(nodes):
        prev = nodes[i - 1] if i else None
        same_kind = (
            isinstance(node, ListBlock) and isinstance(prev, ListBlock)
            and prev.ordered == node.ordered
        )
        other_marker = same_kind and not other_marker
        out.append(RENDERERS[type(node)](node, other_marker))
    return out


def to_markdown(doc: Document, parts: list[str] | None = None) -> str:
    """The article's file; ``parts``: its blocks' ``rendered_blocks``, when the caller has
    them already (``publish clean`` keeps them for its read-back check)."""
    body = "\n\n".join(rendered_blocks(doc.blocks) if parts is None else parts)
    return f"---\n{frontmatter.dump(doc.meta)}---\n\n{body}\n"
