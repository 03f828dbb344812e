"""The HTML reader: the page's tree, its URL, and the site profile its host has.

Everything else about the page (title, invisible content, body, byline) is judged by the
HTML stages that follow, each on ``state.html``.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from lxml import html as lxml_html
from lxml.etree import ElementDefaultClassLookup, ParserError, _Element

from publish.clean.tagged import HEAD_TAGS, Tagged
from publish.clean.html_meta import page_url
from publish.clean.profiles import profile_for_host, profile_for_title
from publish.clean.state import CleanState, HtmlPage
from publish.errors import CleanError

_WRAPPER = re.compile(r"^\s*<text\b[^>]*>", re.I)


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
    """The page's tree in ``state.html``; the site's profile when its URL names a known host."""
    state.is_html = True
    text = _WRAPPER.sub("", state.text, count=1)
    try:
        root = parse(text)
    except (ParserError, ValueError) as exc:
        raise CleanError(f"not a readable HTML page: {exc}", path=state.path) from exc
    tags = Tagged(root, HEAD_TAGS)
    state.html = HtmlPage(root, tags=tags)
    state.url = page_url(state.text, root, tags)
    if state.url and state.profile is state.generic:
        state.profile = profile_for_host(urlparse(state.url).hostname or "") or state.generic
    if state.profile is state.generic:  # no address, or an unknown one: the page's own name
        title = next(iter(tags.of("title")), None)
        site = next((m.get("content") or "" for m in tags.of("meta") if m.get("property") == "og:site_name"), "")
        found = profile_for_title((title.text or "") if title is not None else "", site)
        state.profile = found or state.generic
