"""The book → an EPUB 3 (with an EPUB 2 NCX) through ebooklib.

One XHTML document per article, made by the same HTML writer as the PDF, with the
screen text filter (reading systems justify Chinese themselves). Cover, title page and
navigation are written by ``epub.docs``, metadata by ``epub.meta``, images and fonts by
``epub.media`` and ``epub.fonts``; ebooklib lays out the package. Identifiers and dates
come from the book, so the same book gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from publish.book import Book
from publish.css_filter import packaged_css
from publish.errors import RenderError
from publish.fetcher import RefusedResource, Sandbox
from publish.render import assemble
from publish.render.cache import RenderCache, cache_dir
from publish.render.cover import cached_cover
from publish.render.edition import Options, Output
from publish.render.epub.docs import (
    Landmark,
    NavEntry,
    TitlePage,
    chapter_page,
    cover_page,
    nav_document,
    ncx_document,
    title_page,
)
from publish.render.epub.fonts import FORMATS, embed_fonts, font_face_rules
from publish.render.epub.media import ImageLimits, PackagedImage, package_image
from publish.render.epub.meta import (
    Produced,
    accessibility,
    book_identifier,
    description,
    modified_date,
    sources,
)
from publish.render.resources import book_sandbox
from publish.render.xhtml import article, human_date, sections
from publish.styles import Style, load_style
from publish.typeset.hints import vertical_html

__all__ = ["book_identifier", "epub_css", "render"]

LOGGER = logging.getLogger(__name__)

EPOCH = (1980, 1, 1, 0, 0, 0)
"""Zip entries' timestamp: fixed, so two builds of one book are byte-identical."""

EPUB_FONT_STACKS = {
    '"Publish Song"': '"Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", "Songti SC", STSong, SimSun',
    '"Publish Hei"': '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "PingFang SC", "Heiti SC", SimHei',
    '"Publish Kai"': '"LXGW WenKai", "Kaiti SC", STKaiti, KaiTi',
}
"""On e-readers the faces are the reader's own: each role falls back to the usual names."""

CSS_HREF = "style/book.css"
COVER_LIMITS = ImageLimits(max_side=2560, max_bytes=1_000_000)
"""Covers stay large: stores and libraries ask for 1600 × 2560 at most."""


CSS_COMMENT = re.compile(r"/\*.*?\*/\s*", re.DOTALL)


def epub_css(paths: tuple[Path, ...], font_faces: str = "") -> str:
    """The style's sheets in order, comments dropped (they are for editors of styles/, not readers)."""
    css = "\n".join(CSS_COMMENT.sub("", p.read_text(encoding="utf-8")).strip() for p in paths)
    for family, stack in EPUB_FONT_STACKS.items():
        css = css.replace(family, f"{family}, {stack}")
    return (font_faces + "\n" + css) if font_faces else css


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed timestamps; mimetype first and stored (OCF)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        names = sorted(src.namelist(), key=lambda n: (n != "mimetype", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()


@dataclass(slots=True)
class _Package:
    """What the writer collects before ebooklib lays it out."""

    images: dict[str, PackagedImage] = field(default_factory=dict)
    """Source URI → packaged image."""
    missing: list[str] = field(default_factory=list)
    chapters: list[tuple[str, str, bytes]] = field(default_factory=list)
    """(file name, title, XHTML) of each article."""
    toc: list[NavEntry] = field(default_factory=list)


def _chapters(book: Book, sandbox: Sandbox, pkg: _Package, lang: str, *, vertical: bool) -> None:
    """Each article as its own XHTML document, images packaged as they are met."""
    articles = sandbox.narrowed(book.root)
    for i, chapter in enumerate(book.chapters):
        anchor = assemble.chapter_anchor(i)
        ctx = assemble.chapter_context(book, i, articles, for_print=False, missing=pkg.missing)

        def image_src(src: str, resolve: Any = ctx.image_src, name: str = chapter.path.name) -> str | None:
            uri = resolve(src)
            if uri is None:
                return None
            if uri not in pkg.images:
                try:
                    pkg.images[uri] = package_image(articles.read(uri))
                except (ValueError, RefusedResource) as exc:
                    pkg.missing.append(f"{name}: image not usable: {src} ({exc})")
                    return None
            return "../" + pkg.images[uri].name

        text = vertical_html if vertical else ctx.text
        ctx = replace(ctx, text=text, image_src=image_src, notes="epub")  # the rule on missing pictures kept
        doc = chapter.document
        file_name = f"text/{anchor}.xhtml"
        page = chapter_page(doc.meta.title, article(doc, ctx), lang=lang, css=("../" + CSS_HREF,))
        pkg.chapters.append((file_name, doc.meta.title, page))
        subs = tuple(NavEntry(f"{file_name}#{sid}", title) for sid, title in sections(doc, anchor))
        pkg.toc.append(NavEntry(file_name, doc.meta.title, subs))


def _cover(book: Book, sandbox: Sandbox, cache: bool) -> PackagedImage:
    if book.cover is None:
        # Drawn to the limits as a 4-bit PNG: packed as it is, without decoding it again.
        data = cached_cover(book.meta, RenderCache(cache_dir(book.root) if cache else None))
        name = f"images/{hashlib.sha256(data).hexdigest()[:16]}.png"
        return PackagedImage(name=name, media_type="image/png", data=data, original_bytes=len(data))
    try:
        image = sandbox.narrowed(book.root).read(book.cover.resolve().as_uri())
        return package_image(image, COVER_LIMITS)
    except (RefusedResource, ValueError) as exc:
        raise RenderError(f"the cover image cannot be used: {exc}", path=book.cover,
                          hint="name a JPEG or PNG inside the book's folder in book.toml's cover") from exc


def _produced(book: Book, pkg: _Package, style: Style) -> Produced:
    """Count what the chapters hold, in their XHTML as written, not in the model."""
    from lxml import etree

    ns = {"h": "http://www.w3.org/1999/xhtml"}
    roots = [etree.fromstring(doc) for _, _, doc in pkg.chapters]
    images = [img for r in roots for img in r.xpath("//h:img", namespaces=ns)]
    return Produced(
        images=len(images),
        images_without_alt=sum(1 for img in images if not (img.get("alt") or "").strip()),
        missing_images=sum(len(r.xpath("//h:figure[contains(@class, 'missing')]", namespaces=ns)) for r in roots),
        tables=sum(len(r.xpath("//h:table", namespaces=ns)) for r in roots),
        vertical=style.writing_mode == "vertical-rl",
    )


def _metadata(eb: Any, book: Book, produced: Produced) -> None:
    m = book.meta
    eb.set_unique_metadata("OPF", "generator", "", {"name": "generator", "content": "publish"})
    eb.set_identifier(book_identifier(book))
    eb.add_metadata("DC", "title", m.title, {"id": "title"})
    eb.add_metadata(None, "meta", "main", {"refines": "#title", "property": "title-type"})
    if m.subtitle:
        eb.add_metadata("DC", "title", m.subtitle, {"id": "subtitle"})
        eb.add_metadata(None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"})
    eb.title = m.title
    eb.set_language(m.language)
    for n, author in enumerate(m.authors, start=1):
        eb.add_author(author, uid=f"creator{n}", role="aut")
    if m.publisher:
        eb.add_metadata("DC", "publisher", m.publisher)
    for source in sources(book):
        eb.add_metadata("DC", "source", source)
    if m.date:
        eb.add_metadata("DC", "date", m.date)
    eb.add_metadata("DC", "description", description(book))
    if m.rights:
        eb.add_metadata("DC", "rights", m.rights)
    if m.isbn and m.identifier:  # the ISBN beside another identifier
        eb.add_metadata("DC", "identifier", f"urn:isbn:{m.isbn.replace('-', '').replace(' ', '')}", {"id": "isbn"})
    if m.series:  # EPUB 3's collection, as calibre and Apple Books read a series
        eb.add_metadata(None, "meta", m.series, {"property": "belongs-to-collection", "id": "series"})
        eb.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
        if m.series_index:
            eb.add_metadata(None, "meta", str(m.series_index), {"refines": "#series", "property": "group-position"})
    for prop, value in accessibility(produced):
        eb.add_metadata(None, "meta", value, {"property": prop})
    eb.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
    if produced.vertical:
        eb.add_metadata(None, "meta", "", {"name": "primary-writing-mode", "content": "vertical-rl"})


def _item(epub: Any, uid: str, name: str, media_type: str, data: bytes, props: tuple[str, ...] = ()) -> Any:
    item = epub.EpubItem(uid=uid, file_name=name, media_type=media_type, content=data)
    item.properties = list(props)
    return item


def render(book: Book, opts: Options) -> Output:
    from ebooklib import epub

    style = load_style(opts.style or book.style, user_css=opts.user_css)
    sandbox = book_sandbox(book.root, style)
    lang = book.meta.language
    LOGGER.info("Step 1 - writing %d articles in style %s", len(book.chapters), style.name)
    pkg = _Package()
    _chapters(book, sandbox, pkg, lang, vertical=style.writing_mode == "vertical-rl")

    LOGGER.info("Step 2 - cover, title page and navigation")
    cover = _cover(book, sandbox, opts.cache)
    css_links = (CSS_HREF,)
    cover_doc = cover_page(cover.name, book.meta.title, lang=lang, css=css_links)
    date = human_date(book.meta.date) if book.meta.date else ""
    front = title_page(TitlePage(book.meta.title, book.meta.subtitle, book.meta.authors,
                                 book.meta.publisher, date), lang=lang, css=css_links)
    first = pkg.chapters[0][0]
    landmarks = (Landmark("cover", "cover.xhtml", "封面"), Landmark("titlepage", "title.xhtml", "书名页"),
                 Landmark("toc", "nav.xhtml#toc", "目录"), Landmark("bodymatter", first, "正文"))
    toc = tuple(pkg.toc)
    nav = nav_document(toc, landmarks, book_title=book.meta.title, lang=lang, css=css_links)
    ncx = ncx_document(toc, identifier=book_identifier(book), title=book.meta.title,
                       authors=book.meta.authors, lang=lang)

    fonts = []
    notes: list[str] = []
    if opts.embed_fonts:
        if opts.embed_fonts not in FORMATS:
            raise RenderError(f"unknown font format {opts.embed_fonts!r}", hint=f"use one of {', '.join(FORMATS)}")
        LOGGER.info("Step 3 - subsetting faces (%s)", opts.embed_fonts)
        fonts = embed_fonts([front, nav, *(doc for _, _, doc in pkg.chapters)], opts.embed_fonts)
        total = sum(len(f.data) for f in fonts)
        notes.append(f"embedded {len(fonts)} subset faces ({opts.embed_fonts}): {total / 1024:.0f} KB — "
                          + ", ".join(f"{f.role} {f.weight} {f.characters} chars {len(f.data) / 1024:.0f} KB"
                                      for f in fonts))
    # The style sheets are the user's to edit, so they are packed without any url() that
    # leaves the package; the @font-face rules for embedded faces are ours and go in after.
    faces = font_face_rules(fonts)
    css = packaged_css(epub_css(style.epub_css), sandbox)
    css = f"{faces}\n{css}" if faces else css

    LOGGER.info("Step 4 - packaging")
    eb = epub.EpubBook()
    _metadata(eb, book, _produced(book, pkg, style))
    if style.writing_mode == "vertical-rl":
        eb.set_direction("rtl")
    eb.add_item(_item(epub, "css", CSS_HREF, "text/css", css.encode()))
    eb.add_item(_item(epub, "cover-image", cover.name, cover.media_type, cover.data, ("cover-image",)))
    cover_item = _item(epub, "cover", "cover.xhtml", "application/xhtml+xml", cover_doc)
    title_item = _item(epub, "titlepage", "title.xhtml", "application/xhtml+xml", front)
    nav_item = _item(epub, "nav", "nav.xhtml", "application/xhtml+xml", nav, ("nav",))
    for item in (cover_item, title_item, nav_item):
        eb.add_item(item)
    eb.add_item(_item(epub, "ncx", "toc.ncx", "application/x-dtbncx+xml", ncx))
    chapter_items = []
    for n, (name, _title, doc) in enumerate(pkg.chapters, start=1):
        chapter_items.append(_item(epub, f"chapter{n}", name, "application/xhtml+xml", doc))
        eb.add_item(chapter_items[-1])
    for n, image in enumerate(sorted(pkg.images.values(), key=lambda i: i.name), start=1):
        eb.add_item(_item(epub, f"image{n}", image.name, image.media_type, image.data))
    for n, font in enumerate(fonts, start=1):
        eb.add_item(_item(epub, f"font{n}", font.name, font.media_type, font.data))
    eb.spine = [cover_item, title_item, nav_item, *chapter_items]
    eb.guide = [{"type": "cover", "title": "封面", "href": "cover.xhtml"},
                {"type": "title-page", "title": "书名页", "href": "title.xhtml"},
                {"type": "toc", "title": "目录", "href": "nav.xhtml"},
                {"type": "text", "title": "正文", "href": first}]
    warnings = (*dict.fromkeys(pkg.missing), *(f"refused resource: {url}" for url in sandbox.refused))
    return Output(_normalise_zip(_package_bytes(eb, book, lang)), warnings=warnings, notes=tuple(notes))


def _package_bytes(eb: Any, book: Book, lang: str) -> bytes:
    from ebooklib import epub
    from lxml import etree

    class Writer(epub.EpubWriter):  # type: ignore[misc]
        """ebooklib's writer, plus the package's xml:lang (EPUB 3.3 asks for it)."""

        def _write_opf_file(self, root: etree._Element) -> None:
            root.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
            super()._write_opf_file(root)

    out = io.BytesIO()
    writer = Writer(out, eb, {"epub3_pages": False, "epub3_landmark": False, "mtime": modified_date(book)})
    writer.process()
    writer.write()
    return out.getvalue()
