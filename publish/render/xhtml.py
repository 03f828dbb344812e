"""The model → semantic XHTML, shared by the PDF and EPUB writers.

Python emits structure and classes only; fonts, sizes and page layout are the style's
CSS. The output is well-formed XHTML so the EPUB writer can use it as is. The text
filter decides how text is written: with justification hints for print, plain for
e-readers (see ``publish.typeset.hints``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

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
    inline_text,
    walk_blocks,
)
from publish.typeset.hints import running_head_text

TextFilter = Callable[[str], str]

NoteMode = Literal["foot", "end", "epub"]
"""Where a footnote's text goes: ``foot``, at its call, for WeasyPrint's ``float:
footnote`` to set at the page foot (print); ``end``, after the article with links both
ways (the HTML edition); ``epub``, the same with ``epub:type="noteref"`` and
``<aside epub:type="footnote">``, which reading systems show as a pop-up."""


@dataclass(frozen=True, slots=True)
class RenderContext:
    text: TextFilter
    """Escapes text (and may add layout hints)."""
    image_src: Callable[[str], str | None]
    """Maps a figure's src to the URL to write, or None when the image is unavailable."""
    anchor: str
    """Prefix for ids inside this chapter (unique in a one-file book)."""
    heading: TextFilter | None = None
    """Escapes the text of titles and headings; ``text`` when None (print uses
    ``typography.heading_html`` so titles break between phrases)."""
    notes: NoteMode = "end"
    note_texts: Mapping[str, Note] = field(default_factory=dict)
    """The article's notes by label (``article`` fills it in)."""
    note_numbers: Mapping[str, int] = field(default_factory=dict)
    """Each label's number, 1, 2, 3 … in the order of the first calls."""
    calls_written: set[str] = field(default_factory=set)
    """Labels whose first call is written: a later call is its number alone."""
    missing_pictures: str = "mark"
    """A figure whose picture is not there: "mark" or "drop" (``book_settings``)."""

    def for_heading(self) -> RenderContext:
        return replace(self, text=self.heading) if self.heading else self


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def inlines(nodes: tuple[Inline, ...], ctx: RenderContext) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(ctx.text(node.text))
        elif isinstance(node, Code):
            # As written: no layout hints inside code, whatever the edition.
            out.append(f"<code>{html.escape(node.text, quote=False)}</code>")
        elif isinstance(node, NoteRef):
            out.append(note_call(node, ctx))
        elif isinstance(node, Emph):
            out.append(f"<em>{inlines(node.children, ctx)}</em>")
        elif isinstance(node, Strong):
            out.append(f"<strong>{inlines(node.children, ctx)}</strong>")
        elif isinstance(node, Link):
            # Links print as their text: a booklet's reader cannot click, and a URL from a
            # scraped page is not something we vouch for.
            out.append(f'<span class="link">{inlines(node.children, ctx)}</span>')
        elif isinstance(node, LineBreak):
            out.append("<br/>")
    return "".join(out)


def label_attr(ctx: RenderContext, title: str) -> str:
    """For print, the plain title as ``data-label`` (the style's bookmark-label), since
    the heading's own content carries layout hints; nothing for screens."""
    return f' data-label="{attr(title)}"' if ctx.heading else ""


def head_attr(ctx: RenderContext, title: str) -> str:
    """For print, the title as the running head sets it (``data-head``, the style's
    ``string-set``): the plain title with its quarter ems and 间隔号 spacing as
    characters, since a string takes no spans; the bookmark keeps ``data-label``."""
    return f' data-head="{attr(running_head_text(title))}"' if ctx.heading else ""


def section_id(ctx: RenderContext, index: int, node: Heading | None = None) -> str:
    """``{anchor}-{id}`` for a heading with an id (``## 标题 {#id}``), else
    ``{anchor}-s{index}``: unique in a one-file book either way."""
    return heading_anchor(ctx.anchor, index, node)


def heading_anchor(anchor: str, index: int, node: Heading | None) -> str:
    ident = node.ident if node is not None else ""
    return f"{anchor}-{ident}" if ident else f"{anchor}-s{index}"


# ---------------------------------------------------------------- notes

CIRCLED = (
    [chr(0x2460 + i) for i in range(20)]      # ①–⑳
    + [chr(0x3251 + i) for i in range(15)]    # ㉑–㉟
    + [chr(0x32B1 + i) for i in range(15)]    # ㊱–㊿
)
"""clreq's note numbers, ① to ㊿; past fifty, the number in parentheses."""


def note_number(n: int) -> str:
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"({n})"


def number_notes(doc: Document) -> dict[str, int]:
    """Each called label's number, in the order of the first calls (text, then notes
    that call other notes)."""
    numbers: dict[str, int] = {}
    for ref in _note_refs(doc.blocks):
        numbers.setdefault(ref.label, len(numbers) + 1)
    return numbers


def _note_refs(blocks: tuple[Block, ...]) -> Iterator[NoteRef]:
    def inl(nodes: tuple[Inline, ...]) -> Iterator[NoteRef]:
        for n in nodes:
            if isinstance(n, NoteRef):
                yield n
            elif isinstance(n, Emph | Strong | Link):
                yield from inl(n.children)

    for b in walk_blocks(blocks):
        if isinstance(b, Heading | Paragraph):
            yield from inl(b.children)


def with_notes(doc: Document, ctx: RenderContext) -> RenderContext:
    notes = {b.label: b for b in doc.blocks if isinstance(b, Note)}
    if not notes:
        return ctx
    return replace(ctx, note_texts=notes, note_numbers=number_notes(doc), calls_written=set())


def note_id(ctx: RenderContext, n: int) -> str:
    return f"{ctx.anchor}-fn{n}"


def note_call(ref: NoteRef, ctx: RenderContext) -> str:
    n = ctx.note_numbers.get(ref.label)
    note = ctx.note_texts.get(ref.label)
    if n is None or note is None:
        return ""  # the reader warned: a call with no note is text, never a NoteRef
    first = ref.label not in ctx.calls_written
    ctx.calls_written.add(ref.label)
    if ctx.notes == "foot":
        # The note's text at its call: WeasyPrint moves it to the page foot and puts
        # ::footnote-call here. A second call of one note only prints its number.
        if first:
            # The word joiner keeps the call on the line of the character it follows.
            return f'\u2060<span class="footnote" data-n="{note_number(n)}">{note_inline(note, ctx)}</span>'
        return f'\u2060<sup class="note-again">{note_number(n)}</sup>'
    epub = ' epub:type="noteref"' if ctx.notes == "epub" else ""
    ident = f' id="{note_id(ctx, n)}-ref"' if first else ""  # the back link's target
    return (
        f'<sup><a class="noteref" href="#{note_id(ctx, n)}"{ident}'
        f'{epub} role="doc-noteref">{note_number(n)}</a></sup>'
    )


def note_inline(note: Note, ctx: RenderContext) -> str:
    """A note as one inline run (it sits inside the paragraph that calls it): its
    paragraphs joined by line breaks, any other block as its text."""
    parts = []
    for b in note.children:
        if isinstance(b, Paragraph | Heading):
            parts.append(inlines(b.children, ctx))
        else:
            parts.append(ctx.text(block_text(b)))
    return "<br/>".join(parts)


def block_text(b: Block) -> str:
    """A block's text, for a note that holds a list or a quotation."""
    if isinstance(b, Paragraph | Heading):
        return inline_text(b.children)
    if isinstance(b, Figure):
        return b.caption
    if isinstance(b, Table):
        return "　".join("　".join(row) for row in b.header + b.rows)
    return "　".join(block_text(c) for c in walk_blocks((b,)) if c is not b and not isinstance(c, Quote | ListBlock))


def end_notes(doc: Document, ctx: RenderContext) -> str:
    """The notes after the article (HTML and EPUB), each led by its number linking
    back to its call."""
    if ctx.notes == "foot" or not ctx.note_numbers:
        return ""
    epub = ' epub:type="footnote"' if ctx.notes == "epub" else ""
    out = []
    for label, n in ctx.note_numbers.items():
        note = ctx.note_texts[label]
        back = f'<a class="note-back" href="#{note_id(ctx, n)}-ref" role="doc-backlink">{note_number(n)}</a>'
        body = [block(b, ctx, 0) for b in note.children]
        if body and body[0].startswith("<p>"):
            body[0] = f"<p>{back}　{body[0][3:]}"
        else:
            body.insert(0, f"<p>{back}</p>")
        out.append(f'<aside id="{note_id(ctx, n)}" class="footnote"{epub} role="doc-footnote">{"".join(body)}</aside>')
    return '\n<section class="notes">' + "".join(out) + "</section>"


def block(node: Block, ctx: RenderContext, index: int) -> str:
    if isinstance(node, Paragraph):
        return f"<p>{inlines(node.children, ctx)}</p>"
    if isinstance(node, Heading):
        level = min(max(node.level, 2), 4)
        ctx = ctx.for_heading()
        kicker = f'<span class="kicker">{ctx.text(node.kicker)}</span>' if node.kicker else ""
        classes = f' class="{attr(" ".join(node.classes))}"' if node.classes else ""
        return (
            f'<h{level} id="{section_id(ctx, index, node)}"{classes}{label_attr(ctx, inline_text(node.children))}>{kicker}'
            f'<span class="title-text">{inlines(node.children, ctx)}</span></h{level}>'
        )
    if isinstance(node, Figure):
        src = ctx.image_src(node.src) if node.src else None
        if src is None:
            return missing_figure(node, ctx)
        # The caption is also the alt text (pandoc's convention); like pandoc's HTML5 writer,
        # hide the visible caption from assistive technology so it is not read twice.
        return (
            f'<figure><img src="{attr(src)}" alt="{attr(node.caption)}"/>'
            f'<figcaption aria-hidden="true">{ctx.text(node.caption)}</figcaption></figure>'
        )
    if isinstance(node, Quote):
        return "<blockquote>" + "".join(block(b, ctx, index) for b in node.children) + "</blockquote>"
    if isinstance(node, ListBlock):
        tag = "ol" if node.ordered else "ul"
        items = "".join(
            "<li>" + "".join(block(b, ctx, index) for b in item) + "</li>" for item in node.items
        )
        return f"<{tag}>{items}</{tag}>"
    if isinstance(node, Table):
        head = "".join(
            "<tr>" + "".join(f"<th>{ctx.text(c)}</th>" for c in row) + "</tr>" for row in node.header
        )
        body = "".join(
            "<tr>" + "".join(f"<td>{ctx.text(c)}</td>" for c in row) + "</tr>" for row in node.rows
        )
        thead = f"<thead>{head}</thead>" if head else ""
        return f"<table>{thead}<tbody>{body}</tbody></table>"
    if isinstance(node, Rule):
        return "<hr/>"
    if isinstance(node, Note):
        return ""  # written at its call (print) or after the article (end_notes)
    raise TypeError(f"no HTML writer for {type(node).__name__}")


MISSING_MARK = "（图略）"
"""Where a picture was and is not: the 图略 convention of Chinese books that leave one out."""


def missing_figure(node: Figure, ctx: RenderContext) -> str:
    """A figure without its picture, the same in every edition: ``mark`` sets （图略） and
    the caption as a figure (centred, the caption's face, kept together, not body text);
    ``drop`` leaves figure and caption out ('', which ``article_body`` skips)."""
    if ctx.missing_pictures == "drop":
        return ""
    mark = f'<span class="figure-mark">{ctx.text(MISSING_MARK)}</span>'
    return f'<figure class="missing"><figcaption>{mark}{ctx.text(node.caption)}</figcaption></figure>'


def byline(doc: Document, ctx: RenderContext) -> str:
    m = doc.meta
    items = []
    if m.source:
        items.append(("来源", m.source))
    if m.authors:
        items.append(("作者", "　".join(m.authors)))
    if m.editor:
        items.append(("编辑", m.editor))
    if m.date:
        items.append(("发布时间", human_date(m.date)))
    if not items:
        return ""
    # Each item stays whole (nowrap in the styles); the gap between two items is a plain
    # space the styles widen to an em (the byline's word-spacing), so a byline too long
    # for the measure wraps between items, and a gap that ends a line vanishes instead
    # of pushing the centred line aside.
    spans = BYLINE_GAP.join(f"<span>{ctx.text(label + '：' + value)}</span>" for label, value in items)
    return f'<p class="byline">{spans}</p>'


BYLINE_GAP = " "


def human_date(iso: str) -> str:
    """2021-01-27T11:03:00+08:00 → 2021年1月27日 11:03 (the way the sites print it);
    a month or a year alone (1996-06, 1996) → 1996年6月, 1996年."""
    date, _, time = iso.replace(" ", "T", 1).partition("T")
    parts = date.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return iso
    text = "".join(f"{int(p)}{unit}" for p, unit in zip(parts, "年月日", strict=False))
    if time and len(parts) == 3:
        text += " " + time[:5]
    return text


def article_head(doc: Document, ctx: RenderContext) -> str:
    m = doc.meta
    hctx = ctx.for_heading()
    lead = f'<p class="lead">{hctx.text(m.lead)}</p>' if m.lead else ""
    subtitle = f'<p class="subtitle">{hctx.text("——" + m.subtitle)}</p>' if m.subtitle else ""
    return (
        f'<header class="article-head">{lead}'
        f'<h1 id="{ctx.anchor}"{label_attr(ctx, m.title)}{head_attr(ctx, m.title)}>{hctx.text(m.title)}</h1>'
        f"{subtitle}{byline(doc, ctx)}</header>"
    )


def article_body(doc: Document, ctx: RenderContext) -> str:
    return "\n".join(html for i, b in enumerate(doc.blocks) if not isinstance(b, Note) and (html := block(b, ctx, i)))


def article(doc: Document, ctx: RenderContext) -> str:
    ctx = with_notes(doc, ctx)
    body = article_body(doc, ctx)
    return (
        f'<article lang="{attr(doc.meta.lang)}">\n{article_head(doc, ctx)}\n'
        f"<section>\n{body}\n</section>{end_notes(doc, ctx)}\n</article>"
    )


def sections(doc: Document, anchor: str) -> list[tuple[str, str]]:
    """(id, title) of each section heading, for tables of contents and bookmarks."""
    out = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Heading):
            out.append((heading_anchor(anchor, i, b), inline_text(b.children)))
    return out
