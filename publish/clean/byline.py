"""Metadata from the byline: 发布时间, 来源, 编辑, 作者 — the labelled line under or after
an article, and the dates written in it.

Separate from chrome removal because a byline is not thrown away: it is lifted into the
front matter, where both renderers print it in a consistent form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publish.clean.settings import Bylines

TZ_CHINA = "+08:00"
"""Chinese sites publish in Beijing time and never say so."""

_TIME = r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?\s*(?P<ap>[AaPp][Mm])?)?"
_DATE_PATTERNS = (
    re.compile(
        r"(?P<y>(?:19|20)\d\d)\s*[年/.\-]\s*(?P<m>\d{1,2})\s*[月/.\-]\s*(?P<d>\d{1,2})\s*日?" + _TIME
    ),
    # US order, as some 2000s sites print it: 9/17/2004 5:54:13 AM
    re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)\b" + _TIME),
)
_MONTH = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d)")


def parse_month(text: str) -> str:
    """A year and month alone (``1996年6月号``) as ``1996-06``, or ''."""
    m = _MONTH.search(text)
    if not m or not 1 <= int(m["m"]) <= 12:
        return ""
    return f"{int(m['y']):04d}-{int(m['m']):02d}"


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
        if m["ap"] and m["ap"].lower() == "pm" and hh < 12:
            hh += 12
        elif m["ap"] and m["ap"].lower() == "am" and hh == 12:
            hh = 0
        if hh > 23 or mm > 59 or ss > 59:
            return date
        return f"{date}T{hh:02d}:{mm:02d}:{ss:02d}{TZ_CHINA}"
    return ""


def generic_words() -> Bylines:
    """The byline words of generic.toml, for callers that have no page's profile."""
    from publish.clean.profiles import generic

    return generic().settings.lift_byline


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


@cache
def _label_index(
    items: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str], dict[str, str]]:
    """The label pattern and each label's field, made once per set of labels (every line
    with a colon is read with them; a later field's label wins, as in ``labels``)."""
    label_of = {label: key for key, names in items for label in names}
    return _compiled_label_regex(tuple(sorted(items))), label_of


@cache
def _compiled_label_regex(labels_key: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    labels = dict(labels_key)
    alternatives = sorted(
        ((label, key) for key, names in labels.items() for label in names),
        key=lambda pair: -len(pair[0]),
    )
    names = "|".join(re.escape(label) for label, _ in alternatives)
    return re.compile(rf"(?:^|(?<=[\s　|｜【\[(（:：]))(?P<label>{names})\s*[:：︱丨]\s*")


_LABEL_MARK = re.compile("[:：︱丨]")
"""What follows every label (``来源：``): a line without one is no byline."""
_BRACKETS = re.compile(r"^[(（\[【]\s*|\s*[)）\]】]$")
_LEADING_DATE = re.compile(r"^(?:19|20)\d\d\s*[年/.\-]\s*\d{1,2}\s*[月/.\-]\s*\d{1,2}")


@cache
def _author_tail(words: str) -> re.Pattern[str]:
    """What follows a name on an author line (``author_tail``, or a bracket), to the end:
    the book or paper it is from."""
    return re.compile(rf"\s*(?:{words}|[\[【(（]).*$")


@cache
def _forum_post(marks: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{marks})由\s*(?P<name>[^\s于]{{1,20}})\s*于")


def forum_author(line: str, words: Bylines | None = None) -> str:
    """The poster of a forum thread: 本贴由 某某 于2005年8月12日……发表."""
    words = words or generic_words()
    m = _forum_post(words.forum_marks.pattern).search(line)
    return m["name"] if m else ""


@cache
def _trailing_chrome(words: str) -> re.Pattern[str]:
    """Page furniture (``trailing_chrome``), brackets and bars closing a value."""
    return re.compile(rf"\s*(?:{words}|\||｜|】|\]|\)|）)+\s*$")


_MARKUP_LEAK = re.compile(r"^[\w-]+\s*=\s*[\"']")
"""``size="20"``: an attribute a broken template printed as text where a value should be."""


@cache
def _value_end(stops: str) -> re.Pattern[str]:
    """Where a byline value ends: page furniture (字号, 打印) or a field no label names
    (``单位：``) after a space."""
    return re.compile(rf"(?:^|\s)(?:(?:{stops})|[\u4e00-\u9fffA-Za-z]{{1,6}}\s*[:：])")


def cut_chrome(value: str, words: Bylines) -> str:
    """``某某日报　字号：大 中 小　打印`` → ``某某日报``: a value never carries chrome."""
    m = _value_end(words.value_stops).search(value)
    return (value[: m.start()] if m else value).strip(" 　|｜")


def is_speech(value: str, words: Bylines) -> bool:
    """``您怎么看？``, ``好的，谢谢``: what follows 记者： in an interview is speech, not
    names. Commas may list names (张三，李四) only when every part is one."""
    if any(mark in value for mark in words.speech_marks if mark not in "，,"):
        return True
    parts = [p for p in re.split(r"[，,]", value) if p.strip()]
    return len(parts) > 1 and not all(bare_name(p, words) for p in parts)


def is_person(name: str, words: Bylines) -> bool:
    """Whether ``name`` may be a person's: not a role (评论员), a stand-in (佚名) or an
    organisation (新华社, 华龙网)."""
    name = name.strip()
    if not name or words.role_words.fullmatch(name):
        return False
    han = all("\u4e00" <= ch <= "\u9fff" or ch == "·" for ch in name)
    return not (han and (name.endswith(words.organisation_ends) or len(name) > 6))


def person_names(names: list[str], words: Bylines) -> list[str]:
    """The names of ``names`` that may be people's (see ``is_person``)."""
    return [n for n in names if is_person(n, words)]


def parse_byline(
    line: str, labels: dict[str, tuple[str, ...]], *, loose: bool = False, words: Bylines | None = None
) -> Byline | None:
    """Read a labelled byline; None when the line is not one (too few labels, or prose).

    A line is a byline when it starts with a label and is short, or holds two labels:
    body sentences mention 来源 or 编辑 too, but never as ``label：value label：value``.
    A value ends at page furniture (``字号：大 中 小``); an author value that is speech
    (``记者：您怎么看？``) makes a one-label line dialogue, not a byline.
    """
    words = words or generic_words()
    if _LABEL_MARK.search(line) is None:
        return None
    stripped = _BRACKETS.sub("", line.strip())
    pattern, label_of = _label_index(tuple(labels.items()))
    matches = list(pattern.finditer(stripped))
    if not matches:
        return None
    starts_with_label = matches[0].start() == 0
    dated = _LEADING_DATE.match(stripped) is not None
    # Outside the body (``loose``), a short line with one label anywhere is a byline too.
    short = len(stripped) <= 60
    if not (len(matches) >= 2 or ((starts_with_label or dated or loose) and short)):
        return None
    if len(stripped) > 160 or stripped.endswith("。"):
        return None
    byline = Byline()
    roles_only = False
    trailing = _trailing_chrome(words.trailing_chrome.pattern)
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(stripped)
        value = trailing.sub("", cut_chrome(stripped[m.end() : end], words)).strip(" 　|｜")
        key = label_of[m["label"]]
        if key == "authors" and is_speech(value, words):
            if len(matches) == 1:
                return None  # 记者：您怎么看？ — an interview's question
            continue
        if key != "date" and _DATE_PATTERNS[0].search(value):
            byline.date = byline.date or parse_date(value)
            value = _DATE_PATTERNS[0].sub("", value).strip(" 　|｜")
        if not value or _MARKUP_LEAK.match(value):
            continue
        if key == "date":
            byline.date = byline.date or parse_date(value)
        elif key == "source":
            byline.source = byline.source or value
        elif key == "editor":
            byline.editor = byline.editor or value
        elif key == "authors" and not byline.authors:
            value = _author_tail(words.author_tail.pattern).sub("", value)
            names = [a for a in re.split(r"[\s　、，,]+", value) if a]
            byline.authors = person_names(names, words)
            roles_only = not byline.authors  # 作者：本报评论员 — a byline that names no one
    if not byline.date and (dated or not byline) and parse_date(stripped):
        byline.date = parse_date(stripped)
    return byline if byline or roles_only else None


_NAME = r"[\u4e00-\u9fff·]{2,4}"
_NAMES = rf"{_NAME}(?:[\s　、]+{_NAME}){{0,4}}"


@cache
def _reporter(roles: str) -> re.Pattern[str]:
    """本报记者 张三 李四, 河南日报记者 张三, 本报实习生 王五: a role, then the names."""
    return re.compile(
        rf"(?:^|[\s（(　])[\u4e00-\u9fff·]{{0,8}}?(?:{roles})\s*(?P<names>{_NAMES})"
        r"(?=\s*(?:发自|报道|摄影?|[）)]|$|[\s　]))"
    )


@cache
def _signoff(roles: str) -> re.Pattern[str]:
    """A closing （某某　某地报道） after the last sentence."""
    return re.compile(
        rf"(?<=[。！？”\"」])\s*[（(]\s*(?:[\u4e00-\u9fff]{{0,4}}?(?:{roles})\s*)?(?P<names>{_NAME}(?:[\s　、]+{_NAME}){{0,4}}?)"
        r"(?:[\s　]+[\u4e00-\u9fff]{1,6}报道)?\s*[）)]\s*$"
    )


def _split_names(names: str) -> list[str]:
    return [n for n in re.split(r"[\s　、]+", names) if n]


def find_reporters(text: str, words: Bylines | None = None) -> list[str]:
    """Reporters named in a paragraph: 本报记者某某发自北京, 本报记者 张三 本报实习生 李四,
    or a closing （某某　北京报道）; roles and organisations are not names."""
    words = words or generic_words()
    text = text.strip()
    m = _signoff(words.reporter_roles).search(text)
    if m:
        return person_names(_split_names(m["names"]), words)
    found: list[str] = []
    end = -1
    for m in _reporter(words.reporter_roles).finditer(text):
        if end >= 0 and m.start() - end > 2:
            break  # only the roles of one byline: 本报记者 张三 本报实习生 李四
        names = _split_names(m["names"])
        if text[m.end("names"):].startswith("报道") and len(names) > 1:
            names = names[:-1]  # 彭冲 山东冠县报道: the last word is the place
        found += [n for n in person_names(names, words) if n not in found]
        end = m.end("names")
    return found


@cache
def _pen_credit(marks: str) -> re.Pattern[str]:
    return re.compile(
        rf"^(?:(?:{marks})\s*[/／|｜]\s*(?P<after>[^/／|｜]+)|(?P<before>[^/／|｜]+?)\s*[/／]\s*(?:{marks}))$"
    )


def pen_credit(line: str, words: Bylines | None = None) -> list[str]:
    """The writers of a credit line ``文/张三`` or ``张三/文`` (``文/本报记者 张三``: the
    role is not a name), or []."""
    words = words or generic_words()
    line = line.strip()
    if len(line) > words.line_max:
        return []
    m = _pen_credit(words.pen_marks).match(line)
    if not m:
        return []
    value = m["after"] or m["before"]
    value = re.sub(rf"^[\u4e00-\u9fff]{{0,8}}?(?:{words.reporter_roles})\s*", "", value.strip())
    names = [n for n in re.split(r"[\s　、，,]+", value) if n]
    if not names or any(len(n) > 20 for n in names):
        return []
    return person_names(names, words)


_CLOSING = re.compile(r"^[（(]\s*(?P<inner>[^（()）]{2,40})\s*[）)]$")


def closing_signature(line: str, words: Bylines | None = None) -> list[str]:
    """``（张三）`` or ``（记者 张三 李四）`` alone on the article's last line: its
    writers. Without a label the names must look like personal names (``bare_name``):
    ``（完）``, ``（新华社）``, ``（评论员）`` sign nothing."""
    words = words or generic_words()
    m = _CLOSING.match(line.strip())
    if not m:
        return []
    inner = re.sub(rf"^[\u4e00-\u9fff]{{0,8}}?(?:{words.reporter_roles})\s*", "", m["inner"].strip())
    return name_list(inner, words)


def name_list(line: str, words: Bylines | None = None) -> list[str]:
    """A line that is only personal names (``张三、李四``, ``张三 李四``), each a
    ``bare_name``; [] for anything else."""
    words = words or generic_words()
    whole = bare_name(line, words)
    if whole:
        return [whole]  # 胡　平: one name spaced out
    parts = [p for p in re.split(r"[、，,\s　]+", line.strip()) if p]
    names = [bare_name(p, words) for p in parts]
    return names if len(names) > 1 and all(names) else []


_POSTER = r"[^\s:：,，。;；()（）\[\]【】@|｜]{2,20}"


@cache
def _poster_patterns(after: str, before: str, by: str) -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(rf"^(?:(?P<name>{_POSTER})\s*)?(?:{after})\s*[:：]?\s*(?P<rest>.*)$"),
        re.compile(rf"(?:^|\s)(?:{before})\s*(?P<name>{_POSTER}?)\s*(?:{after})(?P<rest>.*)$"),
        re.compile(rf"(?:^|\s)(?:{by})\s+(?P<name>{_POSTER})(?P<rest>(?:\s+(?:at|on|@)\s.*)?)\s*$"),
    )


def _handle_or_name(name: str, words: Bylines) -> bool:
    """A personal name (``bare_name``) or a user handle with no Han (zboygirl)."""
    return bool(name) and (bool(bare_name(name, words)) or not re.search(r"[\u4e00-\u9fff]", name))


def poster_line(line: str, words: Bylines | None = None) -> Byline | None:
    """A post's header or footer: ``张三 发表于 2004-12-27 12:40``, ``发表于 2004年12月27日``,
    ``由张三张贴``, ``posted @ 2004-12-27 12:40 by zhangsan``: its poster and date."""
    words = words or generic_words()
    line = " ".join(line.split())
    if len(line) > words.line_max:
        return None
    for i, pattern in enumerate(_poster_patterns(words.poster_after, words.poster_before, words.poster_by)):
        m = pattern.search(line)
        if not m:
            continue
        date = parse_date(line)
        name = m["name"] or ""
        if name and (name.isdigit() or parse_date(name) or not is_person(name, words)):
            name = ""
        if not date and (i == 0 or (i == 1 and not _handle_or_name(name, words))):
            continue  # 由中央决定发表, 某某发表 … without a date: a sentence, not a post's footer
        byline = Byline(date=date, authors=[name] if name else [])
        if byline:
            return byline
    return None


def bare_name(text: str, words: Bylines | None = None) -> str:
    """A line that is only a personal name, or ''. Such a line under a title signs it.

    A name is 2–3 Han characters after a common surname (spaces between them allowed:
    ``胡　平``), or 3–4 after a compound one (``欧阳修``); four characters after a single
    surname are a phrase or a place (``麻辣社区``), not a name. The surnames, and the
    words that are never a name, are ``[stages.lift_byline]``'s.
    """
    words = words or generic_words()
    name = "".join(text.split())
    if (
        name in words.section_words or name.endswith(words.organisation_ends)
        or not all("\u4e00" <= ch <= "\u9fff" for ch in name)
    ):
        return ""
    if name.startswith(words.compound_surnames):
        return name if 3 <= len(name) <= 4 else ""
    return name if 2 <= len(name) <= 3 and name[0] in words.surnames else ""
