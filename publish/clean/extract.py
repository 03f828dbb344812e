"""The generic body finder: which element of a page holds the article, by text density.

Separate from the HTML reader because it is the one heuristic of the cleaner, used for
every site without a profile (and when a profile's selectors find nothing). It follows
Readability's scoring, adapted to Chinese: article text is long runs of sentences with
full-width punctuation and few links, chrome is short link-heavy fragments.

1. Every paragraph-like element (``<p>``, ``<td>``, ``<pre>``, or a ``<div>``-like element
   holding text directly, as 2000s table layouts and ``<br>``-separated pages do) scores
   1 + its sentence marks + one point per 100 characters (at most 3), counting only text
   outside links. The score goes to its container in full and to the container's
   container in half.
2. A container's score is scaled by (1 − its link density), so navigation blocks with
   much text lose to a column of prose.
3. The best container wins (``clean.article``: the first of a series of like units, the
   siblings that join it); inside it, lists of links are dropped (``clean.link_lists``).

Every pass is a single walk over the tree: no per-element ``text_content()`` over its
whole subtree, so a 10,000-deep page costs no more than a flat one.
"""

from __future__ import annotations

import re
from functools import cache

from lxml.etree import _Element, tostring

from publish.clean.settings import Body, Settings

PARAGRAPH_TAGS = frozenset({"p", "td", "pre", "dd", "blockquote", "li", "h2", "h3", "h4"})
CONTAINER_TAGS = frozenset(
    {"div", "article", "section", "main", "td", "font", "span", "center", "body", "form", "dd"}
)
INLINE_TAGS = frozenset(
    {"a", "span", "b", "strong", "em", "i", "font", "br", "u", "sup", "sub", "img", "small",
     "big", "strike", "s", "abbr", "code", "label", "wbr", "nobr", "ins", "del", "mark", "q"}
)
_MARKS = re.compile(r"[，。；！？、,;!?]")
_SPACE = re.compile(r"\s+")


Counts = tuple[int, int]
"""An element's (characters, characters inside links), surrounding whitespace of each text
node left out: a plain pair, as ``text_stats`` makes one for every element of the page."""


def _tag(el: _Element) -> str:
    return el.tag if isinstance(el.tag, str) else ""


def _own_text(el: _Element) -> str:
    """Text directly inside ``el`` and inside its inline children (not its blocks)."""
    parts = [el.text or ""]
    for child in el:
        if _tag(child) in INLINE_TAGS:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def text_content(el: _Element) -> str:
    """``el.text_content()`` (the XPath string value: every text node under ``el``), at half
    the cost: libxml2 collects the same text nodes without an XPath evaluation per call."""
    text: str = tostring(el, method="text", encoding=str, with_tail=False)
    return text


def _inline_text(el: _Element) -> str:
    return text_content(el)  # the same text nodes as itertext(), collected in C


def _length(text: str) -> int:
    """Characters without surrounding whitespace (inner spaces are rare in Chinese text,
    and this runs for every text node of the page)."""
    return len(text.strip()) if text else 0


def text_stats(root: _Element) -> dict[_Element, Counts]:
    """Characters and link characters under every element, in one bottom-up pass.

    The dict holds every element of ``root`` (not comments) in reverse page order, which
    ``score_containers`` relies on to visit them in page order without walking the tree.
    This runs over every element of the page, so it reads each node's text once and calls
    no helper per node: each element, reached after everything inside it, hands its count
    and its tail's to its parent (``below``), so nothing is visited twice.
    """
    stats: dict[_Element, Counts] = {}
    below: dict[_Element, list[int]] = {}
    for el in reversed(list(root.iter())):
        tag = el.tag
        if isinstance(tag, str):
            text = el.text
            chars = len(text.strip()) if text else 0  # _length, inlined
            inner = below.pop(el, None)
            links = 0
            if inner is not None:
                chars += inner[0]
                links = inner[1]
            if tag == "a":
                links = chars
            stats[el] = (chars, links)
        else:
            chars = links = 0  # a comment: its text is not the page's, its tail is
        if el is root:
            continue
        tail = el.tail
        if tail:
            chars += len(tail.strip())
        if chars:
            parent = el.getparent()
            sums = below.get(parent)
            if sums is None:
                below[parent] = [chars, links]
            else:
                sums[0] += chars
                sums[1] += links
    return stats


def _link_density(counts: Counts) -> float:
    chars, links = counts
    return links / chars if chars else 1.0


def _generic() -> Settings:
    """generic.toml's settings, for callers that give none (tests, tools)."""
    from publish.clean.profiles import generic

    return generic().settings


def _may_be_paragraph(counts: Counts, min_paragraph: int) -> bool:
    """Enough text outside links to be a paragraph: an element without it scores 0, and
    ``score_containers`` does not look at it further (it tests the same inline)."""
    return counts[0] - counts[1] >= min_paragraph


def _paragraph_score(el: _Element, stats: dict[_Element, Counts], body: Body) -> float:
    tag = _tag(el)
    s = stats[el]
    if not _may_be_paragraph(s, body.min_paragraph):
        return 0.0
    if tag in PARAGRAPH_TAGS:
        text = _inline_text(el) if tag not in ("td", "li", "dd") else _own_text(el)
    elif tag in CONTAINER_TAGS:
        text = _own_text(el)
    else:
        return 0.0
    length = _length(text)
    if length < body.min_paragraph:
        return 0.0
    if _link_density(s) > body.link_heavy:
        return 0.0
    if s[1] and s[0] - s[1] <= body.listing_residue_max and body.listing_residue.fullmatch(text_outside_links(el)):
        return 0.0  # an index entry: 【<a>user</a>】03-12 10:23 125字 around its links
    return 1 + len(_MARKS.findall(text)) + min(length / 100, 3)


def text_outside_links(el: _Element) -> str:
    """The text of ``el`` not inside an ``<a>``: what an entry of a list of links says
    besides its links (a forum index's user, time and size; an article's prose)."""
    parts: list[str] = []
    stack: list[_Element | str] = [el]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if item.tag != "a" and item.text:
            parts.append(item.text)
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            if child.tag != "a":
                stack.append(child)
    return "".join(parts)


def is_unlikely(el: _Element, body: Body | None = None) -> bool:
    """Readability's "unlikely candidates": an element whose class or id names chrome
    (comments, related lists, footers, share bars) and not content is never the article."""
    body = body or _generic().body
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return False
    names = f"{cls or ''} {ident or ''}"
    return bool(names.strip()) and _found(body.unlikely, names) and not _found(body.maybe, names)


def _found(pattern: re.Pattern[str], names: str) -> bool:
    """``pattern.search(names)`` for a case-blind pattern, faster on ASCII class names.

    re.IGNORECASE keeps the regex engine from skipping ahead to the words' first letters,
    and this runs for every class and id of the page. Between ASCII pattern and ASCII text,
    ignoring case is only A–Z against a–z, so a pattern written in lower case (no upper-case
    letter, hence no ``\\S``/``\\W`` either) finds the same in the lower-cased text without
    the flag; any other pattern or text is searched as it is.
    """
    folded = _case_folded(pattern)
    if folded is None or not names.isascii():
        return pattern.search(names) is not None
    return folded.search(names.lower()) is not None


@cache
def _case_folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` without re.IGNORECASE when ``_found`` may match it so, else None."""
    p = pattern
    if p.flags & re.IGNORECASE and p.pattern.isascii() and p.pattern == p.pattern.lower():
        return re.compile(p.pattern, p.flags & ~re.IGNORECASE)
    return None






class UnlikelyAncestry:
    """Whether an element is, or sits inside, an unlikely candidate under ``root``.

    Only paragraphs are asked, so each one's ancestors are judged on the way up, once
    (what is known of an ancestor holds for everything below it), instead of every
    element of the page being judged to flag whole subtrees. <html> and <body> are never
    unlikely (lxml's parser never nests them).
    """

    def __init__(self, root: _Element, body: Body | None = None) -> None:
        self._root = root
        self._body = body or _generic().body
        self._inside: dict[_Element, bool] = {}

    def __call__(self, el: _Element) -> bool:
        path: list[_Element] = []
        node: _Element | None = el
        inside = False
        while node is not None:
            known = self._inside.get(node)
            if known is not None:
                inside = known
                break
            path.append(node)
            if node.tag not in ("html", "body") and is_unlikely(node, self._body):
                inside = True
                break
            node = None if node is self._root else node.getparent()
        for passed in path:
            self._inside[passed] = inside
        return inside


def score_containers(
    root: _Element, stats: dict[_Element, Counts], *, skip_unlikely: bool = True, body: Body | None = None
) -> dict[_Element, float]:
    body = body or _generic().body
    scores: dict[_Element, float] = {}
    unlikely = UnlikelyAncestry(root, body) if skip_unlikely else None
    # ``stats`` holds root's elements in reverse page order (text_stats): reversed, it is
    # root.iter() without comments, and without touching the tree.
    candidates = [el for el, (chars, links) in stats.items() if chars - links >= body.min_paragraph]
    for el in reversed(candidates):
        if unlikely is not None and unlikely(el):
            continue
        score = _paragraph_score(el, stats, body)
        if not score:
            continue
        own_block = _tag(el) in CONTAINER_TAGS and _tag(el) not in PARAGRAPH_TAGS
        parent = el if own_block else el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + score / 2
    return {el: sc * (1 - _link_density(stats[el])) for el, sc in scores.items()}


def _is_prose(el: _Element, stats: dict[_Element, Counts]) -> bool:
    counts = stats.get(el)
    if counts is None or _tag(el) != "p":
        return False
    text = _inline_text(el)
    chars, links = counts
    return (chars > 80 and _link_density(counts) < 0.25) or (
        0 < chars <= 80 and links == 0 and bool(re.search(r"[。！？]\s*$", text))
    )
