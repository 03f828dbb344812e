"""What an editor expects of real news pages of the ten-article book: one paragraph per
paragraph, no leftover byline labels or link-bar brackets, attributions not headings, the
headline's 引题 over the title, video-strip labels gone."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_file
from publish.model import Document, Heading, Paragraph, inline_text, walk_blocks


def _clean(corpus: Path, stem: str) -> Document:
    return clean_file(corpus / f"{stem}.html").document


def _paragraphs(doc: Document) -> list[str]:
    return [inline_text(b.children) for b in walk_blocks(doc.blocks) if isinstance(b, Paragraph)]


def _headings(doc: Document) -> list[str]:
    return [inline_text(b.children) for b in walk_blocks(doc.blocks) if isinstance(b, Heading)]


def test_a_paragraph_wrapped_over_source_lines_stays_one_paragraph(corpus: Path) -> None:
    paragraphs = _paragraphs(_clean(corpus, "qq.com__rdb-qq"))
    assert "谷歌（微博）在2014年收购的人工智能公司DeepMind开发出一款能够用自己的记忆学习新知识并利用这些知识来回答问题的计算机。" in paragraphs


def test_a_bracketed_editor_line_after_a_correction_link_is_lifted_whole(corpus: Path) -> None:
    doc = _clean(corpus, "news.cn__np4k-002")
    assert doc.meta.editor == "张樵苏"
    assert _paragraphs(doc)[-1].endswith("推动中药材供需总体平衡。")


def test_an_editor_label_with_no_name_is_dropped(corpus: Path) -> None:
    doc = _clean(corpus, "sohu.com__d8d4c4ec")
    assert not any(p.startswith("责任编辑") for p in _paragraphs(doc))
    assert _paragraphs(doc)[-1] == "新京报记者\u3000彭冲\u3000山东冠县报道"


def test_a_bold_line_opening_with_a_dash_is_an_attribution_not_a_heading(corpus: Path) -> None:
    doc = _clean(corpus, "people.com.cn__gne-people-1")
    assert "——（宋）陆游" in _paragraphs(doc)
    assert "《冬夜读书示子聿》" in _headings(doc)
    assert not any(h.startswith("——") for h in _headings(doc))


def test_a_short_heading_over_the_bodys_copy_of_the_title_is_its_lead(corpus: Path) -> None:
    doc = _clean(corpus, "yndaily.com__9890f458")
    assert doc.meta.title == "17种产品、1个园区入选国家绿色制造名单"
    assert doc.meta.lead == "15家企业"
    assert "15家企业" not in _headings(doc)


def test_the_label_of_a_video_strip_is_chrome(corpus: Path) -> None:
    paragraphs = _paragraphs(_clean(corpus, "qq.com__rdb-qq"))
    assert paragraphs[-2].endswith("（编译/林靖东）")
    assert not any("精彩视频推荐" in p for p in paragraphs)


def test_a_bold_line_between_line_breaks_is_a_section_heading(corpus: Path) -> None:
    headings = _headings(_clean(corpus, "thepaper.cn__gne-thepaper-1"))
    assert headings == ["共享充电宝告别1元时代", "市场竞争、资本寒冬下的自我救赎", "回归商业本质的理性价格"]


def test_bold_words_inside_a_sentence_stay_in_it() -> None:
    from publish.clean import clean_bytes

    prose = "习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。"
    html = f"<html><title>t</title><body><div><p>{prose}</p><div>前文<br>一句<strong>重点</strong><br>{prose}</div></div></body></html>"
    doc = clean_bytes(html.encode(), Path("page.html")).document
    assert "重点" not in _headings(doc)


def test_the_title_a_video_player_shows_is_not_article_text(corpus: Path) -> None:
    doc = _clean(corpus, "sohu.com__d8d4c4ec")
    assert not any("重返母亲已倒闭的工厂" in p for p in _paragraphs(doc))
    assert _paragraphs(doc)[0].startswith("2020年11月18日上午11点半")


def test_a_credited_line_under_an_uncaptioned_image_is_its_caption(corpus: Path) -> None:
    from publish.model import Figure

    doc = _clean(corpus, "thepaper.cn__gne-thepaper-1")
    figures = [b for b in walk_blocks(doc.blocks) if isinstance(b, Figure)]
    assert figures[0].caption == "共享充电宝。视觉中国\u3000资料"
    assert not any(p.startswith("共享充电宝。视觉中国") for p in _paragraphs(doc))


def test_blank_or_ideographically_indented_source_lines_still_part_paragraphs(corpus: Path) -> None:
    """Pages that set text without <p> mark paragraphs by ⏎⏎ or ⏎　　; those stay."""
    paragraphs = _paragraphs(_clean(corpus, "cclw.net__d7605742"))
    assert "人生就如一个大迷宫，走一步就不知道下一步的方向。但神愿意与我们并肩同行，引导我们经过每一个人生关键选择。" in paragraphs


def test_a_source_and_editor_line_joined_from_two_source_lines_is_lifted(corpus: Path) -> None:
    doc = _clean(corpus, "163.com__gne-163-1")
    assert (doc.meta.source, doc.meta.editor) == ("证券市场红周刊", "杨倩_NF4425")
    assert not any("本文来源" in p for p in _paragraphs(doc))
