"""The EPUB's own documents as XHTML text: cover page, title page, navigation, NCX, chapters.

Written here rather than by ebooklib's templates because those lose what EPUBCheck and
Ace ask for (titles for untitled chapters, ``xml:lang``, roles that match ``epub:type``,
the style sheet link). ebooklib packages what this module writes, unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.render.xhtml import attr
from publish.typeset.hints import screen_html

XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"


@dataclass(frozen=True, slots=True)
class NavEntry:
    """One line of the table of contents: an article, or one of its sections."""

    href: str
    """Relative to the package folder: text/a1.xhtml#a1-s3."""
    title: str
    children: tuple[NavEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Landmark:
    kind: str
    """epub:type of the landmark (cover, titlepage, toc, bodymatter)."""
    href: str
    title: str


def xhtml(title: str, body: str, *, lang: str, css: tuple[str, ...], body_attrs: str = "") -> bytes:
    """A complete XHTML content document, polyglot HTML5 as EPUB 3 wants it."""
    links = "".join(f'<link rel="stylesheet" type="text/css" href="{attr(h)}"/>' for h in css)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML_NS}" xmlns:epub="{OPS_NS}" lang="{attr(lang)}" xml:lang="{attr(lang)}">\n'
        f'<head>\n<meta charset="utf-8"/>\n<title>{screen_html(title)}</title>\n{links}\n</head>\n'
        f"<body{body_attrs}>\n{body}\n</body>\n</html>\n"
    ).encode()


def cover_page(image_href: str, title: str, *, lang: str, css: tuple[str, ...]) -> bytes:
    body = (
        '<section class="cover" epub:type="cover">'
        f'<img role="doc-cover" src="{attr(image_href)}" alt="{attr("封面：" + title)}"/></section>'
    )
    return xhtml(title, body, lang=lang, css=css, body_attrs=' class="cover-page"')


@dataclass(frozen=True, slots=True)
class TitlePage:
    title: str
    subtitle: str
    authors: tuple[str, ...]
    publisher: str
    date: str


def title_page(page: TitlePage, *, lang: str, css: tuple[str, ...]) -> bytes:
    parts = [f"<h1>{screen_html(page.title)}</h1>"]
    if page.subtitle:
        parts.append(f'<p class="subtitle">{screen_html(page.subtitle)}</p>')
    if page.authors:
        parts.append(f'<p class="authors">{screen_html("　".join(page.authors))}</p>')
    if page.publisher and page.publisher not in page.authors:
        parts.append(f'<p class="publisher">{screen_html(page.publisher)}</p>')
    if page.date:
        parts.append(f'<p class="date">{screen_html(page.date)}</p>')
    body = f'<section class="title-page" epub:type="titlepage">{"".join(parts)}</section>'
    return xhtml(page.title, body, lang=lang, css=css, body_attrs=' class="front-page"')


def chapter_page(title: str, article_html: str, *, lang: str, css: tuple[str, ...]) -> bytes:
    return xhtml(title, article_html, lang=lang, css=css, body_attrs=' epub:type="bodymatter"')


def _nav_list(entries: tuple[NavEntry, ...]) -> str:
    items = []
    for e in entries:
        sub = _nav_list(e.children) if e.children else ""
        items.append(f'<li><a href="{attr(e.href)}">{screen_html(e.title)}</a>{sub}</li>')
    return f"<ol>{''.join(items)}</ol>"


def nav_document(toc: tuple[NavEntry, ...], landmarks: tuple[Landmark, ...], *, book_title: str,
                 lang: str, css: tuple[str, ...]) -> bytes:
    """The EPUB 3 navigation document: a visible 目录 and hidden landmarks."""
    marks = "".join(
        f'<li><a epub:type="{m.kind}" href="{attr(m.href)}">{screen_html(m.title)}</a></li>'
        for m in landmarks
    )
    body = (
        f'<nav epub:type="toc" role="doc-toc" id="toc" class="toc"><h1>目录</h1>{_nav_list(toc)}</nav>\n'
        f'<nav epub:type="landmarks" id="landmarks" hidden="hidden"><h2>导览</h2><ol>{marks}</ol></nav>'
    )
    return xhtml(f"{book_title}·目录", body, lang=lang, css=css,
                 body_attrs=' class="nav-page" epub:type="frontmatter"')


def ncx_document(toc: tuple[NavEntry, ...], *, identifier: str, title: str, authors: tuple[str, ...],
                 lang: str) -> bytes:
    """The EPUB 2 NCX, for reading systems that predate the navigation document."""
    order = 0
    lines: list[str] = []

    def point(e: NavEntry, depth: int) -> None:
        nonlocal order
        order += 1
        pad = "  " * depth
        lines.append(f'{pad}<navPoint id="np{order}" playOrder="{order}">'
                     f"<navLabel><text>{screen_html(e.title)}</text></navLabel>"
                     f'<content src="{attr(e.href)}"/>')
        for child in e.children:
            point(child, depth + 1)
        lines.append(f"{pad}</navPoint>")

    for entry in toc:
        point(entry, 1)
    depth = 2 if any(e.children for e in toc) else 1
    author = "".join(f"<docAuthor><text>{screen_html(a)}</text></docAuthor>" for a in authors)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="{attr(lang)}">\n'
        f'<head><meta name="dtb:uid" content="{attr(identifier)}"/>'
        f'<meta name="dtb:depth" content="{depth}"/>'
        '<meta name="dtb:totalPageCount" content="0"/><meta name="dtb:maxPageNumber" content="0"/></head>\n'
        f"<docTitle><text>{screen_html(title)}</text></docTitle>{author}\n"
        "<navMap>\n" + "\n".join(lines) + "\n</navMap>\n</ncx>\n"
    ).encode()
