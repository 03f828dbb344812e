"""Bylines, dates and metadata on synthetic pages of the patterns issue #14 names: news
bylines without a label, bare signatures, poster lines, what is never a name, metadata
that never carries chrome, and the date of the article's own unit."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes
from publish.clean.byline import parse_byline
from publish.clean.profiles import generic
from publish.model import Meta, Paragraph, inline_text, walk_blocks

PROSE = "习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。"
BODY = f"<p>{PROSE}</p>" * 6
LABELS = generic().labels


def _page(info: str = "", body: str = BODY, after: str = "", head: str = "", url: str = "", top: str = "") -> bytes:
    """A news page: navigation, the title, an info line above the body, the body, what
    follows it, a footer — the body clearly the one text-rich block."""
    nav = '<div class="nav">' + "".join(f'<a href="/c{i}">栏目{i}</a> ' for i in range(12)) + "</div>"
    wrapper = f'<text id="{url}" title="t" encoding="utf-8">' if url else ""
    return (
        f"{wrapper}<html><head><title>党旗高扬</title>{head}</head><body>{top}{nav}"
        f'<div class="title"><h1>党旗高扬</h1></div><div class="info">{info}</div>'
        f'<div class="content">{body}</div><div class="after">{after}</div>'
        '<div class="footer"><a href="/about">关于我们</a> <a href="/c">联系我们</a></div></body></html>'
    ).encode()


def _meta(html: bytes) -> Meta:
    return clean_bytes(html, Path("page.html")).document.meta


def _paragraphs(html: bytes) -> list[str]:
    doc = clean_bytes(html, Path("page.html")).document
    return [inline_text(b.children) for b in walk_blocks(doc.blocks) if isinstance(b, Paragraph)]


# ------------------------------------------------------------ metadata never carries chrome


def test_a_source_stops_before_the_font_size_buttons() -> None:
    byline = parse_byline("来源：某某日报　字号：大 中 小　打印", LABELS)
    assert byline is not None and byline.source == "某某日报"


def test_a_12371_style_info_line_gives_the_source_without_chrome() -> None:
    info = "<i>发布时间：2023-05-06 10:00</i><i>来源：某某日报</i><span>字号：<a>大</a> <a>中</a> <a>小</a></span><a>打印</a>"
    assert _meta(_page(info)).source == "某某日报"


def test_an_editor_stops_before_a_share_bar() -> None:
    assert _meta(_page(after="<div>责任编辑：王五　分享到：</div>")).editor == "王五"


def test_an_author_stops_before_a_field_no_label_names() -> None:
    byline = parse_byline("作者：张三 单位：某某大学", LABELS)
    assert byline is not None and byline.authors == ["张三"]


def test_a_line_break_ends_an_author_value() -> None:
    info = '作者： <a href="/u?id=1">放飞&amp;心情</a><br>振威将军(从一品)'
    assert _meta(_page(info)).authors == ("放飞&心情",)


# ------------------------------------------------------------ news bylines without a label


def test_a_本报记者_line_above_the_body_names_the_reporters() -> None:
    assert _meta(_page("本报记者 张三 李四")).authors == ("张三", "李四")


def test_reporters_separated_by_no_break_spaces_are_each_a_name() -> None:
    assert _meta(_page("本报记者&nbsp;张三&nbsp;&nbsp;李四")).authors == ("张三", "李四")


def test_an_intern_is_a_reporter() -> None:
    assert _meta(_page("本报实习生 王小明")).authors == ("王小明",)


def test_a_reporter_and_an_intern_on_one_line_are_both_authors() -> None:
    html = _page(body="<p>本报记者 张三 本报实习生 王小明</p>" + BODY)
    assert _meta(html).authors == ("张三", "王小明")


def test_a_papers_reporter_line_names_its_reporters() -> None:
    assert _meta(_page("河南日报记者 张三 李四")).authors == ("张三", "李四")


def test_a_name_before_slash_文_is_the_writer() -> None:
    assert _meta(_page("张三/文")).authors == ("张三",)


def test_a_name_after_文_slash_is_the_writer() -> None:
    assert _meta(_page("文/张三")).authors == ("张三",)


def test_a_文_slash_credit_in_the_body_is_lifted_out_of_it() -> None:
    html = _page(body="<p>文/张三</p>" + BODY)
    assert _meta(html).authors == ("张三",)
    assert "文/张三" not in _paragraphs(html)


# ------------------------------------------------------------ bare signatures


def test_a_parenthesised_name_closing_the_article_signs_it() -> None:
    html = _page(body=BODY + '<p align="right">（张三）</p>')
    assert _meta(html).authors == ("张三",)
    assert "（张三）" not in _paragraphs(html)


def test_a_closing_parenthesis_that_is_no_name_signs_nothing() -> None:
    assert _meta(_page(body=BODY + "<p>（完）</p>")).authors == ()


def test_a_line_of_names_under_the_title_signs_the_article() -> None:
    html = _page(body="<p>张三、李四</p>" + BODY)
    assert _meta(html).authors == ("张三", "李四")
    assert "张三、李四" not in _paragraphs(html)


# ------------------------------------------------------------ poster lines


def test_a_name_before_发表于_is_the_poster_and_the_date_the_posts() -> None:
    meta = _meta(_page(after="<div>李建忠 发表于 2004-12-27 12:40</div>"))
    assert (meta.authors, meta.date) == (("李建忠",), "2004-12-27T12:40:00+08:00")


def test_由_name_张贴_names_the_poster() -> None:
    assert _meta(_page(after="<div>由 李建忠 张贴于 2004-12-27</div>")).authors == ("李建忠",)


def test_a_handle_after_by_closing_a_footer_is_the_poster() -> None:
    assert _meta(_page(after="<div>posted @ 2004-12-27 12:40 by lijianzhong</div>")).authors == ("lijianzhong",)


def test_a_sentence_with_由_and_发表_is_no_poster_line() -> None:
    assert _meta(_page(after="<div>由中央决定发表</div>")).authors == ()


def test_a_posts_own_footer_dates_it_though_counters_make_it_chrome() -> None:
    body = BODY + '<p class="postfoot">发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)</p>'
    after = '<h3>评论</h3><h4>re: 党旗高扬 <span>2004-12-27 12:46</span> <a>flyingbirds</a></h4><p>呵呵</p>'
    assert _meta(_page(body=body, after=after)).date == "2004-12-27T12:40:00+08:00"


# ------------------------------------------------------------ never a byline


def test_a_reporters_question_is_dialogue_not_a_byline() -> None:
    html = _page(body="<p>记者：您怎么看待这件事？</p>" + BODY)
    assert _meta(html).authors == ()
    assert "记者：您怎么看待这件事？" in _paragraphs(html)


def test_a_comma_between_words_that_are_no_names_is_speech() -> None:
    assert parse_byline("记者：好的，谢谢", LABELS) is None


def test_names_separated_by_commas_are_authors() -> None:
    byline = parse_byline("作者：张三，李四", LABELS)
    assert byline is not None and byline.authors == ["张三", "李四"]


def test_a_role_word_alone_is_no_author() -> None:
    assert _meta(_page("作者：本报评论员")).authors == ()


def test_a_role_in_a_closing_parenthesis_is_no_author() -> None:
    assert _meta(_page(body=BODY + "<p>（评论员）</p>")).authors == ()


def test_an_organisation_is_no_author() -> None:
    assert _meta(_page("作者：新华社")).authors == ()


# ------------------------------------------------------------ names only in metadata


def test_a_person_valued_meta_author_is_the_author() -> None:
    assert _meta(_page(head='<meta name="author" content="张三">')).authors == ("张三",)


def test_a_meta_author_that_is_the_site_is_no_author() -> None:
    assert _meta(_page(head='<meta name="author" content="网易">')).authors == ()


def test_a_meta_author_that_is_an_id_is_no_author() -> None:
    assert _meta(_page(head='<meta name="author" content="104363">')).authors == ()


def test_a_meta_author_list_of_sites_is_no_author() -> None:
    head = '<meta name="author" content="www.yunnan.cn,云南日报报业集团,云南网">'
    assert _meta(_page(head=head)).authors == ()


def test_citation_author_names_the_author() -> None:
    assert _meta(_page(head='<meta name="citation_author" content="王小明">')).authors == ("王小明",)


def test_dc_creator_with_a_latin_name_names_the_author() -> None:
    assert _meta(_page(head='<meta name="dc.creator" content="John Smith">')).authors == ("John Smith",)


def test_a_meta_author_the_page_labels_its_editor_is_no_author() -> None:
    html = _page(after="<div>编辑:李楠</div>", head='<meta name="author" content="李楠">')
    meta = _meta(html)
    assert (meta.authors, meta.editor) == ((), "李楠")


# ------------------------------------------------------------ the date of the chosen unit


def test_a_replys_date_is_not_the_articles() -> None:
    after = "<h3>评论</h3><h4>re: 党旗高扬 2004-12-28 12:46 flyingbirds</h4><p>呵呵</p>"
    assert _meta(_page(after=after)).date == ""


def test_a_related_links_date_is_not_the_articles() -> None:
    after = '<ul><li><a href="/a">另一篇文章的标题</a> 2004-12-28</li><li><a href="/b">又一篇</a> 2004-12-29</li></ul>'
    assert _meta(_page(after=after)).date == ""


def test_a_date_beside_a_linked_source_is_the_articles() -> None:
    info = '<div><span><a href="/s">某某网</a></span><span>2016年10月14日07:17</span><div><a>分享</a><a>微博</a><a>空间</a><a>好友</a></div></div>'
    assert _meta(_page(info)).date == "2016-10-14T07:17:00+08:00"


# ------------------------------------------------------------ e-paper pages


def test_an_enpproperty_comment_dates_an_e_paper_article() -> None:
    top = "<!--enpproperty <articleid>1</articleid><date>2022-02-13 08:00:00.0</date><author></author>/enpproperty-->"
    assert _meta(_page(top=top)).date == "2022-02-13T08:00:00+08:00"


def test_the_edition_path_of_the_url_dates_an_e_paper_article() -> None:
    assert _meta(_page(url="http://paper.example.cn/html/202202/13/content_1.htm")).date == "2022-02-13"


def test_the_date_the_edition_links_agree_on_dates_an_e_paper_article() -> None:
    links = "".join(f'<a href="/html/202202/13/node_{i}.htm">第A0{i}版</a>' for i in range(1, 5))
    assert _meta(_page(top=f"<div>{links}</div>")).date == "2022-02-13"


def test_links_of_many_dates_date_nothing() -> None:
    links = "".join(f'<a href="/html/2022-02/{d}/c_1.htm">新闻{d}</a>' for d in range(10, 16))
    assert _meta(_page(top=f"<div>{links}</div>")).date == ""


def test_a_masthead_date_far_above_the_body_dates_an_e_paper_article() -> None:
    menu = "".join(f'<div><a href="/n{i}">版面{i}</a></div>' for i in range(40))
    assert _meta(_page(top=f"<div>2022年02月13日 星期日</div>{menu}")).date == "2022-02-13"
