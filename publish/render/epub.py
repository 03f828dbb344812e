"""The book → an EPUB 3 (with an EPUB 2 NCX) through ebooklib.

One XHTML document per article, made by the same HTML writer as the PDF, with the
screen text filter (reading systems justify Chinese themselves). Identifiers and dates
come from the book, so the same book gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import logging
import mimetypes
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from publish.book import Book
from publish.fetcher import Sandbox, packaged_css
from publish.fonts import font_roots
from publish.render import assemble
from publish.render.html import article, sections
from publish.styles import load_style

LOGGER = logging.getLogger(__name__)

EPOCH = (1980, 1, 1, 0, 0, 0)
"""Zip entries' timestamp: fixed, so two builds of one book are byte-identical."""

EPUB_FONT_STACKS = {
    '"Publish Song"': '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun',
    '"Publish Hei"': '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Heiti SC", SimHei',
    '"Publish Kai"': '"LXGW WenKai", "Kaiti SC", STKaiti, KaiTi',
}
"""On e-readers the faces are the reader's own: each role falls back to the usual names."""


@dataclass(frozen=True, slots=True)
class EpubOptions:
    style: str | None = None
    user_css: tuple[Path, ...] = ()
    warnings: list[str] = field(default_factory=list)


def book_identifier(book: Book) -> str:
    """A UUID derived from the book's title and articles: stable across builds."""
    seed = book.meta.title + "\n" + "\n".join(c.document.meta.fingerprint or c.document.meta.title for c in book.chapters)
    return f"urn:uuid:{uuid.UUID(bytes=hashlib.sha256(seed.encode()).digest()[:16])}"


def epub_css(paths: tuple[Path, ...]) -> str:
    css = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    for family, stack in EPUB_FONT_STACKS.items():
        css = css.replace(family, f"{family}, {stack}")
    return css


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
            dst.writestr(info, src.read(name))
    return out.getvalue()


def write_epub(book: Book, opts: EpubOptions) -> bytes:
    from ebooklib import epub

    style = load_style(opts.style or book.style, user_css=opts.user_css)
    sandbox = Sandbox(roots=(book.root, *style.folders, *font_roots()))
    m = book.meta
    eb = epub.EpubBook()
    eb.set_identifier(book_identifier(book))
    eb.set_title(m.title)
    eb.set_language(m.language)
    for author in m.authors:
        eb.add_author(author)
    if m.publisher:
        eb.add_metadata("DC", "publisher", m.publisher)
    if m.date:
        eb.add_metadata("DC", "date", m.date)
        eb.add_metadata(None, "meta", f"{m.date}T00:00:00Z", {"property": "dcterms:modified"})
    if m.subtitle:
        eb.add_metadata("DC", "description", m.subtitle)

    css = epub.EpubItem(uid="style", file_name="style/book.css", media_type="text/css",
                        content=packaged_css(epub_css(style.epub_css), sandbox).encode())
    eb.add_item(css)

    chapters = []
    toc = []
    images: dict[str, str] = {}
    missing: list[str] = []
    for i, chapter in enumerate(book.chapters):
        anchor = assemble.chapter_anchor(i)
        ctx = assemble.chapter_context(
            book, i, sandbox.narrowed(book.root), for_print=False, missing=missing
        )

        def package_image(src: str, ctx_src=ctx.image_src) -> str | None:  # type: ignore[no-untyped-def]
            uri = ctx_src(src)
            if uri is None:
                return None
            if uri not in images:
                data = sandbox.read(uri)
                name = f"images/{hashlib.sha256(data).hexdigest()[:16]}{Path(uri).suffix.lower()}"
                media = mimetypes.guess_type(name)[0] or "image/jpeg"
                eb.add_item(epub.EpubItem(uid=name.replace("/", "-"), file_name=name, media_type=media, content=data))
                images[uri] = name
            return "../" + images[uri]

        ctx = type(ctx)(text=ctx.text, image_src=package_image, anchor=anchor)
        doc = chapter.document
        page = epub.EpubHtml(title=doc.meta.title, file_name=f"text/{anchor}.xhtml", lang=m.language)
        page.content = article(doc, ctx)
        page.add_item(css)
        eb.add_item(page)
        chapters.append(page)
        subs = [epub.Link(f"text/{anchor}.xhtml#{sid}", title, sid) for sid, title in sections(doc, anchor)]
        link = epub.Link(f"text/{anchor}.xhtml", doc.meta.title, anchor)
        toc.append((epub.Section(doc.meta.title, href=f"text/{anchor}.xhtml"), subs) if subs else link)

    eb.toc = toc
    eb.add_item(epub.EpubNcx())
    nav = epub.EpubNav()
    nav.add_item(css)
    eb.add_item(nav)
    eb.spine = ["nav", *chapters]
    opts.warnings.extend(missing)
    opts.warnings.extend(f"refused resource: {url}" for url in sandbox.refused)
    out = io.BytesIO()
    epub.write_epub(out, eb, {"epub3_pages": False})
    return _normalise_zip(out.getvalue())
