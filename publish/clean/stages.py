"""The cleaner's judging stages: chrome out, byline lifted, title, headings, captions.

Each is ``fn(state) -> None``, named in ``pipeline.default_ruler``. They work on the raw
blocks both readers produce, so the same rules serve text and HTML scrapes.
"""

from __future__ import annotations

import re
import unicodedata

from publish.clean.byline import bare_name, find_reporters, parse_byline, parse_date, parse_month
from publish.clean.state import CleanState, RawBlock

_SENTENCE_END = tuple("。！？；：，…!?;:,")
HEADING_MAX = 40
"""A line longer than this (in characters) is a paragraph, never a heading."""
CAPTION_MARKERS = re.compile(r"图为|（图[/／]|\(图[/／]|^图[:：]|^图片[:：]|^[（(]?摄影")


def _has_caption_marker(text: str) -> bool:
    """``CAPTION_MARKERS.search(text)``; every marker holds 图 or 摄影, and a line without
    either (most lines) is not searched."""
    return ("图" in text or "摄影" in text) and CAPTION_MARKERS.search(text) is not None


CAPTION_MAX = 240
PHOTO_CREDIT = re.compile(
    r"(?:^|[\s\u3000。])(?:视觉中国|资料图?|供图|摄|图源\S{0,12})\s*$|[（(](?:视觉中国|资料图|新华社发|IC\s?photo)[）)]\s*$"
)
"""A photo credit closing a line: 视觉中国　资料, 新华社记者 某某 摄, （视觉中国）."""
CREDIT_CAPTION_MAX = 60
"""A line this short that ends in a photo credit, right under an image with no caption,
is that image's caption."""


def _labels(state: CleanState) -> dict[str, tuple[str, ...]]:
    labels = dict(state.generic.labels)
    labels.update(state.profile.labels)
    return labels


_CHROME_CACHE: dict[tuple[str, str], re.Pattern[str]] = {}


def _chrome_pattern(state: CleanState) -> re.Pattern[str]:
    """The generic and the site's chrome lines as one alternation, compiled once."""
    key = (state.generic.name, state.profile.name)
    if key not in _CHROME_CACHE:
        patterns = state.generic.chrome_lines + (
            state.profile.chrome_lines if state.profile is not state.generic else ()
        )
        _CHROME_CACHE[key] = re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    return _CHROME_CACHE[key]


def _is_chrome(state: CleanState, text: str) -> bool:
    return _chrome_pattern(state).fullmatch(text) is not None


_EDIT_LINK = re.compile(r"\s*[\[【](?:编辑|編輯|edit|编辑源代码)[\]】]\s*$", re.I)
"""A wiki's "[编辑]" section-edit link at the end of a heading."""
_CHROME_IMAGE = re.compile(r"(?:logo|icon|button|btn|qrcode|erweima|ewm|share|spacer)[^/]*$", re.I)
"""File names of page furniture: site logos, icons, buttons, QR codes."""


_BRACKETED = re.compile(r"[【\[]([^【】\[\]]{1,12})[】\]]\s*")
"""A short bracketed segment, as link bars print them: 【纠错】【打印】【关闭】."""


def _drop_bracketed_chrome(state: CleanState, text: str) -> str:
    """Bracketed segments that are chrome, cut from a line that holds more (``【纠错】
    【责任编辑：张樵苏】``): what is left is judged on its own."""
    return _BRACKETED.sub(lambda m: "" if _is_chrome(state, m[1].strip()) else m[0], text).strip()


def drop_chrome_lines(state: CleanState) -> None:
    """Remove lines that are page furniture: share bars, players, print links, counters,
    and images that are furniture too (a logo, a QR code, an alt text that is chrome)."""
    kept = []
    for block in state.blocks:
        if block.kind == "heading":
            block.text = _EDIT_LINK.sub("", block.text)
        if block.kind == "text" and ("】" in block.text or "]" in block.text):
            block.text = _drop_bracketed_chrome(state, block.text) or block.text
        if block.kind in ("text", "heading") and _is_chrome(state, block.text):
            continue
        if block.kind == "image" and (
            (block.text and _is_chrome(state, block.text))
            or _CHROME_IMAGE.search(block.src.split("?")[0])
        ):
            continue
        kept.append(block)
    state.blocks = kept


LABEL_VALUE_MAX = 20
"""A value this short on the line after a bare ``责任编辑：`` belongs to it."""


def _join_split_labels(blocks: list[RawBlock], labels: dict[str, tuple[str, ...]]) -> None:
    """``责任编辑：`` alone on a line, its name on the next: one byline line."""
    names = {label for values in labels.values() for label in values}
    for i in range(len(blocks) - 1):
        block, nxt = blocks[i], blocks[i + 1]
        bare = block.text.strip().rstrip(":：").strip("【[（( ")
        if (
            block.kind == "text" and nxt.kind == "text" and bare in names
            and block.text.strip().endswith((":", "：")) and len(nxt.text) <= LABEL_VALUE_MAX
            and ":" not in nxt.text and "：" not in nxt.text
        ):
            block.text, nxt.text = f"{block.text.strip()}{nxt.text.strip()}", ""
    # A label left with no value (``责任编辑：`` over an empty name) is an empty field.
    blocks[:] = [b for b in blocks if b.kind != "text" or (b.text and not _is_bare_label(b.text, names))]


def _is_bare_label(text: str, names: set[str]) -> bool:
    text = text.strip()
    return text.endswith((":", "：")) and text.rstrip(":：").strip("【[（( ") in names


DATE_LINE_MAX = 40
"""A line this short that is mostly a date, near the top of the body, is the dateline."""
_DATE_TEXT = re.compile(r"[\d\s年月日时分秒:：/.\-]|[AaPp][Mm]")


def _is_dateline(text: str) -> bool:
    if len(text) > DATE_LINE_MAX or not parse_date(text):
        return False
    return len(_DATE_TEXT.sub("", text)) <= 6


_MONTH_LINE = re.compile(r"^(?:19|20)\d\d\s*年\s*\d{1,2}\s*月$")


def _is_month_line(block: RawBlock) -> bool:
    # the month mark first: most lines have none and need no copy without white space
    return (
        block.kind in ("text", "heading") and "月" in block.text
        and bool(_MONTH_LINE.match("".join(block.text.split())))
    )


def _lift_month_line(state: CleanState) -> None:
    """``2003年5月`` alone on a line (often bold) at the head of the body, under the title
    and the issuing body, is the document's own date — a report or speech the site
    reposted later — at the granularity it is written. Only when it is the body's one
    such line: a chronology's month headings are structure, not a dateline."""
    found = [i for i, b in enumerate(state.blocks) if _is_month_line(b)]
    if len(found) == 1 and found[0] < 6 and parse_month(state.blocks[found[0]].text):
        state.byline.date = state.byline.date or parse_month(state.blocks[found[0]].text)
        del state.blocks[found[0]]


def lift_byline(state: CleanState) -> None:
    """Move 发布时间/来源/编辑/作者 lines into the metadata; the first values found win.

    A bare date line among the first blocks is the dateline; reporters named in the
    first or last paragraphs (本报记者某某, （某某　北京报道）) are the authors; a
    year-month alone (《北京之春》1996年6月号) dates a reprint when nothing else does.
    """
    labels = _labels(state)
    _join_split_labels(state.blocks, labels)
    _lift_month_line(state)
    kept = []
    for i, block in enumerate(state.blocks):
        if block.kind == "text":
            byline = parse_byline(block.text, labels)
            if byline is not None:
                state.byline.merge(byline)
                continue
            if i < 6 and _is_dateline(block.text):
                state.byline.date = state.byline.date or parse_date(block.text)
                continue
        kept.append(block)
    state.blocks = kept
    if not state.byline.authors:
        _lift_signature(state)
    if not state.byline.authors and bare_name(state.byline.source):
        # 来源：尹娟 — a person, not a publication: the writer (reposts name theirs so)
        state.byline.authors = [bare_name(state.byline.source)]
    texts = [b.text for b in state.blocks if b.kind == "text"]
    if not state.byline.authors:
        for text in texts[:2] + texts[-3:]:
            state.byline.authors = find_reporters(text)
            if state.byline.authors:
                break
    if not state.byline.date and not state.fallback_date:
        state.fallback_date = next(
            (parse_month(t) for t in texts[:3] + texts[-3:] if parse_month(t)), ""
        )


SIGNATURE_SEARCH = 3
"""How many text lines at the top of the body may hold a bare name that signs it."""


def _lift_signature(state: CleanState) -> None:
    """A line that is only a personal name at the top of the body, before any prose
    (``比赛革命的革命⏎胡平⏎……``), is the author's signature: lifted, not printed twice.
    Right over the title or a heading it would be a column label (文化, 时政): kept."""
    seen = 0
    for i, block in enumerate(state.blocks):
        if block.kind != "text":
            continue
        name = bare_name(block.text)
        after = next((b for b in state.blocks[i + 1:] if b.kind != "image"), None)
        over_title = after is None or after.kind == "heading" or _norm(after.text) == _norm(state.title)
        if name and not over_title:
            state.byline.authors = [name]
            del state.blocks[i]
            return
        seen += 1
        if seen >= SIGNATURE_SEARCH or len(block.text) > HEADING_MAX:
            return


def _norm(text: str) -> str:
    return _SPACES.sub("", nfkc(text))


_SPACES = re.compile(r"\s+")
_COMPATIBLE = re.compile("[\u00a0\u2026\u3000\uff01-\uff5e]")
_DECOMPOSED = {chr(c): unicodedata.normalize("NFKD", chr(c)) for c in (0xA0, 0x2026, 0x3000, *range(0xFF01, 0xFF5F))}


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, three times faster on Chinese text.

    Full-width marks (，：！ …) make NFKC take its slow path over the whole string; they are
    replaced by their compatibility decomposition first (，→ ,), which NFKC would do anyway
    (NFKC composes the full decomposition, and decomposing a character early changes
    nothing in it), and what is left is usually normalized already, a quick check.
    """
    return unicodedata.normalize("NFKC", _COMPATIBLE.sub(_decompose, text))


def _decompose(m: re.Match[str]) -> str:
    return _DECOMPOSED[m.group()]


_NOT_WORD = re.compile(r"[\W_]+")


def _bare(text: str) -> str:
    """Text without spaces or punctuation: a caption repeated under its image often
    differs from its alt text only in a closing 。 or a space."""
    return _NOT_WORD.sub("", nfkc(text))


def _repeats(caption: str, text: str) -> bool:
    """``text`` says what ``caption`` says (one contains the other, punctuation aside)."""
    a, b = _bare(caption), _bare(text)
    return bool(a) and bool(b) and (a in b or b in a)


def find_title(state: CleanState) -> None:
    """The title: the reader's when it found one, else the first line of a text scrape.

    The body's own copy of the title (an <h1>, the first line) is removed either way.
    """
    # A text scrape's first short line is its title; an HTML page's body paragraphs are
    # never taken for one (its title comes from the page), only a heading is.
    kinds = ("heading",) if state.is_html else ("text", "heading")
    if not state.title:
        for i, block in enumerate(state.blocks):
            if block.kind in kinds and len(block.text) <= 2 * HEADING_MAX:
                state.title = block.text
                del state.blocks[i]
                break
    title = _norm(state.title)
    for i, block in enumerate(state.blocks[:8]):
        if block.kind in ("text", "heading") and title and _norm(block.text) == title:
            del state.blocks[i]
            _take_lead(state, i)
            break


def _take_lead(state: CleanState, i: int) -> None:
    """A short heading right above the body's copy of the title, and nothing but headings
    before it, is the title's 引题 (lead), set over the title as newspapers do."""
    if state.lead or i == 0 or any(b.kind != "heading" for b in state.blocks[:i]):
        return
    above = state.blocks[i - 1]
    if len(above.text) <= HEADING_MAX:
        state.lead = above.text
        del state.blocks[i - 1]


def split_title(state: CleanState) -> None:
    """主题——副题: the part after a double dash is the subtitle (TYPOGRAPHY.md §3)."""
    m = re.match(r"^(.+?)\s*(?:——|--|—)\s*(.+)$", state.title)
    if m and not state.subtitle:
        state.title, state.subtitle = m.group(1).strip(), m.group(2).strip()


def _heading_like(block: RawBlock) -> bool:
    text = block.text
    return (
        block.kind == "text"
        and not block.indented
        and 0 < len(text) <= HEADING_MAX
        and not text.endswith(_SENTENCE_END)
        and not _has_caption_marker(text)
    )


def mark_headings(state: CleanState) -> None:
    """Unindented short lines between indented paragraphs are section headings.

    Two such lines in a row are an 引题 + 主题 pair: the first becomes the kicker of the
    heading that follows. Only text scrapes whose paragraphs are indented carry this
    signal; HTML pages say which blocks are headings.
    """
    if not any(b.indented for b in state.blocks):
        return
    out: list[RawBlock] = []
    for block in state.blocks:
        if _heading_like(block):
            block.kind = "heading"
            block.level = 2
        if block.kind == "heading" and out and out[-1].kind == "heading" and not out[-1].kicker:
            block.kicker = out.pop().text
        out.append(block)
    state.blocks = out


def mark_captions(state: CleanState) -> None:
    """图为…… paragraphs are figure captions; an image right before takes them over.

    A short line ending in a photo credit (``共享充电宝。视觉中国　资料``) right under an
    image without a caption is its caption too.
    """
    out: list[RawBlock] = []
    for block in state.blocks:
        if (
            block.kind == "text"
            and len(block.text) <= CAPTION_MAX
            and _has_caption_marker(block.text)
        ):
            if out and out[-1].kind == "image" and (not out[-1].text or _repeats(out[-1].text, block.text)):
                if len(_bare(block.text)) >= len(_bare(out[-1].text)):
                    out[-1].text = block.text
                continue
            block.kind = "image"
        elif (
            block.kind == "text" and len(block.text) <= CREDIT_CAPTION_MAX
            and PHOTO_CREDIT.search(block.text) and out and out[-1].kind == "image" and not out[-1].text
        ):
            out[-1].text = block.text
            continue
        out.append(block)
    state.blocks = out


_FILE_NAME = re.compile(r"^[^\n/\\]{1,160}\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?)$", re.I)
"""Alt text that is the image's file name (``Ambox wikify.svg``, MediaWiki's default)."""


def drop_duplicates(state: CleanState) -> None:
    """A caption repeated as alt text, title text and paragraph is kept once.

    Alt text that only repeats the article's title or is a file name is not a caption.
    """
    titles = {_norm(state.title), _norm(state.subtitle), _norm(state.title + state.subtitle)}
    norms: dict[str, str] = {}

    def norm(text: str) -> str:
        if text not in norms:
            norms[text] = _norm(text)
        return norms[text]

    out: list[RawBlock] = []
    for block in state.blocks:
        if block.kind == "image" and (norm(block.text) in titles or _FILE_NAME.match(block.text)):
            block.text = ""
        if (
            block.kind == "text" and out and out[-1].kind == "image" and out[-1].text
            and _bare(block.text) and _bare(block.text) == _bare(out[-1].text)
        ):
            continue  # the caption printed again under its image
        if (
            out and block.kind == out[-1].kind and norm(block.text) == norm(out[-1].text)
            and (block.kind != "text" or _bare(block.text))  # two blanks to fill in are two
        ):
            if block.src and not out[-1].src:
                out[-1].src = block.src
            if block.kind != "image" or not block.src or not out[-1].src or block.src == out[-1].src:
                continue
        out.append(block)
    state.blocks = out
