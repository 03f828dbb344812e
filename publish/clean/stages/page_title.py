"""An HTML page's title, and the headline that replaces it when the page never prints it.

The profile's title element wins; else the longest heading whose text ``<title>``
contains; else ``<title>`` cut at its separators (``_ | - — <``), its parts that name the
site left out (the page's own name for itself: ``og:site_name``, a greeting, the text of a
navigation link, a name ending in 网/报/频道 …) and the longest part kept. Read before
anything is dropped from the tree, so that a heading hidden later still tells that the
page prints its title. When the page prints no heading of it, the headline is what the
page prints nearest the body: the heading the body opens with, else the emphasised line
just above it (``<b>``, ``<font>``, ``td.bt_title``), which wins over ``<title>``.
"""

from __future__ import annotations

import re
from functools import cache

from lxml.etree import XPath, _Element

from publish.clean.byline import parse_date
from publish.clean.extract import INLINE_TAGS, text_content
from publish.clean.tagged import Tagged, tagged
from publish.clean.normalize import norm
from publish.clean.selectors import select
from publish.clean.settings import PageTitle, site_suffix
from publish.clean.state import CleanState, RawBlock

_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|\s-\s|\s–\s|——|\s—\s|-{2,}|[<‹«])\s*")
_SEPARATOR_MARKS = "-_|｜—–<>‹›«» \u3000"
"""What is left at a part's ends when a separator was doubled (``标题 - -大河网``)."""


def strip_site_suffix(title: str, words: str) -> str:
    """``title`` without the site or column names after its separators (``settings.site_suffix``)."""
    pattern = site_suffix(words)
    while (m := pattern.match(title)) and len(m["title"]) >= 4:
        title = m["title"].rstrip(_SEPARATOR_MARKS)
    return title


_LABEL_SEPARATOR = re.compile(r"\s*[|｜︱]\s*")
_PRIVATE_USE = "".join(chr(c) for c in range(0xE000, 0xE800))
"""Private Use Area characters (GB18030's user-defined bytes, a full-width space there):
no font has a glyph for them, so they are never the ends of a headline."""


def clean_headline(text: str, settings: PageTitle) -> str:
    """A headline without what a site sets around it: a column label before a bar
    (``图说洛阳| 标题``, ``栏目 | 标题``: the longer part is the headline), the page number of
    a split article (``（页 1）``), ornaments (``*第一编``) and unprintable ends."""
    text = " ".join(text.split())
    parts = [p for p in _LABEL_SEPARATOR.split(text) if p.strip(_SEPARATOR_MARKS)]
    if len(parts) > 1:
        text = max(parts, key=len)
    text = settings.page_mark.sub("", text)
    text = re.sub(rf"^(?:{settings.title_labels})\s*[:：]\s*", "", text)
    return text.strip(_PRIVATE_USE + settings.ornaments + " \u3000")


_BREADCRUMB = re.compile(r"\s+[»›]\s+")
"""``多维博客 » 播客热潮迅速蔓延``: a title set as a breadcrumb ends with the article."""
_WRAPPER_TITLE = re.compile(r"^\s*<text\b[^>]*\btitle=\"([^\"]*)\"", re.I)
_META_TITLES = ("og:title", "twitter:title", "title", "headline")


def _declared_title(text: str, root: _Element, tags: Tagged | None = None) -> str:
    """What the page says its title is: <title>, else <meta> titles, else the crawler's."""
    found = tagged(root, tags)
    title = next(iter(found.of("title")), None)  # the first <title>, as findtext(".//title")
    for candidate in [(title.text if title is not None else "") or ""] + [
        m.get("content") or "" for m in found.of("meta")
        if (m.get("property") or m.get("name") or "").lower() in _META_TITLES
    ]:
        if candidate.strip():
            return " ".join(candidate.split())
    m = _WRAPPER_TITLE.match(text)
    return " ".join(m.group(1).split()) if m else ""


_SITE_NAME_METAS = ("og:site_name", "application-name", "apple-mobile-web-app-title")


def declared_site_names(root: _Element, profile_name: str, tags: Tagged | None = None) -> list[str]:
    """What the page calls its site: ``og:site_name`` (and its kin), the profile's name."""
    names = [profile_name] if profile_name else []
    for m in tagged(root, tags).of("meta"):
        if (m.get("property") or m.get("name") or "").lower() in _SITE_NAME_METAS:
            names.append(" ".join((m.get("content") or "").split()))
    return [n for n in names if n]


def site_names(root: _Element, profile_name: str, tags: Tagged | None = None) -> set[str]:
    """``declared_site_names``, compared by ``norm``."""
    return {norm(n) for n in declared_site_names(root, profile_name, tags)}


_SEPARATOR_RUN = r"(?:\s*[-_|｜—–<‹«]+)+\s*"


def strip_site_names(title: str, names: list[str], root: _Element | None = None, name_max: int | None = None) -> str:
    """``title`` without a name the page gives its site, set after (or before) it with
    any separator, spaced or not (``标题-搜狐财经``, ``搜狐财经 - - 标题``); and without a
    channel's name (a navigation link's text, at most ``name_max`` characters:
    ``site_name_max``, generic's when None) set after it."""
    name_max = _generic_settings().site_name_max if name_max is None else name_max
    for name in sorted(names, key=len, reverse=True):
        for pattern in (rf"{_SEPARATOR_RUN}{re.escape(name)}\s*$", rf"^\s*{re.escape(name)}{_SEPARATOR_RUN}"):
            shorter = re.sub(pattern, "", title)
            if len(norm(shorter)) >= 2:
                title = shorter
    while (
        root is not None and (m := _last_part(name_max).search(title))
        and len(norm(title[: m.start()])) >= 4 and is_link_text(root, m["name"])
    ):
        title = title[: m.start()]
    return title


def _generic_settings() -> PageTitle:
    """generic.toml's ``[stages.page_title]``, for callers that give none."""
    from publish.clean.profiles import generic

    return generic().settings.page_title


@cache
def _last_part(name_max: int) -> re.Pattern[str]:
    """The last part of a title after a separator, short enough to be a channel's name."""
    return re.compile(rf"{_SEPARATOR_RUN}(?P<name>[^-_|｜—–<‹«]{{2,{name_max}}})$")


_LINK_WITH_TEXT = XPath("boolean(//a[normalize-space(string(.)) = $text])")


def is_link_text(root: _Element, text: str) -> bool:
    """Whether a link of the page reads ``text``: its navigation, whose names (a channel,
    a column, the home page) are what <title> adds to the headline. One XPath
    evaluation, in C, asked only about the few parts of a title."""
    return bool(_LINK_WITH_TEXT(root, text=" ".join(text.split())))


def _names_site(part: str, names: set[str], settings: PageTitle) -> bool:
    """Whether a part of <title> is the site's name rather than the headline."""
    n = norm(part)
    if re.search(settings.greetings, part):
        return True
    if len(n) > settings.site_name_max:
        return False
    return n in names or any(n.endswith(name) for name in names) or bool(
        re.fullmatch(rf".{{0,{settings.site_name_max}}}(?:{settings.site_words})", n)
    )


def headline_parts(
    raw: str, root: _Element, profile_name: str, settings: PageTitle, tags: Tagged | None = None
) -> list[str]:
    """The parts of <title> that may be the headline: without the parts naming the site
    (its own name, a greeting, a name ending in a site word), and without those that are
    a navigation link's text (a channel or column) unless nothing else is left."""
    parts = [p.strip(_SEPARATOR_MARKS) for p in _TITLE_SEPARATORS.split(raw)]
    parts = [p for p in parts if p]
    names = site_names(root, profile_name, tags)
    kept = [p for p in parts if not _names_site(p, names, settings)]
    if len(kept) > 1:
        kept = [p for p in kept if len(norm(p)) > settings.site_name_max or not is_link_text(root, p)] or kept
    return kept


def page_title(
    text: str, root: _Element, suffix: re.Pattern[str] | None, settings: PageTitle, profile_name: str = "",
    tags: Tagged | None = None,
) -> str:
    """The longest heading the declared title contains (or one of its parts), else the
    longest part of the declared title that does not name the site, else the first <h1>."""
    tags = tagged(root, tags)
    raw = _declared_title(text, root, tags)
    raw = _BREADCRUMB.split(raw)[-1]
    if suffix is not None:
        raw = suffix.sub("", raw).strip()
    raw = strip_site_names(
        settings.page_mark.sub("", raw), declared_site_names(root, profile_name, tags), root, settings.site_name_max)
    raw = strip_site_suffix(raw, settings.site_words)
    whole = norm(raw)
    parts = [p.strip(_SEPARATOR_MARKS) for p in _TITLE_SEPARATORS.split(raw) if p.strip(_SEPARATOR_MARKS)]
    normed_parts = {norm(p) for p in parts}
    headings = [" ".join(text_content(h).split()) for h in tags.of("h1", "h2", "h3", "h4")]
    normed = [(h, norm(h)) for h in headings]
    inside = [
        (h, n) for h, n in normed
        if n and ((len(n) >= 4 and n in whole) or n in normed_parts)
    ]
    if inside:
        return max(inside, key=lambda pair: len(pair[1]))[0]
    kept = headline_parts(raw, root, profile_name, settings, tags)
    if kept:
        return max(kept, key=len)
    if parts:  # every part names the site: the page's title is its name, until a headline is found
        return max(parts, key=len)
    return next((h for h in headings[:1] if h), "")


def is_shown_heading(root: _Element, title: str, tags: Tagged | None = None) -> bool:
    """Whether the page prints ``title`` as one of its headings (``page_title`` found it
    there), rather than only in ``<title>``, which some sites fill with their own name."""
    want = norm(title)
    return bool(want) and any(norm(text_content(h)) == want for h in tagged(root, tags).of("h1", "h2", "h3", "h4"))


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
    settings = profile.settings.page_title
    explicit = [text_content(e).strip() for s in profile.title_selectors for e in select(root, s)]
    printed = next((t for t in explicit if t), "")
    name = profile.name if profile is not state.generic else ""
    title = printed or page_title(state.text, root, profile.title_suffix, settings, name, page.tags)
    page.title_shown = bool(printed) or is_shown_heading(root, title, page.tags)
    state.title = clean_headline(title, settings) or " ".join(title.split())


_HEADLINE_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "font", "big"})
_LINE_BREAKS = frozenset({"br", "hr"})
_NOT_A_HEADLINE_END = tuple("。，、；：,;:")


def _blank(text: str | None) -> bool:
    return not text or not text.strip()


def _alone_on_line(el: _Element) -> bool:
    """Whether nothing else is printed on ``el``'s line: a block element, or an inline one
    between line breaks or block edges (``<p><b>标题</b><br>…``)."""
    while isinstance(el.tag, str) and el.tag in INLINE_TAGS:
        parent = el.getparent()
        if parent is None:
            return True
        prev, nxt = el.getprevious(), el.getnext()
        before_ok = (_blank(parent.text) if prev is None else
                     (prev.tag in _LINE_BREAKS or prev.tag not in INLINE_TAGS) and _blank(prev.tail))
        after_ok = _blank(el.tail) and (nxt is None or nxt.tag in _LINE_BREAKS or nxt.tag not in INLINE_TAGS)
        if not (before_ok and after_ok):
            return False
        if prev is not None or nxt is not None:
            return True
        el = parent  # the only thing in its parent: the parent's line is its line
    return True


def _emphasised(el: _Element, settings: PageTitle) -> bool:
    """Set as a headline: a heading or bold tag, a sized or coloured ``<font>``, or a
    block whose class or id says title (``td.bt_title``, ``div.tit2``)."""
    if el.tag == "font":
        return bool(el.get("size") or el.get("color"))
    if el.tag in _HEADLINE_TAGS:
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(names.strip()) and bool(settings.headline_class.search(names))


def _in_link(el: _Element) -> bool:
    """Inside a link on its line (``<a><font color=red>注册邮箱</font></a>``: an advertisement)."""
    parent = el.getparent()
    while parent is not None and parent.tag in INLINE_TAGS:
        if parent.tag == "a":
            return True
        parent = parent.getparent()
    return False


def _above(el: _Element, count: int) -> list[_Element]:
    """The ``count`` (``elements_above``) elements before ``el`` in the page, nearest
    first (none of its ancestors)."""
    out: list[_Element] = []
    node: _Element | None = el
    while node is not None and len(out) < count:
        for sib in node.itersiblings(preceding=True):
            out.extend(e for e in reversed(list(sib.iter())) if isinstance(e.tag, str))
            if len(out) >= count:
                break
        node = node.getparent()
    return out[:count]


def printed_headline(state: CleanState) -> str:
    """The headline printed just above the body: the nearest line set as a headline
    (emphasised, alone on its line, short, no sentence), or the link that repeats the
    start of <title> (a blog's permalink), passing over at most ``lines_above`` other
    lines (a byline, a date, the author's name) and any links."""
    page = state.html
    if page is None or not page.body:
        return ""
    settings = state.profile.settings.page_title
    declared = norm(state.title)
    labels = [w for field in state.generic.labels.values() for w in field]
    byline = re.compile(rf"(?:{'|'.join(map(re.escape, labels))})\s*[:：]") if labels else None
    chrome = state.generic.chrome_lines
    others, seen = 0, set()
    for el in _above(page.body[0], settings.elements_above):
        text = " ".join(text_content(el).split())
        if not text or text in seen:
            continue
        seen.add(text)
        n = norm(text)
        if el.tag == "a" or _in_link(el):
            if len(n) >= 4 and declared.startswith(n) and _alone_on_line(el):
                return text
            continue
        if (byline is not None and byline.search(text)) or any(c.fullmatch(text) for c in chrome):
            continue
        if parse_date(text) and len(text) <= 40:
            continue
        headline = (
            2 <= len(text) <= settings.line_max and not text.endswith(_NOT_A_HEADLINE_END)
            and _emphasised(el, settings) and _alone_on_line(el)
        )
        if headline:
            return text
        if el.getparent() is not None and el.getparent().tag not in INLINE_TAGS and not el.tag in INLINE_TAGS:
            others += 1
            if others > settings.lines_above:
                return ""
    return ""


def prefer_opening_heading(state: CleanState) -> None:
    """A page that never prints its <title> as a heading (the site's name there: 显示,
    Joel on Software) has as its title the heading its body opens with, else the headline
    printed right above the body; where that differs from <title>, the printed one wins."""
    page = state.html
    if page is None or page.title_shown:
        return
    settings = state.profile.settings.page_title
    if opening := opening_heading(state.blocks, state.title, settings.line_max):
        state.title = opening
    elif printed := clean_headline(printed_headline(state), settings):
        state.title = printed
