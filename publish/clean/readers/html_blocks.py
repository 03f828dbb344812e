"""The body's blocks: an HTML body walked in page order into raw blocks.

Each element read whole (a heading, an image, a data table, a paragraph …) has its emitter
in ``EMITTERS``, by tag, as ``markdown.write.RENDERERS`` has one writer per block; the
walk is iterative, so hostile nesting cannot exhaust the stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.etree import _Element

from publish.clean.extract import INLINE_TAGS, text_content
from publish.clean.settings import Emit
from publish.clean.state import CleanState, RawBlock
from publish.clean.wrap import ends_sentence, join_wrapped, must_join
from publish.errors import CleanError

LAZY_SRC = ("data-original", "data-src", "data-lazy-src", "data-echo", "data-url", "src")
_PLACEHOLDER = re.compile(r"(?:^data:image/(?:gif|svg)|blank\.gif|spacer\.gif|pixel\.gif|loading)", re.I)


def _image_src(img: _Element) -> str:
    for attr in LAZY_SRC:
        value = (img.get(attr) or "").strip()
        scheme = value.split(":", 1)[0].lower() if ":" in value[:12] else ""
        if scheme in ("javascript", "vbscript") or (scheme == "data" and not value[5:11].lower() == "image/"):
            continue
        if value and not _PLACEHOLDER.search(value):
            return value
    return ""


def _generic_emit() -> Emit:
    """generic.toml's ``[stages.emit]``, for callers that give none (tests, tools)."""
    from publish.clean.profiles import generic

    return generic().settings.emit


_SOURCE_PARAGRAPH = re.compile(r"\n[^\S\n\u3000]*(?:\n|(?=\u3000))")
"""A blank source line, or a source line indented with ideographic spaces (``⏎　　人生
就如……``): the paragraph marks of Chinese pages that set their text without <p>."""


def _text_lines(el: _Element) -> list[str]:
    """Text of an inline-only element in document order, split at <br> and at source
    paragraph marks (``_SOURCE_PARAGRAPH``).

    Any other newline in the source is white space, as a browser shows it: a paragraph
    wrapped over several source lines (``谷歌(微博)⏎    在2014年……``) stays one paragraph.
    """
    return [line for line, _ in _indented_lines(el)]


def _indented_lines(el: _Element) -> list[tuple[str, int]]:
    """``_text_lines`` with, for each line, the columns of its visible indent (no-break
    or ideographic spaces: source-code indentation with plain spaces is not seen).

    Without a <br> the element's text is one run, collected in C (``text_content``: the
    same text nodes in the same order as the walk below).
    """
    if next(el.iter("br"), None) is None:
        text = text_content(el)
        if "\n" not in text:  # one line (most paragraphs): no paragraph mark, no indent to read
            return [(" ".join(text.split()), 0)]
        return [_line(p) for p in _SOURCE_PARAGRAPH.split(text)]
    lines: list[list[str]] = [[]]
    stack: list[_Element | str] = [el]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            lines[-1].append(item)
            continue
        if item.tag == "br":
            lines.append([])
        elif isinstance(item.tag, str) and item.text:
            lines[-1].append(item.text)
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
    return [_line(p) for parts in lines for p in _SOURCE_PARAGRAPH.split("".join(parts))]


_VISIBLE_INDENT = re.compile(r"^[\r\n\t ]*([\u00a0\u3000][\u00a0\u3000 ]*)")


def _line(raw: str) -> tuple[str, int]:
    """A source line's text, and the columns of its visible indent (0: none)."""
    m = _VISIBLE_INDENT.match(raw)
    if m is None:
        return " ".join(raw.split()), 0
    indent = m.group(1)
    return " ".join(raw.split()), len(indent) + indent.count("\u3000")  # an ideographic space is two columns


def _is_inline_only(el: _Element) -> bool:
    return all(not isinstance(d.tag, str) or d.tag in INLINE_TAGS for d in el.iterdescendants())


_SENTENCE_END = re.compile(r"[。！？；：，…!?;:,]\s*$")


def _is_bold_line(el: _Element, rules: Emit | None = None) -> bool:
    """A short paragraph (``bold_line_max``) all in <strong>/<b> without a sentence end:
    a section heading.

    One that opens with a dash (``——（宋）陆游``) is an attribution, and one that opens
    with a short label and a bar (``出品︱网易科学人栏目组``: ``credit_line``) a credit,
    not a heading.
    """
    if next(el.iter("strong", "b"), None) is None:
        return False  # no bold text at all (most paragraphs): nothing to compare
    rules = rules or _generic_emit()
    text = " ".join(text_content(el).split())
    if (
        not text or len(text) > rules.bold_line_max or _SENTENCE_END.search(text)
        or next(el.iterdescendants("img"), None) is not None
    ):
        return False
    if text.startswith(("—", "--", "－")) or rules.credit_line.match(text):
        return False
    bold = "".join(" ".join(text_content(b).split()) for b in el.iter("strong", "b"))
    return bold.replace(" ", "") == text.replace(" ", "")


_BLOCK_EDGE = frozenset(("br", "p", "div", "section", "table", "ul", "ol", "blockquote", "hr"))


def _stands_alone(el: _Element) -> bool:
    """A bold run with a line of its own between <br>s or blocks (``…<br><strong>共享充电宝
    告别1元时代</strong><br>…``): a line set in bold, as a paragraph of it would be."""
    if (el.tail or "").strip():
        return False
    before, after = el.getprevious(), el.getnext()
    parent = el.getparent()
    if before is None:
        opened = parent is None or not (parent.text or "").strip()
    else:
        opened = before.tag in _BLOCK_EDGE and not (before.tail or "").strip()
    return opened and (after is None or after.tag in _BLOCK_EDGE)


def _is_icon(img: _Element, max_px: int) -> bool:
    """An image declared ``max_px`` (``icon_max_px``) or smaller: an icon, not a figure."""
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= max_px:
            return True
    return False


Emitter = Callable[[_Element, list[RawBlock], Emit], bool]
"""Adds the blocks of one element to the list; False when the element needs walking into.
The third argument: ``[stages.emit]``'s settings."""


def _heading(level: int) -> Emitter:
    def emit_heading(el: _Element, out: list[RawBlock], rules: Emit) -> bool:
        text = " ".join(text_content(el).split())
        if text:
            out.append(RawBlock("heading", text=text, level=level))
        return True

    return emit_heading


def _image(el: _Element, out: list[RawBlock], rules: Emit) -> bool:
    src = _image_src(el)
    if src and not _is_icon(el, rules.icon_max_px):
        alt = (el.get("alt") or el.get("title") or "").strip()
        out.append(RawBlock("image", src=src, text=alt))
    return True


def _table(el: _Element, out: list[RawBlock], rules: Emit) -> bool:
    if any(True for _ in el.iterdescendants("table")):
        return False  # a layout table: walked into (its cells are not read twice)
    rows = [
        [" ".join(text_content(c).split()) for c in tr if c.tag in ("td", "th")]
        for tr in el.iter("tr")
    ]
    rows = [r for r in rows if any(r)]
    width = max((len(r) for r in rows), default=0)
    if rows and width > 1 and len(rows) > 1 and len(set(map(len, rows))) == 1:
        out.append(RawBlock("table", rows=rows))
        return True
    return False


def _quote(el: _Element, out: list[RawBlock], rules: Emit) -> bool:
    if not _is_inline_only(el):
        return False
    text = " ".join(text_content(el).split())
    if text:
        out.append(RawBlock("quote", text=text))
    return True


def _item(el: _Element, out: list[RawBlock], rules: Emit) -> bool:
    if not _is_inline_only(el):
        return False
    parent = el.getparent()
    text = " ".join(text_content(el).split())
    if text:
        out.append(RawBlock("item", text=text, ordered=parent is not None and parent.tag == "ol"))
    for img in el.iter("img"):
        _image(img, out, rules)
    return True


def _lines(el: _Element, out: list[RawBlock], rules: Emit) -> bool:
    """The images of ``el``, then its text lines as paragraphs."""
    for img in el.iter("img"):
        _image(img, out, rules)
    lines = [(text, indent) for text, indent in _indented_lines(el) if text]
    if len(lines) == 1:  # most paragraphs: nothing to join
        out.append(RawBlock("text", text=lines[0][0]))
        return True
    joined = join_wrapped([t for t, _ in lines], rules, [i for _, i in lines])
    out.extend(RawBlock("text", text=line) for line in joined)
    return True


def _bold_heading(el: _Element, out: list[RawBlock]) -> None:
    # level 0: a bold line has no level of its own (set as ##, like an <h2>); the kicker
    # pairing (stages.headings) tells it from a heading tag by that
    out.append(RawBlock("heading", text=" ".join(text_content(el).split()), level=0))


def _paragraph(el: _Element, out: list[RawBlock], rules: Emit) -> bool:
    if _is_bold_line(el, rules):
        _bold_heading(el, out)
        return True
    return _lines(el, out, rules)


def _bold(el: _Element, out: list[RawBlock], rules: Emit) -> bool:
    if _stands_alone(el) and _is_bold_line(el, rules):
        _bold_heading(el, out)
        return True
    return _inline(el, out, rules)


def _inline(el: _Element, out: list[RawBlock], rules: Emit) -> bool:
    """Any other element: read as lines of text when it holds only inline content."""
    return _is_inline_only(el) and _lines(el, out, rules)


EMITTERS: dict[str, Emitter] = {
    **{f"h{level}": _heading(level) for level in range(1, 7)},
    "img": _image,
    "table": _table,
    "blockquote": _quote,
    "li": _item,
    "p": _paragraph,
    "strong": _bold,
    "b": _bold,
}
"""The elements read whole, by tag; any other tag is read by ``_inline``."""


def _emit_leaf(el: _Element, tag: str, out: list[RawBlock], rules: Emit) -> bool:
    """Blocks that are emitted whole; False when ``el`` needs walking into."""
    return EMITTERS.get(tag, _inline)(el, out, rules)


def emit(roots: list[_Element], out: list[RawBlock], rules: Emit | None = None) -> None:
    """The blocks of ``roots`` in page order, by an explicit stack (no recursion)."""
    rules = rules or _generic_emit()
    stack: list[_Element | str] = list(reversed(roots))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            for line in item.split("\n"):
                if line.strip():
                    out.append(RawBlock("text", text=" ".join(line.split())))
            continue
        tag = item.tag if isinstance(item.tag, str) else ""
        if not tag or _emit_leaf(item, tag, out, rules):
            continue
        if item.text and item.text.strip():
            out.append(RawBlock("text", text=" ".join(item.text.split())))
        for child in reversed(item):
            if child.tail and child.tail.strip():
                stack.append(child.tail)
            stack.append(child)


def rejoin(blocks: list[RawBlock]) -> list[RawBlock]:
    """Paragraphs the page split joined again: a text block that cannot open a line
    (``wrap.must_join``: ``）江苏省委……`` after a link removed from ``（详情请点击链接：``),
    and one that carries on a sentence an image interrupted (``获得了5`` · image ·
    ``00万元的体彩大奖``): the text joined, the images after it."""
    out: list[RawBlock] = []
    for block in blocks:
        if block.kind == "text" and out:
            images = 0
            while images < len(out) and out[-1 - images].kind == "image":
                images += 1
            before = out[-1 - images] if images < len(out) else None
            if before is not None and before.kind == "text" and _continues(before.text, block.text, images):
                before.text += block.text
                continue
        out.append(block)
    return out


def _continues(before: str, text: str, images: int) -> bool:
    if must_join(before, text):
        return True
    return bool(images) and not ends_sentence(before) and before[-1:].isdigit() and text[:1].isdigit()


def emit_blocks(state: CleanState) -> None:
    """The body's blocks (the whole page's, when no stage chose a body)."""
    page = state.html
    if page is None:
        return
    whole = page.root.find("body")
    blocks: list[RawBlock] = []
    emit(page.body or [whole if whole is not None else page.root], blocks, state.profile.settings.emit)
    state.blocks.extend(rejoin(blocks))
    if not state.blocks:
        raise CleanError("no article text found on this page", path=state.path)
