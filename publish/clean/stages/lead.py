"""引题 and 副题: the heading-like lines right above and below the title's heading."""

from __future__ import annotations

import re

from lxml.etree import _Element

from publish.clean.extract import text_content
from publish.clean.normalize import norm
from publish.clean.settings import Lead
from publish.clean.state import CleanState

_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _title_line(el: _Element | None, pattern: re.Pattern[str], line_max: int) -> str:
    """The text of ``el`` when it is a short heading-like line: a heading tag, or an
    element whose class says 引题/副题."""
    if el is None or not isinstance(el.tag, str):
        return ""
    text = " ".join(text_content(el).split())
    if not text or len(text) > line_max or text.endswith(("。", "！", "？")):
        return ""
    if el.tag in _HEADING_TAGS or pattern.search(el.get("class") or ""):
        return text
    return ""


def lead_and_subtitle(root: _Element, title: str, settings: Lead, line_max: int) -> tuple[str, str]:
    """引题 and 副题: the heading-like lines right above and below the title's heading,
    removed from the page so they are not read again as body text."""
    want = norm(title)
    heading = next(
        (h for h in root.iter(*_HEADING_TAGS) if want and norm(text_content(h)) == want), None
    )
    if heading is None:
        return "", ""
    before, after = heading.getprevious(), heading.getnext()
    lead = _title_line(before, settings.kicker_class, line_max)
    subtitle = _title_line(after, settings.subtitle_class, line_max)
    for el, found in ((before, lead), (after, subtitle)):
        if found and el is not None and el.getparent() is not None:
            el.drop_tree()
    return lead, subtitle.lstrip("—-－ 　").strip()


def find_lead(state: CleanState) -> None:
    settings = state.profile.settings
    if state.html is not None:
        state.lead, state.subtitle = lead_and_subtitle(
            state.html.root, state.title, settings.lead, settings.page_title.line_max)
