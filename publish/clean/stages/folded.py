"""Folded content out: what the page shows only on request (collapsed, not for print)."""

from __future__ import annotations

from lxml.etree import _Element

from publish.clean.extract import text_content
from publish.clean.selectors import PageNames, select_each
from publish.clean.state import CleanState



def _drop_folded(root: _Element, selectors: tuple[str, ...], names: PageNames | None, share_max: float) -> None:
    """Drop what the page shows only on request, unless it is most of the page."""
    found = [el for each in select_each(root, selectors, names) for el in each]
    if not found:
        return
    whole = len("".join(text_content(root).split()))
    for el in found:
        if el.getparent() is None:
            continue
        if len("".join(text_content(el).split())) <= share_max * whole:
            el.drop_tree()


def drop_folded(state: CleanState) -> None:
    """The generic and the site's folded selectors (``[html] folded``)."""
    page = state.html
    if page is None:
        return
    selectors = state.generic.folded_selectors + (
        state.profile.folded_selectors if state.profile is not state.generic else ())
    _drop_folded(page.root, selectors, page.names, state.profile.settings.folded.share_max)
