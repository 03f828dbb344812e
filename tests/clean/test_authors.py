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
