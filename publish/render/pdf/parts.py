"""The book cut into parts for the per-article PDF build: front matter and one HTML
document per article, each with the CSS that makes it lay out as it would in the book.

Separate from ``assemble`` (which makes the one-document book) because a part must carry
what the one document gets from its neighbours: the page number its first page has, the
running head set on the title page, and — for the 目录 — the article page numbers that
``target-counter()`` would have found. Every part ends with a sentinel that opens a recto
(``break-before: right``); the renderer drops the sentinel's page, so a part ends with the
blank verso the book would have before the next part.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from publish.book import Book
from publish.fetcher import Sandbox
from publish.render import assemble
from publish.render.xhtml import article, attr, sections
from publish.typeset.hints import running_head_text, screen_html

SENTINEL = '<div class="publish-part-end" style="break-before: right"></div>'
"""Opens the recto after a part; its page is dropped."""
PLACEHOLDER = "000"
"""Stands for a 目录 page number before the articles are counted (as wide as any)."""



@dataclass(frozen=True, slots=True)
class Part:
    """One document of the book: its HTML and the CSS only it needs."""

    html: str
    extra_css: str = ""


def _document(book: Book, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{attr(book.meta.language)}"><head>{assemble.head_html(book)}</head>'
        f"<body>{body}{SENTINEL}</body></html>"
    )


def chapter_targets(book: Book) -> list[list[str]]:
    """The anchors the 目录 links to in each article: the article's and its sections'."""
    out = []
    for i, chapter in enumerate(book.chapters):
        anchor = assemble.chapter_anchor(i)
        out.append([anchor, *(sid for sid, _ in sections(chapter.document, anchor))])
    return out


def toc_targets(book: Book) -> list[str]:
    """Every anchor the 目录 links to, in order: each article and its sections."""
    return [target for targets in chapter_targets(book) for target in targets]


def front_part(book: Book) -> Part:
    """Title page and 目录, with placeholder page numbers (to count the front matter's
    pages first; ``fill_numbers`` puts the real ones in). Empty anchors stand in for the
    articles' so WeasyPrint keeps the links; the merge points them at the articles."""
    toc = assemble.toc(book, for_print=True)
    targets = toc_targets(book)
    for target in targets:
        toc = toc.replace(f'data-target="#{target}"', f'data-target="#{target}" data-page="{PLACEHOLDER}"', 1)
    stand_ins = "".join(f'<span id="{t}"></span>' for t in targets)
    toc = toc.replace("</h1>", f"{stand_ins}</h1>", 1)
    body = (
        f'<div class="book-title-string">{screen_html(book.meta.title)}</div>'
        + assemble.title_page(book, for_print=True)
        + toc
    )
    css = '.toc .toc-end::after { content: leader("·") attr(data-page); }'
    return Part(html=_document(book, body), extra_css=css)


def fill_numbers(html: str, pages: Mapping[str, int]) -> str:
    """The front matter's HTML (``front_part``) with the 目录 numbers of ``pages`` in
    place of the placeholders: what a worker does once the articles have published
    where their anchors fell, without the book."""
    for target, number in pages.items():
        html = html.replace(
            f'data-target="#{target}" data-page="{PLACEHOLDER}"', f'data-target="#{target}" data-page="{number}"', 1
        )
    return html


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def article_part(book: Book, index: int, sandbox: Sandbox, missing: list[str]) -> Part:
    """Article ``index`` alone with the book's running head; the build adds its numbering."""
    ctx = assemble.chapter_context(book, index, sandbox, for_print=True, missing=missing)
    body = article(book.chapters[index].document, ctx)
    css = f"article {{ string-set: book-title {_css_string(running_head_text(book.meta.title))}; }}"
    return Part(html=_document(book, body), extra_css=css)
