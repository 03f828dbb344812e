"""The HTML reader: find the article body of a page and list its blocks.

The body is found by the site profile's selectors when the site has a profile, and
otherwise by text density: the element whose paragraphs hold the most Chinese text,
since page chrome is short links and article text is long runs of sentences.
Dangerous and invisible content (scripts, forms, iframes, hidden elements) never
becomes a block.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

from publish.clean.profiles import profile_for_host
from publish.clean.state import CleanState, RawBlock
from publish.errors import CleanError

DROP_TAGS = (
    "script", "style", "noscript", "iframe", "form", "object", "embed", "svg", "button",
    "input", "select", "textarea", "nav", "footer", "header", "aside", "template", "canvas",
    "audio", "video",
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WRAPPER = re.compile(r"^\s*<text\b[^>]*\bid=\"([^\"]*)\"[^>]*>", re.I)
LAZY_SRC = ("data-original", "data-src", "data-lazy-src", "data-echo", "src")


def _page_url(text: str, root: _Element) -> str:
    m = _WRAPPER.match(text)
    if m and m.group(1).startswith("http"):
        return m.group(1)
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = root.xpath(xpath)
        if found and str(found[0]).startswith("http"):
            return str(found[0])
    return ""


def _han_len(text: str) -> int:
    return len(_HAN.findall(text))


def _text_score(el: _Element) -> int:
    """Chinese characters in the element's paragraph-like children, minus link text."""
    score = 0
    for child in el:
        if not isinstance(child.tag, str):
            continue
        text = child.text_content()
        links = sum(_han_len(a.text_content()) for a in child.iter("a"))
        score += max(0, _han_len(text) - 2 * links)
    return score


def find_body(root: _Element, selectors: tuple[str, ...]) -> _Element:
    for selector in selectors:
        found = root.cssselect(selector)
        if found:
            return max(found, key=lambda e: _han_len(e.text_content()))
    candidates = [e for e in root.iter("div", "article", "td", "section", "main") if len(e)]
    if not candidates:
        return root
    return max(candidates, key=_text_score)


def _image_src(img: _Element) -> str:
    for attr in LAZY_SRC:
        value = (img.get(attr) or "").strip()
        if value and not value.startswith(("data:image/gif", "javascript:")):
            return value
    return ""


def _emit(el: _Element, out: list[RawBlock]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        out.append(RawBlock("heading", text=el.text_content().strip(), level=int(tag[1])))
        return
    if tag == "img":
        src = _image_src(el)
        if src:
            out.append(RawBlock("image", src=src, text=(el.get("alt") or "").strip()))
        return
    if tag == "table":
        rows = [
            [c.text_content().strip() for c in tr if c.tag in ("td", "th")]
            for tr in el.iter("tr")
        ]
        rows = [r for r in rows if any(r)]
        if rows and len(rows[0]) > 1 and len(rows) > 1:
            out.append(RawBlock("table", rows=rows))
            return
    if tag == "blockquote":
        out.append(RawBlock("quote", text=el.text_content().strip()))
        return
    if tag == "li":
        parent = el.getparent()
        out.append(
            RawBlock("item", text=el.text_content().strip(), ordered=parent is not None and parent.tag == "ol")
        )
        return
    block_children = [c for c in el if isinstance(c.tag, str) and c.tag not in ("a", "span", "b", "strong", "em", "i", "font", "br", "u", "sup", "sub")]
    if tag in {"p", "br"} or not block_children:
        for img in el.iter("img"):
            _emit(img, out)
        text = "\n".join(part.strip() for part in _lines(el))
        for line in text.split("\n"):
            if line.strip():
                out.append(RawBlock("text", text=line.strip()))
        return
    if el.text and el.text.strip():
        out.append(RawBlock("text", text=el.text.strip()))
    for child in el:
        _emit(child, out)
        if child.tail and child.tail.strip():
            out.append(RawBlock("text", text=child.tail.strip()))


def _lines(el: _Element) -> list[str]:
    """Text of an inline-only element, split at <br>."""
    parts: list[str] = [el.text or ""]
    for child in el.iterdescendants():
        if child.tag == "br":
            parts.append("\n")
        elif isinstance(child.tag, str) and child.text:
            parts.append(child.text)
        if child.tail:
            parts.append(child.tail)
    return "".join(parts).split("\n")


def read_html(state: CleanState) -> None:
    text = _WRAPPER.sub("", state.text, count=1) if _WRAPPER.match(state.text) else state.text
    try:
        root = lxml_html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise CleanError(f"not a readable HTML page: {exc}", path=state.path) from exc
    state.url = _page_url(state.text, root)
    if state.url and state.profile is state.generic:
        state.profile = profile_for_host(urlparse(state.url).hostname or "") or state.generic
    for el in list(root.iter(*DROP_TAGS)):
        el.drop_tree()
    for el in list(root.xpath("//*[@style or @hidden]")):
        if el.get("hidden") is not None or _HIDDEN.search(el.get("style") or ""):
            el.drop_tree()
    for selector in state.profile.drop_selectors:
        for el in root.cssselect(selector):
            el.drop_tree()
    titles = [e.text_content().strip() for s in state.profile.title_selectors for e in root.cssselect(s)]
    page_title = root.findtext(".//title") or ""
    if state.profile.title_suffix is not None:
        page_title = state.profile.title_suffix.sub("", page_title)
    state.title = next((t for t in titles if t), "") or page_title.strip()
    body = find_body(root, state.profile.body_selectors)
    _emit(body, state.blocks)
    if not state.blocks:
        raise CleanError("no article text found on this page", path=state.path)
