"""Article → Markdown → Article is the identity, and the Markdown reads well."""

from __future__ import annotations

import pytest

from publish.errors import ConfigError
from publish.markdown import from_markdown, to_markdown
from publish.markdown.stamp import is_hand_edited, stamp
from publish.model import Document, Figure, Heading, Meta, Paragraph, Text


def test_seed_round_trips(seed_document) -> None:  # type: ignore[no-untyped-def]
    assert from_markdown(to_markdown(seed_document)) == seed_document


def test_one_paragraph_per_line_never_wrapped(seed_document) -> None:  # type: ignore[no-untyped-def]
    md = to_markdown(seed_document)
    body = md.split("\n---\n", 1)[1]
    longest = max(len(line) for line in body.splitlines())
    assert longest > 400  # the seed's longest paragraph, on one line


def test_date_keeps_its_offset_as_written() -> None:
    md = "---\ntitle: 标题\ndate: 2021-01-27T11:03:00+08:00\n---\n\n正文。\n"
    assert from_markdown(md).meta.date == "2021-01-27T11:03:00+08:00"


def test_a_date_that_is_no_day_of_the_calendar_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"date '2021-13-45' is not an ISO 8601 day"):
        from_markdown("---\ntitle: 标题\ndate: 2021-13-45\n---\n\n正文。\n")


def test_a_day_without_a_time_is_a_date() -> None:
    assert from_markdown("---\ntitle: 标题\ndate: 2021-01-27\n---\n\n正文。\n").meta.date == "2021-01-27"


def test_a_month_alone_is_a_date_as_iso_8601_allows() -> None:
    """A page that prints only 2003年5月 is cleaned to 2003-05 (reduced precision)."""
    assert from_markdown("---\ntitle: 标题\ndate: 2003-05\n---\n\n正文。\n").meta.date == "2003-05"
    with pytest.raises(ConfigError):
        from_markdown("---\ntitle: 标题\ndate: 2003-15\n---\n\n正文。\n")


def test_soft_break_between_chinese_characters_is_dropped() -> None:
    doc = from_markdown("---\ntitle: 标题\n---\n\n各级党组织\n精准发力\n")
    assert doc.blocks == (Paragraph((Text("各级党组织精准发力"),)),)


def test_kicker_is_written_as_a_block_attribute() -> None:
    doc = Document(Meta(title="t"), (Heading(2, (Text("战斗堡垒在一线牢牢筑起"),), kicker="夯实基层基础"),))
    md = to_markdown(doc)
    assert '{kicker="夯实基层基础"}\n## 战斗堡垒在一线牢牢筑起' in md
    assert from_markdown(md) == doc


def test_figure_without_image_keeps_its_caption() -> None:
    doc = Document(Meta(title="t"), (Figure(caption="图为清澈的自来水流进了东乡群众心田。"),))
    assert "![图为清澈的自来水流进了东乡群众心田。]()" in to_markdown(doc)
    assert from_markdown(to_markdown(doc)) == doc


def test_markdown_syntax_in_text_is_escaped() -> None:
    text = "# 不是标题 *不是强调* [不是链接](x) <script>alert(1)</script> 1. 不是列表"
    doc = Document(Meta(title="t"), (Paragraph((Text(text),)),))
    assert from_markdown(to_markdown(doc)) == doc


def test_raw_html_in_markdown_is_text_not_markup() -> None:
    doc = from_markdown('---\ntitle: t\n---\n\n<img src="file:///etc/passwd">\n')
    assert doc.blocks == (Paragraph((Text('<img src="file:///etc/passwd">'),)),)


def test_stamped_file_is_not_hand_edited_until_changed() -> None:
    md = stamp("---\ntitle: 标题\n---\n\n正文。\n")
    assert not is_hand_edited(md)
    assert is_hand_edited(md.replace("正文", "改过的正文"))
