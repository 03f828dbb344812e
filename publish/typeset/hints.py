"""Chinese layout hints written into the HTML, where WeasyPrint's CSS cannot reach.

WeasyPrint justifies by stretching U+0020 (and U+00A0) only, so a line of Han text stays
ragged on the right. We write, between two characters of print text:

- a U+0020 at every place a line may break between two wide characters; the style gives
  those spaces a negative ``word-spacing`` equal to the face's space width, so they take
  no room until justification stretches them. Where a break is forbidden (禁则: before
  ，。」, after 「“, inside …… and ——) nothing goes in, so no break the rules forbid is
  added (Pango's own UAX #14 breaking keeps those rules too);
- a quarter-em (``span.qs``: a word joiner, which has no advance, plus a 0.25em left
  padding) between a Han character and a Latin letter or digit (CY/T 154).
  It does not break: a number stays with its unit or measure word (“182名”), and a
  breakable space there would be left at the line end as a shortfall of the measure;
- a WORD JOINER (U+2060, drawn as nothing) before the last letter of a text run, so a
  paragraph never ends on a line of one character (孤字);
- —— (two U+2014) as two U+2015 (``DASH``), which the song, hei and kai faces draw one
  em wide (their U+2014 is 0.89em; FandolFang has no U+2015 and falls back to the song
  face's): a span around the dash with ``fwid`` (the full-width form), or any one-em
  dash in a span, made WeasyPrint 70 break the line before the dash and set the line
  after it past the measure (“1.环境的带领” letter-spaced at 5em, then “——神儿女…”
  1.1–4.8pt into the margin). ``publish.render.pdf.weasy.text_spaces`` writes the
  PDF's text of that glyph as U+2014, so the dash copies as it was written;
- ``span.dot`` around a 间隔号 · between two Han characters (约翰·米勒), so the style
  can set it one em wide, centred, as clreq §3.1 asks: the song and kai faces draw
  U+00B7 a third of an em wide, which packs a transliterated name tight;
- ``span.half`` around ，。、；：！？ before an opening mark (：“ 、（ ，《), so the pair
  takes one and a half ems (标点挤压); ``chws`` compresses the other pairs (。” ）、);
- ``span.fit`` around a paragraph's text but its last ``FIT_ZONE_EM``: there the style
  makes each justification point slightly negative (−0.03em), so a line may take the
  next unbreakable run (“12元”, “DeepMind开”) by a tracking squeeze instead of leaving
  it to the next line and stretching its own gaps (clreq §3.5.2: compress before you
  add). A line that keeps its break is justified back to exactly solid, so the
  character grid holds; the last line of a paragraph, which is not justified, lies in
  the tail the span leaves out, so it is never set tight.

The author's own spaces stay U+0020, in ``span.sp`` which the style gives a positive
word-spacing (0.03em wider than the face's space). ``publish.render.pdf.weasy.text_spaces`` then
removes from the PDF's text every space glyph drawn narrower than that (hints and
quarter-ems: their visible room is justification stretch or padding), so the PDF copies
as the article was written. Private-use code points (icon fonts in scrapes) are dropped.
"""

from __future__ import annotations

import html
import re
from functools import cache

from publish.typeset.cjk import HAN, WIDE

STRETCH_LIMIT_EM = 0.12
"""How much room justification may put between two ideographs, in ems of the line.

clreq §3.5 (line adjustment) allows Han text no space of its own: a line is filled by
compressing first (Western word spaces, the Han–Western space, punctuation's adjustable
half) and only then by adding room between characters; the widest gap it names in Han
text is the Han–Western space of at most a quarter em (also CY/T 154). Beyond half of
that quarter, 0.12em, the added room reads as letter-spacing (拉伸), not as a solid line:
“被 扣 了” beside solid lines. A line that reaches it is one that could not take the next
unbreakable run (“12元”, “DeepMind”), which the layout should have fitted another way."""
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’%…·‰℃〗〙〛｝］．・～")
"""Marks that may not begin a line (docs/typography.md §2, 禁则)."""
NO_LINE_END = set("（《「『【〔〈“‘〖〘〚｛［")
"""Marks that may not end a line."""
INSEPARABLE = ("……", "——")
"""Two-em marks that are never split."""

HINT = " "
"""A justification point: a breakable space the style makes zero-width."""
QUARTER = '<span class="qs">\u2060</span>'
"""Quarter-em after a Latin/digit run, before Han: unbreakable (“182名”). A word
joiner (drawn as nothing, no advance) and the style's left padding: not a U+00A0 made
zero-wide by word-spacing, which WeasyPrint 70 applies to a text box holding that one
glyph only now and then (by which layouts came before), so titles, headings, bylines
and 目录 entries got a quarter em plus the face's space (“2020  年”, 0.47–0.60em)."""
QUARTER_BREAK = '<span class="qb">\u2060 </span>'
"""Quarter-em before a Latin/digit run: a breakable space the style sets 0.25em wide,
stripped at a line end like any space (the joiner keeps it from being a lone space)."""
JOINER = "\u2060"
"""Forbids a break and draws nothing (PANGO_GLYPH_EMPTY)."""
AUTHOR_SPACE = '<span class="sp">\u2060 </span>'
"""An author's space: keeps its width, and stays a space in the PDF's text. The word
joiner keeps the span's text from being a lone space, which WeasyPrint (to apply
word-spacing) would turn into " \u200b" and then fail to strip at a line end."""
AUTHOR_QUARTER = '<span class="qb sq">\u2060 </span>'
"""An author's space between a Han character and a Latin letter or digit (“6日 08:13”,
“8:50 开幕式”): set like ``QUARTER_BREAK``, a quarter em that may break, since clreq
and CY/T 154 give that pair one spacing whatever the source typed; as an author's space
(0.28–0.41em) it made the gap wider than the pairs beside it. ``plain_text`` reads it
back as the space; the PDF's text drops it, like every quarter em."""
DASH = "\u2015\u2015"
"""The print text of a —— (see the module doc): U+2015 HORIZONTAL BAR, one em wide."""
FIT_OPEN = '<span class="fit">'
TAIL_OPEN = '<span class="tail">'
FIT_MIN_CHARS = 20
"""Shorter runs (headings, bylines, 目录 entries) get no ``span.fit``."""
FIT_ZONE_EM = 32.0
"""The tail of a paragraph left out of ``span.fit``, in ems: wider than any style's
measure (28 for book and gongwen, 30 for large), so a paragraph's last line, which is
set at its natural width, never holds a squeezed point."""
NARROW_EM = 0.5
"""Width counted for a Latin letter or digit when measuring that tail: about the
narrowest common advance, so the tail is at least ``FIT_ZONE_EM`` wide."""
HALF_BEFORE_OPENING = set("，。、；：！？")
"""Marks set in the left half of their em box (zh-Hans): before an opening mark they
are set half-width (``span.half``, OpenType ``halt``), which ``chws`` does not do."""
END_MARKS = "。！？”’）》」』"
"""Closing marks that may end a paragraph half-width (``span.end``)."""
INTERPUNCT = "·"
"""间隔号 (U+00B7), set one em wide between Han characters (``span.dot``)."""
LEFT_INK_MARKS = frozenset("，。、；：！？”’）》」』】〕〉〗")
"""Pause and closing marks whose ink sits in the left half of the em box (zh-Hans forms,
GB/T 15834): at a line's end their blank half may hang past the measure (``line_end``)."""
OPENING = set("“‘（《「『【〔〈〖")
CLOSING = set("”’）》」』】〕〉〗")

SOFT_HYPHEN = "\u00ad"
"""Put between the syllables of a Latin word of five letters or more (“Deep-Mind”,
“im-pos-si-ble”: en-US patterns, as TeX's), where a line may break with a hyphen: a
whole word that cannot follow its line would leave that line stretched (CY/T 154
allows breaking an English word at a syllable). Pango draws it only at a break."""
_LONG_WORD = re.compile("[A-Za-z]{5,}")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
"""Icon-font code points left by scrapes: no face has them, they would print as tofu."""
_WIDE_RE = re.compile(f"[{WIDE}]")
_HAN_RE = re.compile(f"[{HAN}]")
_LATIN_RE = re.compile(r"[A-Za-z0-9]")
_LATIN_TAIL_RE = re.compile(r"[A-Za-z0-9%‰℃]")
_LETTER_RE = re.compile(f"[{HAN}A-Za-z0-9]")
_INTERPUNCT_RE = re.compile(f"(?<=[{HAN}]){INTERPUNCT}(?=[{HAN}])")


def _wide(ch: str) -> bool:
    return _WIDE_RE.match(ch) is not None


def break_allowed(a: str, b: str) -> bool:
    """May a line end after ``a`` when ``b`` follows? Only asked of two wide characters."""
    if b in NO_LINE_START or a in NO_LINE_END:
        return False
    if a + b in INSEPARABLE:
        return False
    return True


def separator(a: str, b: str) -> str:
    """What goes between ``a`` and ``b`` in print text (HTML, may be empty)."""
    if _wide(a) and _wide(b):
        return HINT if break_allowed(a, b) else ""
    if _HAN_RE.match(a) and _LATIN_RE.match(b):
        return QUARTER_BREAK
    if _LATIN_TAIL_RE.match(a) and _HAN_RE.match(b):
        # A number keeps its unit (“182名”); a Latin word may end a line (“DeepMind”
        # / “开发”): WeasyPrint 70 fails to break after the Han character that follows
        # an unbreakable quarter-em, and stretches the line before the word instead.
        return QUARTER_BREAK if a.isascii() and a.isalpha() else QUARTER
    return ""


def _last_pair(text: str) -> int | None:
    """Index of the character before the last letter, where a joiner goes so that the
    last line holds at least two letters (“失控”了。 keeps 控”了。 together)."""
    letters = [i for i, ch in enumerate(text) if _LETTER_RE.match(ch)]
    if len(letters) >= 2 and text[letters[-1] - 1] != " ":
        return letters[-1] - 1
    return None


@cache
def _syllables(word: str) -> tuple[int, ...]:
    """Where ``word`` may be hyphenated (en-US patterns, two letters kept each side)."""
    import pyphen  # type: ignore[import-untyped]

    return tuple(pyphen.Pyphen(lang="en_US", left=2, right=3).positions(word))


def fit_end(text: str) -> int:
    """Index in ``text`` where its last ``FIT_ZONE_EM`` begin (0 for a short text)."""
    width = 0.0
    for i in range(len(text) - 1, -1, -1):
        width += 1.0 if _wide(text[i]) else NARROW_EM
        if width >= FIT_ZONE_EM:
            return i
    return 0


def justify_hints(text: str, tail: int | None = None) -> str:
    """Escaped print HTML for one run of text without spaces (see module doc);
    ``span.tail`` opens before character ``tail`` (``print_html`` closes it)."""
    if not text:
        return TAIL_OPEN if tail is not None else text
    glue = _last_pair(text)
    chars = [html.escape(ch, quote=False) for ch in text]
    for i, (a, b) in enumerate(zip(text, text[1:], strict=False)):
        after_closing = i > 0 and text[i - 1] in CLOSING  # chws already compresses there
        if a in HALF_BEFORE_OPENING and b in OPENING and not after_closing:
            chars[i] = f'<span class="half">{chars[i]}</span>'
    for found in _INTERPUNCT_RE.finditer(text):
        chars[found.start()] = f'{JOINER}<span class="dot">{INTERPUNCT}</span>'
    for word in _LONG_WORD.finditer(text):
        for cut in _syllables(word.group()):
            chars[word.start() + cut - 1] += SOFT_HYPHEN
    out = [chars[0]]
    starts = [0]
    for i, (a, b) in enumerate(zip(text, text[1:], strict=False)):
        sep = separator(a, b)
        if i == glue:
            out.append(JOINER if not (_LATIN_RE.match(a) and _LATIN_RE.match(b)) else "")
            if sep not in ("", HINT):
                out.append(QUARTER if sep == QUARTER_BREAK else sep)
        elif sep == HINT and chars[i].endswith("</span>"):
            # The break goes inside span.half (``<span class="half">： </span>“``) or
            # span.dot: after the span WeasyPrint 70 misses it and breaks the line far
            # earlier, leaving “Gweilo　感　慨” stretched over a whole line.
            out[-1] = chars[i].removesuffix("</span>") + HINT + "</span>"
        else:
            out.append(sep)
        starts.append(len(out))
        out.append(chars[i + 1])
    return _open_tail(out, starts, text, tail).replace("——", DASH)


def _open_tail(out: list[str], starts: list[int], text: str, at: int | None) -> str:
    """``out`` joined, ``span.tail`` opened before character ``at`` or the nearest one
    before it that no space precedes (never inside ——, whose pair becomes
    ``span.dash``, nor between a 间隔号 and the joiner before it); None opens nothing.

    Not after a justification point: a space at the edge of a text box gets its
    word-spacing split around the glyph (WeasyPrint doubles it there for Pango), and
    ``publish.render.pdf.weasy.text_spaces`` would then keep it as an author's space in the text."""
    if at is None:
        return "".join(out)
    while 0 < at < len(text) and (
        separator(text[at - 1], text[at]) or text[at - 1 : at + 1] == "——" or text[at] == INTERPUNCT
    ):
        at -= 1
    cut = starts[at] if at < len(text) else len(out)
    return "".join(out[:cut]) + TAIL_OPEN + "".join(out[cut:])


def print_html(text: str, fit: bool = True) -> str:
    """Escaped HTML for print: hints added, the author's spaces kept; a run of running
    text (``fit``, at least ``FIT_MIN_CHARS``) in ``span.fit`` (see module doc)."""
    text = _PRIVATE_USE.sub("", text)
    parts = text.split(" ")
    if not fit or len(text) < FIT_MIN_CHARS:
        return _join_parts(parts, [justify_hints(p) for p in parts])
    tail, start, out = fit_end(text), 0, []
    while tail < len(text) - 1 and text[tail] == " ":
        tail += 1  # the tail opens on a character, not on an author's space
    for part in parts:
        at = tail - start
        out.append(justify_hints(part, at if 0 <= at < max(len(part), 1) else None))
        start += len(part) + 1
    return FIT_OPEN + _mark_end(_join_parts(parts, out), text) + "</span></span>"


def _join_parts(parts: list[str], printed: list[str]) -> str:
    """``printed`` (the print HTML of each of ``parts``) joined by the author's spaces:
    ``AUTHOR_QUARTER`` where one parts a Han character from a Latin letter or digit,
    ``AUTHOR_SPACE`` elsewhere."""
    out = [printed[0]]
    for before, after, html_after in zip(parts, parts[1:], printed[1:], strict=False):
        a, b = before[-1:], after[:1]
        mixed = (_HAN_RE.match(a) and _LATIN_RE.match(b)) or (_LATIN_RE.match(a) and _HAN_RE.match(b))
        out.append(AUTHOR_QUARTER if mixed else AUTHOR_SPACE)
        out.append(html_after)
    return "".join(out)


def _mark_end(printed: str, text: str) -> str:
    """``printed`` with the closing marks that end ``text`` in ``span.end``, which the
    style sets half-width where the run ends its paragraph: they end its last line, where
    their blank half shows as nothing, and the half em saved lets a last run like
    “一半”。” join the line before instead of leaving it stretched."""
    marks = len(text) - len(text.rstrip(END_MARKS))
    if not marks or not printed.endswith(text[-marks:]):
        return printed
    return f'{printed[:-marks]}<span class="end">{text[-marks:]}</span>'



def plain_text(printed: str) -> str:
    """The text a reader sees in ``print_html`` output (tags and hints removed)."""
    text = printed.replace(AUTHOR_SPACE, "\0").replace(AUTHOR_QUARTER, "\0")
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace(QUARTER_BREAK, "")
    text = text.replace(HINT, "").replace("\u00a0", "").replace(JOINER, "").replace(SOFT_HYPHEN, "")
    text = text.replace("\0", " ").replace(DASH, "——")
    return html.unescape(text)


RUNNING_QUARTER = "\u2005"
"""FOUR-PER-EM SPACE: the quarter em between Han and a Latin letter or digit in a
running head, which takes a plain string (``string-set``), so no ``span.qs`` can reach it.
The song face has no U+2005 (Pango then drops it); the running heads' font list names
the kai face after the song face, whose U+2005 is 0.25em wide and draws nothing."""
RUNNING_DOT_SIDE = "\u2004"
"""THREE-PER-EM SPACE (0.333em, also from the kai face), one each side of a 间隔号 in a running
head: with the song face's 0.33em dot they make the one em ``span.dot`` gives it in the
body (clreq §3.1)."""
_RUNNING_MIXED = re.compile(f"(?<=[{HAN}]) ?(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%‰℃]) ?(?=[{HAN}])")


def running_head_text(title: str) -> str:
    """A title as a running head prints it (``data-head``, taken by ``string-set``):
    the plain text, with a quarter em between Han and Latin or digits (an author's
    space there becomes that quarter em) and a 间隔号 between Han characters one em
    wide, so the head spaces the title as the title line above the text does."""
    text = _PRIVATE_USE.sub("", title)
    text = _RUNNING_MIXED.sub(RUNNING_QUARTER, text)
    return _INTERPUNCT_RE.sub(RUNNING_DOT_SIDE + INTERPUNCT + RUNNING_DOT_SIDE, text)


def screen_html(text: str) -> str:
    """Escaped HTML for e-readers and screens, which justify Chinese themselves."""
    return html.escape(text, quote=False)


_SHORT_NUMBER = re.compile(r"(?<![0-9A-Za-z.%])[0-9]{1,2}(?![0-9A-Za-z.%])")


def vertical_html(text: str) -> str:
    """Escaped HTML for 竖排: a one- or two-digit number stands upright in one character
    cell (縦中横, ``span.tcy``); longer numbers and Latin stay sideways (clreq §3.4)."""
    escaped = screen_html(text)
    return _SHORT_NUMBER.sub(lambda m: f'<span class="tcy">{m.group()}</span>', escaped)


_PHRASE_END = re.compile(
    "(?:(?<=[？！：；，、　 ])|(?<=[？！。：；，、][" + re.escape("".join(sorted(CLOSING))) + "]))"
    "(?![" + re.escape("".join(sorted(NO_LINE_START))) + "])"
    "|(?<![" + re.escape("".join(sorted(NO_LINE_END))) + "])(?=——|[" + re.escape("".join(sorted(OPENING))) + "])"
)
"""Where a display line may break: after a phrase's end (？！：；，、 and spaces; not
before a mark that may not begin a line: after “？”” as a whole) and before an opening mark
or ——. Not after a 间隔号, which belongs to the name or the compound on both sides
(“盘点·/抓党建” read as two titles), nor anywhere inside a phrase that fits."""
NOBR_MAX = 12
"""Longest phrase (in characters) any heading keeps on one line: the narrowest heading
measure of the styles, the book style's title page (294pt at 22pt), holds 13."""
NOBR_TITLE_MAX = 16
"""Longest phrase kept whole in an article's title and section headings
(``span.nobr-title``; the styles decide where that holds): 294pt at 18pt holds 16."""


COMPOUND_SIDE = 5
"""A 间隔号 with at least this many characters on each side joins two titles, not the two
halves of a name (“2020年组织工作盘点·抓党建促脱贫攻坚”, not “约翰·米勒”)."""
_COMPOUND_DOT = re.compile(r"(?<=[·・])(?=\S{%d})" % COMPOUND_SIDE)


def _at_compound_dots(phrase: str) -> list[str]:
    """A phrase too long to keep whole, cut after each 间隔号 that joins two titles, so the
    line may break there rather than inside a word (“…促脱/贫攻坚”)."""
    if len(phrase) <= NOBR_TITLE_MAX:
        return [phrase]
    pieces, start = [], 0
    for m in _COMPOUND_DOT.finditer(phrase):
        if m.start() - 1 - start >= COMPOUND_SIDE:
            pieces.append(phrase[start : m.start()])
            start = m.start()
    return [*pieces, phrase[start:]]


def heading_html(text: str) -> str:
    """Print HTML for a title or heading: it breaks between phrases, not inside words.

    A heading is split at ``_PHRASE_END`` (after ？！：；，、 and spaces, before an
    opening mark and ——); each phrase of at most ``NOBR_MAX`` characters goes in
    ``span.nobr`` (white-space: nowrap), so a title breaks "后果很严重吗？/我们看看",
    not "后果/很严重吗？我们看看", and never after a 间隔号; one of at most
    ``NOBR_TITLE_MAX`` in ``span.nobr-title``, kept whole where the style's measure
    allows ("外国专家：/中美合作共赢符合国际社会利益", not "…国际社/会利益"). Longer
    phrases break anywhere the rules allow, so nothing overflows the measure (the
    checker's past-measure rule would say so).
    """
    phrases = [piece for p in _PHRASE_END.split(text) if p for piece in _at_compound_dots(p)]
    if len(phrases) < 2:
        return print_html(text, fit=False)
    out = []
    for phrase in phrases:
        inner = print_html(phrase, fit=False)
        if len(phrase) <= NOBR_MAX:
            inner = f'<span class="nobr">{inner}</span>'
        elif len(phrase) <= NOBR_TITLE_MAX:
            inner = f'<span class="nobr-title">{inner}</span>'
        out.append(inner)
    return HINT.join(out)
