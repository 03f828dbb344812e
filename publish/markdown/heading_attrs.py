"""Attributes at the end of a heading, ``## 标题 {#id .class key="value"}``, as pandoc reads them.

mdit-py-plugins reads attributes on the line before a block and after some inline
elements, not at the end of a heading. This core rule runs between block and inline
parsing: it takes a trailing ``{…}`` off the heading's source text and puts its
attributes on ``heading_open``, merged with those of an attribute line above (classes
add up; for a key written in both, the heading's own wins, as in pandoc).

pandoc wants a space before the brace (``## 标题{#id}`` is a span to it, not the
heading's id); so does this rule, and the reader warns about the other form.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.attrs.parse import ParseError, parse

_TRAILING = re.compile(r"[ \t]+(\{[^{}\n]*\})[ \t]*$")


def trailing_attrs(content: str) -> tuple[str, dict[str, str]] | None:
    """The heading text without its trailing attributes, and those attributes; None
    when the text does not end with a well-formed ``{…}`` after a space."""
    m = _TRAILING.search(content)
    if not m:
        return None
    braces = m.group(1)
    try:
        end, attrs = parse(braces)
    except ParseError:
        return None
    if end != len(braces) - 1:
        return None
    return content[: m.start()], {str(k): str(v) for k, v in attrs.items()}


def _heading_attrs_rule(state: StateCore) -> None:
    tokens = state.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.type != "heading_open" or tokens[i + 1].type != "inline":
            continue
        found = trailing_attrs(tokens[i + 1].content)
        if found is None:
            continue
        text, attrs = found
        tokens[i + 1].content = text
        if "class" in attrs and "class" in token.attrs:
            attrs["class"] = f"{token.attrs['class']} {attrs['class']}"
        token.attrs.update(attrs)


def heading_attrs_plugin(md: MarkdownIt) -> None:
    # After the attribute-line rule ("attr", which runs after "block"), before "inline".
    md.core.ruler.before("inline", "heading_attrs", _heading_attrs_rule)
