"""The EPUB's package metadata: identity, dates, titles, people, sources and accessibility.

Separate from the writer because every value here must be *derived* — from the book, so
builds reproduce (no clock, no random UUID), and from what the writer actually produced,
so the accessibility claims are true of the file (EPUB Accessibility 1.1).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from publish.book import Book

FALLBACK_MODIFIED = datetime(1980, 1, 1, tzinfo=UTC)
"""dcterms:modified when neither the book nor an article carries a date (nor SOURCE_DATE_EPOCH)."""


def book_identifier(book: Book) -> str:
    """book.toml's ``identifier``, else its ``isbn`` as ``urn:isbn:``, else a UUID derived
    from the book's title and articles: stable across builds."""
    if book.meta.identifier:
        return book.meta.identifier
    if book.meta.isbn:
        return f"urn:isbn:{book.meta.isbn.replace('-', '').replace(' ', '')}"
    seed = book.meta.title + "\n" + "\n".join(
        c.document.meta.fingerprint or c.document.meta.title for c in book.chapters
    )
    return f"urn:uuid:{uuid.UUID(bytes=hashlib.sha256(seed.encode()).digest()[:16])}"


def _parse(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=parsed.tzinfo or UTC).astimezone(UTC)


def modified_date(book: Book) -> datetime:
    """The newest date in the content (book date, article dates), in UTC; never the clock."""
    dates = [d for d in (_parse(book.meta.date) if book.meta.date else None,
                         *(_parse(c.document.meta.date) for c in book.chapters if c.document.meta.date))
             if d is not None]
    if dates:
        return max(dates)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else FALLBACK_MODIFIED


def sources(book: Book) -> list[str]:
    """Where the articles came from: each article's URL, or its 来源 when it has none."""
    out: list[str] = []
    for c in book.chapters:
        m = c.document.meta
        value = m.url or m.source
        if value and value not in out:
            out.append(value)
    return out


def description(book: Book) -> str:
    if book.meta.description:
        return book.meta.description
    titles = "；".join(c.document.meta.title for c in book.chapters)
    return f"收录{len(book.chapters)}篇文章：{titles}。"


@dataclass(frozen=True, slots=True)
class Produced:
    """Facts about what the writer put in the file, the ground the a11y claims stand on."""

    images: int
    """Images in the text (the cover not counted)."""
    images_without_alt: int
    missing_images: int
    """Figures whose image is unavailable: their caption is printed instead."""
    tables: int
    vertical: bool


def accessibility(p: Produced) -> list[tuple[str, str]]:
    """(property, value) pairs of schema.org and EPUB Accessibility 1.1 metadata."""
    modes = ["textual"] + (["visual"] if p.images else [])
    sufficient = ["textual"] if p.images_without_alt == 0 else []
    if p.images:
        sufficient.append("textual,visual")
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if p.images:
        features.append("alternativeText")
    summary = (
        "可重排文本，标有语言，有目录和章节导航，阅读顺序同原文，字号版式可由阅读器调整。"
        + ("图片均有替代文本。" if p.images and p.images_without_alt == 0 else "")
        + ("部分图片原稿缺失，保留其说明文字。" if p.missing_images else "")
        + ("竖排。" if p.vertical else "")
        + "无闪烁、声音或动态危害。"
    )
    pairs = [("schema:accessMode", m) for m in modes]
    pairs += [("schema:accessModeSufficient", s) for s in sufficient]
    pairs += [("schema:accessibilityFeature", f) for f in features]
    pairs += [("schema:accessibilityHazard", "none"), ("schema:accessibilitySummary", summary)]
    if p.images_without_alt == 0:
        pairs.append(("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"))
    return pairs
