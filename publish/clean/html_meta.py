"""Metadata of an HTML page outside its body: URL, date, byline.

Separate from the body finder because it reads other parts of the page: ``<meta>`` tags,
links, and the lines just before and after the article body, where sites print 发布时间 /
来源 / 作者. Every rule is a principle, not a site:

- date: a labelled byline near the body, else a publication-date ``<meta>``, else the
  date line closest above the body, else one just below it, else a date in the URL.
"""

from __future__ import annotations

import re

from lxml.etree import XPath, _Element

from publish.clean.byline import Byline, forum_author, parse_byline, parse_date, parse_month
from publish.clean.extract import INLINE_TAGS

_WRAPPER = re.compile(r"^\s*<text\b[^>]*\bid=\"([^\"]*)\"[^>]*>", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[-/_]?(\d\d)[-/_]?(\d\d)/")
_META_DATE_NAMES = (
    "article:published_time", "publishdate", "pubdate", "publish_date", "publishtime",
    "og:release_date", "datepublished", "dc.date.issued", "dc.date", "date", "weibo:article:create_at",
)
NEAR_LINES = 25
"""How many lines above the body are searched for its byline."""
FOLLOWING_NODES = 200
"""How many text nodes below the body are read for the lines under it."""


def page_url(text: str, root: _Element) -> str:
    m = _WRAPPER.match(text)
    if m and m.group(1).startswith("http"):
        return m.group(1)
    # The first <link rel="canonical" href>, else the first <meta property="og:url" content>;
    # found by lxml's tag iteration, in C, rather than a whole-page XPath evaluation each.
    for tag, key, value, attr in (("link", "rel", "canonical", "href"), ("meta", "property", "og:url", "content")):
        found = next((u for el in root.iter(tag) if el.get(key) == value and (u := el.get(attr)) is not None), None)
        if found is not None and found.startswith("http"):
            return str(found)
    return ""


def _block_of(el: _Element) -> _Element:
    while el.getparent() is not None and el.tag in INLINE_TAGS:
        el = el.getparent()
    return el


def _lines(nodes: list[object]) -> list[str]:
    """Text nodes grouped into visual lines: consecutive nodes in one block element."""
    lines: list[str] = []
    last = None
    for node in nodes:
        if not node or node.isspace():  # type: ignore[attr-defined]
            continue  # white space between tags, most text nodes of a page: no line
        text = " ".join(node.split())  # type: ignore[attr-defined]
        owner = node.getparent()  # type: ignore[attr-defined]
        if owner is None:
            continue
        if getattr(node, "is_tail", False):
            owner = owner.getparent() if owner.getparent() is not None else owner
        block = _block_of(owner)
        if block is last and lines:
            lines[-1] += " " + text  # spans of one line: 来源：<a>…</a><span>作者：</span>
        else:
            lines.append(text)
        last = block
    return lines


_FOLLOWING_TEXT = XPath(f"following::text()[position() <= {FOLLOWING_NODES}]")
"""The first text nodes after an element (lxml makes a Python string only for these)."""
_PRECEDING_TEXT = XPath("preceding::text()")


def lines_around(body: list[_Element]) -> tuple[list[str], list[str]]:
    """The text lines just above the first body element and just below the last."""
    before = _lines(_PRECEDING_TEXT(body[0]))[-NEAR_LINES:]
    after = _lines(_FOLLOWING_TEXT(body[-1]))[:NEAR_LINES // 2]
    return before, after


def _meta_date(root: _Element) -> str:
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if name in _META_DATE_NAMES:
            date = parse_date(meta.get("content") or "")
            if date:
                return date
    return ""


def _date_line(lines: list[str]) -> str:
    """The date of the first short line that holds a full date (y-m-d)."""
    for line in lines:
        if len(line) <= 80:
            date = parse_date(line)
            if date:
                return date
    return ""


def page_byline(
    root: _Element, body: list[_Element], url: str, labels: dict[str, tuple[str, ...]]
) -> tuple[Byline, str]:
    """The labelled byline around the body, and the date to use when no label gives one."""
    before, after = lines_around(body)
    byline = Byline()
    for line in reversed(before):
        found = parse_byline(line, labels, loose=True)
        if found is not None:
            byline.merge(found)
    for line in after:
        found = parse_byline(line, labels, loose=True)
        if found is not None and (found.date or found.authors or found.editor):
            byline.merge(found)
    if not byline.authors:
        poster = next((forum_author(line) for line in after + before if forum_author(line)), "")
        byline.authors = [poster] if poster else []
    fallback = (
        _meta_date(root)
        or _date_line(list(reversed(before)))
        or _date_line(after)
        or _url_date(url)
        or next((parse_month(line) for line in after + before if parse_month(line)), "")
    )
    return byline, fallback


_AUTHOR_HREF = re.compile(r"[?&]author=|/authors?/", re.I)
_NOT_A_NAME = re.compile(r"^\d+$|[，。；！？:：/]|https?|www\.", re.I)


def linked_author(root: _Element) -> str:
    """The name on the first link to a writer's page (``rel="author"``, ``/author/…``,
    ``?author=``): blogs and self-media accounts sign their posts this way, unlabelled.
    The name is the link's first text (``<a><div>扬眼</div><span>企鹅号</span></a>``)."""
    for a in root.iter("a"):
        rel = a.get("rel")  # most links have none
        if not (rel and "author" in rel.lower().split()) and not _AUTHOR_HREF.search(a.get("href") or ""):
            continue
        name = next((t.strip() for t in a.itertext() if t.strip()), "")
        if 2 <= len(name) <= 20 and not _NOT_A_NAME.search(name):
            return name
    return ""



def _url_date(url: str) -> str:
    m = _URL_DATE.search(url)
    if not m:
        return ""
    return parse_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
