"""Footnotes numbered ① ② ③ afresh on every page (a style's ``footnotes = "page"``).

WeasyPrint 70 cannot reset a counter per page: its footnote counter counts in document
order (Kozea/WeasyPrint#1509). So the notes carry their numbers in ``data-n``
(``render.xhtml``, per article), and a document laid out with them is renumbered here
from where each call landed, then laid out again. The circled numbers are all one em
wide, so the second layout breaks lines and pages as the first did; ``same_pages``
checks that, and a caller keeps the first layout (the per-article numbers) when it did
not. Only a document with notes pays the second layout.

The pages are read from WeasyPrint's laid-out boxes (``Page._page_box``: the call's
``::footnote-call`` box in the text, the note's box in the page's footnote area),
internals like the hooks of ``pdf.weasy``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from publish.render.xhtml import note_number


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a document's notes fell, note by note in document order."""

    calls: tuple[int | None, ...]
    """The page (from 0) of each note's call, None where no call box was found."""
    bodies: tuple[int | None, ...]
    """The page whose footnote area holds each note."""
    pages: int


def _is_note(element: Any) -> bool:
    return element.tag == "span" and "footnote" in (element.get("class") or "").split() and element.get("data-n") is not None


def notes(html: Any) -> list[Any]:
    """The note elements (``span.footnote``) of a WeasyPrint HTML, in document order."""
    return [e for e in html.etree_element.iter() if isinstance(e.tag, str) and _is_note(e)]


def _descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def placement(html: Any, document: Any) -> Placement:
    """On which page each note's call and text landed in ``document`` (``html`` laid out)."""
    from weasyprint.formatting_structure.boxes import FootnoteAreaBox

    calls: dict[int, int] = {}
    bodies: dict[int, int] = {}
    for number, page in enumerate(document.pages):
        for box in _descendants(page._page_box):
            element = getattr(box, "element", None)
            if element is not None and str(getattr(box, "element_tag", "")).endswith("::footnote-call"):
                calls.setdefault(id(element), number)
            elif isinstance(box, FootnoteAreaBox):
                for note in box.children:
                    if getattr(note, "element", None) is not None:
                        bodies.setdefault(id(note.element), number)
    found = notes(html)
    return Placement(
        calls=tuple(calls.get(id(e)) for e in found),
        bodies=tuple(bodies.get(id(e)) for e in found),
        pages=len(document.pages),
    )


def unplaceable(where: Placement) -> str | None:
    """Why per-page numbers cannot follow ``where``, or None: a call not found, or a
    note set on another page than its call (WeasyPrint moves a note that does not fit
    to the next page; its number would then clash with that page's own ①)."""
    for index, (call, body) in enumerate(zip(where.calls, where.bodies, strict=True), start=1):
        if call is None or body is None:
            return f"note {index} was not found on any page"
        if call != body:
            return f"note {index} is printed on page {body + 1}, its call on page {call + 1}"
    return None


Change = tuple[Any, str, str]
"""(element, "data-n" or "text", the value before): what ``renumber`` changed, to undo."""


def renumber(html: Any, where: Placement) -> list[Change]:
    """Give each note its number on its call's page (①, ②… from each page's first call),
    and each repeated call (``sup.note-again``, which prints an earlier note's number) the
    new number of that note, in the element tree the next layout reads."""
    changes: list[Change] = []
    on_page: dict[int, int] = {}
    page_of = dict(zip((id(e) for e in notes(html)), where.calls, strict=True))
    for article in _articles(html):
        new: dict[str, str] = {}
        for element in article.iter():
            if not isinstance(element.tag, str):
                continue
            if _is_note(element):
                page = page_of[id(element)]
                assert page is not None, "renumber() after unplaceable() found every call"
                on_page[page] = on_page.get(page, 0) + 1
                old = element.get("data-n")
                new[old] = note_number(on_page[page])
                changes.append((element, "data-n", old))
                element.set("data-n", new[old])
            elif element.tag == "sup" and element.get("class") == "note-again" and element.text in new:
                changes.append((element, "text", element.text))
                element.text = new[element.text]
    return changes


def _articles(html: Any) -> list[Any]:
    """The articles, or the whole document where its notes are outside any."""
    found = list(html.etree_element.iter("article"))
    inside = sum(1 for a in found for e in a.iter() if isinstance(e.tag, str) and _is_note(e))
    return found if inside == len(notes(html)) else [html.etree_element]


def undo(changes: list[Change]) -> None:
    for element, field, value in reversed(changes):
        if field == "text":
            element.text = value
        else:
            element.set(field, value)


def same_pages(first: Placement, second: Placement) -> bool:
    """Whether the second layout put every call and note where the first did."""
    return first == second


def per_page(html: Any, document: Any, again: Callable[[], Any]) -> tuple[Any, str | None]:
    """``document`` (``html`` laid out with the per-article numbers) numbered per page:
    renumbered from it and laid out again by ``again()``; ``document`` itself when it has
    no notes, when every number stays, or — with the reason, for a warning — when the
    notes cannot be numbered by page or the second layout moved one."""
    if not notes(html):
        return document, None
    where = placement(html, document)
    why = unplaceable(where)
    if why is not None:
        return document, why
    changes = renumber(html, where)
    if all(_value(element, field) == value for element, field, value in changes):
        return document, None  # every note's page already starts at its first: the same layout
    second = again()
    if same_pages(where, placement(html, second)):
        return second, None
    undo(changes)
    return document, "the layout with per-page numbers moved a note to another page"


def _value(element: Any, field: str) -> str:
    return str(element.text if field == "text" else element.get(field))
