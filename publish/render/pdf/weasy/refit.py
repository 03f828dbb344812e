"""A second layout pass for paragraphs WeasyPrint set with over-stretched lines.

WeasyPrint breaks lines greedily and justifies by stretching spaces. When the run after
a line cannot break — a number with its unit (“2020年，”), a Latin word with the next
character (“DeepMind开”), or a paragraph's last two letters, which the 孤字 joiner keeps
together (“一半”。”) — the line before is left short and its gaps stretched, often past
the checker's limit (``publish.typeset.hints.STRETCH_LIMIT_EM``).

``publish.typeset.hints`` wraps each paragraph's text in ``span.fit`` and its last line or
so in ``span.tail``: the style lets the head squeeze (each justification point up to
0.03em below zero), never the tail, since a paragraph's last line is not justified back
to solid. This module watches the first layout: when a justified line is stretched past
the limit, the layout stops as soon as pagination ends (before any page number is
drawn or counted), and the document is laid out again with a remedy for those lines:

1. the paragraph gets ``class="fit squeeze"``: its tail squeezes too, so the last run
   can join the line before (a tail that then ends the paragraph is set at most 0.03em
   per gap tight: better than a line of letter-spaced characters);
2. if a line is still stretched, the line before gives it one character (a word joiner
   for the break, the way Knuth and Plass share a shortfall between lines), or, where
   that would move more than one character or there is no line before, the paragraph
   is squeezed a little harder (``fit squeeze tight``, eighth-em Han–Latin spaces);
   the paragraph is looked at again, and a line still stretched (two characters short:
   “新一轮” before “3000万元”, whose quarter em after the number is padding, no
   justification point) gets the second remedy again, up to ``JOIN_LOOKS`` times.

Two layouts of the whole document at most; the checker reports what the last leaves.
Articles with no stretched line are laid out once, as before. Between the two, the
looks are layouts of the stretched paragraphs alone (every other element hidden,
``_stretched_alone``): they only tell which lines the remedies left stretched, and the
remedies changed nothing else, so the last layout — of the whole document, with every
remedy — is the only other whole one. (Until this, the second was a whole layout too.)
A line that did not fit at a page's foot is justified twice (there, then at the next
page's head): it counts once (``_distinct``), as in a look at its paragraph alone.

**Decided in advance.** What the remedies change depends on a paragraph's text, style and
measure, never on its page: the same article laid out alone or in the book breaks its
lines alike. So the changes made to an article laid out alone (``edits``: which element,
which attribute, the new value; kept with the part's layout in the render cache) are the
changes the three layouts would make to that article in the whole book. The one-pass
build (tagged and PDF/A-UA output) takes them from the per-article layouts and applies
them before its single layout (``decide``) instead of laying the whole book out three
times for one stretched line. Outside the articles (title page, 目录: short, centred or
flush-left lines) nothing is decided; a line stretched there makes ``Undecided`` end the
layout, and the build falls back to the three layouts.

Installed by the PDF writers (``install``) around WeasyPrint's own functions, like the
page-number hook in ``publish.render.pdf.worker``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from publish.typeset.hints import JOINER, STRETCH_LIMIT_EM

JOIN_LOOKS = 3
"""How many times a line still stretched after a character moved down to it is given
one more (each time a look at its paragraph alone): a line one character short of
the measure needs one, a line two or three short (a number that cannot break,
“3000万”, after a line of Latin) needs two or three."""
SQUEEZE_CLASS = "fit squeeze"
TIGHT_CLASS = "fit squeeze tight"
_STATE = threading.local()


class _Again(Exception):
    """Raised when pagination ends with over-stretched lines: lay out once more."""


class Undecided(Exception):
    """A decided layout (``decide``) found a stretched line outside every article, where
    no per-article layout decided anything: lay the document out with the three layouts."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One change a remedy made to an article: ``field`` ("class", "text" or "tail") of
    the article's ``element``-th element in document order (the article itself is 0)
    became ``value``."""

    element: int
    field: str
    value: str


@dataclass(slots=True)
class _Stretched:
    fits: list[Any]
    """The ``span.fit`` elements on the line."""
    first: Any
    """The line's first text box."""


def _fit_spans(box: Any) -> Iterator[Any]:
    """The elements of the ``span.fit`` boxes on a line."""
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", "") == "span":
        if "fit" in (element.get("class") or "").split():
            yield element
    for child in getattr(box, "children", ()):
        yield from _fit_spans(child)


def _first_text(box: Any) -> Any:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        return box
    for child in getattr(box, "children", ()):
        found = _first_text(child)
        if found is not None:
            return found
    return None


def _watch_justify(original: Any) -> Any:
    def justify_line(context: Any, line: Any, extra_width: float) -> Any:
        from weasyprint.layout.inline import count_expandable_spaces

        watching: list[_Stretched] | None = getattr(_STATE, "stretched", None)
        spaces = count_expandable_spaces(line)
        if watching is not None and spaces:
            if extra_width / spaces > STRETCH_LIMIT_EM * line.style["font_size"]:
                fits = [e for e in _fit_spans(line) if e.get("class") != TIGHT_CLASS]
                watching.append(_Stretched(fits, _first_text(line)))
        return original(context, line, extra_width)

    return justify_line


def _stop_after_pagination(original: Any) -> Any:
    def make_all_pages(*args: Any, **kwargs: Any) -> Iterator[Any]:
        yield from original(*args, **kwargs)
        if getattr(_STATE, "alone", False):
            raise _Again  # paragraphs alone: never a page number drawn or counted (pdf.worker)
        found: list[_Stretched] | None = getattr(_STATE, "stretched", None)
        if found:
            front: set[int] | None = getattr(_STATE, "front", None)
            if front is None:
                raise _Again
            if any(_in(line, front) for line in found):
                raise Undecided

    return make_all_pages


def _in(line: _Stretched, ids: set[int]) -> bool:
    elements = [*line.fits, getattr(line.first, "element", None)]
    return any(e is not None and id(e) in ids for e in elements)


def _change(owner: Any, field: str, value: str) -> None:
    """Set ``field`` of ``owner`` (an element) and note it for ``edits``."""
    if field == "class":
        owner.set("class", value)
    else:
        setattr(owner, field, value)
    log: list[tuple[Any, str, str]] | None = getattr(_STATE, "edits", None)
    if log is not None:
        log.append((owner, field, value))


def _squeeze(found: list[_Stretched]) -> None:
    """Let the tails of the paragraphs squeeze too (``SQUEEZE_CLASS``)."""
    for line in found:
        for element in line.fits:
            _change(element, "class", SQUEEZE_CLASS)


def _strings(element: Any) -> Iterator[tuple[Any, str]]:
    """(element, "text" or "tail") for every text string inside ``element``."""
    yield element, "text"
    for child in element:
        yield from _strings(child)
        yield child, "tail"


def _join_before(found: list[_Stretched]) -> bool:
    """Put a word joiner for the justification point where each line begins (the hint
    its line broke at), so the line before gives it one character and shares the
    shortfall. Where the line before ends in more than one character that would go
    down together (“2018年”), or there is no line before, the paragraph is squeezed
    harder instead (``TIGHT_CLASS``: tighter points, eighth-em Han–Latin spaces),
    which also lets a Latin word hyphenate. False when nothing changed (every paragraph
    already tight, no character to move)."""
    changed = False
    for line in _distinct(found):
        if _join(line.first):
            changed = True
            continue
        for element in line.fits:
            if element.get("class") != TIGHT_CLASS:
                _change(element, "class", TIGHT_CLASS)
                changed = True
    return changed


def _distinct(found: list[_Stretched]) -> list[_Stretched]:
    """``found`` without repeats: a line that did not fit at a page's foot is laid out
    (and justified) again at the next page's head, the same line twice, which would be
    given two remedies (a character moved down, then the paragraph set tight) where a
    look at its paragraph alone, on one page, gives it one."""
    seen: set[tuple[int, str]] = set()
    out = []
    for line in found:
        key = (id(getattr(line.first, "element", None)), getattr(line.first, "text", ""))
        if line.first is None or key not in seen:
            seen.add(key)
            out.append(line)
    return out


def _join(box: Any) -> bool:
    """Replace the hint before ``box``'s text (the line's first) by a word joiner, in
    the element tree the next layout reads; found by its text, the first occurrence in
    the box's element. False when the character before the hint is not alone (no hint
    before it: a number with its unit, a closing mark) or nothing is found."""
    if box is None or box.element is None or not box.text.strip():
        return False
    head = box.text.lstrip()[:8]
    for owner, attr in _strings(box.element):
        value = getattr(owner, attr) or ""
        at = value.find(" " + head)
        if at >= 0:
            if at < 2 or value[at - 2] != " ":
                return False  # what would go down is more than one character
            _change(owner, attr, value[:at] + JOINER + value[at + 1 :])
            return True
    return False


def _render_again(original: Any) -> Any:
    def render(html: Any, *args: Any, **kwargs: Any) -> Any:
        front: set[int] | None = getattr(html, "_publish_front", None)
        _STATE.edits = [] if front is None else None
        try:
            if front is not None:  # decided: one layout, watching the front matter only
                _STATE.stretched, _STATE.front = [], front
                return original(html, *args, **kwargs)
            _STATE.stretched = []
            try:
                return original(html, *args, **kwargs)
            except _Again:
                first: list[_Stretched] = _STATE.stretched
            _squeeze(first)
            found = _stretched_alone(original, html, first, *args, **kwargs)
            for _ in range(JOIN_LOOKS):
                if not found or not _join_before(found):
                    break
                found = _stretched_alone(original, html, found, *args, **kwargs)
            _STATE.stretched = None
            return original(html, *args, **kwargs)
        finally:
            html._publish_edits = _STATE.edits
            _STATE.stretched = _STATE.front = _STATE.edits = None

    return render


INLINE_TAGS = frozenset(
    {"span", "em", "strong", "a", "b", "i", "u", "s", "sup", "sub", "small", "code", "q", "cite", "mark", "abbr", "br"}
)
"""Elements inside a line: a stretched line's paragraph is its nearest ancestor of another tag."""
_HIDDEN = "display: none !important"


def _stretched_alone(original: Any, html: Any, found: list[_Stretched], *args: Any, **kwargs: Any) -> list[_Stretched]:
    """The lines still stretched once ``_squeeze`` has changed ``found``'s paragraphs,
    from a layout of those paragraphs alone (``_stand_ins``). Only those paragraphs
    changed, and a paragraph breaks its lines alike wherever it falls (no floats or
    counters in the styles), so this is what a second layout of the whole document
    would find, at the cost of a few paragraphs."""
    swapped = _stand_ins(html, found)
    _STATE.stretched, _STATE.alone = [], True
    try:
        original(html, *args, **kwargs)
    except _Again:
        pass
    finally:
        _STATE.alone = False
        for parent, index, element in swapped:
            parent[index] = element
    again: list[_Stretched] = _STATE.stretched
    return again


def _stand_ins(html: Any, found: list[_Stretched]) -> list[tuple[Any, int, Any]]:
    """Swap every element of the body that holds none of ``found``'s paragraphs for an
    empty, hidden stand-in with its tag, attributes and tail, so that selectors match
    the paragraphs as before (the styles' only structural one, ``:last-child``, looks
    inside a paragraph) and nothing else is styled or laid out. (parent, index, element)
    of each, to swap back."""
    parents = {child: parent for parent in html.etree_element.iter() for child in parent}
    kept: set[Any] = set()
    for line in found:
        for element in [*line.fits, getattr(line.first, "element", None)]:
            while element is not None and element.tag in INLINE_TAGS and element in parents:
                element = parents[element]
            if element is not None:
                kept.add(element)
    ancestors: set[Any] = set()
    for element in kept:
        while element in parents and parents[element] not in ancestors:
            element = parents[element]
            ancestors.add(element)
    body = next(html.etree_element.iter("body"), None)
    swapped = []
    for parent in ancestors:
        if body is None or not (parent is body or _under(parent, body, parents)):
            continue  # the root and <head> keep everything
        for index, child in enumerate(parent):
            if child in ancestors or child in kept or not isinstance(child.tag, str):
                continue
            stand_in = parent.makeelement(child.tag, dict(child.attrib))
            stand_in.set("style", _HIDDEN)
            stand_in.tail = child.tail
            parent[index] = stand_in
            swapped.append((parent, index, child))
    return swapped


def _under(element: Any, ancestor: Any, parents: dict[Any, Any]) -> bool:
    while element in parents:
        element = parents[element]
        if element is ancestor:
            return True
    return False


def _articles(html: Any) -> list[Any]:
    return list(html.etree_element.iter("article"))


def edits(html: Any) -> list[tuple[Edit, ...]] | None:
    """What the remedies of the last ``render`` of ``html`` changed, per article in
    document order; None where a change fell outside every article."""
    made: list[tuple[Any, str, str]] = getattr(html, "_publish_edits", None) or []
    articles = _articles(html)
    where: dict[int, tuple[int, int]] = {
        id(element): (a, n) for a, article in enumerate(articles) for n, element in enumerate(article.iter())
    }
    out: list[list[Edit]] = [[] for _ in articles]
    for owner, field, value in made:
        if id(owner) not in where:
            return None
        a, n = where[id(owner)]
        edit = Edit(n, field, value)
        if not out[a] or out[a][-1] != edit:  # a span on two stretched lines is changed once
            out[a].append(edit)
    return [tuple(found) for found in out]


def decide(html: Any, decided: Sequence[Sequence[Edit]]) -> None:
    """Apply each article's edits (from its layout alone, ``edits``) to ``html`` and make
    its next ``render`` a single layout; it raises ``Undecided`` if a line outside the
    articles is stretched."""
    articles = _articles(html)
    if len(articles) != len(decided):
        raise ValueError(f"{len(decided)} articles decided for a document of {len(articles)}")
    inside: set[int] = set()
    for article, changes in zip(articles, decided, strict=True):
        elements = list(article.iter())
        inside.update(id(e) for e in elements)
        for change in changes:
            _change(elements[change.element], change.field, change.value)
    html._publish_front = {id(e) for e in html.etree_element.iter()} - inside


def install() -> None:
    """Wrap WeasyPrint's justification, pagination and render (once per process), with
    the line-end justification of ``publish.render.pdf.weasy.line_end``: the refit watches the lines that
    one justifies, so the two are never installed apart."""
    import weasyprint
    import weasyprint.layout as layout
    import weasyprint.layout.inline as inline

    from publish.render.pdf.weasy import line_end

    line_end.install()
    if getattr(weasyprint.HTML.render, "_publish_refit", False):
        return
    inline.justify_line = _watch_justify(inline.justify_line)
    layout.make_all_pages = _stop_after_pagination(layout.make_all_pages)
    render = _render_again(weasyprint.HTML.render)
    render._publish_refit = True
    weasyprint.HTML.render = render


def as_laid_out(html: Any) -> None:
    """Make the next ``render`` of ``html`` one layout with the remedies its last render
    already made to its elements, looking for none (a second layout that must break the
    lines as the first did: ``pdf.note_pages``). ``edits`` reads the last render's: take
    them before."""
    html._publish_front = set()
