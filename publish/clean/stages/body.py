"""The body: the element(s) holding the article, by the profile's selectors or else by
text density (``article.find_article``)."""

from __future__ import annotations

from lxml.etree import _Element

from publish.clean.article import find_article
from publish.clean.extract import text_content, text_stats
from publish.clean.selectors import PageNames, select
from publish.clean.state import CleanState


def _select(root: _Element, selectors: tuple[str, ...], names: PageNames | None) -> list[_Element]:
    for selector in selectors:
        found = select(root, selector, names)
        if found:
            return [max(found, key=lambda e: len(text_content(e)))]
    return []



def find_body(state: CleanState) -> None:
    """``state.html.body``, and the text counts of the tree it was found in."""
    page = state.html
    if page is None:
        return
    selected = _select(page.root, state.profile.body_selectors, page.names)
    page.stats = text_stats(selected[0] if selected else page.root)
    page.body = selected or find_article(page.root, page.stats, state.profile.settings.body)
