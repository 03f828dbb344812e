"""The cleaner's thresholds and vocabulary, typed: read from a profile's ``[stages]`` table.

Site knowledge is data: ``sites/generic.toml`` gives every value (the defaults every
profile inherits), and a site's profile overrides a few, by stage name and key::

    [stages]
    disable = ["links"]        # stages switched off for this site
    [stages.body]
    sibling_share = 0.3

A value of the wrong type, or a key or stage no settings have, stops with a
``ConfigError`` naming the file and the key.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

from publish.errors import ConfigError

CASELESS = {"flags": re.IGNORECASE}
"""Field metadata of a pattern matched without regard to case (class and id names)."""
LOWER_CASE = {"lower": True}
"""Field metadata of a list of words compared with lower-cased page text."""


def at_least(least: int) -> dict[str, int]:
    """Field metadata of a whole number that must be ``least`` or more (a pattern's
    repeat count: ``{1,0}`` is no pattern); every other one must be 0 or more."""
    return {"min": least}


@dataclass(frozen=True, slots=True)
class Hidden:
    """``hidden``: invisible content out."""

    form_text_max: int
    """A <form> with less text than this is a search, login or comment form; a longer one
    wraps the page (ASP.NET pages put everything in one <form>) and is kept."""
    js_link_prose: int
    """Characters from which a javascript: link's text is read as prose, not a button."""


@dataclass(frozen=True, slots=True)
class Folded:
    """``folded``: content shown only on request."""

    share_max: float
    """A folded element holding more than this share of the page's text is the article
    folded behind a 展开全文 button, not an aside: it is kept."""


@dataclass(frozen=True, slots=True)
class PageTitle:
    """``page_title``: the title of an HTML page."""

    line_max: int
    """A line longer than this is never a title (nor its 引题 or 副题)."""
    site_words: str
    """Last words of a site or column name after a separator (``标题-新华网``): cut off."""
    greetings: str
    """Words that greet a visitor (``谢谢您访问〖某某中心〗``): a <title> part holding one
    is the site's name, never the headline."""
    page_mark: re.Pattern[str]
    """The page number a split article adds to its title (``（页 1）``, ``第2页``): cut off."""
    headline_class: re.Pattern[str] = field(metadata=CASELESS)
    """Class or id names of the block a page prints its headline in (``td.bt_title``,
    ``div.tit2``), when that block is no heading tag."""
    lines_above: int
    """How many other lines (a byline, a date, an author's name, an advertisement) may lie
    between the printed headline and the body it heads."""
    title_labels: str
    """Labels a forum or a plain page prints before its headline (``主题：``): cut off."""
    ornaments: str
    """Marks set around a headline as decoration (``*第一编 古代``), not part of it."""
    site_name_max: int = field(metadata=at_least(2))
    """A site, channel or column name is at most this long; a longer part is a headline."""
    elements_above: int
    """How many elements above the body are looked at for its headline: a byline, a share
    bar and a date lie between them, never a whole navigation."""


@dataclass(frozen=True, slots=True)
class Lead:
    """``lead``: 引题 and 副题 by the class of the line above and below the title."""

    kicker_class: re.Pattern[str] = field(metadata=CASELESS)
    subtitle_class: re.Pattern[str] = field(metadata=CASELESS)


@dataclass(frozen=True, slots=True)
class Body:
    """``body``: the generic body finder (``article.find_article``)."""

    min_paragraph: int
    """Characters (outside whitespace) below which an element is not a paragraph."""
    sibling_share: float
    """A sibling of the best container scoring this share of it joins the article."""
    link_heavy: float
    """Link density above which a paragraph scores nothing."""
    retry_min_chars: int
    """An article found with the unlikely filter that has less text than this is searched
    again without it (Readability's retry)."""
    unlikely: re.Pattern[str] = field(metadata=CASELESS)
    """Class or id names of chrome (comments, related lists, share bars): never the article."""
    maybe: re.Pattern[str] = field(metadata=CASELESS)
    """Class or id names that may be content, overruling ``unlikely``."""
    announces: re.Pattern[str]
    """The last line of the article's text when it announces a table that follows it
    (``附：各区县名单``, ``……如下：``): the table next to the article joins it."""
    listing_residue_max: int
    """Characters outside its links above which an entry is more than an index entry."""
    listing_residue: re.Pattern[str] = field(metadata=CASELESS)
    """What an entry of an index says outside its links, and nothing else: names, times,
    counters and their marks (``【user】03-12 10:23 125字``). A paragraph that has links
    and only this besides them scores nothing: a forum's reply index is no article."""


@dataclass(frozen=True, slots=True)
class Links:
    """``links``: link lists inside the body."""

    link_heavy: float
    """Link density above which a block inside the body is chrome (a list of links)."""
    unlikely_share_max: float
    """An "unlikely" element holding more than this share of the body's text is a
    wrapper, not chrome, and is kept."""
    list_labels: str
    """Labels over a list of links to other articles (相关报道, 延伸阅读 …)."""


@dataclass(frozen=True, slots=True)
class Captions:
    """``mark_captions``: figure captions."""

    caption_max: int
    """A 图为…… line longer than this is a paragraph, not a caption."""
    credit_caption_max: int
    """A line this short that ends in a photo credit, right under an image with no
    caption, is that image's caption."""
    photo_credit: re.Pattern[str]
    """A photo credit closing a line: 视觉中国　资料, 新华社记者 某某 摄, （新华社发）."""


@dataclass(frozen=True, slots=True)
class Bylines:
    """``lift_byline``: the words of bylines without a label, and what is never a name."""

    reporter_roles: str
    """A reporter's role right before the names: 本报记者 张三 李四, 河南日报实习生 王五."""
    role_words: re.Pattern[str]
    """A role or a stand-in, never a person (评论员, 本报, 佚名): a whole name matching
    it is no author."""
    value_stops: str
    """Page furniture that ends a byline's value: 来源：某某日报　字号：大 中 小　打印."""
    pen_marks: str
    """The writer's mark beside a slash: 文/张三, 张三/文, 文图/张三."""
    poster_after: str
    """Words after a poster's name on a post's header or footer: 张三 发表于 2004-12-27."""
    poster_before: str
    """Words before a poster's name, with a ``poster_after`` word after it: 由张三张贴."""
    poster_by: str
    """Words before a poster's name closing the line: posted @ 12:40 by zhangsan."""
    speech_marks: str
    """Characters of speech, never of a list of names: 记者：您怎么看？ is dialogue."""
    line_max: int
    """A byline line without a label is at most this long; a longer one is prose."""
    label_value_max: int
    """A value this short on the line after a bare ``责任编辑：`` belongs to it."""
    date_line_max: int
    """A line this short that is mostly a date, near the top of the body, is the dateline."""
    credit_search: int
    """How many text lines at each end of the body may be a credit line (文/张三, 张三 发表于 …)."""
    signature_search: int
    """How many text lines at the top of the body may hold a bare name that signs it."""
    surnames: str
    """Surnames of most Chinese people, one character each, for telling a bare name line
    (``胡平``) under a title from a two-character heading (``前言``)."""
    compound_surnames: tuple[str, ...]
    """Surnames of two characters (欧阳, 司马): 3–4 characters after one make a name."""
    section_words: frozenset[str]
    """Short words that could pass for a name (简 and 原 are surnames): never one."""
    organisation_ends: tuple[str, ...]
    """Last characters of an organisation's name (华龙网, 新华社), never of a person's."""
    author_tail: re.Pattern[str]
    """Words after the names on an author line, and all after them: the book or paper
    it is from (作者：张三 出自《某某》)."""
    trailing_chrome: re.Pattern[str]
    """Page furniture closing a byline value (打印, 评论 3 条), cut off with the brackets
    and bars around it."""
    forum_marks: re.Pattern[str]
    """The words opening a forum thread's poster line: 本贴由 某某 于2005年8月12日……发表."""


@dataclass(frozen=True, slots=True)
class Chrome:
    """``drop_chrome_lines``: what of the blocks is page furniture, besides the chrome lines."""

    image_names: re.Pattern[str] = field(metadata=CASELESS)
    """File names of page furniture: site logos, icons, buttons, QR codes (erweima)."""
    edit_link: re.Pattern[str] = field(metadata=CASELESS)
    """A wiki's "[编辑]" section-edit link at the end of a heading: cut off."""
    bracket_max: int = field(metadata=at_least(1))
    """A bracketed segment this short (【纠错】【打印】) may be chrome, as link bars print
    them, and is cut from a line that holds more."""


@dataclass(frozen=True, slots=True)
class Headings:
    """``mark_headings``: section headings (and, by their length, titles and signatures)."""

    line_max: int
    """A line longer than this (in characters) is a paragraph, never a heading; a title
    is at most twice as long, and a line this long ends the search for a signature."""


@dataclass(frozen=True, slots=True)
class PageByline:
    """``page_byline``: the byline, authors and date read around an HTML page's body."""

    meta_authors: str
    """``<meta name>`` values naming the article's writer (author, citation_author …);
    counted only when their content looks like a personal name."""
    reply_line: re.Pattern[str]
    """A line that opens a reply (re: 标题, 回复：): the article's unit ends before it."""
    edition_links_min: int
    """An e-paper's edition date is a ``/YYYYMM/DD/`` date at least this many links share."""
    edition_links_share: float
    """…and at least this share of the page's links with such a date (a news page's
    related links carry many dates, an edition's links one)."""
    meta_dates: frozenset[str] = field(metadata=LOWER_CASE)
    """``<meta name|property|itemprop>`` values (in lower case) whose content is the
    page's publication date."""
    near_lines: int
    """How many lines above the body are searched for its byline (half as many below)."""
    following_nodes: int
    """How many text nodes below the body are read for the lines under it."""
    edge_lines: int
    """How many lines at each end of the body may be its post's own header or footer."""
    link_depth: int
    """How far up from a date's text node a link or list item makes it a linked item's."""


@dataclass(frozen=True, slots=True)
class Emit:
    """``emit``: the body's blocks; hard-wrapped lines joined (``clean.wrap``, shared with
    the text reader), credit lines told from headings."""

    wrap_min_width: int
    """Display columns (a Chinese character is two) below which a line tells nothing of
    a wrap column: a short line ends a paragraph, or is one."""
    wrap_min_lines: int
    """Lines ending at one column needed to call a passage hard-wrapped."""
    wrap_share: float
    """Share of its long lines (``wrap_min_width`` or wider) that must end at that column."""
    wrap_slack: int
    """Columns short of the wrap column a line may end and still be full."""
    wrap_share_above: float
    """Share of its long lines that may go past the wrap column (a URL, a table row)."""
    opens_unit: re.Pattern[str]
    """The start of a line that opens a unit of its own (an enumerator): never joined."""
    credit_line: re.Pattern[str]
    """A credit or column line (``出品︱网易科学人``, ``图说洛阳|``): bold, but no heading."""
    bold_line_max: int
    """A paragraph all in bold this long or shorter, without a sentence end, is a heading."""
    icon_max_px: int
    """An image declared this small (width or height attribute) is an icon, not a figure."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Every stage's settings, by stage name (the ``[stages.NAME]`` tables)."""

    hidden: Hidden
    folded: Folded
    page_title: PageTitle
    lead: Lead
    body: Body
    links: Links
    mark_captions: Captions
    drop_chrome_lines: Chrome
    lift_byline: Bylines
    mark_headings: Headings
    page_byline: PageByline
    emit: Emit


SECTIONS: dict[str, type] = {f.name: typing.get_type_hints(Settings)[f.name] for f in fields(Settings)}
"""The settings class of each stage that has settings."""
SWITCHES = ("disable", "enable")
"""The keys of ``[stages]`` that switch stages off and on by name."""


def _value(kind: object, meta: Mapping[str, Any], value: object, where: str, path: Path) -> object:
    """``value`` checked against the field's type and ``meta`` (a pattern is compiled,
    with its ``flags``; a whole number is at least its ``min``, 0 by default; a list of
    words, each non-empty, becomes a tuple or a frozenset)."""
    origin = typing.get_origin(kind)
    if origin is re.Pattern:
        if isinstance(value, str):
            try:
                return re.compile(value, meta.get("flags", 0))
            except re.error as exc:
                raise ConfigError(f"{where}: bad pattern {value!r}: {exc}", path=path) from exc
    elif kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    elif kind is int and isinstance(value, int) and not isinstance(value, bool):
        least = meta.get("min", 0)
        if value < least:
            raise ConfigError(f"{where} must be {least} or more, not {value!r}", path=path)
        return value
    elif origin in (tuple, frozenset):
        if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
            if meta.get("lower") and any(v != v.lower() for v in value):
                raise ConfigError(f"{where}: write every word in lower case", path=path)
            return tuple(value) if origin is tuple else frozenset(value)
    elif isinstance(kind, type) and isinstance(value, kind) and not isinstance(value, bool):
        return value
    if origin is re.Pattern:
        name = "a pattern"
    elif origin in (tuple, frozenset):
        name = "a list of words"
    else:
        name = getattr(kind, "__name__", str(kind))
    raise ConfigError(f"{where} must be {name}, not {value!r}", path=path)


def settings_from(table: dict[str, Any], base: Settings | None, path: Path) -> Settings:
    """The settings of a profile's ``[stages]`` table over ``base``'s (generic.toml's),
    each value checked; without a base (generic.toml itself) every value must be given."""
    for name, values in table.items():
        if name in SWITCHES:
            continue
        if name not in SECTIONS:
            raise ConfigError(
                f"[stages.{name}]: no stage with settings is named so", path=path,
                hint=f"stages with settings: {sorted(SECTIONS)}",
            )
        if not isinstance(values, dict):
            raise ConfigError(f"[stages] {name} must be a table of settings", path=path)
    sections = {}
    for name, cls in SECTIONS.items():
        given = _section(name, cls, table.get(name, {}), path)
        if base is not None:
            sections[name] = replace(getattr(base, name), **given)
            continue
        missing = sorted({f.name for f in fields(cls)} - set(given))
        if missing:
            raise ConfigError(f"[stages.{name}] lacks {missing}", path=path, hint="generic.toml gives every setting")
        sections[name] = cls(**given)
    return Settings(**sections)


def _section(name: str, cls: type, values: dict[str, Any], path: Path) -> dict[str, object]:
    hints = typing.get_type_hints(cls)
    meta = {f.name: f.metadata for f in fields(cls)}
    out = {}
    for key, value in values.items():
        if key not in hints:
            raise ConfigError(
                f"[stages.{name}] {key}: unknown setting", path=path,
                hint=f"settings of {name}: {sorted(hints)}",
            )
        out[key] = _value(hints[key], meta[key], value, f"[stages.{name}] {key}", path)
    return out


def switches(table: dict[str, Any], path: Path, known: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The stages ``[stages]`` disables and enables, each a stage of ``known``."""
    found = []
    for key in SWITCHES:
        names = table.get(key, [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(f"[stages] {key} must be a list of stage names", path=path)
        unknown = sorted(set(names) - set(known))
        if unknown:
            raise ConfigError(f"[stages] {key}: no stage named {unknown}", path=path, hint=f"stages: {known}")
        found.append(frozenset(names))
    return found[0], found[1]


@cache
def site_suffix(words: str) -> re.Pattern[str]:
    """``标题-新华网``, ``标题_滚动新闻_中国政府网``: a site or column name after a separator."""
    return re.compile(
        r"^(?P<title>.*\S)\s*[-_|｜—–]+\s*(?P<site>[^-_|｜—–]{1,15}"
        rf"(?:{words}))\s*$"
    )


@cache
def list_label(words: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The label over a list of links, alone on its line; and any of its words."""
    return re.compile(rf"^[【\[]?(?:{words})[】\]]?[:：]?$"), re.compile(words)
