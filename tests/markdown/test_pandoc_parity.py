"""pandoc reads every article in the repository as our reader does (``dialect.PANDOC_FORMAT``).

For content/ and every test book, pandoc's JSON AST and our model agree block by block on
kind, heading level, text, heading attributes (the kicker among them), figure captions and
sources, and the text of the note at each call. Text is compared without whitespace: our
reader drops a soft break between Chinese characters, pandoc keeps it as a space.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from publish.markdown import from_markdown
from publish.markdown.dialect import PANDOC_FORMAT
from publish.model import (
    Block, Code, Emph, Figure, Heading, Inline, Link, ListBlock, Note, NoteRef, Paragraph, Quote, Rule,
    Strong, Table, Text,
)
from tests.conftest import ROOT

pypandoc = pytest.importorskip("pypandoc", reason="pypandoc-binary (the bench extra) is not installed")
try:
    pypandoc.get_pandoc_version()
except OSError:  # pragma: no cover - depends on the machine
    pytest.skip("pandoc is not installed (pip install pypandoc-binary, the bench extra)", allow_module_level=True)

ARTICLES = sorted((ROOT / "content" / "articles").glob("*.md")) + sorted(
    (ROOT / "tests" / "books").glob("*/articles/*.md")
)
Summary = tuple[Any, ...]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- ours


def _our_text(nodes: tuple[Inline, ...], notes: dict[str, Note], calls: list[str]) -> str:
    out = []
    for n in nodes:
        if isinstance(n, Text | Code):
            out.append(n.text)
        elif isinstance(n, NoteRef):
            calls.append(_our_blocks_text(notes[n.label].children, notes, calls))
        elif isinstance(n, Emph | Strong | Link):
            out.append(_our_text(n.children, notes, calls))
    return _squeeze("".join(out))


def _our_blocks_text(blocks: tuple[Block, ...], notes: dict[str, Note], calls: list[str]) -> str:
    return "".join(str(_ours(b, notes, calls)[2]) for b in blocks)


def _ours(b: Block, notes: dict[str, Note], calls: list[str]) -> Summary:
    if isinstance(b, Paragraph):
        return ("para", 0, _our_text(b.children, notes, calls))
    if isinstance(b, Heading):
        kv = dict(b.attrs)
        if b.kicker:
            kv["kicker"] = b.kicker
        ident, classes = kv.pop("id", ""), tuple(kv.pop("class", "").split())
        return ("header", b.level, _our_text(b.children, notes, calls), (ident, classes, sorted(kv.items())))
    if isinstance(b, Figure):
        return ("figure", 0, _squeeze(b.caption), b.src)
    if isinstance(b, Quote):
        return ("quote", 0, _our_blocks_text(b.children, notes, calls))
    if isinstance(b, ListBlock):
        return ("list", b.ordered, "".join(_our_blocks_text(i, notes, calls) for i in b.items))
    if isinstance(b, Table):
        return ("table", 0, _squeeze("".join("".join(r) for r in b.header + b.rows)))
    if isinstance(b, Rule):
        return ("rule", 0, "")
    raise AssertionError(b)


def our_summary(text: str) -> tuple[list[Summary], list[str]]:
    doc = from_markdown(text)
    notes = {b.label: b for b in doc.blocks if isinstance(b, Note)}
    calls: list[str] = []
    blocks = [_ours(b, notes, calls) for b in doc.blocks if not isinstance(b, Note)]
    return blocks, calls


# ---------------------------------------------------------------- pandoc's


def _their_text(inlines: list[dict[str, Any]], calls: list[str]) -> str:
    out = []
    for node in inlines:
        t, c = node["t"], node.get("c")
        if t == "Str":
            out.append(c)
        elif t == "Code":
            out.append(c[1])
        elif t in ("Emph", "Strong"):
            out.append(_their_text(c, calls))
        elif t in ("Link", "Span", "Image"):
            out.append(_their_text(c[1], calls))
        elif t == "Note":
            calls.append("".join(str(_theirs(b, calls)[2]) for b in c))
    return _squeeze("".join(out))


def _theirs(block: dict[str, Any], calls: list[str]) -> Summary:
    t, c = block["t"], block.get("c")
    if t == "Para" and len(c) == 1 and c[0]["t"] == "Image" and not c[0]["c"][1]:
        # An image alone without a description: pandoc makes a figure only of one with a
        # caption, and leaves this an image in its own paragraph; we read a figure with
        # no caption. Both print the image alone, uncaptioned.
        return ("figure", 0, "", c[0]["c"][2][0])
    if t in ("Para", "Plain"):
        return ("para", 0, _their_text(c, calls))
    if t == "CodeBlock":  # our reader keeps a code block's text as a paragraph
        return ("para", 0, _squeeze(c[1]))
    if t == "Header":
        ident, classes, kvs = c[1]
        return ("header", c[0], _their_text(c[2], calls), (ident, tuple(classes), sorted(map(tuple, kvs))))
    if t == "Figure":
        image = c[2][0]["c"][0]
        return ("figure", 0, _their_text(image["c"][1], calls), image["c"][2][0])
    if t == "BlockQuote":
        return ("quote", 0, "".join(str(_theirs(b, calls)[2]) for b in c))
    if t in ("BulletList", "OrderedList"):
        items = c if t == "BulletList" else c[1]
        return ("list", t == "OrderedList", "".join(str(_theirs(b, calls)[2]) for i in items for b in i))
    if t == "HorizontalRule":
        return ("rule", 0, "")
    if t == "Table":
        return ("table", 0, _squeeze(json.dumps(c, ensure_ascii=False)))  # compared by kind only below
    raise AssertionError(f"pandoc block {t} has no counterpart in our model")


def pandoc_summary(text: str) -> tuple[list[Summary], list[str]]:
    ast = json.loads(pypandoc.convert_text(text, "json", format=PANDOC_FORMAT))
    calls: list[str] = []
    return [_theirs(b, calls) for b in ast["blocks"]], calls


def _comparable(blocks: list[Summary]) -> list[Summary]:
    return [b[:2] if b[0] == "table" else b for b in blocks]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: str(Path(p).relative_to(ROOT)))
def test_pandoc_reads_the_article_as_we_do(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ours, our_notes = our_summary(text)
    theirs, their_notes = pandoc_summary(text)
    assert _comparable(theirs) == _comparable(ours)
    assert their_notes == our_notes


def test_the_parity_covers_footnotes_attributes_and_a_figure_without_image() -> None:
    text = (ROOT / "tests" / "books" / "notes" / "articles" / "notes.md").read_text(encoding="utf-8")
    ours, notes = our_summary(text)
    assert len(notes) == 5  # four notes, one called twice
    assert ("figure", 0, "图为一幅未能保留的图片。", "") in ours
    assert any(b[0] == "header" and b[3][0] == "weizhi" and ("kicker", "引题在这里") in b[3][2] for b in ours)
