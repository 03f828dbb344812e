"""Hard-wrapped lines joined back into paragraphs: the one rule of both readers.

Pages converted from plain text, and text scrapes of them, break their lines every 20–40
characters (``<br>`` or a newline at a fixed column), in mid-sentence and even inside a
number. A reader of the book must see paragraphs, not ragged source lines. A line carries
on the one before it when

- it opens with a mark no line may open with (``，。、）》”`` …: Chinese typesetting never
  starts a line so), or the line before ends with one no line may end with (``（《“``);
- or the line before is *full* (it reaches the wrap column the lines of the passage
  share, ``wrap_width``), does not end a sentence, and this line does not open a unit of
  its own (an enumerator ``一、`` ``（2）``, or an indent where the passage indents its
  paragraphs; there a full line carries on after a sentence end too, unless the next
  is indented).

A passage whose lines share no wrap column is not hard-wrapped: only the first rule joins
its lines. ``[stages.emit]`` in ``sites/generic.toml`` holds the thresholds and patterns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from publish.clean.settings import Emit

NEVER_OPENS = frozenset("，。、；：？！）》」』”’…％%,.;:?!)]}")
"""Marks that never open a line in Chinese typesetting (行首禁则)."""
NEVER_ENDS = frozenset("（《「『“‘([{")
"""Marks that never end a line (行尾禁则)."""
_SENTENCE_END = frozenset("。！？!?…；;：:")
_CLOSERS = frozenset("”’」』）)》")


_WIDE = re.compile(
    "[\u00a7\u00a8\u00b0\u00b1\u00b7\u00d7\u00f7\u1100-\u115f\u2010-\u203b\u2103\u2116"
    "\u2160-\u216b\u2190-\u2199\u2460-\u24ff\u2500-\u25ff\u2605\u2606\u2e80-\u303e"
    "\u3041-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\ue000-\uf8ff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
"""Characters two columns wide in a Chinese text: East Asian Wide and Full-width ones, and
the marks of ambiguous width its fonts set wide (—— “ ” … · ①), private-use included
(GB18030 pages map some full-width marks there)."""


def width(line: str) -> int:
    """Display columns: a wide character (``_WIDE``) takes two, as the wrapping tool counted."""
    if line.isascii():
        return len(line)
    return len(line) + len(_WIDE.findall(line))


def ends_sentence(line: str) -> bool:
    """``。`` ``！`` ``：`` … at the end, or before the closing quotes and brackets that end it."""
    text = line.rstrip()
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in _SENTENCE_END


def wrap_width(widths: Sequence[int], emit: Emit) -> int:
    """The column the passage's lines were wrapped at, or 0 when they were not.

    Lines of a hard wrap end within a column or two of one width (a wide character does
    not fit in the last column), and almost none goes past it: at least
    ``wrap_min_lines`` of them, and at least ``wrap_share`` of the lines
    ``wrap_min_width`` wide or wider, end within ``wrap_slack`` columns under the widest
    such cluster. Paragraphs of free length, or a programme's short lines, share no such
    ceiling.
    """
    long = sorted((w for w in widths if w >= emit.wrap_min_width), reverse=True)
    for above, top in enumerate(long):
        if above > emit.wrap_share_above * len(long):
            break  # too many lines past this column for it to be the wrap
        near = sum(1 for w in long[above:] if w >= top - emit.wrap_slack)
        if near >= emit.wrap_min_lines and near >= emit.wrap_share * len(long):
            return top
    return 0


def _space(a: str, b: str) -> str:
    """A word space where a Latin word was broken between lines (none inside a number)."""
    if a[-1:].isascii() and b[:1].isascii() and a[-1:].isalnum() and b[:1].isalnum():
        return "" if a[-1].isdigit() and b[0].isdigit() else " "
    return ""


def must_join(a: str, b: str) -> bool:
    """``b`` cannot start a line of its own after ``a``: a closing mark, or ``a`` opened one."""
    return bool(a) and bool(b) and (b[0] in NEVER_OPENS or a[-1] in NEVER_ENDS)


def join_wrapped(lines: Sequence[str], emit: Emit, indented: Sequence[int] | None = None) -> list[str]:
    """``lines`` with each line that carries on the one before joined to it (see above).
    ``indented``: each line's visible indent in columns (it counts in the line's width)."""
    return [text for _, text in joined_with_first(lines, emit, indented)]


def joined_with_first(
    lines: Sequence[str], emit: Emit, indented: Sequence[int] | None = None
) -> list[tuple[int, str]]:
    """``join_wrapped``'s paragraphs, each with the index of the line it starts with."""
    if len(lines) < 2:
        return list(enumerate(lines))
    if sum(1 for line in lines if 2 * len(line) >= emit.wrap_min_width) < emit.wrap_min_lines:
        widths = [0] * len(lines)  # too few long lines for a wrap column: only must_join joins
    else:
        widths = [width(line) + (indented[i] if indented else 0) for i, line in enumerate(lines)]
    column = wrap_width(widths, emit)
    indents = indented is not None and any(indented[1:])
    out: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        starts = indents and bool(indented and indented[i])
        if out and _carries_on(lines[i - 1], widths[i - 1], line, column, emit, indents, starts):
            first, text = out[-1]
            out[-1] = (first, text + _space(text, line) + line)
        else:
            out.append((i, line))
    return out


def _carries_on(
    before: str, before_width: int, line: str, column: int, emit: Emit, indents: bool, indented: bool
) -> bool:
    """Whether ``line`` carries on ``before``'s paragraph. Where the passage indents its
    paragraphs (``indents``), an unindented line after a full one carries on even after a
    sentence end: the wrap fell there by chance."""
    if not before or not line:
        return False
    if must_join(before, line):
        return True
    if not column or before_width < column - emit.wrap_slack or indented:
        return False
    if emit.opens_unit.match(line) is not None:
        return False
    return indents or not ends_sentence(before)
