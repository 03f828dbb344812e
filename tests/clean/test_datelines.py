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
