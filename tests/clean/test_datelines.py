"""The document's own date at the head of its body, at the granularity it is written,
wins over the date the site reposted it on; a chronology's month headings do not."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes, clean_file
from publish.model import Heading, inline_text, walk_blocks

PROSE = "<p>为了贯彻落实北京市“十五”时期儿童发展规划，进一步了解全市13—15岁儿童目前的心理发展现状，北京市妇女儿童工作委员会开展了本次调查和研究。</p>"


def test_a_lone_month_line_under_the_title_dates_a_reposted_report(corpus: Path) -> None:
    doc = clean_file(corpus / "qianlong.com__c3f7d079.html").document  # page: 2005-03-06
    assert doc.meta.date == "2003-05"
    assert "2003年5月" not in [inline_text(b.children) for b in walk_blocks(doc.blocks) if isinstance(b, Heading)]


def test_month_headings_of_a_chronology_are_not_a_dateline() -> None:
    html = (
        "<html><head><title>大事记</title></head><body><div><p>2005-03-06 16:17:00</p>"
        f"<h3>2003年5月</h3>{PROSE}<h3>2003年6月</h3>{PROSE}</div></body></html>"
    )
    doc = clean_bytes(html.encode(), Path("p.html")).document
    assert doc.meta.date == "2005-03-06T16:17:00+08:00"
    assert [inline_text(b.children) for b in walk_blocks(doc.blocks) if isinstance(b, Heading)] == ["2003年5月", "2003年6月"]


def test_a_month_a_paragraph_cites_does_not_date_the_article() -> None:
    cited = (
        "<p>他们认为，“当时党与非党人士的界限也没有以后划得那么经渭分明，所以工作上很顺手。”冯亦代：《怀念与反思》，"
        "见《色彩集》，第104页，生活·读书·新知三联书店2000年4月第1版。乔冠华从不以领导自居，为人温和。</p>"
    )
    html = f"<html><head><title>投身外交</title></head><body><div>{PROSE}{PROSE}{cited}</div></body></html>"
    doc = clean_bytes(html.encode(), Path("p.html")).document
    assert doc.meta.date == ""


def test_a_short_reprint_line_at_the_end_still_dates_the_article() -> None:
    html = (
        f"<html><head><title>文章</title></head><body><div>{PROSE}{PROSE}{PROSE}"
        "<p>（原载《北京之春》1996年6月号）</p></div></body></html>"
    )
    doc = clean_bytes(html.encode(), Path("p.html")).document
    assert doc.meta.date == "1996-06"
