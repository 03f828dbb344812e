"""Metadata of an HTML page outside its body: URL, date, byline.

Separate from the body finder because it reads other parts of the page: ``<meta>`` tags,
links, and the lines just before and after the article body, where sites print 发布时间 /
来源 / 作者. Every rule is a principle, not a site:

- date: a labelled byline near the body (or a post's own header or footer: 发表于 …),
  else a publication-date ``<meta>`` or the e-paper's ``enpproperty`` comment, else the
  date line closest above the body, else one just below it before the next unit (a
  reply, a heading) starts, never a linked item's; else a date in the URL, else the
  edition date the page's links agree on, else the masthead's (the page's first date).
- authors: a labelled byline, else an unlabelled one near the body (本报记者 张三,
  文/张三, 张三 发表于 …); metadata names (``<meta name=author>``, citation_author,
  dc.creator) only when they look like a person's.
"""

from __future__ import annotations

import re

from functools import cache

from lxml.etree import XPath, _Element

from publish.clean.tagged import BYLINE_TAGS, Tagged, tagged
from publish.clean.byline import (
    Byline,
    bare_name,
    find_reporters,
    forum_author,
    generic_words,
    is_person,
    parse_byline,
    parse_date,
    parse_month,
    pen_credit,
    poster_line,
)
from publish.clean.extract import INLINE_TAGS, text_content
from publish.clean.settings import Bylines, PageByline

_WRAPPER = re.compile(r"^\s*<text\b[^>]*\bid=\"([^\"]*)\"[^>]*>", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[-/_]?(\d\d)[-/_]?(\d\d)/")


def page_url(text: str, root: _Element, tags: Tagged | None = None) -> str:
    m = _WRAPPER.match(text)
    if m and m.group(1).startswith("http"):
        return m.group(1)
    # The first <link rel="canonical" href>, else the first <meta property="og:url" content>;
    # found among the page's head tags (one walk for all of them: ``tagged``).
    found_tags = tagged(root, tags)
    for tag, key, value, attr in (("link", "rel", "canonical", "href"), ("meta", "property", "og:url", "content")):
        found = next((u for el in found_tags.of(tag) if el.get(key) == value and (u := el.get(attr)) is not None), None)
        if found is not None and found.startswith("http"):
            return str(found)
    return ""


def _block_of(el: _Element) -> _Element:
    while el.getparent() is not None and el.tag in INLINE_TAGS:
        el = el.getparent()
    return el


Line = tuple[str, _Element]
"""A visual line: its text and the block element it is printed in."""


def _lines(nodes: list[object]) -> list[str]:
    """Text nodes grouped into visual lines: consecutive nodes in one block element."""
    return [text for text, _ in _block_lines(nodes)]


def _block_lines(nodes: list[object]) -> list[Line]:
    """``_lines`` with the block element each line is printed in."""
    lines: list[Line] = []
    last = None
    for node in nodes:
        if not node or node.isspace():  # type: ignore[attr-defined]
            continue  # white space between tags, most text nodes of a page: no line
        text = " ".join(node.split())  # type: ignore[attr-defined]
        owner = node.getparent()  # type: ignore[attr-defined]
        if owner is None:
            continue
        after_break = False
        if getattr(node, "is_tail", False):
            after_break = owner.tag == "br"
            owner = owner.getparent() if owner.getparent() is not None else owner
        block = _block_of(owner)
        if block is last and lines and not after_break:  # <br> ends a line: 作者：某某<br>振威将军
            lines[-1] = (lines[-1][0] + " " + text, block)  # spans of one line: 来源：<a>…</a><span>作者：</span>
        else:
            lines.append((text, block))
        last = block
    return lines


def _last_lines(el: _Element, count: int) -> list[Line]:
    """The last ``count`` lines of the page above ``el`` (``_block_lines`` of its preceding
    text, the last ``count``), from the text nodes just above it only: a portal's header
    is thousands of text nodes, and lxml makes a Python string of each one a query
    returns, while a line needs just its own. The first line of a tail may be cut, so one
    more is made and dropped."""
    take = 8 * count
    while True:
        nodes = _preceding_text(take)(el)
        lines = _block_lines(nodes)
        if len(nodes) < take or len(lines) > count:  # fewer than asked for: the whole page above
            return lines[-count:]
        take *= 2


@cache
def _preceding_text(count: int) -> XPath:
    """The last ``count`` text nodes before an element, in page order (the reverse axis
    counts its positions from the element), compiled once per value."""
    return XPath(f"preceding::text()[position() <= {count}]")


@cache
def _following_text(count: int) -> XPath:
    """The first ``count`` text nodes after an element (lxml makes a Python string only
    for these): ``following_nodes``, compiled once per value. The step is in parentheses:
    libxml2 then cuts the node-set at ``count`` instead of judging the predicate on every
    text node that follows (the same nodes: the axis is forward, in page order)."""
    return XPath(f"(following::text())[position() <= {count}]")


_PRECEDING_TEXT = XPath("preceding::text()")


def _generic_settings() -> PageByline:
    """generic.toml's ``[stages.page_byline]``, for callers that give none."""
    from publish.clean.profiles import generic

    return generic().settings.page_byline


def _edge_lines(el: _Element, last: bool, count: int) -> list[str]:
    """The texts of the first (or last) ``count`` child blocks of ``el`` (``edge_lines``), below its
    single-child wrappers: a post's header or footer is one of them (``p.postfoot``).
    Read child by child, not by a search of the whole body."""
    while len(el) == 1 and not (el.text or "").strip():
        el = el[0]
    children = list(el)
    picked = (children[-count:] if count else []) if last else children[:count]
    return [" ".join(text_content(child).split()) for child in picked if isinstance(child.tag, str)]


def lines_around(body: list[_Element], settings: PageByline | None = None) -> tuple[list[str], list[str]]:
    """The text lines just above the first body element and just below the last."""
    settings = settings or _generic_settings()
    near = settings.near_lines
    before = _lines(_PRECEDING_TEXT(body[0]))[-near:] if near else []
    after = _lines(_following_text(settings.following_nodes)(body[-1]))[:near // 2]
    return before, after


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _unit_end(lines: list[Line], reply_line: re.Pattern[str]) -> int:
    """How many lines below the body still belong to its unit: up to the first heading
    (评论, 相关新闻, a reply's title) or reply line (re: 标题), which opens another."""
    for i, (text, block) in enumerate(lines):
        if block.tag in _HEADINGS or reply_line.search(text):
            return i
    return len(lines)


_LINKED = frozenset({"a", "li", "dt", "dd"})


def _linked_date(text: str, block: _Element, depth: int) -> str:
    """The line's date unless it is printed in a link or a list item (``<li><a>标题</a>
    2004-12-28</li>``) at most ``depth`` (``link_depth``) levels up: a related article's
    or a sidebar post's, not this one's."""
    for el in block.iter():
        for part, owner in ((el.text, el), (el.tail, el.getparent())):
            date = parse_date(part) if part and owner is not None else ""
            if not date:
                continue
            up: _Element | None = owner
            for _ in range(depth):
                if up is None or up.tag in _LINKED:
                    break
                up = up.getparent()
            return "" if up is not None and up.tag in _LINKED else date
    return parse_date(text)


def _meta_date(root: _Element, names: frozenset[str], tags: Tagged | None = None) -> str:
    """The date of the first publication-date ``<meta>`` (``meta_dates``) that holds one."""
    for meta in tagged(root, tags, BYLINE_TAGS).of("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if name in names:
            date = parse_date(meta.get("content") or "")
            if date:
                return date
    return ""


def _date_line(lines: list[Line], link_depth: int) -> str:
    """The date of the first short line that holds a full date (y-m-d), unless the date
    is a linked item's (``_linked_date``)."""
    for text, block in lines:
        if len(text) <= 80 and parse_date(text):
            date = _linked_date(text, block, link_depth)
            if date:
                return date
    return ""


def unlabelled_byline(line: str, words: Bylines) -> Byline | None:
    """A byline line without a label: a reporter line (本报记者 张三 李四), a pen credit
    (文/张三) or a post's header or footer (张三 发表于 2004-12-27)."""
    if len(line) > words.line_max:
        return None
    names = pen_credit(line, words) or find_reporters(line, words)
    if names:
        return Byline(authors=names)
    return poster_line(line, words)


_ENP = re.compile(r"<!--\s*enpproperty\b(?P<inner>.*?)/?enpproperty\s*-->", re.S)
_ENP_FIELD = r"<{0}>(?P<value>[^<]*)</{0}>"


def enp_property(text: str, field: str) -> str:
    """A field of the ``<!--enpproperty <date>…</date><author>…</author> …-->`` comment
    that e-paper systems (Founder's) leave in each article page: the article's own data."""
    if "enpproperty" not in text:
        return ""
    m = _ENP.search(text)
    if not m:
        return ""
    found = re.search(_ENP_FIELD.format(re.escape(field)), m["inner"])
    return found["value"].strip() if found else ""


_EDITION_DATE = re.compile(r"/((?:19|20)\d\d)-?(\d\d)/(\d\d)/")


def edition_date(root: _Element, settings: PageByline, tags: Tagged | None = None) -> str:
    """The date an e-paper's edition links agree on (``/202202/13/node_2.htm``): the page
    of an edition article prints no date of its own, its edition's is the one."""
    dates: dict[str, int] = {}
    for a in tagged(root, tags, BYLINE_TAGS).of("a"):
        m = _EDITION_DATE.search(a.get("href") or "")
        if m:
            key = f"{m[1]}-{m[2]}-{m[3]}"
            dates[key] = dates.get(key, 0) + 1
    if not dates:
        return ""
    best = max(dates, key=lambda k: dates[k])
    total = sum(dates.values())
    if dates[best] < settings.edition_links_min or dates[best] < settings.edition_links_share * total:
        return ""
    return parse_date(best)


_ID_OR_ADDRESS = re.compile(r"\d{3,}|[./@]|https?|www", re.I)
_LATIN_NAME = re.compile(r"^[A-Z][a-z'’-]+(?:[ .-]+[A-Z][a-z'’-]*\.?){1,3}$")


def looks_like_person(value: str, words: Bylines) -> bool:
    """A metadata author that is a person's name (张三, 欧阳修, John Smith), not the site
    (网易), an organisation (云南网), an id (104363) or an address (51offer.com)."""
    value = " ".join(value.split())
    if not value or _ID_OR_ADDRESS.search(value) or not is_person(value, words):
        return False
    return bool(bare_name(value, words)) or bool(_LATIN_NAME.match(value))


def meta_authors(root: _Element, settings: PageByline, words: Bylines, tags: Tagged | None = None) -> list[str]:
    """Persons named by the page's metadata: ``<meta name=author|citation_author|
    dc.creator …>`` values that look like personal names (``looks_like_person``)."""
    names = re.compile(rf"^(?:{settings.meta_authors})$", re.I)
    found: list[str] = []
    for meta in tagged(root, tags, BYLINE_TAGS).of("meta"):
        key = meta.get("name") or meta.get("property") or ""
        if not key or not names.match(key):
            continue
        for value in re.split(r"[,;，；、|]", meta.get("content") or ""):
            value = " ".join(value.split())
            if looks_like_person(value, words) and value not in found:
                found.append(value)
    return found


def page_byline(
    root: _Element, body: list[_Element], url: str, labels: dict[str, tuple[str, ...]],
    *, text: str = "", words: Bylines | None = None, settings: PageByline | None = None,
    tags: Tagged | None = None,
) -> tuple[Byline, str]:
    """The byline around the body, and the date to use when no byline gives one.

    The body's unit is the body, the lines just above it and those below it up to the
    next heading or reply: a reply's or a related link's date is not the article's.
    """
    words = words or generic_words()
    settings = settings or _generic_settings()
    near = settings.near_lines
    before_pairs = _last_lines(body[0], near) if near else []
    after_pairs = _block_lines(_following_text(settings.following_nodes)(body[-1]))[:near // 2]
    after_pairs = after_pairs[: _unit_end(after_pairs, settings.reply_line)]
    before, after = [text for text, _ in before_pairs], [text for text, _ in after_pairs]
    byline = Byline()
    for line in reversed(before):
        found = parse_byline(line, labels, loose=True, words=words)
        if found is not None:
            byline.merge(found)
    for line in after:
        found = parse_byline(line, labels, loose=True, words=words)
        if found is not None and (found.date or found.authors or found.editor):
            byline.merge(found)
    if not byline.authors:
        poster = next((name for line in after + before if (name := forum_author(line, words))), "")
        byline.authors = [poster] if poster else []
    if not (byline.authors and byline.date):
        byline.merge(_unlabelled(body, before, after, words, settings.edge_lines))
    fallback = (
        _meta_date(root, settings.meta_dates, tags)
        or parse_date(enp_property(text, "date"))
        or _date_line(list(reversed(before_pairs)), settings.link_depth)
        or _date_line(after_pairs, settings.link_depth)
        or _url_date(url)
        or edition_date(root, settings, tags)
        or _date_line(_block_lines(_PRECEDING_TEXT(body[0]))[:-near], settings.link_depth)  # the masthead: the whole page above, last
        or next((parse_month(line) for line in after + before if parse_month(line)), "")
    )
    return byline, fallback


def _unlabelled(body: list[_Element], before: list[str], after: list[str], words: Bylines, count: int) -> Byline:
    """Unlabelled bylines: the body's own first and last ``count`` lines (a post's header
    and footer), then the lines closest above the body, then those below it."""
    edges = _edge_lines(body[0], False, count) + _edge_lines(body[-1], True, count)
    found = Byline()
    for line in edges:
        byline = poster_line(line, words)
        if byline is not None:
            found.merge(byline)
    for line in [*reversed(before[-count:] if count else []), *after[:count]]:
        byline = unlabelled_byline(line, words)
        if byline is not None:
            found.merge(byline)
    return found


_AUTHOR_HREF = re.compile(r"[?&]author=|/authors?/", re.I)
_NOT_A_NAME = re.compile(r"^\d+$|[，。；！？:：/]|https?|www\.", re.I)


def linked_author(root: _Element, tags: Tagged | None = None) -> str:
    """The name on the first link to a writer's page (``rel="author"``, ``/author/…``,
    ``?author=``): blogs and self-media accounts sign their posts this way, unlabelled.
    The name is the link's first text (``<a><div>扬眼</div><span>企鹅号</span></a>``)."""
    for a in tagged(root, tags, BYLINE_TAGS).of("a"):
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
