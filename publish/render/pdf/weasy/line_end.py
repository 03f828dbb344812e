"""A mark that ends a justified line gives up its blank half: the line's ink ends flush.

A pause or closing mark (，。、；：！？ ”’）》 …) sits in the left half of its em box
(zh-Hans forms, GB/T 15834). At the end of a justified line, set full-width, its blank
right half leaves the line's ink half an em short of the measure: the right edge of the
column looks ragged wherever a line ends on a mark (one justified line in ten of the
seed and of the ten-article book). clreq §3.1.6 and JIS X 4051 let such a mark be set half-width at the line end;
TeX's ctex does it (its ``kaiming`` style), and so does every professional CJK engine.

WeasyPrint has no ``text-spacing-trim: trim-end`` (or any line-end adjustment), so this
module wraps its ``text_align``: for a line that is justified (not a paragraph's last),
whose last text ends with such a mark set full-width, the line is justified to half an
em *more* than the measure. The justification points share that half em (under 0.02em
each on a line of Han text), the mark's ink ends at the measure, and its blank half
hangs, invisible, in the margin. Line breaks are not changed: this is a justification
device only, so every rule the breaking keeps (禁则, 孤字, widows) holds as before.
The checker reads such a line's end by the mark's ink (``check.rules.ink_end``).

Not done for a mark already set half-width (``halt``: ``span.half`` and ``span.end``),
whose blank half is gone, nor where sharing the half em would stretch the line past the
limit the refit and the checker hold it to.
"""

from __future__ import annotations

from typing import Any

from publish.typeset.hints import LEFT_INK_MARKS, STRETCH_LIMIT_EM

INVISIBLE = " \u00a0\u2060\u00ad\u200b"
"""What may follow the mark in the line's text without being drawn (justification
points, joiners, soft hyphens), which the line's end is read past."""


def _last_text_box(box: Any) -> Any | None:
    """The line's last text box with something drawn in it, or None."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        return box if box.text.rstrip(INVISIBLE) else None
    if isinstance(box, boxes.LineBox | boxes.InlineBox):
        for child in reversed(box.children):
            if not child.is_in_normal_flow():
                continue
            found = _last_text_box(child)
            if found is not None or not isinstance(child, boxes.InlineBox | boxes.TextBox):
                return found
    return None


def hanging_width(line: Any) -> float:
    """How far past the measure the line may be justified: half an em of its last
    mark's size if it ends with a full-width left-set mark, else 0."""
    box = _last_text_box(line)
    if box is None or box.text.rstrip(INVISIBLE)[-1:] not in LEFT_INK_MARKS:
        return 0.0
    features = box.style["font_feature_settings"]
    if features != "normal" and any(tag == "halt" for tag, _ in features):
        return 0.0
    return 0.5 * float(box.style["font_size"])


def _text_align(original: Any) -> Any:
    def text_align(context: Any, line: Any, available_width: float, last: bool) -> Any:
        if not last and line.style["text_align_all"] == "justify":
            available_width += _affordable(line, available_width, hanging_width(line))
        return original(context, line, available_width, last)

    text_align._publish_line_end = True  # type: ignore[attr-defined]
    return text_align


def _affordable(line: Any, available_width: float, hang: float) -> float:
    """``hang``, unless sharing it would stretch the line's justification points past
    ``STRETCH_LIMIT_EM`` (the refit's and the checker's limit): a line with few points —
    Latin words, a number — keeps its mark full-width rather than letter-spaced Han."""
    if not hang:
        return 0.0
    from weasyprint.layout.inline import count_expandable_spaces

    spaces = count_expandable_spaces(line)
    extra = max(available_width - line.width, 0.0) + hang
    if spaces and extra / spaces <= STRETCH_LIMIT_EM * float(line.style["font_size"]):
        return hang
    return 0.0


def install() -> None:
    """Wrap WeasyPrint's ``text_align`` (once per process)."""
    import weasyprint.layout.inline as inline

    if not getattr(inline.text_align, "_publish_line_end", False):
        inline.text_align = _text_align(inline.text_align)
