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
    Code,
    Document,
    Emph,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Table,
    Text,
)

_ESCAPE = re.compile(r"([\\`*_\[\]<>&|!~])")
_ESCAPE_BRACES = re.compile(r"([\\`*_\[\]<>&|!~{])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>{]|\d+[.)])")
_ATTRIBUTE_LIKE = re.compile(r"\{(?=[#.%]|[\w-]+=)")
"""A brace pandoc's ``attributes`` would start reading at (``{#id}``, ``{.a}``, ``{k=v}``)."""


def _guard_line_start(text: str) -> str:
    """A line that starts like a block marker (# - + = > 1. or an attribute line's {)
    gets that marker escaped."""
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


def code(text: str) -> str:
    """A code span: fenced by one backtick more than the longest run inside, padded with
    a space where the text starts or ends with a backtick (CommonMark strips one)."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (
        text.startswith(" ") and text.endswith(" ") and text.strip(" ")
    ) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _text(text: str, after: Inline | None, braces: bool) -> str:
    """Escaped text. A brace that could open attributes is escaped too: right after inline
    code or a link, anywhere in a heading (``braces``), and where it looks like ``{#…}``."""
    if braces:
        return _ESCAPE_BRACES.sub(r"\\\1", text)
    out = _ATTRIBUTE_LIKE.sub(r"\\{", escape(text))  # no { in escape's output is escaped yet
    if isinstance(after, Code | Link) and out.startswith("{"):
        out = "\\" + out
    return out


def inlines(nodes: tuple[Inline, ...], *, braces: bool = False) -> str:
    out: list[str] = []
    for i, node in enumerate(nodes):
        if isinstance(node, Text):
            out.append(_text(node.text, nodes[i - 1] if i else None, braces))
        elif isinstance(node, Code):
            out.append(code(node.text))
        elif isinstance(node, NoteRef):
            out.append(f"[^{node.label}]")
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
    """The kicker on the attribute line above, as the cleaner has always written it (and
    pandoc's ``attributes`` reads it); the id, classes and the rest after the text."""
    kicker = _kicker(node.kicker)
    above = f'{{kicker="{kicker}"}}\n' if node.kicker else ""
    after = f" {attributes(node.attrs)}" if node.attrs else ""
    return f"{above}{'#' * node.level} {inlines(node.children, braces=True)}{after}"


def attributes(attrs: tuple[tuple[str, str], ...]) -> str:
    """``{#id .a .b key="value"}``; a value's ``"``, ``\\`` and braces as the kicker's."""
    parts: list[str] = []
    for key, value in attrs:
        if key == "id":
            parts.append(f"#{value}")
        elif key == "class":
            parts += [f".{c}" for c in value.split()]
        else:
            parts.append(f'{key}="{_kicker(value)}"')
    return "{" + " ".join(parts) + "}"


def _note(node: Note, ctx: Any) -> str:
    """``[^label]: …``, the note's later blocks indented by four spaces."""
    body = blocks(node.children).split("\n")
    rest = "".join(f"\n    {line}" if line else "\n" for line in body[1:])
    return f"[^{node.label}]: {body[0]}{rest}"


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
    Note: _note,
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
