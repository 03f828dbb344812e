"""schema.org JSON-LD: the article's publication date (in Beijing time) and its authors
when they are people — used where the byline around the body says nothing."""

from __future__ import annotations

import json
from pathlib import Path

from publish.clean import clean_bytes, clean_file

PROSE = "<p>习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。</p>"


def _page(ld: object, byline: str = "") -> bytes:
    script = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    return (
        f"<html><head><title>党旗高扬</title>{script}</head><body><div>{byline}"
        f"{PROSE}{PROSE}</div></body></html>"
    ).encode("utf-8")


def test_json_ld_publication_date_is_read_in_beijing_time(corpus: Path) -> None:
    meta = clean_file(corpus / "wikipedia.org__d5bced5e.html").document.meta
    assert meta.date == "2011-06-17T19:26:10+08:00"  # "datePublished":"2011-06-17T11:26:10Z"


def test_an_organisation_named_as_json_ld_author_is_not_an_author(corpus: Path) -> None:
    assert clean_file(corpus / "wikipedia.org__d5bced5e.html").document.meta.authors == ()


def test_people_in_a_json_ld_graph_are_the_authors() -> None:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "共产党员网"},
        {"@type": "NewsArticle", "datePublished": "2021-01-27T09:30:00+08:00",
         "author": [{"@type": "Person", "name": "王五"}, {"@type": "Organization", "name": "共产党员网"}]},
    ]}
    meta = clean_bytes(_page(ld), Path("p.html")).document.meta
    assert (meta.date, meta.authors) == ("2021-01-27T09:30:00+08:00", ("王五",))


def test_the_byline_on_the_page_wins_over_json_ld() -> None:
    ld = {"@type": "NewsArticle", "datePublished": "2021-01-27", "author": {"@type": "Person", "name": "王五"}}
    meta = clean_bytes(_page(ld, "<p>发布时间：2021-01-28 08:00　作者：李四</p>"), Path("p.html")).document.meta
    assert (meta.date, meta.authors) == ("2021-01-28T08:00:00+08:00", ("李四",))


def test_broken_json_ld_is_ignored() -> None:
    page = _page({}).replace(b"{}", b"{not json")
    assert clean_bytes(page, Path("p.html")).document.meta.date == ""
