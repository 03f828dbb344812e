"""Hypothesis strategies: documents in the model's normal form, and hostile HTML pages.

A document here is one the Markdown reader could have produced: text runs merged, no
whitespace at a block's edges, no newline inside a run (a newline is a LineBreak). For
those, Article → Markdown → Article must be the identity. Where the Markdown dialect
cannot express a value, the strategy leaves it out and says why:

- emphasis must start and end with a letter or a Han character: CommonMark's flanking
  rules do not let ``中*“引”*文`` be emphasis, and raw HTML (``<em>``) is off;
- link URLs are ASCII: markdown-it percent-encodes others, which is the same link but
  not the same string;
- a kicker holds no ``"``, ``\\``, ``{`` or ``}``: the attribute syntax cannot, and the
  writer turns them into “ ＼ ｛ ｝ on purpose.
"""

from __future__ import annotations

from hypothesis import strategies as st

from publish.model import (
    Block,
    Code,
    Document,
    Emph,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Meta,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Table,
    Text,
)

HAN = "这一年决战深贫栉风沐雨披荆斩棘党旗高扬胜小康人民至上初心弥坚"
PUNCT = "，。、；：？！“”‘’（）《》——……·「」"
MARKDOWN_MARKS = "\\`*_[]<>&|!~#+-=.(){}:\"'$%^@/"
LATIN = "abcXYZ0129"

_letters = st.sampled_from(HAN + LATIN)
_chars = st.sampled_from(HAN + HAN + PUNCT + MARKDOWN_MARKS + LATIN + " \u3000\u00a0")


def _trimmed(min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text with no whitespace at either end and at most single ASCII spaces inside."""
    return (
        st.text(_chars, min_size=min_size, max_size=max_size)
        .map(lambda s: " ".join(s.split(" ")).strip())
        .map(lambda s: " ".join(w for w in s.split(" ") if w))
        .filter(lambda s: len(s) >= min_size and s == s.strip())
    )


texts = _trimmed()
"""A run of article text: Han, full-width and ASCII marks, spaces inside."""

_edge_word = st.text(_letters, min_size=1, max_size=3)


@st.composite
def _emphasised(draw: st.DrawFn) -> str:
    inner = draw(st.one_of(st.just(""), _trimmed(max_size=10)))
    left, right = draw(_edge_word), draw(_edge_word)
    return f"{left}{inner}{right}" if inner else left + right


_url = st.builds(
    lambda path: "https://www.12371.cn/" + path,
    st.text(st.sampled_from("abcdefghij0123456789/_.-"), max_size=20),
)

_span: st.SearchStrategy[Inline] = st.one_of(
    st.builds(lambda t: Emph((Text(t),)), _emphasised()),
    st.builds(lambda t: Strong((Text(t),)), _emphasised()),
    st.builds(lambda t, u: Link((Text(t),), u), _emphasised(), _url),
    st.builds(Code, texts),
)


@st.composite
def inline_runs(draw: st.DrawFn) -> tuple[Inline, ...]:
    """Text, spans and line breaks, alternating so that no two Texts touch."""
    parts: list[Inline] = [Text(draw(texts))]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["span", "break"]))
        if kind == "break":
            parts += [LineBreak(), Text(draw(texts))]
        else:
            # Han on both sides of a span keeps its delimiters flanking.
            parts[-1] = Text(parts[-1].text + draw(_edge_word))  # type: ignore[union-attr]
            parts += [draw(_span), Text(draw(_edge_word) + draw(st.one_of(st.just(""), texts)))]
    return tuple(parts)


paragraphs = st.builds(Paragraph, inline_runs())
headings = st.builds(
    Heading,
    level=st.integers(2, 6),
    children=st.builds(lambda t: (Text(t),), texts),
    kicker=st.one_of(st.just(""), texts.filter(lambda s: not set(s) & set('"\\{}'))),
    attrs=st.one_of(
        st.just(()),
        st.builds(lambda i: (("id", i),), st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)),
        st.builds(lambda i, c: (("id", i), ("class", c)), st.just("x1"), st.sampled_from(["a", "a b"])),
    ),
)
figures = st.builds(
    Figure,
    caption=st.one_of(st.just(""), texts),
    src=st.one_of(
        st.just(""),
        st.text(st.sampled_from("abcxyz019_-"), min_size=1, max_size=8).map(lambda s: f"images/{s}.jpg"),
    ),
)
_cells = st.one_of(st.just(""), texts)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    width = draw(st.integers(1, 4))
    row = st.lists(_cells, min_size=width, max_size=width).map(tuple)
    return Table(header=(draw(row),), rows=tuple(draw(st.lists(row, max_size=4))))


lists = st.builds(
    ListBlock,
    ordered=st.booleans(),
    items=st.lists(st.builds(lambda p: (p,), paragraphs), min_size=1, max_size=4).map(tuple),
)
quotes = st.builds(Quote, st.lists(paragraphs, min_size=1, max_size=3).map(tuple))

blocks: st.SearchStrategy[Block] = st.one_of(
    paragraphs, paragraphs, headings, figures, tables(), lists, quotes, st.just(Rule())
)

_meta_text = st.one_of(st.just(""), texts)
metas = st.builds(
    Meta,
    title=texts,
    subtitle=_meta_text,
    lead=_meta_text,
    date=st.one_of(st.just(""), st.just("2021-01-27T11:03:00+08:00"), st.just("2021-01-27")),
    source=_meta_text,
    authors=st.lists(texts, max_size=3).map(tuple),
    editor=_meta_text,
    site=_meta_text,
    url=st.one_of(st.just(""), _url),
    fingerprint=st.one_of(st.just(""), st.just("sha256:" + "0" * 64)),
)

documents = st.builds(Document, meta=metas, blocks=st.lists(blocks, max_size=8).map(tuple))


# ---------------------------------------------------------------- hostile HTML

_TAGS = [
    "div", "p", "span", "b", "i", "a", "img", "table", "tr", "td", "ul", "ol", "li", "h2",
    "blockquote", "script", "style", "iframe", "form", "svg", "embed", "object", "br",
    "font", "section", "article", "noscript", "template", "math", "select", "textarea",
]
_ATTRS = [
    'class="article"', 'style="display:none"', 'onclick="x()"', 'src="javascript:x()"',
    'href="javascript:x()"', 'src="data:text/html,<p>x</p>"', "hidden", 'id="content"',
    'style="position:absolute;left:-9999px"', 'data-src="/a.jpg"', 'alt="图为"',
]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """Tag soup: random nesting of real and dangerous tags around real text, often broken."""

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_TAGS))
        attrs = " ".join(draw(st.lists(st.sampled_from(_ATTRS), max_size=2)))
        children = ""
        if depth < 6:
            children = "".join(
                draw(st.one_of(texts, st.just(""))) if draw(st.booleans()) else element(depth + 1)
                for _ in range(draw(st.integers(0, 3)))
            )
        close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</div>"]))
        return f"<{tag} {attrs}>{children}{close}"

    title = draw(texts)
    body = "".join(element(0) for _ in range(draw(st.integers(0, 4))))
    doctype = draw(st.sampled_from(["<!DOCTYPE html>", "", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>']))
    return f"{doctype}<html><head><title>{title}</title></head><body>{body}</body></html>"
