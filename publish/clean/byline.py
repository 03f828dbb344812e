"""Metadata from the byline: 发布时间, 来源, 编辑, 作者 — the labelled line under or after
an article, and the dates written in it.

Separate from chrome removal because a byline is not thrown away: it is lifted into the
front matter, where both renderers print it in a consistent form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TZ_CHINA = "+08:00"
"""Chinese sites publish in Beijing time and never say so."""

_DATE_PATTERNS = (
    re.compile(
        r"(?P<y>(?:19|20)\d\d)\s*[年/.\-]\s*(?P<m>\d{1,2})\s*[月/.\-]\s*(?P<d>\d{1,2})\s*日?"
        r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?)?"
    ),
)


def parse_date(text: str) -> str:
    """The first date in ``text`` as ISO 8601 (with +08:00 when it has a time), or ''."""
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        date = f"{y:04d}-{mo:02d}-{d:02d}"
        if m["H"] is None:
            return date
        hh, mm, ss = int(m["H"]), int(m["M"]), int(m["S"] or 0)
        if hh > 23 or mm > 59 or ss > 59:
            return date
        return f"{date}T{hh:02d}:{mm:02d}:{ss:02d}{TZ_CHINA}"
    return ""


@dataclass(slots=True)
class Byline:
    date: str = ""
    source: str = ""
    editor: str = ""
    authors: list[str] = field(default_factory=list)

    def merge(self, other: Byline) -> None:
        """Fill what is still empty from ``other`` (the first value seen wins)."""
        self.date = self.date or other.date
        self.source = self.source or other.source
        self.editor = self.editor or other.editor
        self.authors = self.authors or other.authors

    def __bool__(self) -> bool:
        return bool(self.date or self.source or self.editor or self.authors)


def _label_regex(labels: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    alternatives = sorted(
        ((label, key) for key, names in labels.items() for label in names),
        key=lambda pair: -len(pair[0]),
    )
    names = "|".join(re.escape(label) for label, _ in alternatives)
    return re.compile(rf"(?:^|(?<=[\s　|｜【\[(（]))(?P<label>{names})\s*[:：]\s*")


_BRACKETS = re.compile(r"^[(（\[【]\s*|\s*[)）\]】]$")
_LEADING_DATE = re.compile(r"^(?:19|20)\d\d\s*[年/.\-]\s*\d{1,2}\s*[月/.\-]\s*\d{1,2}")
_TRAILING_CHROME = re.compile(r"\s*(?:打印|纠错|关闭|分享|收藏|\||｜|】|\]|\)|）)+\s*$")


def parse_byline(line: str, labels: dict[str, tuple[str, ...]]) -> Byline | None:
    """Read a labelled byline; None when the line is not one (too few labels, or prose).

    A line is a byline when it starts with a label and is short, or holds two labels:
    body sentences mention 来源 or 编辑 too, but never as ``label：value label：value``.
    """
    stripped = _BRACKETS.sub("", line.strip())
    label_of = {label: key for key, names in labels.items() for label in names}
    matches = list(_label_regex(labels).finditer(stripped))
    if not matches:
        return None
    starts_with_label = matches[0].start() == 0
    dated = _LEADING_DATE.match(stripped) is not None
    if not (len(matches) >= 2 or ((starts_with_label or dated) and len(stripped) <= 60)):
        return None
    if len(stripped) > 160 or stripped.endswith("。"):
        return None
    byline = Byline()
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(stripped)
        value = _TRAILING_CHROME.sub("", stripped[m.end() : end]).strip(" 　|｜")
        key = label_of[m["label"]]
        if key != "date" and _DATE_PATTERNS[0].search(value):
            byline.date = byline.date or parse_date(value)
            value = _DATE_PATTERNS[0].sub("", value).strip(" 　|｜")
        if not value:
            continue
        if key == "date":
            byline.date = byline.date or parse_date(value)
        elif key == "source":
            byline.source = byline.source or value
        elif key == "editor":
            byline.editor = byline.editor or value
        elif key == "authors" and not byline.authors:
            byline.authors = [a for a in re.split(r"[\s　、，,]+", value) if a]
    if not byline.date and (dated or not byline) and parse_date(stripped):
        byline.date = parse_date(stripped)
    return byline if byline else None
