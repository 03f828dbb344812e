"""引题 over 主题 (issue #14): a text scrape's two-line headline block gives ``lead`` and
``title``; two bold lines in a row in an HTML body are one heading with its kicker; a page
of a known site gets its ``site`` without its address."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes
from publish.model import Heading, walk_blocks

PARA = "　　各级党组织精准发力，坚持队伍不撤、力度不减、标准不降、干劲不松，持续推动优秀干部人才向一线集聚。\n\n"
PROSE = "<p>　　各级党组织精准发力，坚持队伍不撤、力度不减、标准不降、干劲不松，持续推动优秀干部人才向一线集聚。</p>"


def test_a_text_scrapes_short_line_over_its_headline_is_the_lead() -> None:
    text = "决胜全面小康\n\n2020年组织工作盘点\n\n" + PARA * 3
    doc = clean_bytes(text.encode(), Path("a.txt")).document
    assert (doc.meta.lead, doc.meta.title) == ("决胜全面小康", "2020年组织工作盘点")
    assert not [b for b in walk_blocks(doc.blocks) if isinstance(b, Heading)]


def test_two_bold_lines_in_a_row_in_an_html_body_are_a_heading_and_its_kicker() -> None:
    html = f"<html><title>标题</title><body><div>{PROSE}<p><b>夯实基层基础</b></p><p><b>战斗堡垒在一线筑起</b></p>{PROSE * 2}</div></body></html>"
    headings = [b for b in walk_blocks(clean_bytes(html.encode(), Path("p.html")).document.blocks) if isinstance(b, Heading)]
    assert [(h.kicker, h.children[0].text) for h in headings] == [("夯实基层基础", "战斗堡垒在一线筑起")]  # type: ignore[attr-defined]


def test_two_heading_tags_in_a_row_stay_two_headings() -> None:
    html = f"<html><title>标题</title><body><div>{PROSE}<h2>注释</h2><h2>参考资料</h2>{PROSE * 2}</div></body></html>"
    headings = [b for b in walk_blocks(clean_bytes(html.encode(), Path("p.html")).document.blocks) if isinstance(b, Heading)]
    assert [h.kicker for h in headings] == ["", ""]


def test_a_known_sites_page_saved_without_its_address_gets_the_sites_name() -> None:
    html = f"<html><title>党旗高扬_共产党员网</title><body><h1>党旗高扬</h1><div class='word'>{PROSE * 3}</div></body></html>"
    assert clean_bytes(html.encode(), Path("p.html")).document.meta.site == "共产党员网"


def test_a_page_on_a_subdomain_of_a_known_site_gets_the_sites_name() -> None:
    html = (
        "<html><head><title>党旗高扬</title><link rel='canonical' href='https://m.12371.cn/2021/01/27/ARTI1.shtml'>"
        f"</head><body><h1>党旗高扬</h1><div class='word'>{PROSE * 3}</div></body></html>"
    )
    assert clean_bytes(html.encode(), Path("p.html")).document.meta.site == "共产党员网"
