"""Markdown → the document model, through markdown-it's syntax tree and a node table.

Soft line breaks between two wide characters are dropped (an editor who wraps a Chinese
paragraph must not get stray spaces); between Latin words they stay a space.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from markdown_it.tree import SyntaxTreeNode

from publish.errors import ConfigError
from publish.markdown import frontmatter
from publish.markdown.dialect import markdown_parser
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
from publish.typeset.cjk import is_wide


def _merge_text(nodes: list[Inline]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            out.append(node)
    return tuple(out)


def _plain(node: SyntaxTreeNode) -> str:
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain(c) for c in node.children)


def _inlines(node: SyntaxTreeNode) -> tuple[Inline, ...]:
    out: list[Inline] = []
    children = node.children
    for i, child in enumerate(children):
        t = child.type
        if t in ("text", "code_inline"):
            out.append(Text(child.content))
        elif t == "softbreak":
            before = _plain(children[i - 1])[-1:] if i > 0 else ""
            after = _plain(children[i + 1])[:1] if i + 1 < len(children) else ""
            out.append(Text("" if is_wide(before) or is_wide(after) else " "))
        elif t == "hardbreak":
            out.append(LineBreak())
        elif t == "em":
            out.append(Emph(_inlines(child)))
        elif t == "strong":
            out.append(Strong(_inlines(child)))
        elif t == "link":
            out.append(Link(_inlines(child), str(child.attrs.get("href", ""))))
        elif t == "image":
            out.append(Text(_plain(child)))
        else:
            out.append(Text(_plain(child)))
    return _merge_text(out)


def _inline_child(node: SyntaxTreeNode) -> SyntaxTreeNode:
    return node.children[0] if node.children else node


def _paragraph(node: SyntaxTreeNode) -> Block:
    inline = _inline_child(node)
    kids = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    if len(kids) == 1 and kids[0].type == "image":
        image = kids[0]
        return Figure(caption=_plain(image), src=str(image.attrs.get("src", "")))
    return Paragraph(_inlines(inline))


def _heading(node: SyntaxTreeNode) -> Block:
    return Heading(
        level=int(node.tag[1]),
        children=_inlines(_inline_child(node)),
        kicker=str(node.attrs.get("kicker", "")),
    )


def _quote(node: SyntaxTreeNode) -> Block:
    return Quote(_blocks(node.children))


def _list(node: SyntaxTreeNode) -> Block:
    items = tuple(_blocks(item.children) for item in node.children)
    return ListBlock(ordered=node.type == "ordered_list", items=items)


def _table(node: SyntaxTreeNode) -> Block:
    header: list[tuple[str, ...]] = []
    rows: list[tuple[str, ...]] = []
    for section in node.children:
        for tr in section.children:
            cells = tuple(_plain(_inline_child(td)) for td in tr.children)
            (header if section.type == "thead" else rows).append(cells)
    return Table(tuple(header), tuple(rows))


def _code(node: SyntaxTreeNode) -> Block:
    return Paragraph((Text(node.content.rstrip("\n")),))


BLOCK_READERS: dict[str, Callable[[SyntaxTreeNode], Block]] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "blockquote": _quote,
    "bullet_list": _list,
    "ordered_list": _list,
    "table": _table,
    "hr": lambda node: Rule(),
    "code_block": _code,
    "fence": _code,
}


def _blocks(nodes: list[SyntaxTreeNode]) -> tuple[Block, ...]:
    return tuple(BLOCK_READERS[n.type](n) for n in nodes if n.type in BLOCK_READERS)


def from_markdown(text: str, *, path: Path | None = None) -> Document:
    """Parse an article; a bad front matter is a ConfigError naming the file."""
    try:
        tree = SyntaxTreeNode(markdown_parser().parse(text))
        return _document(tree, path)
    except RecursionError as exc:  # markdown-it's tree and ours recurse per nesting level
        raise ConfigError(
            "the Markdown nests emphasis, quotes or lists too deeply to read", path=path,
            hint="an article never needs this; look for long runs of * _ > or - in the file",
        ) from exc


def _document(tree: SyntaxTreeNode, path: Path | None) -> Document:
    front = next((n for n in tree.children if n.type == "front_matter"), None)
    try:
        meta = frontmatter.to_meta(frontmatter.load(front.content if front else ""))
    except ValueError as exc:
        raise ConfigError(
            f"front matter: {exc}", path=path,
            hint="the file must start with ---, key: value lines (title: …), and ---",
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"front matter is not valid YAML: {yaml_reason(exc)}", path=path) from exc
    except RecursionError as exc:  # the pure-Python composer recurses per nesting level
        raise ConfigError("front matter is not valid YAML: it nests lists or mappings too deeply", path=path) from exc
    body = [n for n in tree.children if n.type != "front_matter"]
    return Document(meta=meta, blocks=_blocks(body))


def yaml_reason(exc: yaml.YAMLError) -> str:
    """What is wrong and where, lines counted in the article's file: its front matter
    starts on line 2, after the opening ``---``."""
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return str(exc) or type(exc).__name__
    mark = exc.problem_mark
    context = f"{exc.context}; " if exc.context else ""
    return f"{context}{exc.problem} (line {mark.line + 2}, column {mark.column + 1})"
