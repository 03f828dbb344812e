"""Invisible content out: what a reader of the page never sees never becomes a block.

Scripts, styles, forms of a search or login, players, elements hidden by an attribute or
an inline style, and the profile's drop selectors are removed from the tree.
"""

from __future__ import annotations

import re

from lxml.etree import Element, _Element

from publish.clean.extract import text_content
from publish.clean.selectors import PageNames, select
from publish.clean.settings import Hidden
from publish.clean.state import CleanState

DROP_TAGS = (
    "script", "style", "noscript", "iframe", "object", "svg", "button",
    "select", "textarea", "nav", "footer", "header", "aside", "template", "canvas",
    "audio", "video", "title", "map", "marquee",
)
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




def _drop_invisible(
    root: _Element, selectors: tuple[str, ...], settings: Hidden
) -> tuple[PageNames, list[_Element]]:
    """Drop what a reader of the page never sees. Returned: the class and id names of the
    elements left then (``PageNames``), for the selectors run from here on, and those
    elements: while one holds an element, lxml keeps its Python object instead of making
    it anew on the next walk (the text counts walk them all again: a fifth of their cost)."""
    for form in list(root.iter("form")):
        small = len("".join(text_content(form).split())) < settings.form_text_max
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
            if len(text_content(a).strip()) >= settings.js_link_prose and a.getparent() is not None:
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


def drop_hidden(state: CleanState) -> None:
    """Drop the invisible; the generic profile's drop selectors apply on every site."""
    page = state.html
    if page is None:
        return
    page.tags = None  # the tree changes from here: its head tags as parsed no longer hold
    profile = state.profile
    shared = state.generic.drop_selectors if profile is not state.generic else ()
    page.names, page.held = _drop_invisible(
        page.root, shared + profile.drop_selectors, profile.settings.hidden)
