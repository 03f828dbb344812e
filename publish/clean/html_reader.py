"""The HTML reader: find the article body of a page and list its blocks.

The body is found by the site profile's selectors when the site has a profile, and
otherwise (or when they match nothing) by text density (``extract.find_article``).
Dangerous and invisible content (scripts, forms, iframes, hidden elements) never becomes
a block. The walk over the body is iterative, so hostile nesting cannot exhaust the stack.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from lxml import html as lxml_html
from lxml.etree import Element, ElementDefaultClassLookup, ParserError, _Element

from publish.clean.extract import INLINE_TAGS, drop_link_lists, find_article, text_content, text_stats
from publish.clean.html_meta import (
    is_shown_heading, lead_and_subtitle, linked_author, opening_heading, page_byline, page_title, page_url,
    structured_data,
)
from publish.clean.profiles import profile_for_host
from publish.clean.selectors import PageNames, select, select_each
from publish.clean.state import CleanState, RawBlock
from publish.errors import CleanError

DROP_TAGS = (
    "script", "style", "noscript", "iframe", "object", "svg", "button",
    "select", "textarea", "nav", "footer", "header", "aside", "template", "canvas",
    "audio", "video", "title", "map", "marquee",
)
JS_LINK_PROSE = 60
"""Characters from which a javascript: link's text is read as prose, not a button."""
VOID_DROP_TAGS = ("embed", "input", "param", "source", "track")
"""Void elements lxml's HTML parser may wrap following content in: removed, content kept."""
_HIDDEN = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden"
    r"|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)"  # transparent
    r"|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:;|$|!)"  # no size
    r"|(?:left|top|right|text-indent|margin-left|margin-top)\s*:\s*-\d{3,}",  # moved off-screen
    re.I,
)
assert _HIDDEN.pattern.isascii() and _HIDDEN.pattern == _HIDDEN.pattern.lower()
_HIDDEN_ASCII = re.compile(_HIDDEN.pattern)
"""``_HIDDEN`` without re.IGNORECASE, for a lower-cased ASCII style: the same matches,
found twice as fast (between an ASCII pattern written in lower case — hence no upper-case
class escape either — and ASCII text, ignoring case is only A–Z against a–z)."""


def _is_hiding(style: str) -> bool:
    """Whether an inline style hides its element (``_HIDDEN``)."""
    if style.isascii():
        return _HIDDEN_ASCII.search(style.lower()) is not None
    return _HIDDEN.search(style) is not None


_WRAPPER = re.compile(r"^\s*<text\b[^>]*>", re.I)
LAZY_SRC = ("data-original", "data-src", "data-lazy-src", "data-echo", "data-url", "src")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_PLACEHOLDER = re.compile(r"(?:^data:image/(?:gif|svg)|blank\.gif|spacer\.gif|pixel\.gif|loading)", re.I)


def _image_src(img: _Element) -> str:
    for attr in LAZY_SRC:
        value = (img.get(attr) or "").strip()
        scheme = value.split(":", 1)[0].lower() if ":" in value[:12] else ""
        if scheme in ("javascript", "vbscript") or (scheme == "data" and not value[5:11].lower() == "image/"):
            continue
        if value and not _PLACEHOLDER.search(value):
            return value
    return ""


_SOURCE_PARAGRAPH = re.compile(r"\n[^\S\n\u3000]*(?:\n|(?=\u3000))")
"""A blank source line, or a source line indented with ideographic spaces (``⏎　　人生
就如……``): the paragraph marks of Chinese pages that set their text without <p>."""


def _text_lines(el: _Element) -> list[str]:
    """Text of an inline-only element in document order, split at <br> and at source
    paragraph marks (``_SOURCE_PARAGRAPH``).

    Any other newline in the source is white space, as a browser shows it: a paragraph
    wrapped over several source lines (``谷歌(微博)⏎    在2014年……``) stays one paragraph.
    Without a <br> the element's text is one run, collected in C (``text_content``: the
    same text nodes in the same order as the walk below).
    """
    if next(el.iter("br"), None) is None:
        return [" ".join(p.split()) for p in _SOURCE_PARAGRAPH.split(text_content(el))]
    lines: list[list[str]] = [[]]
    stack: list[_Element | str] = [el]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            lines[-1].append(item)
            continue
        if item.tag == "br":
            lines.append([])
        elif isinstance(item.tag, str) and item.text:
            lines[-1].append(item.text)
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
    return [" ".join(p.split()) for parts in lines for p in _SOURCE_PARAGRAPH.split("".join(parts))]


def _is_inline_only(el: _Element) -> bool:
    return all(not isinstance(d.tag, str) or d.tag in INLINE_TAGS for d in el.iterdescendants())


_SENTENCE_END = re.compile(r"[。！？；：，…!?;:,]\s*$")


def _is_bold_line(el: _Element) -> bool:
    """A short paragraph all in <strong>/<b> without a sentence end: a section heading.

    One that opens with a dash (``——（宋）陆游``) is an attribution, not a heading.
    """
    if next(el.iter("strong", "b"), None) is None:
        return False  # no bold text at all (most paragraphs): nothing to compare
    text = " ".join(text_content(el).split())
    if not text or len(text) > 40 or _SENTENCE_END.search(text) or next(el.iterdescendants("img"), None) is not None:
        return False
    if text.startswith(("—", "--", "－")):
        return False
    bold = "".join(" ".join(text_content(b).split()) for b in el.iter("strong", "b"))
    return bold.replace(" ", "") == text.replace(" ", "")


_BLOCK_EDGE = frozenset(("br", "p", "div", "section", "table", "ul", "ol", "blockquote", "hr"))


def _stands_alone(el: _Element) -> bool:
    """A bold run with a line of its own between <br>s or blocks (``…<br><strong>共享充电宝
    告别1元时代</strong><br>…``): a line set in bold, as a paragraph of it would be."""
    if (el.tail or "").strip():
        return False
    before, after = el.getprevious(), el.getnext()
    parent = el.getparent()
    if before is None:
        opened = parent is None or not (parent.text or "").strip()
    else:
        opened = before.tag in _BLOCK_EDGE and not (before.tail or "").strip()
    return opened and (after is None or after.tag in _BLOCK_EDGE)


ICON_MAX_PX = 40
"""An image declared this small (width or height attribute) is an icon, not a figure."""


def _is_icon(img: _Element) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= ICON_MAX_PX:
            return True
    return False


def _emit_leaf(el: _Element, tag: str, out: list[RawBlock]) -> bool:
    """Blocks that are emitted whole; False when ``el`` needs walking into."""
    if tag in _HEADINGS:
        text = " ".join(text_content(el).split())
        if text:
            out.append(RawBlock("heading", text=text, level=_HEADINGS[tag]))
        return True
    if tag == "img":
        src = _image_src(el)
        if src and not _is_icon(el):
            alt = (el.get("alt") or el.get("title") or "").strip()
            out.append(RawBlock("image", src=src, text=alt))
        return True
    if tag == "table":
        if any(True for _ in el.iterdescendants("table")):
            return False  # a layout table: walked into (its cells are not read twice)
        rows = [
            [" ".join(text_content(c).split()) for c in tr if c.tag in ("td", "th")]
            for tr in el.iter("tr")
        ]
        rows = [r for r in rows if any(r)]
        width = max((len(r) for r in rows), default=0)
        if rows and width > 1 and len(rows) > 1 and len(set(map(len, rows))) == 1:
            out.append(RawBlock("table", rows=rows))
            return True
        return False
    if tag == "blockquote" and _is_inline_only(el):
        text = " ".join(text_content(el).split())
        if text:
            out.append(RawBlock("quote", text=text))
        return True
    if tag == "li" and _is_inline_only(el):
        parent = el.getparent()
        text = " ".join(text_content(el).split())
        if text:
            out.append(RawBlock("item", text=text, ordered=parent is not None and parent.tag == "ol"))
        for img in el.iter("img"):
            _emit_leaf(img, "img", out)
        return True
    if (tag == "p" or (tag in ("strong", "b") and _stands_alone(el))) and _is_bold_line(el):
        out.append(RawBlock("heading", text=" ".join(text_content(el).split()), level=2))
        return True
    if tag == "p" or (tag not in ("li", "blockquote", "table") and _is_inline_only(el)):
        for img in el.iter("img"):
            _emit_leaf(img, "img", out)
        for line in _text_lines(el):
            if line:
                out.append(RawBlock("text", text=line))
        return True
    return False


def emit(roots: list[_Element], out: list[RawBlock]) -> None:
    """The blocks of ``roots`` in page order, by an explicit stack (no recursion)."""
    stack: list[_Element | str] = list(reversed(roots))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            for line in item.split("\n"):
                if line.strip():
                    out.append(RawBlock("text", text=" ".join(line.split())))
            continue
        tag = item.tag if isinstance(item.tag, str) else ""
        if not tag or _emit_leaf(item, tag, out):
            continue
        if item.text and item.text.strip():
            out.append(RawBlock("text", text=" ".join(item.text.split())))
        for child in reversed(item):
            if child.tail and child.tail.strip():
                stack.append(child.tail)
            stack.append(child)


FORM_TEXT_MAX = 300
"""A <form> with less text than this is a search, login or comment form; a longer one
wraps the page (ASP.NET pages put everything in one <form>) and is kept."""


FOLDED_SHARE_MAX = 0.5
"""A folded element (``SiteProfile.folded_selectors``) holding more than this share of the
page's text is the article folded behind a 展开全文 button, not an aside: it is kept."""


def _drop_folded(root: _Element, selectors: tuple[str, ...], names: PageNames) -> None:
    """Drop what the page shows only on request, unless it is most of the page."""
    found = [el for each in select_each(root, selectors, names) for el in each]
    if not found:
        return
    whole = len("".join(text_content(root).split()))
    for el in found:
        if el.getparent() is None:
            continue
        if len("".join(text_content(el).split())) <= FOLDED_SHARE_MAX * whole:
            el.drop_tree()


def _drop_invisible(root: _Element, selectors: tuple[str, ...]) -> tuple[PageNames, list[_Element]]:
    """Drop what a reader of the page never sees. Returned: the class and id names of the
    elements left then (``PageNames``), for the selectors run from here on, and those
    elements: while one holds an element, lxml keeps its Python object instead of making
    it anew on the next walk (the text counts walk them all again: a fifth of their cost)."""
    for form in list(root.iter("form")):
        small = len("".join(text_content(form).split())) < FORM_TEXT_MAX
        if small and form.getparent() is not None:
            form.drop_tree()
    for el in list(root.iter(*DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter(*VOID_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tag()
    # A script "link" leads nowhere. Short ones are buttons (分享, 打印) and stay links, so
    # link density still finds them; one of a sentence's length is text that a script made
    # clickable: it is kept as text, without the script.
    for a in list(root.iter("a")):
        if (a.get("href") or "").strip().lower().startswith(("javascript:", "vbscript:")):
            if len(text_content(a).strip()) >= JS_LINK_PROSE and a.getparent() is not None:
                a.drop_tag()
            else:
                a.attrib.pop("href", None)
    elements = list(root.iter(Element))
    styled, names = _styled_and_names(elements)
    for el in styled:
        if el.get("hidden") is not None or _is_hiding(el.get("style") or ""):
            if el.getparent() is not None:
                el.drop_tree()
    for selector in selectors:
        for el in select(root, selector, names):
            if el.getparent() is not None:
                el.drop_tree()
    return names, elements


def _styled_and_names(elements: list[_Element]) -> tuple[list[_Element], PageNames]:
    """Of a page's elements, those with a style or ``hidden`` attribute, and every class
    and id value, in one walk (the one walk over every element before the text counts)."""
    styled: list[_Element] = []
    classes: list[str] = []
    ids: list[str] = []
    for el in elements:
        keys = el.keys()  # one call for the names of its attributes (most have one or none)
        if not keys:
            continue
        if "style" in keys or "hidden" in keys:
            styled.append(el)
        if "class" in keys:
            classes.append(el.get("class"))
        if "id" in keys:
            ids.append(el.get("id"))
    return styled, PageNames(classes, ids)


def _select(root: _Element, selectors: tuple[str, ...], names: PageNames) -> list[_Element]:
    for selector in selectors:
        found = select(root, selector, names)
        if found:
            return [max(found, key=lambda e: len(text_content(e)))]
    return []


def _parser() -> lxml_html.HTMLParser:
    """lxml.html's parser with its element classes chosen in C.

    lxml.html picks each element's Python class by calling Python code (form and input
    elements get their own classes), every time an element is first touched from Python:
    a few percent of the cleaner's time. The cleaner uses none of those classes' extras,
    so every element is a plain ``HtmlElement`` (``text_content``, ``drop_tree``,
    ``cssselect`` … all there).
    """
    parser = lxml_html.HTMLParser()
    parser.set_element_class_lookup(ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity,
    ))
    return parser


_PARSER = _parser()


def parse(text: str) -> _Element:
    """The page's tree. Pages nested deeper than libxml2 keeps (it silently drops text
    below depth 255) never get here: ``publish.limits`` refuses them with a clear reason."""
    return lxml_html.document_fromstring(text, parser=_PARSER)


def read_html(state: CleanState) -> None:
    state.is_html = True
    text = _WRAPPER.sub("", state.text, count=1)
    try:
        root = parse(text)
    except (ParserError, ValueError) as exc:
        raise CleanError(f"not a readable HTML page: {exc}", path=state.path) from exc
    state.url = page_url(state.text, root)
    if state.url and state.profile is state.generic:
        state.profile = profile_for_host(urlparse(state.url).hostname or "") or state.generic
    profile = state.profile
    explicit = [text_content(e).strip() for s in profile.title_selectors for e in select(root, s)]
    title = next((t for t in explicit if t), "") or page_title(state.text, root, profile.title_suffix)
    shown = bool(next((t for t in explicit if t), "")) or is_shown_heading(root, title)
    ld_date, ld_authors = structured_data(root)  # JSON-LD lives in scripts, dropped next
    shared = state.generic.drop_selectors if profile is not state.generic else ()
    names, _held = _drop_invisible(root, shared + profile.drop_selectors)  # held: see there
    _drop_folded(root, state.generic.folded_selectors + (
        profile.folded_selectors if profile is not state.generic else ()), names)
    state.lead, state.subtitle = lead_and_subtitle(root, title)
    selected = _select(root, profile.body_selectors, names)
    stats = text_stats(selected[0] if selected else root)
    body = selected or find_article(root, stats)
    labels = dict(state.generic.labels)
    labels.update(profile.labels)
    state.byline, state.fallback_date = page_byline(root, body, state.url, labels)
    state.fallback_date = ld_date or state.fallback_date
    state.fallback_authors = ld_authors or ([name] if (name := linked_author(root)) else [])
    state.title = " ".join(title.split())
    drop_link_lists(body, stats)
    emit(body, state.blocks)
    if not state.blocks:
        raise CleanError("no article text found on this page", path=state.path)
    if not shown and (opening := opening_heading(state.blocks, title)):
        state.title = opening  # <title> is the site's (显示, Joel on Software); the page's is here
