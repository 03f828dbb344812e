"""CSS selectors over a page's tree, and the cheap test that says one cannot match.

Separate from the HTML reader because it is about cost, not about articles: every page
gets the generic profile's drop and folded selectors (``[class*="player"]``,
``.collapsed`` …), and each search visits the whole tree, while most pages hold none of
those names anywhere. ``PageNames`` holds the class and id values of a page's elements,
gathered by a walk the reader makes anyway; a selector whose names are in none of them is
ruled out without a search, and ``select`` returns what the search would have found:
nothing.

Why the test is exact: every class name, id and attribute value a selector's alternative
names (``.collapsed``, ``#main``, ``[class*="player"]``) is, as lxml's selectors compare
them, part of that attribute's value on a matching element: a substring of it. The
reader only ever removes elements and attributes after the names are gathered, so what a
later search can find is among them. The test may let a selector through that finds
nothing, never the reverse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from cssselect import SelectorError, parse
from cssselect.parser import Attrib, Class, CombinedSelector, Hash
from lxml.cssselect import CSSSelector
from lxml.etree import Element, _Element

_ATTRIBUTE_CONTAINS = re.compile(r'\[([a-z][a-z0-9-]*)\*="([^"\\]+)"\]')
"""``[class*="player"]``: elements whose attribute holds the text (cssselect's
``descendant-or-self::*[@class and contains(@class, 'player')]``)."""
INDEXED = ("class", "id")
"""The attributes ``PageNames`` holds: the ones site selectors name."""
_HOLDING_OPERATORS = frozenset(("=", "~=", "|=", "^=", "$=", "*="))
"""Attribute operators under which the attribute holds the selector's value (not ``!=``)."""


@cache
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


def select(root: _Element, selector: str, names: PageNames | None = None) -> list[_Element]:
    """``root.cssselect(selector)``, with the selector translated to XPath once per
    process instead of on every call (the translation costs more than the search).

    With the page's ``names``, a selector they rule out (``PageNames.may_match``) finds
    nothing without a search. ``[attr*="text"]``, the form of the drop selectors every page
    gets, is matched by lxml's C iteration instead: an XPath evaluation over the whole page
    costs twice as much.
    """
    if names is not None and not names.may_match(selector):
        return []
    substring = _ATTRIBUTE_CONTAINS.fullmatch(selector)
    if substring:
        attr, needle = substring.groups()
        return [el for el in root.iter(Element) if needle in (el.get(attr) or "")]
    found: list[_Element] = _compiled(selector)(root)
    return found


_CLASS_WORD = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
"""``.collapsed``: elements one of whose class words is the name (cssselect's
``contains(concat(' ', normalize-space(@class), ' '), ' collapsed ')``)."""
_XML_SPACE = re.compile(r"[ \t\r\n]+")
"""The white space ``normalize-space`` knows (XPath 1.0): class words are split at it."""


def select_each(root: _Element, selectors: tuple[str, ...], names: PageNames | None = None) -> list[list[_Element]]:
    """What ``select`` finds for each of ``selectors`` in the same tree, with every
    selector of one class word (``.collapsed``, ``.noprint``) matched in a single walk: an
    XPath evaluation of one builds and compares a string per element (milliseconds on a
    large page), and a walk can ask all of them at once."""
    found: list[list[_Element]] = [[] for _ in selectors]
    by_word: dict[str, list[int]] = {}
    for i, selector in enumerate(selectors):
        if names is not None and not names.may_match(selector):
            continue
        if single := _CLASS_WORD.fullmatch(selector):
            by_word.setdefault(single[1], []).append(i)
        else:
            found[i] = select(root, selector)
    if by_word:
        for el in root.iter(Element):
            value = el.get("class")
            if not value or not any(word in value for word in by_word):
                continue
            for word in _XML_SPACE.split(value):
                for i in by_word.get(word, ()):
                    if not found[i] or found[i][-1] is not el:  # a word written twice
                        found[i].append(el)
    return found


@cache
def required_names(selector: str) -> tuple[tuple[tuple[str, str], ...], ...] | None:
    """For each alternative of ``selector`` (``a, b``), the (attribute, text) pairs that a
    matching element's indexed attributes hold; None when the selector is not understood
    (it is then never ruled out)."""
    try:
        alternatives = parse(selector)
    except SelectorError:
        return None
    return tuple(tuple(sorted(set(_literals(alt.parsed_tree)))) for alt in alternatives)


def _literals(node: object) -> list[tuple[str, str]]:
    """(attribute, text) for the class names, ids and indexed attribute values that every
    element matching ``node`` holds.

    Negated (``:not(.x)``) and relative (``:has(.x)``) parts require nothing of it; every
    other part refines the selector it wraps (``.selector``), whose needs it keeps.
    """
    found: list[tuple[str, str]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Class):
            found.append(("class", item.class_name))
        elif isinstance(item, Hash):
            found.append(("id", item.id))
        elif (
            isinstance(item, Attrib) and item.namespace is None and item.attrib.lower() in INDEXED
            and item.operator in _HOLDING_OPERATORS and item.value is not None and item.value.value
        ):
            found.append((item.attrib.lower(), item.value.value))
        elif isinstance(item, CombinedSelector):
            stack.append(item.subselector)
        inner = getattr(item, "selector", None)
        if inner is not None:
            stack.append(inner)
    return found


class PageNames:
    """The class and id values of a page's elements, asked whether a selector can match."""

    def __init__(self, classes: Iterable[str], ids: Iterable[str]) -> None:
        # one string per attribute: a selector's text inside any value is inside it
        self._joined = {"class": "\n".join(classes), "id": "\n".join(ids)}

    def may_match(self, selector: str) -> bool:
        """False when no element of the page can match ``selector``: every alternative
        needs a name (``required_names``) that no element has."""
        alternatives = required_names(selector)
        if alternatives is None:
            return True
        joined = self._joined
        return any(all(text in joined[attr] for attr, text in needs) for needs in alternatives)
