"""Decoding follows what browsers do, not what pages claim (shared/corpus/README.md)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from publish.clean import clean_bytes
from publish.clean.decode import decode_bytes

ARTICLE = "<html><head>{meta}<title>测试标题</title></head><body><p>{text}</p></body></html>"
TEXT = "习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦。"


def test_gb2312_label_with_gbk_characters_decodes_as_gb18030(corpus: Path) -> None:
    text, encoding = decode_bytes((corpus / "sina.com.cn__0d931936.html").read_bytes())
    assert encoding == "gb18030"
    assert "\ufffd" not in text


def test_valid_utf8_wins_over_a_gb2312_label(corpus: Path) -> None:
    text, encoding = decode_bytes((corpus / "people.com.cn__gne-people-1.html").read_bytes())
    assert encoding == "utf-8"
    assert "郑板桥" in text


def test_bytes_only_gb18030_decodes_are_not_replaced(corpus: Path) -> None:
    for name in ("cclw.net__d7605742.html", "sina.com.cn__e3f3b532.html"):
        text, encoding = decode_bytes((corpus / name).read_bytes())
        assert encoding == "gb18030", name
        assert "\ufffd" not in text, name


def test_broken_bytes_are_replaced_and_the_page_still_cleans(corpus: Path) -> None:
    page = corpus / "zol.com.cn__6dc2d508.html"
    text, _ = decode_bytes(page.read_bytes())
    assert "\ufffd" in text
    assert clean_bytes(page.read_bytes(), page).document.blocks


def test_undeclared_gbk_is_detected(corpus: Path) -> None:
    text, encoding = decode_bytes((corpus / "beijingspring.com__caee0a34.html").read_bytes())
    assert encoding == "gb18030"
    assert "北京之春" in text


def test_crawler_wrapper_encoding_is_used_when_the_page_declares_none() -> None:
    page = '<text id="http://example.cn/a.html" encoding="gbk">' + ARTICLE.format(meta="", text=TEXT)
    text, encoding = decode_bytes(page.encode("gbk"))
    assert encoding == "gb18030"
    assert TEXT in text


def test_saved_http_header_charset_is_used() -> None:
    page = "Content-Type: text/html; charset=GBK\n\n" + ARTICLE.format(meta="", text=TEXT)
    text, _ = decode_bytes(page.encode("gbk"))
    assert TEXT in text


def test_byte_order_marks_decide_the_encoding() -> None:
    page = ARTICLE.format(meta='<meta charset="gbk">', text=TEXT)
    for data in (codecs.BOM_UTF8 + page.encode("utf-8"), page.encode("utf-16")):
        text, _ = decode_bytes(data)
        assert TEXT in text
        assert not text.startswith("\ufeff")


def test_wrapper_is_not_part_of_the_article(corpus: Path) -> None:
    page = corpus / "sohu.com__8baa71e3.html"
    doc = clean_bytes(page.read_bytes(), page).document
    assert doc.meta.url == "http://auto.sohu.com/20050513/n225551143.shtml"
    assert all("<text" not in str(b) for b in doc.blocks)


def test_gbk_full_width_space_in_the_user_area_becomes_an_ideographic_space() -> None:
    text, encoding = decode_bytes("<html><meta charset='gbk'>甲".encode("gbk") + b"\xa3\xa0" + "乙".encode("gbk"))
    assert encoding == "gb18030"
    assert "甲\u3000乙" in text


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.format(meta='<meta charset="gbk">', text="甲\x01乙\x7f").encode("gbk"),
        ARTICLE.format(meta="", text="甲\x01乙\x7f").encode("utf-8"),
        ARTICLE.format(meta="", text="甲\x01乙\x7f").encode("utf-16"),
    ],
    ids=["gbk", "utf-8", "utf-16"],
)
def test_control_characters_are_removed_in_every_encoding(data: bytes) -> None:
    text, _ = decode_bytes(data)
    assert "甲乙" in text and "\x01" not in text and "\x7f" not in text


def test_tabs_and_line_breaks_are_kept() -> None:
    text, _ = decode_bytes(ARTICLE.format(meta="", text="甲\t乙\r\n丙").encode("utf-8"))
    assert "甲\t乙\r\n丙" in text


def test_a_broken_byte_is_dropped_from_the_article_and_the_editor_told_where() -> None:
    page = ARTICLE.format(meta='<meta charset="gb2312">', text=TEXT).encode("gb18030")
    cut = page.index("硬仗".encode("gb18030"))
    page = page[:cut] + b"\xb0 " + page[cut:]  # a lead byte without its trail: undecodable
    result = clean_bytes(page, Path("p.html"))
    text = "".join(str(b) for b in result.document.blocks)
    assert "\ufffd" not in text and "硬仗" in text
    assert any("1 undecodable character dropped" in w and "□" in w for w in result.warnings)
