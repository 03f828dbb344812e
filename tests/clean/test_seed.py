"""The cleaning facts of the seed scrape (issue 2), one behaviour per test."""

from __future__ import annotations

import re

from publish.model import Figure, Heading, Paragraph, inline_text

CHROME = ("手机版", "1 1 1", "打印", "纠错", "微信扫一扫", "收听本文", "00:00/00:00", "×")


def body_text(doc) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for b in doc.blocks:
        if isinstance(b, Paragraph | Heading):
            parts.append(inline_text(b.children))
        elif isinstance(b, Figure):
            parts.append(b.caption)
    return "\n".join(parts)


def test_no_chrome_line_survives(seed_document) -> None:  # type: ignore[no-untyped-def]
    text = body_text(seed_document)
    for chrome in CHROME:
        assert chrome not in text, chrome


def test_byline_is_lifted_into_front_matter(seed_document) -> None:  # type: ignore[no-untyped-def]
    meta = seed_document.meta
    assert meta.date == "2021-01-27T11:03:00+08:00"
    assert meta.source == "中国组织人事报"
    assert meta.editor == "靳建朋"
    assert meta.site == "共产党员网"


def test_byline_line_is_not_left_in_the_body(seed_document) -> None:  # type: ignore[no-untyped-def]
    assert "发布时间" not in body_text(seed_document)
    assert "靳建朋" not in body_text(seed_document)


def test_title_and_subtitle_split_at_the_double_dash(seed_document) -> None:  # type: ignore[no-untyped-def]
    assert seed_document.meta.title == "2020年组织工作盘点·抓党建促脱贫攻坚"
    assert seed_document.meta.subtitle == "党旗高扬\u3000决战决胜"


def test_no_ascii_mark_touches_a_han_character(seed_document) -> None:  # type: ignore[no-untyped-def]
    text = body_text(seed_document)
    bad = re.findall(r"[\u4e00-\u9fff][,;:!?()]|[,;:!?()][\u4e00-\u9fff]", text)
    assert bad == []


def test_fullwidth_marks_are_restored_in_place(seed_document) -> None:  # type: ignore[no-untyped-def]
    text = body_text(seed_document)
    assert "2020年3月6日，习近平总书记" in text
    assert "强调：“到2020年" in text
    assert "院士朱有勇（前）在澜沧县" in text
    assert "乡（镇）领导包干" in text


def test_three_sections_are_headings(seed_document) -> None:  # type: ignore[no-untyped-def]
    headings = [b for b in seed_document.blocks if isinstance(b, Heading)]
    assert [inline_text(h.children) for h in headings] == [
        "战斗精兵在一线选优配强",
        "战斗堡垒在一线牢牢筑起",
        "战斗合力在一线广泛汇聚",
    ]


def test_lead_and_main_heading_stay_a_pair(seed_document) -> None:  # type: ignore[no-untyped-def]
    kickers = [b.kicker for b in seed_document.blocks if isinstance(b, Heading)]
    assert kickers == ["", "夯实基层基础", "加强激励保障"]


def test_five_captions_become_five_figures(seed_document) -> None:  # type: ignore[no-untyped-def]
    figures = [b for b in seed_document.blocks if isinstance(b, Figure)]
    assert len(figures) == 5
    assert all("图为" in f.caption for f in figures)


def test_duplicated_caption_is_kept_once(seed_document) -> None:  # type: ignore[no-untyped-def]
    text = body_text(seed_document)
    assert text.count("图为该村第一书记与果农一起察看百香果长势") == 1


def test_paragraphs_lose_their_indent(seed_document) -> None:  # type: ignore[no-untyped-def]
    paragraphs = [inline_text(b.children) for b in seed_document.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0] == "这一年，决战深贫，栉风沐雨、披荆斩棘；"
    assert not any(p.startswith((" ", "\u3000")) for p in paragraphs)


def test_body_keeps_every_paragraph_of_the_seed(seed_document, seed_path) -> None:  # type: ignore[no-untyped-def]
    indented = [ln for ln in seed_path.read_text(encoding="utf-8").splitlines() if ln.startswith("  ")]
    paragraphs = [b for b in seed_document.blocks if isinstance(b, Paragraph | Figure)]
    # one indented line is the duplicated caption
    assert len(paragraphs) == len(indented)


def test_fingerprint_names_the_scraped_bytes(seed_document, seed_path) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    assert seed_document.meta.fingerprint == "sha256:" + hashlib.sha256(seed_path.read_bytes()).hexdigest()
