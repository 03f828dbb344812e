"""A pause or closing mark that ends a justified line hangs its blank half past the
measure, so the line's ink ends flush with the others (``publish.render.pdf.weasy.line_end``)."""

from __future__ import annotations

from pathlib import Path

from publish.check.lines import read_lines
from publish.check.rules import Layout, ink_end, measure, paragraph_ends
from publish.typeset.hints import LEFT_INK_MARKS


def _mark_ended_lines(layout: Layout) -> list[tuple[float, float]]:
    """(ink end, measure's right edge) of every justified body line ending with a mark."""
    return [
        (ink_end(ln), layout.frames[ln.page][1])
        for ln, last in paragraph_ends(layout)
        if not last and ln.text[-1] in LEFT_INK_MARKS
    ]


def test_every_line_of_the_seed_that_ends_on_a_mark_ends_its_ink_at_the_measure(built_pdf: Path) -> None:
    layout = measure(read_lines(built_pdf))
    ends = _mark_ended_lines(layout)
    assert len(ends) >= 10  # 12 lines of the seed's 123 justified ones end on ，。、 …
    tolerance = 0.05 * layout.body_size
    assert [round(right - ink, 1) for ink, right in ends if abs(right - ink) > tolerance] == []


def test_a_hanging_mark_leaves_its_box_half_an_em_in_the_margin(built_pdf: Path) -> None:
    """The glyph's box (what the ragged-right rule reads) reaches past the measure."""
    layout = measure(read_lines(built_pdf))
    line = next(ln for ln, last in paragraph_ends(layout) if not last and ln.text[-1] in LEFT_INK_MARKS)
    right = layout.frames[line.page][1]
    assert abs(line.x1 - right - 0.5 * line.size) < 0.05 * layout.body_size
