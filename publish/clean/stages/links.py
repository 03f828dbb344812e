"""Link lists out: blocks inside the body that are mostly links (related articles, tag
clouds, share bars) and labelled lists (相关报道, 延伸阅读)."""

from __future__ import annotations

from publish.clean.link_lists import drop_link_lists
from publish.clean.state import CleanState


def drop_links(state: CleanState) -> None:
    page = state.html
    if page is None or not page.body:
        return
    drop_link_lists(page.body, page.stats, state.profile.settings)
