"""Metadata from the byline: 发布时间, 来源, 编辑, 作者 — the labelled line under or after
an article, and the dates written in it.

Separate from chrome removal because a byline is not thrown away: it is lifted into the
front matter, where both renderers print it in a consistent form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

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
_AUTHOR_TAIL = re.compile(r"\s*(?:出自|出处|来自|选自|阅读|评论|浏览|点击|发表|[\[【(（]).*$")
"""What follows a name on an author line: the book or paper it is from."""
_FORUM_POST = re.compile(r"(?:本贴|本帖|此贴|此帖)由\s*(?P<name>[^\s于]{1,20})\s*于")


def forum_author(line: str) -> str:
    """The poster of a forum thread: 本贴由 某某 于2005年8月12日……发表."""
    m = _FORUM_POST.search(line)
    return m["name"] if m else ""


_TRAILING_CHROME = re.compile(
    r"\s*(?:打印|纠错|关闭|分享|收藏|举报|(?:网友)?评论\s*\d+\s*条|\||｜|】|\]|\)|）)+\s*$"
)
_MARKUP_LEAK = re.compile(r"^[\w-]+\s*=\s*[\"']")
"""``size="20"``: an attribute a broken template printed as text where a value should be."""


def parse_byline(
    line: str, labels: dict[str, tuple[str, ...]], *, loose: bool = False
) -> Byline | None:
    """Read a labelled byline; None when the line is not one (too few labels, or prose).

    A line is a byline when it starts with a label and is short, or holds two labels:
    body sentences mention 来源 or 编辑 too, but never as ``label：value label：value``.
    """
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
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(stripped)
        value = _TRAILING_CHROME.sub("", stripped[m.end() : end]).strip(" 　|｜")
        key = label_of[m["label"]]
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
            value = _AUTHOR_TAIL.sub("", value)
            byline.authors = [a for a in re.split(r"[\s　、，,]+", value) if a]
    if not byline.date and (dated or not byline) and parse_date(stripped):
        byline.date = parse_date(stripped)
    return byline if byline else None


_NAME = r"[\u4e00-\u9fff·]{2,4}"
_REPORTER = re.compile(
    rf"(?:^|[\s（(　])[\u4e00-\u9fff·]{{0,8}}?(?:记者|通讯员)\s*(?P<names>{_NAME}(?:[\s　、]+{_NAME}){{0,4}})"
    r"(?=\s*(?:发自|报道|摄影?|[）)]|$|[\s　]))"
)
_SIGNOFF = re.compile(
    rf"(?<=[。！？”\"」])\s*[（(]\s*(?:(?:本报|实习)?记者\s*)?(?P<names>{_NAME}(?:[\s　、]+{_NAME}){{0,4}}?)"
    r"(?:[\s　]+[\u4e00-\u9fff]{1,6}报道)?\s*[）)]\s*$"
)


def find_reporters(text: str) -> list[str]:
    """Reporters named in a paragraph: 本报记者某某发自北京, or a closing （某某　某地报道）."""
    text = text.strip()
    for pattern in (_SIGNOFF, _REPORTER):
        m = pattern.search(text)
        if m:
            names = [n for n in re.split(r"[\s　、]+", m["names"]) if n]
            if pattern is _REPORTER and text[m.end("names"):].startswith("报道") and len(names) > 1:
                names = names[:-1]  # 彭冲 山东冠县报道: the last word is the place
            return names
    return []


COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申"
    "欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴"
    "蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
    "卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟"
    "邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
    "帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍"
    "辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉"
    "冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
"""Surnames of most Chinese people, for telling a bare name line (``胡平``) under a title
from a two-character heading (``前言``): data, in one place."""
SECTION_WORDS = frozenset({"简介", "前言", "引言", "导语", "序言", "后记", "结语", "附录", "概述", "摘要", "正文", "原创"})
"""Short words that could pass for a name (简 and 原 are surnames)."""
_BODY_SUFFIX = tuple("网报社台刊站部局委会院办厅馆所校队处团司室组协")
"""Last characters of an organisation's name (华龙网, 新华社), never of a person's."""
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯")


def bare_name(text: str) -> str:
    """A line that is only a personal name, or ''. Such a line under a title signs it.

    A name is 2–3 Han characters after a common surname (spaces between them allowed:
    ``胡　平``), or 3–4 after a compound one (``欧阳修``); four characters after a single
    surname are a phrase or a place (``麻辣社区``), not a name.
    """
    name = "".join(text.split())
    if name in SECTION_WORDS or name.endswith(_BODY_SUFFIX) or not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return ""
    if name.startswith(_COMPOUND_SURNAMES):
        return name if 3 <= len(name) <= 4 else ""
    return name if 2 <= len(name) <= 3 and name[0] in COMMON_SURNAMES else ""
