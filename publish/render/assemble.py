"""One book → HTML: the title page, the 目录 and each article, for print or screen.

Shared by the PDF writer (one document) and the EPUB writer (one document per article),
so both outputs carry the same text, the same repair and the same structure.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from publish.book import Book, Chapter
from publish.fetcher import RefusedResource, Sandbox
from publish.render.xhtml import RenderContext, article, attr, sections
from publish.typeset.hints import heading_html, print_html, running_head_text, screen_html


def chapter_anchor(index: int) -> str:
    return f"a{index + 1}"


def image_candidates(chapter: Chapter, book_root: Path, src: str) -> list[Path]:
    """Where a local image's path may point, in the order tried: from the article's own
    folder (as MkDocs and pandoc read ``images/a.jpg`` beside the article), then from the
    book's folder (the one book.toml is in; ``publish clean`` puts pictures in its
    ``images/``), so ``images/a.jpg`` and ``../images/a.jpg`` both work from
    content/articles/. pandoc's ``--resource-path`` does the same with a list of folders."""
    if src.startswith("file:"):
        return [Path(urlparse(src).path)]
    tried = [(chapter.path.parent / src).resolve()]
    if not Path(src).is_absolute() and (extra := (book_root / src).resolve()) not in tried:
        tried.append(extra)
    return tried


def resolve_image(chapter: Chapter, src: str, sandbox: Sandbox, missing: list[str], book_root: Path | None = None) -> str | None:
    parsed = urlparse(src)
    remote = parsed.scheme not in ("", "file") or (not parsed.scheme and bool(parsed.netloc))
    if remote:  # http(s)://host/… and protocol-relative //host/… alike
        missing.append(f"{chapter.path.name}: remote image not fetched: {src}")
        return None
    tried = image_candidates(chapter, book_root or chapter.path.parent, src)
    found = next((p for p in tried if p.is_file()), None)
    if found is None:
        looked = " and ".join(str(p) for p in tried)
        missing.append(f"{chapter.path.name}: image not found: {src} (looked for {looked})")
        return None
    try:
        return sandbox.resolve(found.as_uri()).as_uri()
    except RefusedResource as exc:
        why = str(exc).partition(f"{found.as_uri()}: ")[2] or str(exc)
        if why == "outside the project":
            why = "it is outside the book's folder (move it in)"
        missing.append(f"{chapter.path.name}: image {src} not used: {why} ({found})")
        return None


def chapter_context(
    book: Book, index: int, sandbox: Sandbox, *, for_print: bool, missing: list[str]
) -> RenderContext:
    chapter = book.chapters[index]
    # What the Markdown reader could not keep is reported by every edition, with the
    # missing images (the build lists each warning once).
    missing.extend(w for w in chapter.warnings if w not in missing)
    return RenderContext(
        text=print_html if for_print else screen_html,
        image_src=lambda src: resolve_image(chapter, src, sandbox, missing, book.root),
        anchor=chapter_anchor(index),
        heading=heading_html if for_print else None,
        notes="foot" if for_print else "end",
        missing_pictures=book.settings.missing_pictures,
    )


def title_page(book: Book, *, for_print: bool = False) -> str:
    m = book.meta
    text = heading_html if for_print else screen_html
    sub = f'<p class="subtitle">{text(m.subtitle)}</p>' if m.subtitle else ""
    pub = f'<p class="publisher">{text(m.publisher)}</p>' if m.publisher else ""
    head = f' data-head="{attr(running_head_text(m.title))}"' if for_print else ""
    return f'<section class="title-page"><h1{head}>{text(m.title)}</h1>{sub}{pub}</section>'


def toc_entry(title: str, target: str, *, for_print: bool) -> str:
    """One 目录 entry. For print the last two characters go in ``span.toc-end`` (the
    style keeps them on one line with the leader and page number, so a leader never
    opens a line) and the text carries the justification hints, breaking between phrases
    as the title does (``heading_html``)."""
    if not for_print:
        return f'<a href="#{target}">{screen_html(title)}</a>'
    head, tail = title[:-2], title[-2:]
    return (
        f'<a href="#{target}">{heading_html(head)}'
        f'<span class="toc-end" data-target="#{target}">{print_html(tail)}</span></a>'
    )


def toc(book: Book, *, for_print: bool = False) -> str:
    items = []
    for i, chapter in enumerate(book.chapters):
        anchor = chapter_anchor(i)
        subs = "".join(
            f'<li class="toc-sub">{toc_entry(title, sid, for_print=for_print)}</li>'
            for sid, title in sections(chapter.document, anchor)
        )
        entry = toc_entry(chapter.document.meta.title, anchor, for_print=for_print)
        items.append(f"<li>{entry}</li>{subs}")
    return f'<nav class="toc"><h1>目录</h1><ol>{"".join(items)}</ol></nav>'


def head_html(book: Book) -> str:
    """The document head: the title and the metadata WeasyPrint writes into the PDF's
    Info (author, Subject, dates), for the one-pass book and for each part alike."""
    m = book.meta
    head = ['<meta charset="utf-8"/>', f"<title>{screen_html(m.title)}</title>"]
    if m.authors:
        head.append(f'<meta name="author" content="{attr("、".join(m.authors))}"/>')
    subject = m.description or m.subtitle  # the PDF's Subject
    if subject:
        head.append(f'<meta name="description" content="{attr(subject)}"/>')
    if m.date:
        head.append(f'<meta name="dcterms.created" content="{attr(m.date)}"/>')
        head.append(f'<meta name="dcterms.modified" content="{attr(m.date)}"/>')
    head.append('<meta name="generator" content="publish"/>')
    return "".join(head)


def book_html(book: Book, *, sandbox: Sandbox, for_print: bool, missing: list[str] | None = None) -> str:
    """The whole book as one HTML document (the PDF's input)."""
    missing = missing if missing is not None else []
    m = book.meta
    body = [f'<div class="book-title-string">{screen_html(m.title)}</div>', title_page(book, for_print=for_print), toc(book, for_print=for_print)]
    for i, chapter in enumerate(book.chapters):
        ctx = chapter_context(book, i, sandbox, for_print=for_print, missing=missing)
        body.append(article(chapter.document, ctx))
    return (
        f'<!DOCTYPE html>\n<html lang="{attr(m.language)}"><head>{head_html(book)}</head>'
        f'<body>{"".join(body)}</body></html>'
    )

