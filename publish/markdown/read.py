"""Markdown → the document model, through markdown-it's syntax tree and a node table.

Soft line breaks between two wide characters are dropped (an editor who wraps a Chinese
paragraph must not get stray spaces); between Latin words they stay a space.

What the dialect (``publish.markdown.dialect``) parses but the model cannot hold is never
dropped silently: ``read_markdown`` returns a warning for it naming the file and the
line (attributes on a paragraph, a footnote never called, a call without its note …).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it.tree import SyntaxTreeNode

from publish.errors import ConfigError
from publish.markdown import frontmatter
from publish.markdown.dialect import markdown_parser
from publish.model import (
    Attrs,
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
from publish.typeset.cjk import is_wide


@dataclass(slots=True)
class _Reading:
    """One article being read: where it is, and what it had that the model cannot hold."""

    path: Path | None
    source_lines: list[str]
    warnings: list[str] = field(default_factory=list)

    def warn(self, node: SyntaxTreeNode | None, what: str, line: int | None = None) -> None:
        if line is None:
            line = _line(node)
        name = self.path.name if self.path else "the article"
        where = f"{name}:{line}" if line else name
        message = f"{where}: {what}"
        if message not in self.warnings:
            self.warnings.append(message)


def _line(node: SyntaxTreeNode | None) -> int:
    """The 1-based line a node starts on (its own or its nearest ancestor's)."""
    while node is not None:
        if node.map:
            return node.map[0] + 1
        node = node.parent
    return 0


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


_OWN_ATTRS = {"image": {"src", "alt", "title"}, "link": {"href", "title"}, "code_inline": set()}
"""What markdown-it itself puts on these inlines; anything else came from ``{…}``."""


def _extra_attrs(node: SyntaxTreeNode) -> dict[str, str]:
    own = _OWN_ATTRS.get(node.type, set())
    return {str(k): str(v) for k, v in node.attrs.items() if k not in own}


def written(attrs: dict[str, str]) -> str:
    """Attributes as an editor writes them: ``{#id .a .b key="value"}``."""
    parts = [f"#{attrs['id']}"] if "id" in attrs else []
    parts += [f".{c}" for c in attrs.get("class", "").split()]
    parts += [f'{k}="{v}"' for k, v in attrs.items() if k not in ("id", "class")]
    return "{" + " ".join(parts) + "}"


def _inlines(node: SyntaxTreeNode, r: _Reading) -> tuple[Inline, ...]:
    out: list[Inline] = []
    children = node.children
    for i, child in enumerate(children):
        t = child.type
        if t in ("link", "image", "code_inline") and _extra_attrs(child):
            r.warn(child, f"attributes {written(_extra_attrs(child))} after "
                   f"{'inline code' if t == 'code_inline' else 'a ' + t} are not kept")
        if t == "text":
            out.append(Text(child.content))
        elif t == "code_inline":
            out.append(Code(child.content))
        elif t == "softbreak":
            before = _plain(children[i - 1])[-1:] if i > 0 else ""
            after = _plain(children[i + 1])[:1] if i + 1 < len(children) else ""
            out.append(Text("" if is_wide(before) or is_wide(after) else " "))
        elif t == "hardbreak":
            out.append(LineBreak())
        elif t == "em":
            out.append(Emph(_inlines(child, r)))
        elif t == "strong":
            out.append(Strong(_inlines(child, r)))
        elif t == "link":
            out.append(Link(_inlines(child, r), str(child.attrs.get("href", ""))))
        elif t == "footnote_ref":
            out.append(NoteRef(str(child.meta["label"])))
        elif t == "footnote_anchor":
            continue  # markdown-it's back link in a note; renderers make their own
        elif t == "image":
            r.warn(child, f"the image {child.attrs.get('src', '')!r} is inside a line of text: "
                   "only its description is printed (a figure is an image alone in its paragraph)")
            out.append(Text(_plain(child)))
        else:
            out.append(Text(_plain(child)))
    return _merge_text(out)


def _inline_child(node: SyntaxTreeNode) -> SyntaxTreeNode:
    return node.children[0] if node.children else node


_CODE_SPAN = re.compile(r"(`+).*?\1", re.S)
_LOOSE_MARKUP = {
    "attributes": re.compile(r"(?<![\\`)])\{(?:[#.%][^\s{}]|[\w-]+=)[^{}\n]*\}"),
    "footnote call": re.compile(r"(?<!\\)\[\^([^\]\s]+)\](?!:)"),
}


def _check_loose_markup(node: SyntaxTreeNode, r: _Reading, defined: set[str]) -> None:
    """Markup the reader met as text: ``{#id}`` where pandoc reads a span, ``[^x]`` with
    no ``[^x]: …`` anywhere. Looked for in the block's source, code spans left out."""
    source = _CODE_SPAN.sub("`", _inline_child(node).content)
    for m in _LOOSE_MARKUP["attributes"].finditer(source):
        r.warn(node, f"{m.group(0)} is printed as text: attributes are read on the line "
               "before a block, at the end of a heading after a space, or right after "
               "inline code, a link or an image")
    for m in _LOOSE_MARKUP["footnote call"].finditer(source):
        if m.group(1) not in defined:
            r.warn(node, f"the footnote call [^{m.group(1)}] has no note: add a line "
                   f"[^{m.group(1)}]: …, or write \\[^{m.group(1)}] to print it as text")


def _block_attrs_dropped(node: SyntaxTreeNode, r: _Reading, what: str) -> None:
    if node.attrs:
        attrs = {str(k): str(v) for k, v in node.attrs.items()}
        r.warn(node, f"attributes {written(attrs)} on {what} are not kept (only headings keep theirs)")


def _paragraph(node: SyntaxTreeNode, r: _Reading) -> Block:
    inline = _inline_child(node)
    kids = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    if len(kids) == 1 and kids[0].type == "image":
        image = kids[0]
        _block_attrs_dropped(node, r, "a figure")
        if _extra_attrs(image):
            r.warn(image, f"attributes {written(_extra_attrs(image))} on a figure are not kept")
        return Figure(caption=_plain(image), src=str(image.attrs.get("src", "")))
    _block_attrs_dropped(node, r, "a paragraph")
    return Paragraph(_inlines(inline, r))


def _attrs(node: SyntaxTreeNode) -> Attrs:
    """A heading's attributes but the kicker, id first and classes second as pandoc
    orders them, then the others as written."""
    items = {str(k): str(v) for k, v in node.attrs.items() if k != "kicker"}
    first = [(k, items.pop(k)) for k in ("id", "class") if k in items]
    return tuple(first + list(items.items()))


def _heading(node: SyntaxTreeNode, r: _Reading) -> Block:
    return Heading(
        level=int(node.tag[1]),
        children=_inlines(_inline_child(node), r),
        kicker=str(node.attrs.get("kicker", "")),
        attrs=_attrs(node),
    )


def _quote(node: SyntaxTreeNode, r: _Reading) -> Block:
    _block_attrs_dropped(node, r, "a quotation")
    return Quote(_blocks(node.children, r))


def _list(node: SyntaxTreeNode, r: _Reading) -> Block:
    _block_attrs_dropped(node, r, "a list")
    items = tuple(_blocks(item.children, r) for item in node.children)
    return ListBlock(ordered=node.type == "ordered_list", items=items)


def _table(node: SyntaxTreeNode, r: _Reading) -> Block:
    _block_attrs_dropped(node, r, "a table")
    header: list[tuple[str, ...]] = []
    rows: list[tuple[str, ...]] = []
    for section in node.children:
        for tr in section.children:
            cells = tuple(_plain(_inline_child(td)) for td in tr.children)
            (header if section.type == "thead" else rows).append(cells)
    return Table(tuple(header), tuple(rows))


def _code(node: SyntaxTreeNode, r: _Reading) -> Block:
    return Paragraph((Text(node.content.rstrip("\n")),))


def _rule(node: SyntaxTreeNode, r: _Reading) -> Block:
    return Rule()


def _note(node: SyntaxTreeNode, r: _Reading) -> Block:
    return Note(str(node.meta["label"]), _blocks(node.children, r))


BLOCK_READERS: dict[str, Callable[[SyntaxTreeNode, _Reading], Block]] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "blockquote": _quote,
    "bullet_list": _list,
    "ordered_list": _list,
    "table": _table,
    "hr": _rule,
    "code_block": _code,
    "fence": _code,
    "footnote": _note,
}


def _blocks(nodes: list[SyntaxTreeNode], r: _Reading) -> tuple[Block, ...]:
    out: list[Block] = []
    for n in nodes:
        if n.type == "footnote_block":  # the notes, after the other blocks
            out.extend(_blocks(n.children, r))
        elif n.type in BLOCK_READERS:
            out.append(BLOCK_READERS[n.type](n, r))
    return tuple(out)


def _loose_markup(tree: SyntaxTreeNode, r: _Reading, defined: set[str]) -> None:
    for node in tree.walk():
        if node.type in ("paragraph", "heading"):
            _check_loose_markup(node, r, defined)


def _uncalled_notes(env: dict[str, Any], r: _Reading) -> None:
    refs: dict[str, int] = env.get("footnotes", {}).get("refs", {})
    for key, number in refs.items():
        if number < 0:
            label = key[1:]
            line = next(
                (i + 1 for i, text in enumerate(r.source_lines)
                 if text.lstrip().startswith(f"[^{label}]:")), None,
            )
            r.warn(None, f"the footnote [^{label}] is never called, so it is not printed: "
                   f"put [^{label}] where its number belongs", line=line)


def from_markdown(text: str, *, path: Path | None = None) -> Document:
    """Parse an article; a bad front matter is a ConfigError naming the file."""
    return read_markdown(text, path=path)[0]


def read_markdown(text: str, *, path: Path | None = None) -> tuple[Document, tuple[str, ...]]:
    """The article and what in it the model could not hold ("file:line: …" each)."""
    r = _Reading(path, text.splitlines())
    env: dict[str, Any] = {}
    try:
        tree = SyntaxTreeNode(markdown_parser().parse(text, env))
        doc = _document(tree, r)
    except RecursionError as exc:  # markdown-it's tree and ours recurse per nesting level
        raise ConfigError(
            "the Markdown nests emphasis, quotes or lists too deeply to read", path=path,
            hint="an article never needs this; look for long runs of * _ > or - in the file",
        ) from exc
    defined = {k[1:] for k in env.get("footnotes", {}).get("refs", {})}
    _loose_markup(tree, r, defined)
    _uncalled_notes(env, r)
    return doc, tuple(r.warnings)


def _document(tree: SyntaxTreeNode, r: _Reading) -> Document:
    path = r.path
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
    return Document(meta=meta, blocks=_blocks(body, r))


def yaml_reason(exc: yaml.YAMLError) -> str:
    """What is wrong and where, lines counted in the article's file: its front matter
    starts on line 2, after the opening ``---``."""
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return str(exc) or type(exc).__name__
    mark = exc.problem_mark
    context = f"{exc.context}; " if exc.context else ""
    return f"{context}{exc.problem} (line {mark.line + 2}, column {mark.column + 1})"
