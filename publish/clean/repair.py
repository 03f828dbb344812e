"""Text repair (docs/typography.md §1): undo what scrapers and NFKC did to Chinese text.

A separate stage because it is the only place the cleaner changes characters: everything
else removes or moves text. Each rule is one function over a string, applied in the
order of ``RULES``; each rule only touches marks that sit next to Chinese text, so Latin
and number runs (``11:03``, ``COVID-19``, ``3.5%``, ``http://…``) keep their ASCII.
Nothing else is "corrected": wording, numbers and 异体字 are the author's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from publish.typeset.cjk import HAN, WIDE, is_wide

# Every pattern is compiled here, once: the rules run on every string of every page.
_WIDE = f"[{WIDE}]"
_HAN = f"[{HAN}]"
_HAS_HAN = re.compile(_HAN).search

FULLWIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
"""ASCII marks NFKC makes of their full-width originals, and what they were."""


_MARK_RUN = re.compile(r"[,;:!?]+")


def restore_fullwidth_marks(text: str) -> str:
    """，；：！？ that NFKC turned into ASCII come back wherever they touch Chinese text.

    A run of marks (``?!``, ``::``) is judged as a whole by its outer neighbours, so that
    repairing twice gives what repairing once gave.
    """

    def fix(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if is_wide(before) or is_wide(after):
            return "".join(FULLWIDTH[c] for c in m.group())
        return m.group()

    return _MARK_RUN.sub(fix, text)


_PAREN = re.compile(r"[()]")


def restore_parentheses(text: str) -> str:
    """ASCII ( ) pairs that enclose or touch Chinese text become （ ）, both or neither."""
    chars = list(text)
    stack: list[int] = []
    for m in _PAREN.finditer(text):
        i = m.start()
        if m.group() == "(":
            stack.append(i)
        elif stack:
            start = stack.pop()
            inner = text[start + 1 : i]
            outside = (text[start - 1] if start > 0 else "") + (
                text[i + 1] if i + 1 < len(text) else ""
            )
            if _HAS_HAN(inner) or any(is_wide(c) for c in outside):
                chars[start], chars[i] = "（", "）"
    return "".join(chars)


_QUOTED = tuple(
    (straight, re.compile(rf"{straight}([^{straight}\n]*){straight}"), left, right)
    for straight, (left, right) in (('"', "“”"), ("'", "‘’"))
)


def restore_quotes(text: str) -> str:
    """Straight quotes pair up into “” and ‘’ when the quoted text is Chinese."""
    for straight, pattern, left, right in _QUOTED:
        if straight not in text:
            continue

        def fix(m: re.Match[str], left: str = left, right: str = right) -> str:
            if _HAS_HAN(m.group(1)):
                return f"{left}{m.group(1)}{right}"
            return m.group()

        text = pattern.sub(fix, text)
    return text


_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|…+|(?:\.\.\.\s?){2,}")


def restore_ellipsis(text: str) -> str:
    """``...``, ``......``, ``。。。`` and a lone ``…`` next to Chinese text become ……"""

    def fix(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if is_wide(before) or is_wide(after) or not (before or after):
            return "……"
        return m.group()

    return _ELLIPSIS.sub(fix, text)


_DOUBLE_HYPHEN = re.compile(rf"(?<={_WIDE})\s?-{{2,}}\s?(?={_WIDE})")
_LONE_DASH = re.compile(rf"(?<={_WIDE})(?<!—)—(?!—)(?={_WIDE})")


def restore_dashes(text: str) -> str:
    """``--`` or a lone em dash between Chinese characters becomes the two-em dash ——."""
    if "-" in text:
        text = _DOUBLE_HYPHEN.sub("——", text)
    return _LONE_DASH.sub("——", text) if "—" in text else text


_SPACES_IN_HAN = re.compile(rf"(?<={_HAN}) +(?={_HAN})")


def restore_ideographic_space(text: str) -> str:
    """A space between two Han characters was an ideographic space before NFKC."""
    return _SPACES_IN_HAN.sub(lambda m: "\u3000" * len(m.group()), text)


PUNCT = "\u3001\u3002\u3008-\u3011\u3014-\u301b\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f"
"""Full-width punctuation that carries its own space: 、。〈〉《》「」『』【】〔〕，：；？！（）."""
_SPACE_AT_PUNCT = re.compile(rf"(?<=[{PUNCT}]) +(?=[{WIDE}])|(?<=[{WIDE}]) +(?=[{PUNCT}])")


def drop_space_at_punctuation(text: str) -> str:
    """A space between full-width punctuation and Chinese text is none (docs/typography.md §2:
    nothing between Han and full-width punctuation); it is the source's line break
    (``谷歌(微博)⏎在2014年``) or a scraper's join (``【纠错】 【责任编辑：…】``)."""
    return _SPACE_AT_PUNCT.sub("", text)


RULES: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("quotes", restore_quotes),
    ("ellipsis", restore_ellipsis),
    ("parentheses", restore_parentheses),
    ("fullwidth_marks", restore_fullwidth_marks),
    ("dashes", restore_dashes),
    ("ideographic_space", restore_ideographic_space),
    ("space_at_punctuation", drop_space_at_punctuation),
)
"""Ordered: quotes before marks, so that ``说:"…"`` sees the restored “ as Chinese."""


TRIGGERS: dict[str, re.Pattern[str]] = {
    "ellipsis": re.compile(r"\.\.\.|。。。|…"),
    "quotes": re.compile("[\"']"),
    "parentheses": re.compile(r"\)"),
    "fullwidth_marks": re.compile("[,;:!?]"),
    "dashes": re.compile("[-—]"),
    "ideographic_space": re.compile(" "),
    "space_at_punctuation": re.compile(" "),
}
"""What a rule needs in a text to change anything: without it the rule is skipped. Speed
only — each rule leaves a text without its trigger unchanged, so the result is the same;
most lines of an article have none (tests/clean/test_repair.py checks each trigger)."""

_TRIGGERED_RULES = tuple((TRIGGERS[name].search, rule) for name, rule in RULES)
_ANY_TRIGGER = re.compile(r"[\"'),;:!?\-— …]|\.\.\.|。。。").search
"""Any rule's trigger (``TRIGGERS``, one-character ones as one class, which the regex engine
scans fastest), in one search: most strings have none, and need no rule at all."""


def repair(text: str) -> str:
    """Apply every rule of docs/typography.md §1 to one block of text.

    A restored mark is Chinese context for its neighbours (``():`` → ``（）：``), so the
    rules run until nothing changes: repairing repaired text changes nothing.
    """
    if _ANY_TRIGGER(text) is None:
        return text
    for _round in range(MAX_ROUNDS):
        before = text
        for triggered, rule in _TRIGGERED_RULES:
            if triggered(text):
                text = rule(text)
        if text == before:
            break
    return text


MAX_ROUNDS = 4
"""Every rule only turns ASCII into full-width forms, so a few rounds reach the fixed point."""
