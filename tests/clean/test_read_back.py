"""The read-back check of ``publish clean``: cheap (a skeleton is parsed) and as sure as a
full parse (``publish.markdown.readback``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from publish.markdown import from_markdown, to_markdown
from publish.markdown.readback import PLACEHOLDER, is_inert, skeleton
from publish.markdown.write import rendered_blocks
from publish.model import Document, Meta, Paragraph, Text
from tests.strategies import documents

_RISKY = st.text(
    st.sampled_from("中文，。a1 {}#->=+.)*_`~|<&!\\[]\u3000\u00a0\u2028\x85\t\x00\r\f\v:;\"'"),
    min_size=1, max_size=12,
)


def _document(*texts: str) -> Document:
    return Document(meta=Meta(title="题"), blocks=tuple(Paragraph((Text(t),)) for t in texts))


@settings(max_examples=300, deadline=None)
@given(_RISKY)
def test_an_inert_paragraph_reads_back_as_its_text(text: str) -> None:
    doc = _document(text)
    line = rendered_blocks(doc.blocks)[0]
    if is_inert(doc.blocks[0], line):
        assert from_markdown(to_markdown(doc)) == doc


@settings(max_examples=150, deadline=None)
@given(documents)
def test_the_skeleton_reads_back_exactly_when_the_whole_file_does(doc: Document) -> None:
    markdown = to_markdown(doc)
    cheap = skeleton(markdown, doc)
    assert cheap is not None
    text, expected = cheap
    assert (from_markdown(text) == expected) == (from_markdown(markdown) == doc)


def test_a_run_of_plain_paragraphs_is_parsed_as_one_placeholder() -> None:
    doc = _document("第一段。", "第二段。", "第三段。")
    cheap = skeleton(to_markdown(doc), doc)
    assert cheap is not None and cheap[0].endswith(f"---\n\n{PLACEHOLDER}\n")


def test_a_paragraph_that_reads_back_as_something_else_is_still_caught() -> None:
    """A tab before ``{.a}`` is whitespace the Markdown drops: not inert, so parsed, and the
    loss seen (the writer escapes a bare ``{.a}`` at a line's start)."""
    doc = _document("正文。", "\t{.a}", "正文。")
    markdown = to_markdown(doc)
    assert from_markdown(markdown) != doc
    cheap = skeleton(markdown, doc)
    assert cheap is not None and from_markdown(cheap[0]) != cheap[1]


def test_markdown_that_is_not_the_documents_is_parsed_whole() -> None:
    doc = _document("正文。")
    assert skeleton(to_markdown(doc) + "多出来的一段。\n", doc) is None

