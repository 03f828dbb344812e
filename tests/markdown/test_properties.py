"""Article → Markdown → Article is the identity, for every document the model can hold
in its normal form (tests/strategies.py says which values Markdown cannot express)."""

from __future__ import annotations

from hypothesis import given, settings

from publish.markdown import from_markdown, to_markdown
from publish.markdown.stamp import is_hand_edited, stamp
from publish.model import Document
from tests.strategies import documents


@settings(max_examples=300, deadline=None)
@given(documents)
def test_markdown_round_trip_is_the_identity(doc: Document) -> None:
    assert from_markdown(to_markdown(doc)) == doc


@settings(max_examples=100, deadline=None)
@given(documents)
def test_writing_is_stable_after_one_round_trip(doc: Document) -> None:
    markdown = to_markdown(doc)
    assert to_markdown(from_markdown(markdown)) == markdown


@settings(max_examples=50, deadline=None)
@given(documents)
def test_a_freshly_stamped_article_never_looks_hand_edited(doc: Document) -> None:
    assert not is_hand_edited(stamp(to_markdown(doc)))


def test_two_lists_of_one_kind_in_a_row_stay_two_lists() -> None:
    from publish.model import ListBlock, Meta, Paragraph, Text

    one = ListBlock(False, ((Paragraph((Text("这一年"),)),),))
    two = ListBlock(True, ((Paragraph((Text("这一路"),)),),))
    doc = Document(Meta(title="t"), (one, one, one, two, two))
    assert from_markdown(to_markdown(doc)) == doc


def test_a_kicker_with_braces_is_written_with_full_width_ones() -> None:
    from publish.model import Heading, Meta, Text

    doc = Document(Meta(title="t"), (Heading(2, (Text("标题"),), kicker='{夯实"基层"基础}'),))
    assert from_markdown(to_markdown(doc)).blocks[0].kicker == "｛夯实“基层”基础｝"  # type: ignore[union-attr]
