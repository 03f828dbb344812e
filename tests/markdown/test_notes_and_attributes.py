"""Footnotes, attributes, inline code and pandoc's ``author``: read, written back, warned about."""

from __future__ import annotations

from pathlib import Path

from publish.markdown import from_markdown, to_markdown
from publish.markdown.read import read_markdown
from publish.model import Code, Document, Heading, Meta, Note, NoteRef, Paragraph, Text

HEAD = "---\ntitle: 标题\n---\n\n"


def _blocks(body: str) -> tuple[object, ...]:
    return from_markdown(HEAD + body).blocks


def _warnings(body: str) -> tuple[str, ...]:
    return read_markdown(HEAD + body, path=Path("a.md"))[1]


def test_a_footnote_is_a_call_in_the_text_and_a_note_after_the_blocks() -> None:
    blocks = _blocks("正文[^1]。\n\n[^1]: 注释。\n\n后文。\n")
    assert blocks == (
        Paragraph((Text("正文"), NoteRef("1"), Text("。"))),
        Paragraph((Text("后文。"),)),
        Note("1", (Paragraph((Text("注释。"),)),)),
    )


def test_notes_follow_the_order_of_their_first_calls() -> None:
    blocks = _blocks("甲[^b]乙[^a]丙[^b]\n\n[^a]: 一\n\n[^b]: 二\n")
    assert [b.label for b in blocks if isinstance(b, Note)] == ["b", "a"]


def test_footnotes_round_trip_with_a_second_paragraph_indented() -> None:
    doc = Document(Meta(title="t"), (
        Paragraph((Text("正文"), NoteRef("n1"), Text("。"))),
        Note("n1", (Paragraph((Text("第一段。"),)), Paragraph((Text("第二段。"),)))),
    ))
    md = to_markdown(doc)
    assert "正文[^n1]。" in md and "[^n1]: 第一段。\n\n    第二段。" in md
    assert from_markdown(md) == doc


def test_heading_attributes_are_read_and_not_printed() -> None:
    (heading,) = _blocks("## 标题 {#id .a .b key=\"值\"}\n")
    assert isinstance(heading, Heading)
    assert heading.children == (Text("标题"),)
    assert heading.ident == "id" and heading.classes == ("a", "b")
    assert ("key", "值") in heading.attrs


def test_the_kicker_line_above_and_the_id_after_combine() -> None:
    (heading,) = _blocks('{kicker="夯实基层基础"}\n## 战斗堡垒 {#fort}\n')
    assert isinstance(heading, Heading)
    assert (heading.kicker, heading.ident) == ("夯实基层基础", "fort")


def test_a_kicker_after_the_heading_reads_as_the_one_above() -> None:
    assert _blocks('## 战斗堡垒 {kicker="夯实"}\n') == _blocks('{kicker="夯实"}\n## 战斗堡垒\n')


def test_heading_attributes_round_trip() -> None:
    doc = Document(Meta(title="t"), (
        Heading(2, (Text("标题"),), kicker="引题", attrs=(("id", "x"), ("class", "a"), ("k", "v"))),
    ))
    md = to_markdown(doc)
    assert '{kicker="引题"}\n## 标题 {#x .a k="v"}' in md
    assert from_markdown(md) == doc


def test_text_that_looks_like_attributes_is_written_escaped() -> None:
    doc = Document(Meta(title="t"), (
        Heading(2, (Text("标题 {#x}"),)),
        Paragraph((Text("{#y} 与 {.z}"),)),
    ))
    md = to_markdown(doc)
    assert "\\{#x}" in md and "\\{#y}" in md and "\\{.z}" in md
    assert from_markdown(md) == doc


def test_inline_code_is_code_and_round_trips() -> None:
    (para,) = _blocks("运行 `publish build` 即可，`` a`b ``。\n")
    assert para == Paragraph((Text("运行 "), Code("publish build"), Text(" 即可，"), Code("a`b"), Text("。")))
    assert from_markdown(to_markdown(Document(Meta(title="t"), (para,)))).blocks == (para,)


def test_pandocs_author_is_read_as_authors() -> None:
    assert from_markdown("---\ntitle: t\nauthor: 张三\n---\n\n正文。\n").meta.authors == ("张三",)
    assert from_markdown("---\ntitle: t\nauthor: [甲, 乙]\n---\n\n正文。\n").meta.authors == ("甲", "乙")


def test_a_note_never_called_is_a_warning_with_file_and_line() -> None:
    assert _warnings("正文。\n\n[^x]: 没人引用。\n") == (
        "a.md:7: the footnote [^x] is never called, so it is not printed: put [^x] where its number belongs",
    )


def test_a_call_without_its_note_is_a_warning() -> None:
    (warning,) = _warnings("正文[^zz]。\n")
    assert warning.startswith("a.md:5: the footnote call [^zz] has no note")


def test_attributes_on_a_paragraph_are_a_warning() -> None:
    (warning,) = _warnings("{.x}\n段落。\n")
    assert warning == "a.md:6: attributes {.x} on a paragraph are not kept (only headings keep theirs)"


def test_attribute_syntax_left_as_text_is_a_warning() -> None:
    (warning,) = _warnings("## 标题{#id}\n")
    assert warning.startswith("a.md:5: {#id} is printed as text")


def test_an_image_inside_text_is_a_warning() -> None:
    (warning,) = _warnings("文字![图](a.jpg)文字\n")
    assert "is inside a line of text" in warning


def test_plain_articles_have_no_warnings(seed_document) -> None:  # type: ignore[no-untyped-def]
    assert read_markdown(to_markdown(seed_document))[1] == ()
