"""Finding the article in an HTML page: text density, chrome, structure, hostile input."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes
from publish.model import Figure, Heading, Paragraph, Table, inline_text, walk_blocks

PROSE = "习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。"


def _text(doc) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for b in walk_blocks(doc.blocks):
        if isinstance(b, Paragraph | Heading):
            parts.append(inline_text(b.children))
        elif isinstance(b, Figure):
            parts.append(b.caption)
        elif isinstance(b, Table):
            parts += ["".join(r) for r in b.header + b.rows]
    return "\n".join(parts)


def _clean(html: str, name: str = "page.html"):  # type: ignore[no-untyped-def]
    return clean_bytes(html.encode("utf-8"), Path(name)).document


def test_prose_column_wins_over_a_longer_link_menu() -> None:
    menu = "".join(f"<li><a href='/{i}'>新闻频道第{i}个栏目链接文字</a></li>" for i in range(60))
    html = (
        f"<html><title>标题_某网</title><body><ul class='x'>{menu}</ul>"
        f"<div><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></body></html>"
    )
    text = _text(_clean(html))
    assert PROSE in text
    assert "栏目链接" not in text


def test_comments_are_not_the_article(corpus: Path) -> None:
    page = corpus / "joycode.com__54e89e4e.html"
    text = _text(clean_bytes(page.read_bytes(), page).document)
    assert "承蒙开心就好的邀请" in text
    assert "又来了一位大哥" not in text


def test_labelled_related_list_is_dropped(corpus: Path) -> None:
    page = corpus / "yahoo.com__3832838a.html"
    text = _text(clean_bytes(page.read_bytes(), page).document)
    assert "相关报道" not in text
    assert "明星挨打事件簿" not in text


def test_page_wrapped_in_one_form_is_still_read(corpus: Path) -> None:
    page = corpus / "donews.com__b828b656.html"
    text = _text(clean_bytes(page.read_bytes(), page).document)
    assert "老冒的目标着实让人很惊讶" in text


def test_title_is_the_heading_that_the_title_element_contains(corpus: Path) -> None:
    page = corpus / "chinadaily.com.cn__np4k-001.html"
    assert clean_bytes(page.read_bytes(), page).document.meta.title == "外国专家：中美合作共赢符合国际社会利益"


def test_title_element_is_cut_at_its_site_name_when_no_heading_matches() -> None:
    html = f"<html><title>某地召开脱贫攻坚总结大会_地方新闻_某某网</title><body><p>{PROSE}</p></body></html>"
    assert _clean(html).meta.title == "某地召开脱贫攻坚总结大会"


def test_table_with_a_header_row_is_a_table() -> None:
    html = (
        f"<html><title>表格</title><body><div><p>{PROSE}</p><table>"
        "<tr><th>年份</th><th>人数</th></tr><tr><td>2012</td><td>8512.7万</td></tr></table></div></body></html>"
    )
    tables = [b for b in _clean(html).blocks if isinstance(b, Table)]
    assert tables and tables[0].rows == (("2012", "8512.7万"),)


def test_bold_short_line_is_a_section_heading() -> None:
    html = f"<html><title>t</title><body><div><p>{PROSE}</p><p><strong>夯实基层基础</strong></p><p>{PROSE}</p></div></body></html>"
    headings = [inline_text(b.children) for b in _clean(html).blocks if isinstance(b, Heading)]
    assert headings == ["夯实基层基础"]


def test_scripts_and_hidden_elements_never_become_text() -> None:
    html = (
        f"<html><title>t</title><body><div><p>{PROSE}</p><script>var 秘密='x';</script>"
        "<div style='display:none'>隐藏的广告文字</div></div></body></html>"
    )
    text = _text(_clean(html))
    assert "秘密" not in text and "隐藏的广告文字" not in text


def test_unlabelled_date_above_the_body_is_the_date(corpus: Path) -> None:
    page = corpus / "henandaily.cn__91bdf33e.html"
    assert clean_bytes(page.read_bytes(), page).document.meta.date == "2022-01-20T16:31:00+08:00"


def test_article_nested_in_a_header_by_broken_markup_is_still_found(corpus: Path) -> None:
    page = corpus / "163.com__gne-163-1.html"
    text = _text(clean_bytes(page.read_bytes(), page).document)
    assert "2019年，龙湖集团即将迎来赴港上市10周年。" in text


def test_page_without_a_title_element_takes_the_crawler_wrapper_title(corpus: Path) -> None:
    page = corpus / "donews.com__b828b656.html"
    doc = clean_bytes(page.read_bytes(), page).document
    assert doc.meta.title == "评老冒：做最好的和最cool的东西？"
    assert "而且，作为一个有着长远目标" in _text(doc)


def test_site_name_after_a_bare_dash_is_cut_from_the_title(corpus: Path) -> None:
    page = corpus / "xinhuanet.com__gne-xinhuanet-1.html"
    assert clean_bytes(page.read_bytes(), page).document.meta.title == "法国全国大罢工再次严重影响交通"


def test_editor_label_and_name_on_separate_lines_are_one_byline(corpus: Path) -> None:
    page = corpus / "xinhuanet.com__gne-xinhuanet-1.html"
    doc = clean_bytes(page.read_bytes(), page).document
    assert doc.meta.editor == "尹世杰"
    assert "责任编辑" not in _text(doc)


def test_inline_links_keep_their_place_in_the_sentence() -> None:
    html = (
        "<html><title>t</title><body><div><p><span><a href='/g'>谷歌</a></span>(<a href='/w'>微博</a>)"
        f"<!--kw-->在2014年收购的人工智能公司DeepMind开发出一款计算机。</p><p>{PROSE}</p></div></body></html>"
    )
    assert "谷歌（微博）在2014年收购的人工智能公司" in _text(_clean(html))


def test_site_logo_is_not_a_figure(corpus: Path) -> None:
    page = corpus / "gmw.cn__rdb-gmw.html"
    doc = clean_bytes(page.read_bytes(), page).document
    assert not any(isinstance(b, Figure) and "logo" in b.src for b in doc.blocks)


def test_heading_levels_keep_their_rank_from_level_two() -> None:
    html = (
        f"<html><title>t</title><body><div><h3>一、总体要求</h3><p>{PROSE}</p><h4>（一）基本原则</h4>"
        f"<p>{PROSE}</p><h3>二、主要任务</h3><p>{PROSE}</p></div></body></html>"
    )
    levels = [(b.level, inline_text(b.children)) for b in _clean(html).blocks if isinstance(b, Heading)]
    assert levels == [(2, "一、总体要求"), (3, "（一）基本原则"), (2, "二、主要任务")]


def test_wiki_edit_link_is_cut_from_headings(corpus: Path) -> None:
    page = corpus / "wikipedia.org__d5bced5e.html"
    headings = [inline_text(b.children) for b in clean_bytes(page.read_bytes(), page).document.blocks if isinstance(b, Heading)]
    assert "个人生活" in headings
    assert not any(h.endswith("[编辑]") for h in headings)
