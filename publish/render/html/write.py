"""The book → an HTML edition: a static site of one page per article, an index and images.

Separate from the one-file writers (their ``Output`` holds one ``bytes``): a site is many
files, so :func:`write_site` returns a mapping of relative path → bytes, which
``publish build --format html`` writes as a folder (``html.folder.save_site``) and ``publish preview`` serves from
memory. The text, repair and structure are the EPUB's (the same HTML writer with the
screen text filter); the look is the style's ``screen`` sheets.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlparse

from publish.book import Book
from publish.css_filter import site_css
from publish.fetcher import Sandbox
from publish.render import assemble
from publish.render.epub.write import epub_css
from publish.render.resources import book_sandbox
from publish.render.xhtml import article, attr, sections
from publish.styles import load_style
from publish.typeset.hints import screen_html

STYLESHEET = "style.css"
INDEX = "index.html"


@dataclass(frozen=True, slots=True)
class SiteOptions:
    style: str | None = None
    user_css: tuple[Path, ...] = ()
    head_extra: str = ""
    """Markup added to every page's <head> (the preview's reload script and faces)."""
    warnings: list[str] = field(default_factory=list)
    local_images: set[Path] = field(default_factory=set)
    """Local files the figures point at, found or not (the preview watches them)."""


def page_name(index: int) -> str:
    """The file of the index-th article: a1.html, a2.html …"""
    return f"{assemble.chapter_anchor(index)}.html"


def page(book: Book, title: str, body: str, opts: SiteOptions) -> bytes:
    m = book.meta
    head = (
        '<meta charset="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        f"<title>{screen_html(title)}</title>"
        '<meta name="generator" content="publish"/>'
        f'<link rel="stylesheet" href="{STYLESHEET}"/>{opts.head_extra}'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{attr(m.language)}"><head>{head}</head>'
        f'<body class="site">\n{body}\n</body></html>\n'
    ).encode("utf-8")


def index_body(book: Book) -> str:
    m = book.meta
    items = []
    for i, chapter in enumerate(book.chapters):
        anchor = assemble.chapter_anchor(i)
        subs = "".join(
            f'<li class="toc-sub"><a href="{page_name(i)}#{sid}">{screen_html(title)}</a></li>'
            for sid, title in sections(chapter.document, anchor)
        )
        items.append(
            f'<li><a href="{page_name(i)}">{screen_html(chapter.document.meta.title)}</a></li>{subs}'
        )
    sub = f'<p class="subtitle">{screen_html(m.subtitle)}</p>' if m.subtitle else ""
    pub = f'<p class="publisher">{screen_html(m.publisher)}</p>' if m.publisher else ""
    return (
        f'<header class="title-page"><h1>{screen_html(m.title)}</h1>{sub}{pub}</header>\n'
        f'<nav class="toc"><h2>目录</h2><ol>{"".join(items)}</ol></nav>'
    )


def article_nav(book: Book, index: int) -> str:
    links = [f'<a class="up" href="{INDEX}">目录</a>']
    if index > 0:
        title = screen_html(book.chapters[index - 1].document.meta.title)
        links.append(f'<a class="prev" rel="prev" href="{page_name(index - 1)}">上一篇：{title}</a>')
    if index + 1 < len(book.chapters):
        title = screen_html(book.chapters[index + 1].document.meta.title)
        links.append(f'<a class="next" rel="next" href="{page_name(index + 1)}">下一篇：{title}</a>')
    return f'<nav class="pager">{"".join(links)}</nav>'


@dataclass(slots=True)
class _Images:
    """Figures' files, copied once each under images/ by content hash."""

    sandbox: Sandbox
    files: dict[str, bytes] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def add(self, uri: str) -> str:
        if uri not in self.names:
            data = self.sandbox.read(uri)
            name = f"images/{hashlib.sha256(data).hexdigest()[:16]}{Path(uri).suffix.lower()}"
            self.files[name] = data
            self.names[uri] = name
        return self.names[uri]


def write_site(book: Book, opts: SiteOptions) -> dict[str, bytes]:
    """Every file of the HTML edition, by path relative to the site's folder."""
    style = load_style(opts.style or book.style, user_css=opts.user_css)
    sandbox = book_sandbox(book.root, style)
    articles = sandbox.narrowed(book.root)
    images = _Images(articles)
    missing: list[str] = []
    files: dict[str, bytes] = {
        STYLESHEET: site_css(epub_css(style.screen_css), sandbox).encode("utf-8"),
        INDEX: page(book, book.meta.title, index_body(book), opts),
    }
    for i, chapter in enumerate(book.chapters):
        ctx = assemble.chapter_context(book, i, articles, for_print=False, missing=missing)
        resolve = ctx.image_src

        def image_src(src: str, resolve=resolve, chapter=chapter) -> str | None:  # type: ignore[no-untyped-def]
            if not urlparse(src).scheme and not src.startswith("//"):
                opts.local_images.update(assemble.image_candidates(chapter, book.root, src))
            uri = resolve(src)
            return images.add(uri) if uri is not None else None

        ctx = replace(ctx, image_src=image_src)  # the rule on missing pictures kept
        nav = article_nav(book, i)
        body = f"{nav}\n{article(chapter.document, ctx)}\n{nav}"
        files[page_name(i)] = page(book, chapter.document.meta.title, body, opts)
    files.update(images.files)
    opts.warnings.extend(w for w in missing if w not in opts.warnings)
    refused = (f"refused resource: {url}" for url in dict.fromkeys(sandbox.refused))
    opts.warnings.extend(w for w in refused if w not in opts.warnings)
    return files
