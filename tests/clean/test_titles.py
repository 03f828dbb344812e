"""The title: ``<title>`` when the page prints it, else the heading the article opens
with — some sites fill ``<title>`` with their own name (显示, Joel on Software)."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes, clean_file
from publish.model import Heading, inline_text, walk_blocks

PROSE = "<p>习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。</p>"


def test_the_opening_heading_is_the_title_when_title_tag_names_nothing(corpus: Path) -> None:
    doc = clean_file(corpus / "beijingspring.com__caee0a34.html").document  # <title>显示</title>
    assert doc.meta.title == "比赛革命的革命"
    headings = [inline_text(b.children) for b in walk_blocks(doc.blocks) if isinstance(b, Heading)]
    assert "比赛革命的革命" not in headings


def test_the_opening_heading_is_the_title_when_title_tag_is_the_sites_name(corpus: Path) -> None:
    doc = clean_file(corpus / "joelonsoftware.com__d02c66a2.html").document
    assert doc.meta.title == "给计算机系学生的建议"


def test_a_title_the_page_prints_as_a_heading_wins_over_an_opening_section_heading() -> None:
    html = (
        "<html><head><title>党旗高扬 决战决胜_共产党员网</title></head><body>"
        "<h1>党旗高扬 决战决胜</h1><div><h2>战斗堡垒在一线牢牢筑起</h2>"
        f"{PROSE}{PROSE}{PROSE}</div></body></html>"
    )
    doc = clean_bytes(html.encode(), Path("p.html")).document
    assert doc.meta.title == "党旗高扬\u3000决战决胜"  # the space between Chinese words repaired


def test_a_numbered_section_heading_is_never_the_title() -> None:
    html = (
        f"<html><title>t</title><body><div><h3>一、总体要求</h3>{PROSE}<h3>二、主要任务</h3>"
        f"{PROSE}</div></body></html>"
    )
    assert clean_bytes(html.encode(), Path("p.html")).document.meta.title == "t"


def test_a_title_set_as_a_breadcrumb_is_its_last_part(corpus: Path) -> None:
    doc = clean_file(corpus / "chinesenewsnet.com__35687fb1.html").document  # 多维博客 » …
    assert doc.meta.title == "播客热潮迅速蔓延\u3000挑逗传统传媒业"
