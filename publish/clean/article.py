"""Which element(s) of a page hold the article, from the containers' scores
(``extract.score_containers``).

The best scoring container wins, unless it is one of a series of units built alike (a
blog archive's posts, a forum thread's posts): then the first unit's counterpart. Its
siblings that score a share of it, or are clean prose, join it, looked for above the
wrappers that hold it alone; so does a data table the text announces right after it.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml.etree import _Element

from publish.clean.extract import Counts, _generic, _is_prose, _tag, score_containers, text_content, text_stats
from publish.clean.settings import Body


def find_article(
    root: _Element, stats: dict[_Element, Counts] | None = None, body: Body | None = None
) -> list[_Element]:
    """The element(s) holding the article, in page order; ``[root]`` when none stands out."""
    body = body or _generic().body
    stats = stats if stats is not None else text_stats(root)
    chosen, prose = _best(root, stats, body, skip_unlikely=True)
    if prose < body.retry_min_chars:
        chosen, prose = _best(root, stats, body, skip_unlikely=False)
    if prose < body.retry_min_chars:
        # Nothing stands out (a notice, an error page): the whole page is the best guess.
        body = root.find("body")
        return [body if body is not None else root]
    return chosen


def _prose_chars(chosen: list[_Element], stats: dict[_Element, Counts]) -> int:
    return sum(stats[e][0] - stats[e][1] for e in chosen if e in stats)


def _best(
    root: _Element, stats: dict[_Element, Counts], body: Body, *, skip_unlikely: bool
) -> tuple[list[_Element], int]:
    """The element(s) holding the article, and the prose characters of the best scoring
    group (what ``find_article`` judges: the first of a series of posts may be shorter
    than the one that stood out)."""
    scores = score_containers(root, stats, skip_unlikely=skip_unlikely, body=body)
    if not scores:
        return [root], _prose_chars([root], stats)
    best = max(scores, key=lambda e: scores[e])
    top = _first_unit(best, scores, body)
    chosen = _with_siblings(top, scores, stats, body)
    prose = _prose_chars(chosen, stats)
    if top is not best:
        prose = max(prose, _prose_chars(_with_siblings(best, scores, stats, body), stats))
    return chosen, prose


def _with_siblings(
    top: _Element, scores: dict[_Element, float], stats: dict[_Element, Counts], body: Body
) -> list[_Element]:
    """``top`` and its siblings scoring a share of it, or of clean prose, and a data table
    the text announces right after them (``附：名单如下``).

    The siblings are looked for above the wrappers that hold ``top`` alone (a one-row
    layout table's row and table, a ``<div>`` around one ``<div>``): a paper's abstract,
    full text and references, or the table after the prose, are siblings of the wrapper.
    """
    threshold = max(10.0, scores[top] * body.sibling_share)
    node = top
    parent = node.getparent()
    while parent is not None and parent.tag not in ("body", "html") and _only_child(node, parent):
        node, parent = parent, parent.getparent()
    if parent is None:
        return [top]
    chosen = [
        sibling for sibling in parent
        if sibling is node or scores.get(sibling, 0.0) >= threshold or _is_prose(sibling, stats)
    ]
    following = chosen[-1].getnext()
    if following is not None and _is_data_table(following) and _announces(chosen[-1], body):
        chosen.append(following)
    return chosen


def _only_child(node: _Element, parent: _Element) -> bool:
    """``node`` is all ``parent`` holds: its only element, and no text beside it."""
    if (parent.text or "").strip() or (node.tail or "").strip():
        return False
    return all(c is node for c in parent if isinstance(c.tag, str))


def _is_data_table(el: _Element) -> bool:
    """A table of two or more rows of two or more cells, holding no table."""
    if el.tag != "table" or next(el.iterdescendants("table"), None) is not None:
        return False
    rows = [sum(1 for c in tr if c.tag in ("td", "th")) for tr in el.iter("tr")]
    return len(rows) >= 2 and max(rows) >= 2


def _announces(el: _Element, body: Body) -> bool:
    """The last line of ``el``'s text announces what follows (``附：`` ``如下：``)."""
    lines = [line.strip() for line in text_content(el).splitlines() if line.strip()]
    return bool(lines) and body.announces.search(lines[-1]) is not None




def _signature(el: _Element) -> tuple[str, str]:
    return _tag(el), " ".join((el.get("class") or "").split())


def _first_unit(top: _Element, scores: dict[_Element, float], body: Body) -> _Element:
    """``top``, or its counterpart in the first of a series of units built alike.

    A blog archive shows several posts, a forum thread its opening post and the replies,
    each unit with the same tag and class: the page's article is the first unit, not the
    longest. Climbing from ``top``, the first ancestor that has earlier siblings of its
    own signature (tag and class, a class given) is such a unit; the element at the same
    path in the first of them wins when it scores at least ``sibling_share`` of ``top``.
    """
    path: list[tuple[str, str]] = []
    node = top
    while node.tag not in ("body", "html"):
        parent = node.getparent()
        if parent is None:
            break
        signature = _signature(node)
        if signature[1]:
            first = next(c for c in parent if _signature(c) == signature)
            if first is not node:
                counterpart = _follow(first, reversed(path))
                if counterpart is not None and scores.get(counterpart, 0.0) >= body.sibling_share * scores[top]:
                    return counterpart
        path.append(signature)
        node = parent
    return top


def _follow(unit: _Element, path: Iterable[tuple[str, str]]) -> _Element | None:
    """The element reached from ``unit`` by the first child of each signature in ``path``."""
    node = unit
    for signature in path:
        found = next((c for c in node if _signature(c) == signature), None)
        if found is None:
            return None
        node = found
    return node
