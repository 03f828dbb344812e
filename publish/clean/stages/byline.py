"""The byline: 发布时间/来源/编辑/作者 read around an HTML page's body, and the byline
lines, datelines, signatures and reporters named in the body lifted into the metadata."""

from __future__ import annotations

import re

from publish.clean.byline import (
    bare_name,
    closing_signature,
    find_reporters,
    name_list,
    parse_byline,
    parse_date,
    parse_month,
    pen_credit,
    poster_line,
)
from publish.clean.html_meta import enp_property, linked_author, looks_like_person, meta_authors, page_byline
from publish.clean.normalize import norm
from publish.clean.settings import Bylines
from publish.clean.state import CleanState, RawBlock
from publish.clean.tagged import BYLINE_TAGS, Tagged


def _labels(state: CleanState) -> dict[str, tuple[str, ...]]:
    labels = dict(state.generic.labels)
    labels.update(state.profile.labels)
    return labels



def _join_split_labels(blocks: list[RawBlock], labels: dict[str, tuple[str, ...]], value_max: int) -> None:
    """``责任编辑：`` alone on a line, its name on the next (at most ``value_max``
    characters: ``label_value_max``): one byline line."""
    names = {label for values in labels.values() for label in values}
    for i in range(len(blocks) - 1):
        block, nxt = blocks[i], blocks[i + 1]
        bare = block.text.strip().rstrip(":：").strip("【[（( ")
        if (
            block.kind == "text" and nxt.kind == "text" and bare in names
            and block.text.strip().endswith((":", "：")) and len(nxt.text) <= value_max
            and ":" not in nxt.text and "：" not in nxt.text
        ):
            block.text, nxt.text = f"{block.text.strip()}{nxt.text.strip()}", ""
    # A label left with no value (``责任编辑：`` over an empty name) is an empty field.
    blocks[:] = [b for b in blocks if b.kind != "text" or (b.text and not _is_bare_label(b.text, names))]


def _is_bare_label(text: str, names: set[str]) -> bool:
    text = text.strip()
    return text.endswith((":", "：")) and text.rstrip(":：").strip("【[（( ") in names


_DATE_TEXT = re.compile(r"[\d\s年月日时分秒:：/.\-]|[AaPp][Mm]")


def _is_dateline(text: str, words: Bylines) -> bool:
    """A short line (``date_line_max``) that is mostly a date."""
    if len(text) > words.date_line_max or not parse_date(text):
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
    words = state.profile.settings.lift_byline
    _join_split_labels(state.blocks, labels, words.label_value_max)
    _lift_month_line(state)
    kept = []
    for i, block in enumerate(state.blocks):
        if block.kind == "text":
            byline = parse_byline(block.text, labels, words=words)
            if byline is not None:
                state.byline.merge(byline)
                continue
            if i < 6 and _is_dateline(block.text, words):
                state.byline.date = state.byline.date or parse_date(block.text)
                continue
        kept.append(block)
    state.blocks = kept
    _lift_credit_lines(state)
    if not state.byline.authors:
        _lift_signature(state)
    if not state.byline.authors and bare_name(state.byline.source, words):
        # 来源：尹娟 — a person, not a publication: the writer (reposts name theirs so)
        state.byline.authors = [bare_name(state.byline.source, words)]
    texts = [b.text for b in state.blocks if b.kind == "text"]
    if not state.byline.authors:
        for text in texts[:2] + texts[-3:]:
            state.byline.authors = find_reporters(text, words)
            if state.byline.authors:
                break
    if state.byline.editor:
        # a name the page labels its editor is not its writer, whatever <meta name=author> says
        state.fallback_authors = [a for a in state.fallback_authors if a not in state.byline.editor]
    if not state.byline.date and not state.fallback_date:
        # a short line of its own: a month in a paragraph is what the text cites (…三联书店2000年4月第1版)
        ends = [t for t in texts[:3] + texts[-3:] if len(t) <= words.line_max]
        state.fallback_date = next((parse_month(t) for t in ends if parse_month(t)), "")


def _lift_credit_lines(state: CleanState) -> None:
    """Bylines without a label at either end of the body, lifted: a pen credit (文/张三,
    张三/文) or a post's header or footer (张三 发表于 2004-12-27) among the first and last
    lines, and a closing signature alone on the last line (``（张三）``, right-aligned on
    the page). Their names are the authors when no byline named any."""
    words = state.profile.settings.lift_byline
    texts = [i for i, b in enumerate(state.blocks) if b.kind == "text"]
    search = words.credit_search
    edges = sorted(set(texts[:search] + (texts[-search:] if search else [])))
    lifted = set()
    for i in edges:
        text = state.blocks[i].text
        names = pen_credit(text, words) or (closing_signature(text, words) if i == texts[-1] else [])
        byline = poster_line(text, words) if not names else None
        if names:
            state.byline.authors = state.byline.authors or names
        elif byline is not None:
            state.byline.merge(byline)
        else:
            continue
        lifted.add(i)
    if lifted:
        state.blocks = [b for i, b in enumerate(state.blocks) if i not in lifted]


def _lift_signature(state: CleanState) -> None:
    """A line that is only personal names at the top of the body, before any prose
    (``比赛革命的革命⏎胡平⏎……``, ``张三、李四``), is the authors' signature: lifted, not printed twice.
    Right over the title or a heading it would be a column label (文化, 时政): kept.
    Only the first ``signature_search`` lines are looked at, up to one as long as a heading."""
    settings = state.profile.settings
    search, line_max = settings.lift_byline.signature_search, settings.mark_headings.line_max
    seen = 0
    for i, block in enumerate(state.blocks):
        if block.kind != "text":
            continue
        names = name_list(block.text, settings.lift_byline)
        after = next((b for b in state.blocks[i + 1:] if b.kind != "image"), None)
        over_title = after is None or after.kind == "heading" or norm(after.text) == norm(state.title)
        if names and not over_title:
            state.byline.authors = names
            del state.blocks[i]
            return
        seen += 1
        if seen >= search or len(block.text) > line_max:
            return


def read_page_byline(state: CleanState) -> None:
    """An HTML page's labelled byline around its body; the date and authors to use when
    no label gives them (JSON-LD, a <meta> or date line, a link to the author's page)."""
    page = state.html
    if page is None:
        return
    settings = state.profile.settings
    tags = Tagged(page.root, BYLINE_TAGS)  # read by all that follows; none of it changes the tree
    if page.body:
        state.byline, state.fallback_date = page_byline(
            page.root, page.body, state.url, _labels(state),
            text=state.text, words=settings.lift_byline, settings=settings.page_byline, tags=tags,
        )
    state.fallback_date = page.ld_date or state.fallback_date
    enp = [a for a in enp_property(state.text, "author").split() if looks_like_person(a, settings.lift_byline)]
    state.fallback_authors = (
        page.ld_authors
        or meta_authors(page.root, settings.page_byline, settings.lift_byline, tags)
        or enp
        or ([name] if (name := linked_author(page.root, tags)) else [])
    )
