"""The checker's rules: each reads the PDF's lines and returns findings (docs/typography.md §6).

Separate from line extraction so every rule is a small function over ``Line`` records
and can be tested on its own. The page geometry (body face and size, the text frame,
the line pitch) is measured from the document itself, so the rules hold for any style.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from publish.check.lines import Line
from publish.typeset.cjk import HAN
from publish.typeset.hints import (
    LEFT_INK_MARKS,
    NO_LINE_END,
    NO_LINE_START,
    OPENING,
    STRETCH_LIMIT_EM,
)

_LETTER = re.compile(f"[{HAN}A-Za-z0-9]")
_TOC_ENTRY = re.compile(r"[·.…]{3,}\s*\d+$")
RAGGED_TOLERANCE_EM = 0.05
"""How far short of the measure a justified line may stop, in body ems: rounding of
advances, and a line-end mark that ``chws`` set half-width (as ctex does on purpose)."""
OVERFLOW_TOLERANCE_PT = 1.0
"""How far past the text frame a line may reach: rounding of advances. Hanging
punctuation is not used, so nothing is meant to reach past the frame."""
# A mark of ``LEFT_INK_MARKS`` at a line's end has its ink in the left half of its box:
# set half-width (``halt``) or hanging (``publish.render.pdf.weasy.line_end``), the PDF still gives it a
# whole em, since nothing follows to carry a shortened advance, so the line's ink ends
# half an em before its box does. The rules read a line's end by its ink.
QUARTER_EM = 0.25
"""The room between a Han character and a Latin letter or digit (clreq, CY/T 154)."""
SCRIPT_GAP_TOLERANCE_EM = 0.06
"""How much wider than a quarter em (plus the line's stretch) that room may measure:
rounding of advances. A quarter em plus a space (“2020  年”) is 0.47em or more."""
HEADING_FACES = ("Hei", "Sans", "Bold", "Heavy", "Black")
"""Words in a font's name that mark a heading face."""


@dataclass(frozen=True, slots=True)
class Finding:
    page: int
    line: int
    kind: str
    """ragged-right, stretched, wide-script-gap, past-measure, forbidden-start, forbidden-end, split-mark,
    orphan-char, heading-at-foot, orphan-line, widow-line, uneven-spread, short-last-page (the last
    two with --spreads), fallback-font, font-not-embedded, missing-glyph."""
    text: str

    def __str__(self) -> str:
        where = f"p.{self.page} l.{self.line}" if self.page else "document"
        return f"{where}: {self.kind}: {self.text}"


@dataclass(frozen=True, slots=True)
class Layout:
    """What the document's own body text says about its pages."""

    lines: list[Line]
    body_font: str
    body_size: float
    band: tuple[float, float]
    """Top and bottom of the body text on the page; lines outside are running heads/folios."""
    pitch: float
    frames: dict[int, tuple[float, float]]
    """Page → left and right edge of its body text."""

    def is_body(self, line: Line) -> bool:
        """A line of running text: the body face and size, and not a 目录 entry (its
        leader and page number end it; it is no paragraph that could be split)."""
        return line.font == self.body_font and abs(line.size - self.body_size) < 0.2 and not _TOC_ENTRY.search(line.text)

    def is_furniture(self, line: Line) -> bool:
        return line.top < self.band[0] - 1 or line.bottom > self.band[1] + 1

    def indented(self, line: Line) -> bool:
        left = self.frames.get(line.page, (line.x0, line.x1))[0]
        return line.x0 > left + 0.8 * self.body_size


def _body_face(lines: list[Line]) -> tuple[str, float]:
    """The face and size of the body text: the one whose lines open paragraphs with a
    2em indent most often (captions and headings are not indented), then the most text."""
    left: dict[tuple[str, float, int], float] = {}
    for ln in lines:
        key = (ln.font, ln.size, ln.page)
        left[key] = min(left.get(key, ln.x0), ln.x0)
    score: Counter[tuple[str, float]] = Counter()
    for ln in lines:
        indent = ln.x0 - left[(ln.font, ln.size, ln.page)]
        score[(ln.font, ln.size)] += 1000 * (abs(indent - 2 * ln.size) < 0.3 * ln.size) + len(ln.text)
    return score.most_common(1)[0][0]


def measure(lines: list[Line]) -> Layout:
    font, size = _body_face(lines)
    body = [ln for ln in lines if ln.font == font and abs(ln.size - size) < 0.2]
    band = (min(ln.top for ln in body), max(ln.bottom for ln in body))
    steps: Counter[float] = Counter(
        round(b.top - a.top, 1) for a, b in zip(body, body[1:], strict=False) if a.page == b.page and b.top > a.top
    )
    pitch = steps.most_common(1)[0][0] if steps else size * 1.7
    return Layout(lines, font, size, band, pitch, _frames(body))


def _frames(body: list[Line]) -> dict[int, tuple[float, float]]:
    """Page → left and right edge of the text frame. Rectos and versos each have one
    frame for the whole book: the edges where most body lines start, and where most of
    those that end on a letter end."""
    by_parity: dict[int, tuple[float, float]] = {}
    for parity in (0, 1):
        lines = [ln for ln in body if ln.page % 2 == parity]
        if lines:
            lefts = Counter(round(ln.x0, 1) for ln in lines)
            # The right edge is where an ideograph's box ends: a line ending on a mark
            # ends its box or its ink elsewhere, by how the engine set the mark.
            solid = [ln for ln in lines if ln.text[-1] not in LEFT_INK_MARKS] or lines
            rights = Counter(round(ln.x1, 1) for ln in solid)
            by_parity[parity] = (lefts.most_common(1)[0][0], rights.most_common(1)[0][0])
    return {ln.page: by_parity[ln.page % 2] for ln in body}


def _content(layout: Layout) -> list[Line]:
    return [ln for ln in layout.lines if not layout.is_furniture(ln)]


def forbidden_marks(layout: Layout) -> Iterator[Finding]:
    for ln in _content(layout):
        if ln.text[0] in NO_LINE_START:
            yield Finding(ln.page, ln.number, "forbidden-start", ln.text)
        if ln.text[-1] in NO_LINE_END:
            yield Finding(ln.page, ln.number, "forbidden-end", ln.text)


def split_marks(layout: Layout) -> Iterator[Finding]:
    content = _content(layout)
    for a, b in zip(content, content[1:], strict=False):
        for mark in "…—":
            tail = len(a.text) - len(a.text.rstrip(mark))
            if tail % 2 and b.text.startswith(mark):
                yield Finding(a.page, a.number, "split-mark", f"{a.text} / {b.text}")


def paragraph_ends(layout: Layout) -> Iterator[tuple[Line, bool]]:
    """Each body line with whether it ends its paragraph."""
    content = _content(layout)
    for i, ln in enumerate(content):
        if not layout.is_body(ln):
            continue
        nxt = content[i + 1] if i + 1 < len(content) else None
        if nxt is None or not layout.is_body(nxt):
            yield ln, True
        elif nxt.page == ln.page and nxt.top - ln.top > layout.pitch * 1.3:
            yield ln, True
        else:
            yield ln, layout.indented(nxt)


def ink_end(ln: Line) -> float:
    """Where a line's ink ends: a left-set mark's blank half is no ink."""
    return ln.x1 - (0.5 * ln.size if ln.text[-1] in LEFT_INK_MARKS else 0.0)


def ink_start(ln: Line) -> float:
    """Where a line's ink starts: an opening mark's blank left half is no ink (an engine
    may trim it at a line's start, as ctex does, moving the glyph's box into the margin)."""
    return ln.x0 + (0.5 * ln.size if ln.text[0] in OPENING else 0.0)


def ragged_lines(layout: Layout) -> Iterator[Finding]:
    """Lines inside a paragraph that stop short of the measure (their last glyph's box:
    a full-width mark whose blank half ends the line is set to the measure)."""
    for ln, last in paragraph_ends(layout):
        right = layout.frames[ln.page][1]
        if not last and ln.x1 < right - RAGGED_TOLERANCE_EM * layout.body_size:
            yield Finding(ln.page, ln.number, "ragged-right", f"{ln.text} ({right - ln.x1:.1f}pt short)")


def stretched_lines(layout: Layout) -> Iterator[Finding]:
    """Lines whose ideographs justification set more than ``STRETCH_LIMIT_EM`` apart."""
    for ln in _content(layout):
        if ln.stretch > STRETCH_LIMIT_EM:
            yield Finding(ln.page, ln.number, "stretched", f"{ln.text} ({ln.stretch:.2f}em between characters)")


def wide_script_gaps(layout: Layout) -> Iterator[Finding]:
    """Lines, running heads included, where a Han character and a Latin letter or digit
    beside it are set further apart than a quarter em plus the line's justification
    stretch (which every point of a justified line shares)."""
    for ln in layout.lines:
        room = ln.script_gap - max(ln.stretch, 0.0)
        if room > QUARTER_EM + SCRIPT_GAP_TOLERANCE_EM:
            yield Finding(ln.page, ln.number, "wide-script-gap", f"{ln.text} ({ln.script_gap:.2f}em between Han and Latin)")


def past_measure(layout: Layout) -> Iterator[Finding]:
    """Lines that run into the margin: a phrase a heading keeps whole (``span.nobr``)
    longer than its measure, a long URL or number, a table wider than the page.

    Every line of a page is held to the frame of its side (rectos and versos each have
    one), including the pages without body text: the title page and the 目录."""
    by_parity = {page % 2: frame for page, frame in layout.frames.items()}
    for ln in _content(layout):
        frame = layout.frames.get(ln.page) or by_parity.get(ln.page % 2)
        if frame is None:
            continue
        left, right = frame
        over = max(left - ink_start(ln), ink_end(ln) - right)
        if over > OVERFLOW_TOLERANCE_PT:
            yield Finding(ln.page, ln.number, "past-measure", f"{ln.text} ({over:.1f}pt into the margin)")


def orphan_chars(layout: Layout) -> Iterator[Finding]:
    for ln, last in paragraph_ends(layout):
        if last and len(_LETTER.findall(ln.text)) == 1:
            yield Finding(ln.page, ln.number, "orphan-char", ln.text)


def _last_and_first(layout: Layout) -> Iterator[tuple[Line, Line]]:
    """(last content line of a page, first content line of the next page) pairs."""
    content = _content(layout)
    for a, b in zip(content, content[1:], strict=False):
        if b.page == a.page + 1:
            yield a, b


def _is_heading(layout: Layout, line: Line) -> bool:
    return line.font != layout.body_font and any(w in line.font for w in HEADING_FACES)


def headings_at_foot(layout: Layout) -> Iterator[Finding]:
    """A heading that is the last line of its page, parted from the text it heads: the
    next page opens with body text (a title page's title heads no text: the 目录 follows)."""
    for last, first in _last_and_first(layout):
        if _is_heading(layout, last) and layout.is_body(first):
            yield Finding(last.page, last.number, "heading-at-foot", last.text)


def widows_and_orphans(layout: Layout) -> Iterator[Finding]:
    """A paragraph split across pages keeps at least two lines on each side."""
    ends = dict((id(ln), last) for ln, last in paragraph_ends(layout))
    for last, first in _last_and_first(layout):
        if not (layout.is_body(last) and layout.is_body(first)) or layout.indented(first):
            continue  # the page break falls between paragraphs
        if layout.indented(last):
            yield Finding(last.page, last.number, "orphan-line", f"{last.text} (first line alone at the foot)")
        if ends.get(id(first)):
            yield Finding(first.page, first.number, "widow-line", f"{first.text} (last line alone at the head)")


OPENING_SIZE = 1.3
"""A page whose first line is at least this many body sizes opens an article (its title)."""
SHORT_LAST_PAGE_LINES = 2
"""An article's last page holding no more lines than this should have been pulled back."""


def _pages(layout: Layout) -> dict[int, list[Line]]:
    """Page → its content lines (running heads and folios left out), pages with none omitted."""
    pages: dict[int, list[Line]] = {}
    for ln in _content(layout):
        pages.setdefault(ln.page, []).append(ln)
    return pages


def _opens_article(lines: list[Line], layout: Layout) -> bool:
    """A title (``OPENING_SIZE`` body sizes or more) comes before the page's first body
    line: a lead (引题) may stand above it."""
    for ln in lines:
        if layout.is_body(ln):
            return False
        if ln.size >= OPENING_SIZE * layout.body_size:
            return True
    return False


def _runs_on(page: int, pages: dict[int, list[Line]], layout: Layout) -> bool:
    """The text of ``page`` goes on on the next page: both hold running text and the next
    opens no article (front matter, a 目录 page, has no body lines)."""
    here, after = pages.get(page), pages.get(page + 1)
    return (
        here is not None
        and after is not None
        and any(layout.is_body(ln) for ln in here)
        and any(layout.is_body(ln) for ln in after)
        and not _opens_article(after, layout)
    )


def uneven_spreads(layout: Layout) -> Iterator[Finding]:
    """Facing pages (a verso and the recto after it) inside an article end on the same
    line (对页齐平). A spread whose recto ends the article may end short there; one whose
    text runs on past the recto may not, nor may a verso stop short opposite its recto."""
    pages = _pages(layout)
    for verso in sorted(p for p in pages if p % 2 == 0 and p + 1 in pages):
        recto = verso + 1
        if not _runs_on(verso, pages, layout) or not _runs_on(recto, pages, layout):
            continue
        short = round((pages[recto][-1].bottom - pages[verso][-1].bottom) / layout.pitch)
        if short:
            page, lines = (verso, abs(short)) if short > 0 else (recto, -short)
            last = pages[page][-1]
            yield Finding(page, last.number, "uneven-spread", f"pp.{verso}–{recto}: p.{page} ends {lines} lines short")


def short_last_pages(layout: Layout) -> Iterator[Finding]:
    """An article's last page that holds only a line or two: the article ends on a page
    turned for almost nothing (and, in a style that opens articles on a recto, before a
    blank verso)."""
    pages = _pages(layout)
    for page, lines in sorted(pages.items()):
        if _runs_on(page, pages, layout) or not _runs_on(page - 1, pages, layout):
            continue  # the text goes on, or the page is no continuation of an article
        if len(lines) <= SHORT_LAST_PAGE_LINES:
            yield Finding(page, lines[-1].number, "short-last-page", f"{len(lines)} lines: {lines[-1].text}")


def fallback_fonts(layout: Layout, allowed_prefix: str = "Publish-") -> Iterator[Finding]:
    """Glyphs in a face that is not one of the style's (publish names them Publish-*).
    A PDF made elsewhere has no such faces; there is nothing to compare it with."""
    if not any(f.startswith(allowed_prefix) for ln in layout.lines for f in ln.fonts):
        return
    for ln in layout.lines:
        stray = [f for f in ln.fonts if not f.startswith(allowed_prefix)]
        if stray:
            yield Finding(ln.page, ln.number, "fallback-font", f"{', '.join(stray)}: {ln.text}")


RULES: tuple[Callable[[Layout], Iterator[Finding]], ...] = (
    forbidden_marks,
    split_marks,
    ragged_lines,
    stretched_lines,
    wide_script_gaps,
    past_measure,
    orphan_chars,
    headings_at_foot,
    widows_and_orphans,
    fallback_fonts,
)
"""Every line rule, in report order."""

SPREAD_RULES: tuple[Callable[[Layout], Iterator[Finding]], ...] = (uneven_spreads, short_last_pages)
"""The page rules (对页齐平, short last pages), run when asked (``publish check --spreads``):
WeasyPrint 70 has no vertical justification to balance a spread with, so no style keeps
them yet, and the books' zero-finding tests hold the line rules only (docs/print.md)."""
