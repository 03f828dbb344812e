"""The model → semantic XHTML, shared by the PDF and EPUB writers.

Python emits structure and classes only; fonts, sizes and page layout are the style's
CSS. The output is well-formed XHTML so the EPUB writer can use it as is. The text
filter decides how text is written: with justification hints for print, plain for
e-readers (see ``publish.typeset.hints``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, replace

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
    inline_text,
)

TextFilter = Callable[[str], str]


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


def section_id(ctx: RenderContext, index: int) -> str:
    return f"{ctx.anchor}-s{index}"


def block(node: Block, ctx: RenderContext, index: int) -> str:
    if isinstance(node, Paragraph):
        return f"<p>{inlines(node.children, ctx)}</p>"
    if isinstance(node, Heading):
        level = min(max(node.level, 2), 4)
        ctx = ctx.for_heading()
        kicker = f'<span class="kicker">{ctx.text(node.kicker)}</span>' if node.kicker else ""
        return (
            f'<h{level} id="{section_id(ctx, index)}"{label_attr(ctx, inline_text(node.children))}>{kicker}'
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
        f'<h1 id="{ctx.anchor}"{label_attr(ctx, m.title)}>{hctx.text(m.title)}</h1>'
        f"{subtitle}{byline(doc, ctx)}</header>"
    )


def article_body(doc: Document, ctx: RenderContext) -> str:
    return "\n".join(html for i, b in enumerate(doc.blocks) if (html := block(b, ctx, i)))


def article(doc: Document, ctx: RenderContext) -> str:
    return (
        f'<article lang="{attr(doc.meta.lang)}">\n{article_head(doc, ctx)}\n'
        f"<section>\n{article_body(doc, ctx)}\n</section>\n</article>"
    )


def sections(doc: Document, anchor: str) -> list[tuple[str, str]]:
    """(id, title) of each section heading, for tables of contents and bookmarks."""
    out = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Heading):
            out.append((f"{anchor}-s{i}", inline_text(b.children)))
    return out
