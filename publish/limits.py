"""Bounds on what untrusted input may cost: page size, element count, nesting, image size,
an SVG's elements and what its references expand to, the size of a book's own files.

Separate from the cleaner and the fetcher because both need the same numbers and because
the checks must run before any parser sees the input: a 50 MB page, 10,000 nested
``<div>``, a million tiny elements or a PNG that claims 100,000×100,000 pixels is refused
here, in linear time and constant memory, with a message saying what the limit is. The
limits are 30–40 times what the largest real page in the corpus needs.
"""

from __future__ import annotations

import io
import re
import sys
import warnings
from dataclasses import dataclass
from itertools import accumulate
from operator import sub
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from xml.etree import ElementTree

from publish.errors import CleanError

if TYPE_CHECKING:
    from types import ModuleType


@dataclass(frozen=True, slots=True)
class Limits:
    page_bytes: int = 16 * 1024 * 1024
    """The largest real page in the corpus is 470 KB."""
    page_elements: int = 200_000
    """Start tags; the most in the corpus is about 7,800."""
    page_depth: int = 200
    """Nesting of closed container tags; the deepest corpus page has 28. lxml silently
    drops everything below depth 255, so a deeper page would lose text without a word."""
    image_pixels: int = 64_000_000
    """A full A4 page at 600 dpi is 35 megapixels."""
    image_bytes: int = 64 * 1024 * 1024
    svg_elements: int = 50_000
    """Start tags in one SVG: WeasyPrint draws some 10,000 a second, so this is a few
    seconds of a build; a chart or a map drawn for print has a few thousand."""
    svg_drawn: int = 100_000
    """Elements drawn once every ``<use>`` and ``href``/``url(#…)`` reference is followed:
    nested references multiply (ten ``<use>`` of ten ``<use>``… is a bomb of 2 KB), so
    the count is of the expansion, not of the references written."""
    source_bytes: int = 8 * 1024 * 1024
    """book.toml, an article or a style sheet: the longest article in the corpus is 13 KB."""


LIMITS = Limits()



def pillow() -> ModuleType:
    """``PIL.Image``, with Pillow's own bomb limit set to ours.

    Pillow refuses to decode more than twice ``MAX_IMAGE_PIXELS`` (DecompressionBombError)
    wherever it is used, WeasyPrint included; ``image_problem`` refuses at the limit
    itself. Imported here on first use, not with this module: the cleaner reads this
    module for every page and checks an image only when a page has one, and Pillow's
    import is a tenth of a batch's start-up. Every image that reaches a decoder from
    outside (a page's, a book's, a fetched one) is first checked by ``image_problem``,
    which calls this, so the limit is set before Pillow decodes any of them.
    """
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = LIMITS.image_pixels
    return Image


if "PIL.Image" in sys.modules:  # already imported by someone else: limit it now
    pillow()

_START_TAG = re.compile(rb"<[A-Za-z]")
_NOT_NESTING = frozenset(
    b"area base br col embed hr img input link meta param source track wbr "
    b"p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rp "
    b"html head body".split()
)
"""Void elements and those whose end tag is optional: they do not make a page deeper."""


def _alternation(words: list[bytes]) -> bytes:
    """A regular expression matching exactly ``words``, branching on shared prefixes
    (``t(?:body|d|foot|h(?:ead)?|r(?:ack)?)``): the engine tries the branches of an
    alternation one by one, so at every tag of the page a flat list of 35 names costs
    a test per name, and this one a test per letter."""
    if words == [b""]:
        return b""
    by_first: dict[bytes, list[bytes]] = {}
    for word in sorted(set(words)):
        if word:
            by_first.setdefault(word[:1], []).append(word[1:])
    branches = [re.escape(first) + _alternation(rest) for first, rest in by_first.items()]
    either = branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"
    return b"(?:" + either + b")?" if b"" in words else either


_NESTING_TAG = re.compile(
    rb"<(/?)(?!" + _alternation(sorted(_NOT_NESTING)) + rb"(?![a-z0-9]))"
    rb"[a-z][a-z0-9]*[^<>]*(?<!/)>"
)
"""An open or close tag that nests (group 1 is ``/`` for a close tag): not one of
``_NOT_NESTING``, not self-closed (``<x/>``). ``[^<>]`` keeps every match attempt within
one tag, so the scan stays linear on hostile input (a million unclosed ``<a``); a tag it
refuses is skipped whole, as no match can start inside it. It is run over the lower-cased
page: matching the names without ``re.IGNORECASE`` makes the scan twice as fast."""


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _without_scripts(low: bytes) -> bytes:
    """The lower-cased page ``low`` without <script> bodies (their strings hold tags), in
    one linear pass."""
    kept: list[bytes] = []
    pos = 0
    while (start := low.find(b"<script", pos)) >= 0:
        kept.append(low[pos:start])
        end = low.find(b"</script", start)
        if end < 0:
            return b"".join(kept)
        pos = end + len(b"</script")
    kept.append(low[pos:])
    return b"".join(kept)


def _as_utf8ish(data: bytes) -> bytes:
    """UTF-16 pages re-encoded so that the byte patterns below see their tags."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    return data


def nesting_depth(data: bytes) -> int:
    """The deepest nesting of explicitly closed elements, scanning tags without parsing.

    A close tag with nothing open is ignored (the depth never goes below 0). The tags are
    found by one regular expression and the depth is a running sum, both at C speed: this
    runs on every page before anything else, and a per-tag Python loop cost as much as
    parsing the page.
    """
    steps = map(_STEP.__getitem__, _NESTING_TAG.findall(_without_scripts(data.lower())))
    return deepest_reflected(list(accumulate(steps)))


_STEP = {b"": 1, b"/": -1}
"""An open tag goes one level down, a close tag one up."""


def deepest_reflected(sums: list[int]) -> int:
    """The highest point of a walk kept from going below 0, given its free prefix sums.

    A walk stopped at 0 stands at ``sums[i] - min(0, min(sums[:i + 1]))`` (every step it
    was stopped lifts the rest of the walk by one), so its highest point needs no loop.
    A walk that never goes below 0 (most pages close no more than they open) is its sums.
    """
    if not sums or min(sums) >= 0:
        return max(sums, default=0)
    lows = accumulate(sums, min, initial=0)
    next(lows)  # the 0 before the first step
    return max(map(sub, sums, lows), default=0)


def _start_tags(data: bytes, at_most: int) -> int:
    """The page's start tags, or its count of ``<`` when that is ``at_most`` or less.

    Every start tag opens with a ``<``, so a page with few of them is within the limit
    whatever its tags are, and counting one byte costs a tenth of the regular expression
    that finds the tags. A count above the tags' only makes ``check_page`` run the nesting
    scan where it could skip it, never skip it where it must run.
    """
    brackets = data.count(b"<")
    return brackets if brackets <= at_most else len(_START_TAG.findall(data))


def check_page(data: bytes, path: Path, limits: Limits = LIMITS) -> None:
    """Raise CleanError when a page would cost more to parse than any article can."""
    hint = "this is not an ordinary article page; check the scrape or clean it by hand"
    if len(data) > limits.page_bytes:
        raise CleanError(
            f"the page is {_megabytes(len(data))}, more than the {_megabytes(limits.page_bytes)} "
            "limit for one article", path=path, hint=hint,
        )
    data = _as_utf8ish(data)
    elements = _start_tags(data, limits.page_elements)
    if elements > limits.page_elements:
        raise CleanError(
            f"the page has {elements:,} elements, more than the {limits.page_elements:,} limit",
            path=path, hint=hint,
        )
    depth = nesting_depth(data) if elements > limits.page_depth else 0
    if depth > limits.page_depth:
        raise CleanError(
            f"the page nests elements {depth:,} deep, more than the {limits.page_depth} limit "
            "(text that deep would be lost)", path=path, hint=hint,
        )


def image_problem(data: bytes, name: str, limits: Limits = LIMITS) -> str:
    """Why an image must not be decoded ('' when it may): too big, a bomb, unsafe SVG."""
    if len(data) > limits.image_bytes:
        return f"larger than {_megabytes(limits.image_bytes)}"
    looks_svg = data.lstrip()[:5] in (b"<?xml", b"<svg ", b"<svg>")
    if name.lower().endswith((".svg", ".svgz")) or looks_svg:
        return svg_problem(data, limits)
    Image = pillow()
    try:
        with warnings.catch_warnings():  # the warning Pillow gives is our refusal below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                width, height = image.size
    except Image.DecompressionBombError as exc:  # more than twice the limit
        return f"a decompression bomb: {str(exc).split(',')[0].lower()}"
    except Exception:  # noqa: BLE001 - not an image Pillow knows; WeasyPrint will say so
        return ""
    if width * height > limits.image_pixels:
        return (
            f"claims {width:,}×{height:,} pixels, more than the "
            f"{limits.image_pixels // 1_000_000} megapixel limit"
        )
    return ""


_SVG_EXTERNAL = re.compile(
    rb"""(?:href|src)\s*=\s*["']\s*(?!data:)[a-z][a-z0-9+.-]*:|url\(\s*["']?\s*(?!data:)[a-z][a-z0-9+.-]*:"""
)
"""An absolute URL in an SVG: WeasyPrint would ask the sandbox, but an EPUB reading
system would follow it itself."""


def svg_problem(data: bytes, limits: Limits = LIMITS) -> str:
    """SVG with a DTD can define entities that read files or expand without bound, SVG can
    link files and URLs that a reading system would fetch, and its elements and references
    can cost a renderer minutes and gigabytes (``svg_cost``)."""
    if data[:2] == b"\x1f\x8b":
        return "compressed SVG (svgz) is not accepted"
    low = data.lower()
    if b"<!doctype" in low or b"<!entity" in low:
        return "SVG with a DOCTYPE or entities is not accepted (they can read files)"
    if _SVG_EXTERNAL.search(low):
        return "SVG that links an external file or URL is not accepted"
    return svg_cost(data, limits)


def svg_cost(data: bytes, limits: Limits = LIMITS) -> str:
    """Why drawing an SVG would cost too much ('' when it would not).

    The start tags are counted first, by one linear scan, so no parser sees a million
    elements; then the tree (as WeasyPrint parses it: ElementTree, the DTD already
    refused) gives the count of elements drawn with every reference followed.
    """
    elements = len(_START_TAG.findall(_as_utf8ish(data)))
    if elements > limits.svg_elements:
        return f"SVG with {elements:,} elements, more than the {limits.svg_elements:,} limit"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return ""  # WeasyPrint's parser refuses it too, and says so
    drawn = svg_drawn(root, limits.svg_drawn)
    if drawn is None:
        return "SVG whose references (<use>, href, url(#…)) lead back to themselves"
    if drawn > limits.svg_drawn:
        return (
            "SVG whose references (<use>, href, url(#…)) expand to more than "
            f"{limits.svg_drawn:,} elements drawn"
        )
    return ""


_HREFS = ("href", "{http://www.w3.org/1999/xlink}href")
_URL_REF = re.compile(r"url\(\s*['\"]?[^'\")#]*#([^'\")\s]+)")


def _references(element: ElementTree.Element) -> list[str]:
    """The ids an element draws again: the fragment of an ``href`` (``<use>``, patterns,
    gradients; ``#id`` or the file's own name and ``#id``, both of which WeasyPrint
    follows) and of ``url(…#id)`` in any attribute (fill, clip-path, filter, style …)."""
    ids = [element.get(name, "").partition("#")[2] for name in _HREFS if "#" in element.get(name, "")]
    for value in element.attrib.values():
        if "url(" in value:
            ids += _URL_REF.findall(value)
    return ids


def svg_drawn(root: ElementTree.Element, cap: int) -> int | None:
    """Elements drawn from ``root``, every reference counted with all it draws; None for
    a cycle of references. Counts stop growing past ``cap`` (enough to refuse).

    A depth-first walk over children and references with an explicit stack (no recursion
    limit on a deep file), each element's count kept once: linear in elements plus
    references, however much they would expand.
    """
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}

    def after(element: ElementTree.Element) -> list[ElementTree.Element]:
        return [*element, *(by_id[i] for i in _references(element) if i in by_id)]

    drawn: dict[ElementTree.Element, int] = {}
    open_: set[ElementTree.Element] = set()  # the walk's current path: a reference back is a cycle
    stack: list[tuple[ElementTree.Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            open_.discard(element)
            drawn[element] = min(cap + 1, 1 + sum(drawn[n] for n in after(element)))
        elif element in open_:
            return None
        elif element not in drawn:
            open_.add(element)
            stack.append((element, True))
            for nxt in after(element):
                if nxt in open_:
                    return None
                if nxt not in drawn:
                    stack.append((nxt, False))
    return drawn[root]


class _Page(Protocol):
    """What ``check_limits`` reads of the cleaner's state (its ``CleanState``)."""

    @property
    def data(self) -> bytes: ...
    @property
    def path(self) -> Path: ...


def check_limits(state: _Page) -> None:
    """The cleaner's first stage: refuse a page before anything decodes or parses it."""
    check_page(state.data, state.path)
