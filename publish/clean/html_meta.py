"""Metadata of an HTML page outside its body: title, date, byline, URL.

Separate from the body finder because it reads other parts of the page: ``<title>`` and
headings, ``<meta>`` tags, and the lines just before and after the article body, where
sites print 发布时间 / 来源 / 作者. Every rule is a principle, not a site:

- title: the longest heading whose text ``<title>`` contains; else ``<title>`` cut at
  its separators (``_ | - —``), keeping the longest part (the site name is shorter);
- date: a labelled byline near the body, else a publication-date ``<meta>``, else the
  date line closest above the body, else one just below it, else a date in the URL.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

from lxml.etree import XPath, _Element

from publish.clean.byline import Byline, forum_author, parse_byline, parse_date, parse_month
from publish.clean.extract import INLINE_TAGS, text_content
from publish.clean.normalize import nfkc
from publish.clean.state import RawBlock

_WRAPPER = re.compile(r"^\s*<text\b[^>]*\bid=\"([^\"]*)\"[^>]*>", re.I)
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|\s-\s|\s–\s|——|\s—\s|-{2,})\s*")
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


def _norm(text: str) -> str:
    return _SPACES.sub("", nfkc(text))


_SPACES = re.compile(r"\s+")


_SITE_SUFFIX = re.compile(
    r"^(?P<title>.*\S)\s*[-_|｜—–]+\s*(?P<site>[^-_|｜—–]{1,15}"
    r"(?:网|报|台|社|频道|新闻|在线|网站|官网|客户端|中心|门户|论坛|博客|之声|日报|晚报))\s*$"
)
"""``标题-新华网``, ``标题_滚动新闻_中国政府网``: a site or column name after a separator."""


def strip_site_suffix(title: str) -> str:
    while (m := _SITE_SUFFIX.match(title)) and len(m["title"]) >= 4:
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


def page_title(text: str, root: _Element, suffix: re.Pattern[str] | None) -> str:
    """The longest heading the declared title contains (or one of its parts), else the
    declared title without its site name, else the first <h1>."""
    raw = _declared_title(text, root)
    raw = _BREADCRUMB.split(raw)[-1]
    if suffix is not None:
        raw = suffix.sub("", raw).strip()
    raw = strip_site_suffix(raw)
    whole = _norm(raw)
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(raw) if p.strip()]
    normed_parts = {_norm(p) for p in parts}
    headings = [" ".join(text_content(h).split()) for h in root.iter("h1", "h2", "h3", "h4")]
    normed = [(h, _norm(h)) for h in headings]
    inside = [
        (h, n) for h, n in normed
        if n and ((len(n) >= 4 and n in whole) or n in normed_parts)
    ]
    if inside:
        return max(inside, key=lambda pair: len(pair[1]))[0]
    if parts:
        first = parts[0]
        return first if len(_norm(first)) >= 4 else max(parts, key=len)
    return next((h for h in headings[:1] if h), "")


def is_shown_heading(root: _Element, title: str) -> bool:
    """Whether the page prints ``title`` as one of its headings (``page_title`` found it
    there), rather than only in ``<title>``, which some sites fill with their own name."""
    want = _norm(title)
    return bool(want) and any(_norm(text_content(h)) == want for h in root.iter("h1", "h2", "h3", "h4"))


_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]"
    r"|第[一二三四五六七八九十百\d]+[章节部分篇条讲])"
)
"""一、 （一） 1. 第二章: a numbered section heading, never a title."""


def opening_heading(blocks: list[RawBlock], title: str) -> str:
    """The heading a body opens with, when it could be a title (short, no sentence end,
    not numbered like a section) and the body does not print ``title`` itself a little
    further down (then the opening heading is its 引题)."""
    if any(_norm(b.text) == _norm(title) for b in blocks[:8]):
        return ""
    first = next((b for b in blocks if b.kind != "image"), None)
    if first is None or first.kind != "heading" or not 2 <= len(first.text) <= TITLE_LINE_MAX:
        return ""
    if first.text.endswith(("。", "！", "？", "：", ":")) or _NUMBERED.match(first.text):
        return ""
    return first.text


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


_ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "blogposting", "report"})
CHINA = timezone(timedelta(hours=8))


def _ld_objects(root: _Element) -> list[dict[str, object]]:
    """The schema.org objects of the page's JSON-LD scripts (``@graph`` flattened)."""
    found: list[dict[str, object]] = []
    # scripts found by lxml's tag iteration, in C, not a whole-page XPath evaluation
    for script in (s for s in root.iter("script") if s.get("type") == "application/ld+json"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue  # a broken script is the page's problem, not a reason to fail it
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                stack += graph if isinstance(graph, list) else []
    return found


def _ld_date(value: object) -> str:
    """An ISO 8601 date of JSON-LD in Beijing time (``2011-06-17T11:26:10Z`` → 19:26+08:00)."""
    if not isinstance(value, str):
        return ""
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return parse_date(value)
    if when.tzinfo is None:
        return parse_date(value)
    return when.astimezone(CHINA).isoformat(timespec="seconds")


def _ld_people(value: object) -> list[str]:
    """Names of the ``author`` entries that are people (an Organization is not an author)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and str(item.get("@type", "Person")).lower() == "person":
            name = item.get("name")
            if isinstance(name, str) and name.strip():
                names.append(" ".join(name.split()))
    return names


def structured_data(root: _Element) -> tuple[str, list[str]]:
    """Publication date and authors from the page's schema.org JSON-LD article, if any.

    Read before scripts are dropped; used only where the byline around the body is silent.
    """
    for obj in _ld_objects(root):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
            return _ld_date(obj.get("datePublished")), _ld_people(obj.get("author"))
    return "", []


def _url_date(url: str) -> str:
    m = _URL_DATE.search(url)
    if not m:
        return ""
    return parse_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")


_KICKER_CLASS = re.compile(r"\b(?:pre|yinti|yt|kicker|lead|overtitle)\b", re.I)
_SUBTITLE_CLASS = re.compile(r"\b(?:sub|subtitle|futi|ft|sub-title)\b", re.I)
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TITLE_LINE_MAX = 40


def _title_line(el: _Element | None, pattern: re.Pattern[str]) -> str:
    """The text of ``el`` when it is a short heading-like line: a heading tag, or an
    element whose class says 引题/副题."""
    if el is None or not isinstance(el.tag, str):
        return ""
    text = " ".join(text_content(el).split())
    if not text or len(text) > TITLE_LINE_MAX or text.endswith(("。", "！", "？")):
        return ""
    if el.tag in _HEADING_TAGS or pattern.search(el.get("class") or ""):
        return text
    return ""


def lead_and_subtitle(root: _Element, title: str) -> tuple[str, str]:
    """引题 and 副题: the heading-like lines right above and below the title's heading,
    removed from the page so they are not read again as body text."""
    want = _norm(title)
    heading = next(
        (h for h in root.iter(*_HEADING_TAGS) if want and _norm(text_content(h)) == want), None
    )
    if heading is None:
        return "", ""
    before, after = heading.getprevious(), heading.getnext()
    lead = _title_line(before, _KICKER_CLASS)
    subtitle = _title_line(after, _SUBTITLE_CLASS)
    for el, found in ((before, lead), (after, subtitle)):
        if found and el is not None and el.getparent() is not None:
            el.drop_tree()
    return lead, subtitle.lstrip("—-－ 　").strip()
