"""The page's <meta>, <link>, <title>, <script> and <h1>–<h4> elements, found in one walk.

Reading a page's address, site name, title and JSON-LD asks for these elements about ten
times, all before any stage changes the tree. Each ``root.iter(tag)`` steps through every
node of the page (in C, but a portal page has thousands, and the walk costs the same for
a tag the page has once as for one it has everywhere), so one walk for all of them costs
what one of those did. Only for the tree as parsed: ``stages.hidden`` drops elements, and
the stages after it walk the tree they are given.
"""

from __future__ import annotations

from lxml.etree import _Element

INDEXED = ("meta", "link", "title", "script", "h1", "h2", "h3", "h4")


class HeadTags:
    """The ``INDEXED`` elements of a tree, each tag's in page order (as ``root.iter``)."""

    def __init__(self, root: _Element) -> None:
        self._all = list(root.iter(*INDEXED))
        self._by_tag: dict[str, list[_Element]] = {tag: [] for tag in INDEXED}
        for el in self._all:
            self._by_tag[el.tag].append(el)

    def of(self, *tags: str) -> list[_Element]:
        """``list(root.iter(*tags))`` for tags of ``INDEXED``, without walking the tree."""
        if len(tags) == 1:
            return self._by_tag[tags[0]]
        wanted = frozenset(tags)
        return [el for el in self._all if el.tag in wanted]


def head_tags(root: _Element, tags: HeadTags | None) -> HeadTags:
    """``tags``, or the elements of ``root`` found now (for callers that hold none)."""
    return tags if tags is not None else HeadTags(root)
