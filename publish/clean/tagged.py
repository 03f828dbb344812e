"""The elements of a few tags of a page, found in one walk of its tree.

Reading a page's address, site name, title and JSON-LD asks for its <meta>, <link>,
<title>, <script> and <h1>–<h4> elements about ten times, and its byline for its <meta>
and <a> three or four times more. Each ``root.iter(tag)`` steps through every node of the
page (in C, but a portal page has thousands, and the walk costs the same for a tag the
page has once as for one it has everywhere), so one walk for all of them costs what one
of those did. A ``Tagged`` holds for the tree as it was walked: the stage that makes one
uses it while nothing changes the tree (``stages.hidden`` lets go of the reader's).
"""

from __future__ import annotations

from lxml.etree import _Element

HEAD_TAGS = ("meta", "link", "title", "script", "h1", "h2", "h3", "h4")
"""What the reader and the stages before ``hidden`` look for (``HtmlPage.tags``)."""
BYLINE_TAGS = ("meta", "a")
"""What the byline around the body and the metadata's authors and dates are read from."""


class Tagged:
    """The elements of ``tags`` in a tree, each tag's in page order (as ``root.iter``)."""

    def __init__(self, root: _Element, tags: tuple[str, ...]) -> None:
        self._all = list(root.iter(*tags))
        self._by_tag: dict[str, list[_Element]] = {tag: [] for tag in tags}
        for el in self._all:
            self._by_tag[el.tag].append(el)

    def of(self, *tags: str) -> list[_Element]:
        """``list(root.iter(*tags))``, for tags this was made with, without a walk."""
        if len(tags) == 1:
            return self._by_tag[tags[0]]
        if not self._by_tag.keys() >= set(tags):
            raise KeyError(f"{tags} are not all among {tuple(self._by_tag)}")
        wanted = frozenset(tags)
        return [el for el in self._all if el.tag in wanted]


def tagged(root: _Element, found: Tagged | None, tags: tuple[str, ...] = HEAD_TAGS) -> Tagged:
    """``found``, or the elements of ``tags`` in ``root`` found now (for callers that hold none)."""
    return found if found is not None else Tagged(root, tags)
