"""An HTML page's title, and the heading that replaces it when the page never prints it.

The profile's title element wins; else the longest heading whose text ``<title>``
contains; else ``<title>`` cut at its separators (``_ | - —``), keeping the longest part
(the site name is shorter). Read before anything is dropped from the tree, so that a
heading hidden later still tells that the page prints its title.
"""

from __future__ import annotations

import re

from lxml.etree import _Element

from publish.clean.extract import text_content
from publish.clean.normalize import norm
from publish.clean.selectors import select
from publish.clean.settings import site_suffix
from publish.clean.state import CleanState, RawBlock

_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|\s-\s|\s–\s|——|\s—\s|-{2,})\s*")


def strip_site_suffix(title: str, words: str) -> str:
    """``title`` without the site or column names after its separators (``settings.site_suffix``)."""
    pattern = site_suffix(words)
    while (m := pattern.match(title)) and len(m["title"]) >= 4:
        title = m["title"]
    return title


_BREADCRUMB = re.compile(r"\s+[»›]\s+")
"""``多维博客 » 播客热潮迅速蔓延``: a title set as a breadcrumb ends with the article."""
_WRAPPER_TITLE = re.compile(r"^\s*<text\b[^>]*\btitle=\"([^\"]*)\"", re.I)
_META_TITLES = ("og:title", "twitter:title", "title", "headline")


def _declared_title(text: str, root: _Element) -> str:
    """What the page says its title is: <title>, else <meta> titles, else the crawler's."""
    title = next(root.iter("title"), None)  # the first <title>, as findtext(".//title")
    for candidate in [(title.text if title is not None else "") or ""] + [
        m.get("content") or "" for m in root.iter("meta")
        if (m.get("property") or m.get("name") or "").lower() in _META_TITLES
    ]:
        if candidate.strip():
            return " ".join(candidate.split())
    m = _WRAPPER_TITLE.match(text)
    return " ".join(m.group(1).split()) if m else ""


def page_title(text: str, root: _Element, suffix: re.Pattern[str] | None, site_words: str) -> str:
    """The longest heading the declared title contains (or one of its parts), else the
    declared title without its site name, else the first <h1>."""
    raw = _declared_title(text, root)
    raw = _BREADCRUMB.split(raw)[-1]
    if suffix is not None:
        raw = suffix.sub("", raw).strip()
    raw = strip_site_suffix(raw, site_words)
    whole = norm(raw)
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(raw) if p.strip()]
    normed_parts = {norm(p) for p in parts}
    headings = [" ".join(text_content(h).split()) for h in root.iter("h1", "h2", "h3", "h4")]
    normed = [(h, norm(h)) for h in headings]
    inside = [
        (h, n) for h, n in normed
        if n and ((len(n) >= 4 and n in whole) or n in normed_parts)
    ]
    if inside:
        return max(inside, key=lambda pair: len(pair[1]))[0]
    if parts:
        first = parts[0]
        return first if len(norm(first)) >= 4 else max(parts, key=len)
    return next((h for h in headings[:1] if h), "")


def is_shown_heading(root: _Element, title: str) -> bool:
    """Whether the page prints ``title`` as one of its headings (``page_title`` found it
    there), rather than only in ``<title>``, which some sites fill with their own name."""
    want = norm(title)
    return bool(want) and any(norm(text_content(h)) == want for h in root.iter("h1", "h2", "h3", "h4"))


_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]"
    r"|第[一二三四五六七八九十百\d]+[章节部分篇条讲])"
)
"""一、 （一） 1. 第二章: a numbered section heading, never a title."""


def opening_heading(blocks: list[RawBlock], title: str, line_max: int) -> str:
    """The heading a body opens with, when it could be a title (short, no sentence end,
    not numbered like a section) and the body does not print ``title`` itself a little
    further down (then the opening heading is its 引题)."""
    if any(norm(b.text) == norm(title) for b in blocks[:8]):
        return ""
    first = next((b for b in blocks if b.kind != "image"), None)
    if first is None or first.kind != "heading" or not 2 <= len(first.text) <= line_max:
        return ""
    if first.text.endswith(("。", "！", "？", "：", ":")) or _NUMBERED.match(first.text):
        return ""
    return first.text


def find_page_title(state: CleanState) -> None:
    """``state.title`` from the page, and whether the page prints it as a heading."""
    page = state.html
    if page is None:
        return
    root, profile = page.root, state.profile
    explicit = [text_content(e).strip() for s in profile.title_selectors for e in select(root, s)]
    printed = next((t for t in explicit if t), "")
    title = printed or page_title(state.text, root, profile.title_suffix, profile.settings.page_title.site_words)
    page.title_shown = bool(printed) or is_shown_heading(root, title)
    state.title = " ".join(title.split())


def prefer_opening_heading(state: CleanState) -> None:
    """A page that never prints its <title> as a heading (the site's name there: 显示,
    Joel on Software) has its title as the heading its body opens with."""
    page = state.html
    if page is not None and not page.title_shown and (opening := opening_heading(
        state.blocks, state.title, state.profile.settings.page_title.line_max)):
        state.title = opening
