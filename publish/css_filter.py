"""Style sheets shipped to a reader (the EPUB, the HTML edition): nothing in them may fetch.

The sheets are the user's to edit, and a reader that opens a chapter fetches whatever its
CSS names: a URL on the network, a file on the reader's disk. So every ``@import`` is cut,
and every URL a sheet names — ``url()``, ``src()``, the strings of ``image-set()`` and
``image()`` — is kept only when the sandbox allows it (an inline ``data:`` image, font or
sheet of an allowed type), else replaced by ``none`` and reported.

The sheet is parsed with tinycss2, the tokenizer WeasyPrint uses, so whatever a reader
would take for a URL is seen as one: escapes (``u\\72l(``, ``@\\69mport``), any case,
``@import"x"`` without a space. The output is the input text with only the refused spans
cut or replaced: a sheet that names nothing refused comes out byte for byte as it came in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import tinycss2

from publish.fetcher import RefusedResource, Sandbox

URL_FUNCTIONS = frozenset({"url", "src"})
"""Functions whose one string argument is a URL."""
IMPORT_REMOVED = "/* @import removed */"


def _image_function(name: str) -> bool:
    """``image-set()`` and its prefixed forms, ``image()``: their bare strings are URLs."""
    return name.endswith("image-set") or name in ("image", "-webkit-image")


@dataclass(frozen=True, slots=True)
class _Cut:
    start: int
    end: int
    replacement: str


class _Filter:
    """One pass over one sheet: the spans to cut, found while walking its tokens."""

    def __init__(self, text: str, sandbox: Sandbox, where: str) -> None:
        self.text = text
        self.sandbox = sandbox
        self.where = where
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.cuts: list[_Cut] = []

    def offset(self, node: Any) -> int:
        """The index in the text where a token starts (tinycss2 gives line and column)."""
        return int(self.line_starts[node.source_line - 1] + node.source_column - 1)

    def allowed(self, url: str) -> bool:
        """Whether the reader may fetch ``url``: an allowed ``data:`` resource only."""
        url = url.strip()
        if url[:5].lower() == "data:":
            try:
                self.sandbox.data(url)
                return True
            except RefusedResource:
                return False
        self.sandbox.refuse(url, f"external url() is not packed into {self.where}")
        return False

    def walk(self, nodes: Sequence[Any], end: int) -> None:
        """Find the cuts in a list of component values that ends at ``end`` in the text."""
        i = 0
        while i < len(nodes):
            node = nodes[i]
            stop = self.offset(nodes[i + 1]) if i + 1 < len(nodes) else end
            if node.type == "at-keyword" and node.lower_value == "import":
                i = self.cut_import(nodes, i, end)
                continue
            if node.type == "url":
                if not self.allowed(node.value):
                    self.cuts.append(_Cut(self.offset(node), stop, "none"))
            elif node.type == "function":
                self.function(node, stop)
            elif node.type in ("() block", "[] block", "{} block"):
                self.walk(node.content, _content_end(self.text, stop, node.type))
            i += 1

    def function(self, node: Any, stop: int) -> None:
        name = node.lower_name
        if name in URL_FUNCTIONS:
            strings = [a for a in node.arguments if a.type == "string"]
            target = strings[0].value if len(strings) == 1 else ""
            if not self.allowed(target):
                self.cuts.append(_Cut(self.offset(node), stop, "none"))
        elif _image_function(name):
            urls = [a.value for a in node.arguments if a.type == "string"]
            urls += list(_nested_urls(node.arguments))
            if not all([self.allowed(url) for url in urls]):  # each refusal reported
                self.cuts.append(_Cut(self.offset(node), stop, "none"))
        else:
            self.walk(node.arguments, _content_end(self.text, stop, "function"))

    def cut_import(self, nodes: Sequence[Any], i: int, end: int) -> int:
        """Cut ``@import …;`` (to its semicolon, or the end of its block or list); the
        index of the node after it."""
        j = i + 1
        while j < len(nodes) and not (nodes[j].type == "literal" and nodes[j].value == ";"):
            if nodes[j].type == "{} block":
                break
            j += 1
        target = next((n for n in nodes[i + 1:j] if n.type in ("string", "url", "function")), None)
        shown = "" if target is None else target.value if target.type != "function" else _function_target(target)
        self.sandbox.refuse(shown, f"@import is not packed into {self.where}")
        after = j + 1
        stop = self.offset(nodes[after]) if after < len(nodes) else end
        self.cuts.append(_Cut(self.offset(nodes[i]), stop, IMPORT_REMOVED))
        return after


def _function_target(node: Any) -> str:
    strings = [a.value for a in node.arguments if a.type == "string"]
    return str(strings[0]) if strings else ""


def _nested_urls(nodes: Sequence[Any]) -> Iterator[str]:
    """Every URL named inside a function's arguments, at any depth."""
    for node in nodes:
        if node.type == "url":
            yield str(node.value)
        elif node.type == "function":
            if node.lower_name in URL_FUNCTIONS:
                yield _function_target(node)
            else:
                yield from _nested_urls(node.arguments)
        elif node.type in ("() block", "[] block", "{} block"):
            yield from _nested_urls(node.content)


CLOSERS = {"function": ")", "() block": ")", "[] block": "]", "{} block": "}"}


def _content_end(text: str, stop: int, kind: str) -> int:
    """Where a block's content ends: before its closing bracket, if it has one (a block
    left open at the end of the sheet has none)."""
    return stop - 1 if stop > 0 and text[stop - 1] == CLOSERS[kind] else stop


def _normalised(css: str) -> str:
    """The text as tinycss2 reads it, so that its lines and columns index into it."""
    return css.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


def filtered_css(css: str, sandbox: Sandbox, where: str) -> str:
    """``css`` without a URL the sandbox refuses (see the module's docstring); ``where``
    names the edition in the refusals reported (``an EPUB``, ``the HTML edition``)."""
    text = _normalised(css)
    found = _Filter(text, sandbox, where)
    found.walk(tinycss2.parse_component_value_list(text), len(text))
    if not found.cuts:
        return css
    out: list[str] = []
    at = 0
    for cut in sorted(found.cuts, key=lambda c: c.start):
        if cut.start < at:
            continue  # inside a span already cut
        out.append(text[at:cut.start])
        out.append(cut.replacement)
        at = cut.end
    out.append(text[at:])
    return "".join(out)


def packaged_css(css: str, sandbox: Sandbox) -> str:
    """CSS to ship inside an EPUB: nothing in it sends a reading system to the network
    or the reader's disk."""
    return filtered_css(css, sandbox, "an EPUB")


def site_css(css: str, sandbox: Sandbox) -> str:
    """CSS for the HTML edition: nothing in it sends a browser to the network or the
    reader's disk."""
    return filtered_css(css, sandbox, "the HTML edition")
