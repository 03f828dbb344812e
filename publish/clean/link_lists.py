"""Lists of links out of the article: related-article lists, tag clouds, share bars, a
forum's reply index, and the lists under a 相关报道 / 延伸阅读 label."""

from __future__ import annotations

from lxml.etree import _Element

from publish.clean.extract import (
    Counts,
    _generic,
    _link_density,
    _tag,
    is_unlikely,
    text_content,
    text_outside_links,
    text_stats,
)
from publish.clean.settings import Body, Settings, list_label


def drop_labelled_lists(body: list[_Element], stats: dict[_Element, Counts], words: str | None = None) -> None:
    """A 相关报道 / 延伸阅读 label and the links under it, wherever they sit in the body.

    A label is read without white space, and the text of an element is a stretch of the
    text of the part it is in: a part whose text, read so, holds none of the label words
    has no label, and is not walked (most have none). ``words``: the labels
    (``[stages.links] list_labels``).
    """
    label, has_label = list_label(words if words is not None else _generic().links.list_labels)
    for part in body:
        if not has_label.search("".join(text_content(part).split())):
            continue
        for el in list(part.iter()):
            if el is part or not isinstance(el.tag, str) or el.getparent() is None:
                continue
            own = stats.get(el)
            if own is None or not 4 <= own[0] <= 12:
                continue
            text = "".join(text_content(el).split())
            if len(text) > 12 or not label.match(text):
                continue
            container = el.getparent()
            s = stats.get(container)
            if container is not part and container not in body and s and _link_density(s) > 0.3:
                if container.getparent() is not None:
                    container.drop_tree()
                continue
            for sibling in list(el.itersiblings()):
                if _tag(sibling) == "a" or next(sibling.iterdescendants("a"), None) is not None:
                    sibling.drop_tree()
                else:
                    break
            el.drop_tree()


def is_index(el: _Element, stats: dict[_Element, Counts], body: Body) -> bool:
    """A list of two or more entries that say, besides their links, only names, times and
    counters (``listing_residue``): a forum's reply index, an archive's list of posts."""
    items = [li for li in el if li.tag == "li"]
    return len(items) >= 2 and all(
        0 < stats.get(li, (0, 0))[1] and stats[li][0] - stats[li][1] <= body.listing_residue_max
        and body.listing_residue.fullmatch(text_outside_links(li)) is not None
        for li in items
    )


def drop_link_lists(
    body: list[_Element], stats: dict[_Element, Counts] | None = None, settings: Settings | None = None
) -> None:
    """Remove blocks inside the article that are mostly links: related lists, tags, shares."""
    settings = settings or _generic()
    links = settings.links
    if stats is not None:
        drop_labelled_lists(body, stats, links.list_labels)
    for part in body:
        stats = stats if stats is not None and part in stats else text_stats(part)
        for el in list(part.iter("ul", "ol", "div", "table", "dl", "p", "section", "li")):
            s = stats.get(el)
            if s is None or el is part or el.getparent() is None:
                continue
            if el.tag in ("ul", "ol") and is_index(el, stats, settings.body):
                el.drop_tree()
                continue
            whole = stats[part][0] if part in stats else s[0]
            if is_unlikely(el, settings.body) and el.getparent() is not None and s[0] <= links.unlikely_share_max * whole:
                el.drop_tree()
                continue
            if s[1] == 0 or el.tag == "li":
                continue
            if _link_density(s) > links.link_heavy and el.getparent() is not None:
                el.drop_tree()
