"""Authors by principle: writer labels, a link to the writer's page, a bare name signing
the article under its title — and what only looks like a name is not one."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes, clean_file
from publish.clean.byline import bare_name
from publish.model import Document, Paragraph, inline_text, walk_blocks

PROSE = "习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。"


def _paragraphs(doc: Document) -> list[str]:
    return [inline_text(b.children) for b in walk_blocks(doc.blocks) if isinstance(b, Paragraph)]


def test_the_writers_label_执笔人_names_every_author(corpus: Path) -> None:
    doc = clean_file(corpus / "qianlong.com__c3f7d079.html").document
    assert doc.meta.authors == ("闵乐夫", "赵兰波", "刘韬", "刘晋芳", "胡玉顺")
    assert not any("执笔人" in p for p in _paragraphs(doc))


def test_a_link_to_the_writers_page_signs_a_blog_post(corpus: Path) -> None:
    doc = clean_file(corpus / "chinesenewsnet.com__35687fb1.html").document
    assert doc.meta.authors == ("太小心",)


def test_a_labelled_byline_wins_over_a_link_to_an_author_page() -> None:
    html = (
        '<html><head><title>党旗高扬</title></head><body><a href="/author/7">扬眼</a>'
        f"<div><p>作者：胡平</p><p>{PROSE}</p><p>{PROSE}</p></div></body></html>"
    )
    assert clean_bytes(html.encode(), Path("p.html")).document.meta.authors == ("胡平",)


def test_a_bare_name_under_the_title_is_the_author_and_leaves_the_body(corpus: Path) -> None:
    doc = clean_file(corpus / "beijingspring.com__caee0a34.html").document
    assert doc.meta.authors == ("胡平",)
    assert "胡平" not in _paragraphs(doc)[:3]


def test_a_column_label_over_the_title_is_not_an_author() -> None:
    html = (
        "<html><head><title>党旗高扬 决战决胜</title></head><body><div>"
        f"<p>文化</p><p>党旗高扬 决战决胜</p><p>{PROSE}</p><p>{PROSE}</p></div></body></html>"
    )
    assert clean_bytes(html.encode(), Path("p.html")).document.meta.authors == ()


def test_a_four_character_phrase_after_a_surname_is_not_a_name() -> None:
    assert bare_name("麻辣社区") == ""  # the forum's name on newssc.org__386d70f8
    assert bare_name("欧阳修") == "欧阳修"


def test_a_section_label_is_not_a_name() -> None:
    assert bare_name("简介") == ""
    assert bare_name("胡　平") == "胡平"


def test_a_source_that_names_a_person_names_the_writer(corpus: Path) -> None:
    doc = clean_file(corpus / "sina.com.cn__0d931936.html").document  # 来源: 尹娟
    assert doc.meta.authors == ("尹娟",)


def test_a_publication_is_never_read_as_a_name() -> None:
    assert [bare_name(s) for s in ("金羊网", "华龙网", "新华社", "原创")] == ["", "", "", ""]


def test_an_attribute_printed_where_a_name_should_be_is_no_name(corpus: Path) -> None:
    meta = clean_file(corpus / "cdp1998.org__6650f72a.html").document.meta  # 作者： size="20"
    assert (meta.authors, meta.source) == ((), "")
    assert meta.date == "2004-09-17T05:54:13+08:00"


def test_a_comment_counter_after_the_source_is_not_part_of_it(corpus: Path) -> None:
    meta = clean_file(corpus / "163.com__b4c2eccd.html").document.meta
    assert meta.source == "第一财经日报"
