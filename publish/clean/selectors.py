"""CSS selectors over a page's tree, and the cheap test that says one cannot match.

Separate from the HTML reader because it is about cost, not about articles: every page
gets the generic profile's drop and folded selectors (``[class*="player"]``,
``.collapsed`` …), and each search visits the whole tree, while most pages hold none of
those names anywhere. ``PageSource.may_match`` reads the page's source text once and
rules such a selector out without touching the tree; ``select`` then returns what the
search would have found: nothing.

Why the test is exact: a selector's class names, ids and attribute values must be found
in some attribute value of a matching element, and libxml2 builds attribute values from
the source characters, changing only character references (``&#112;``, ``&lowbar;``).
So an ASCII letter or digit in an attribute value is in the source as it is, unless a
reference spells it — a numeric reference to one, or ``&fjlig;`` ("fj"); on a page that
has one, nothing is ruled out. Only runs of ASCII letters and digits are tested (a name's
``-`` or ``_`` may be a reference), as written: lxml's selectors compare class names, ids
and attribute values case by case. The test may let a selector through that finds
nothing, never the reverse.
"""

from __future__ import annotations

import re
from functools import cache

from cssselect import SelectorError, parse
from cssselect.parser import Attrib, Class, CombinedSelector, Hash
from lxml.cssselect import CSSSelector
from lxml.etree import Element, _Element

_ATTRIBUTE_CONTAINS = re.compile(r'\[([a-z][a-z0-9-]*)\*="([^"\\]+)"\]')
"""``[class*="player"]``: elements whose attribute holds the text (cssselect's
``descendant-or-self::*[@class and contains(@class, 'player')]``)."""
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_ASCII_REFERENCE = re.compile(
    r"&(?:#0*([0-9]{1,3})(?![0-9])|#[xX]0*([0-9a-fA-F]{1,2})(?![0-9a-fA-F])|fjlig)"
)
"""The character references that may stand for ASCII letters or digits: numeric ones
below 1000 (or 0x100), and the one named reference of HTML5 that does (``&fjlig;``, "fj")."""


_HOLDING_OPERATORS = frozenset(("=", "~=", "|=", "^=", "$=", "*="))
"""Attribute operators under which the attribute holds the selector's value (not ``!=``)."""


@cache
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


def select(root: _Element, selector: str, source: PageSource | None = None) -> list[_Element]:
    """``root.cssselect(selector)``, with the selector translated to XPath once per
    process instead of on every call (the translation costs more than the search).

    With the page's ``source``, a selector it rules out (``PageSource.may_match``) finds
    nothing without a search. ``[attr*="text"]``, the form of the drop selectors every page
    gets, is matched by lxml's C iteration instead: an XPath evaluation over the whole page
    costs twice as much.
    """
    if source is not None and not source.may_match(selector):
        return []
    substring = _ATTRIBUTE_CONTAINS.fullmatch(selector)
    if substring:
        attr, needle = substring.groups()
        return [el for el in root.iter(Element) if needle in (el.get(attr) or "")]
    found: list[_Element] = _compiled(selector)(root)
    return found


@cache
def required_runs(selector: str) -> tuple[tuple[str, ...], ...] | None:
    """For each alternative of ``selector`` (``a, b``), the runs of ASCII letters and digits
    that attribute values of the page must hold for it to match; None when the selector is
    not understood (it is then never ruled out). Longest first: the rarest, usually."""
    try:
        alternatives = parse(selector)
    except SelectorError:
        return None
    return tuple(
        tuple(sorted({run for literal in _literals(alt.parsed_tree) for run in _ALNUM_RUN.findall(literal)},
                     key=lambda run: (-len(run), run)))
        for alt in alternatives
    )


def _literals(node: object) -> list[str]:
    """Class names, ids and attribute values that every element matching ``node`` has.

    Negated (``:not(.x)``) and relative (``:has(.x)``) parts require nothing of it; every
    other part refines the selector it wraps (``.selector``), whose needs it keeps.
    """
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Class):
            found.append(item.class_name)
        elif isinstance(item, Hash):
            found.append(item.id)
        elif isinstance(item, Attrib) and item.operator in _HOLDING_OPERATORS and item.value is not None:
            found.append(item.value.value or "")
        elif isinstance(item, CombinedSelector):
            stack.append(item.subselector)
        inner = getattr(item, "selector", None)
        if inner is not None:
            stack.append(inner)
    return found


def _spells_ascii(reference: re.Match[str]) -> bool:
    if not reference[1] and not reference[2]:
        return True  # &fjlig
    code = int(reference[1]) if reference[1] else int(reference[2], 16)
    return code < 128 and chr(code).isalnum()


class PageSource:
    """A page's source text, asked whether a selector can match anything in its tree.

    Each run of a selector is looked for once per page (a search costs about as much as
    an XPath evaluation over a small page's tree costs a tenth of), the character
    references only when a selector would be ruled out.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._holds: dict[str, bool] = {}
        self._spelled: bool | None = None

    def _holds_run(self, run: str) -> bool:
        held = self._holds.get(run)
        if held is None:
            held = self._holds[run] = run in self._text
        return held

    def _refs_spell_ascii(self) -> bool:
        """Whether a character reference of the page may stand for an ASCII letter or digit."""
        if self._spelled is None:
            self._spelled = any(map(_spells_ascii, _ASCII_REFERENCE.finditer(self._text)))
        return self._spelled

    def may_match(self, selector: str) -> bool:
        """False when no element of the page can match ``selector``: for every alternative,
        a run it needs (``required_runs``) is not in the source, and no reference spells one."""
        alternatives = required_runs(selector)
        if alternatives is None:
            return True
        if any(all(map(self._holds_run, runs)) for runs in alternatives):
            return True
        return self._refs_spell_ascii()
