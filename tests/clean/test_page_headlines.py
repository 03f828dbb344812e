"""The headline of an HTML page, as the page prints it (issue #14): the site's name in
``<title>`` is left out, and the line printed just above the body wins over ``<title>``.

Each page here is synthetic, one pattern each, mimicking what news pages of 2003–2022 do."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes
from publish.model import Document

PROSE = (
    "<p>　　29日下午，中国民主党法国党部在华侨文化中心举办座谈会，与会者回顾了当年的经过，"
    "并就今后的工作交换了意见，会议持续了三个小时。</p>"
) * 3


def _clean(title: str, above: str = "", head: str = "", body: str = PROSE, nav: str = "") -> Document:
    html = (
        f"<html><head><title>{title}</title>{head}</head><body>{nav}"
        f"<table><tr><td>{above}</td></tr><tr><td class='content'>{body}</td></tr></table>"
        "</body></html>"
    )
    return clean_bytes(html.encode(), Path("page.html")).document


def test_a_greeting_title_gives_way_to_the_headline_printed_in_a_font_above_the_body() -> None:
    above = "<b><br><font size='3' color='blue'>巴黎举行座谈会纪念六四</font></b><br>"
    assert _clean("谢谢您访问〖关注中国中心〗", above).meta.title == "巴黎举行座谈会纪念六四"


def test_a_title_that_is_only_the_sites_name_gives_way_to_a_td_classed_as_title() -> None:
    above = "<div class='bt_title'>医学部举行新学期工作会议</div>"
    assert _clean("北医新闻网", above).meta.title == "医学部举行新学期工作会议"


def test_a_bold_line_closing_a_paragraph_of_links_is_the_headline() -> None:
    above = "<p><b>*第一编 古代</b><br><a href='1.html'>第一章</a>│<a href='2.html'>第二章</a></p>"
    assert _clean("艺术史研究‹世纪在线中国艺术网", above).meta.title == "第一编\u3000古代"


def test_the_printed_headline_wins_where_it_differs_from_the_title_tag() -> None:
    above = "<font size='4' color='red'><b>投身外交（三）</b></font>"
    assert _clean("乔冠华才情人生_读书频道", above).meta.title == "投身外交（三）"


def test_a_byline_set_in_bold_above_the_body_is_not_the_headline() -> None:
    above = "<b>投身外交</b><br><b>连载：乔冠华才情人生 作者：罗银胜</b>"
    assert _clean("新浪网", above).meta.title == "投身外交"


def test_an_advertisement_link_above_the_body_is_not_the_headline() -> None:
    above = "<b>投身外交</b><br><a href='http://mail.example.com/'><font color='red'>立刻注册免费邮箱，激活1G空间</font></a>"
    assert _clean("读书频道_新浪网", above).meta.title == "投身外交"


def test_a_permalink_repeating_the_start_of_the_title_leaves_the_blogs_name_out() -> None:
    above = "<div><a href='/blog/zboygirl/archive/255509.html'>13岁女孩辍学后生下女婴(附图)</a></div>"
    assert _clean("13岁女孩辍学后生下女婴(附图) zboygirl 天极Blog", above).meta.title == "13岁女孩辍学后生下女婴（附图）"


def test_a_column_label_before_a_bar_in_the_printed_heading_is_left_out() -> None:
    doc = _clean("x", "<h1>图说洛阳| 洛阳职业技术学院：剪“廉洁窗花” 过廉洁之年</h1>")
    assert doc.meta.title == "洛阳职业技术学院：剪“廉洁窗花” 过廉洁之年"


def test_a_column_name_before_a_bar_in_the_title_tag_is_left_out() -> None:
    doc = _clean("书记市长这一周 | 奋马扬鞭争春色，虎力全开向未来")
    assert doc.meta.title == "奋马扬鞭争春色，虎力全开向未来"


def test_the_site_name_the_page_declares_is_cut_off_the_title_without_spaces() -> None:
    head = "<meta property='og:site_name' content='搜狐财经'>"
    assert _clean("央行宣布下调存款准备金率-搜狐财经", head=head).meta.title == "央行宣布下调存款准备金率"


def test_a_channel_named_by_a_navigation_link_is_cut_off_the_title() -> None:
    nav = "<div><a href='/'>首页</a> <a href='/auto/'>汽车天地</a></div>"
    assert _clean("新车上市价格公布-汽车天地", nav=nav).meta.title == "新车上市价格公布"


def test_a_doubled_separator_leaves_no_stray_dash() -> None:
    assert _clean("郑州地铁五号线开通 - -大河网").meta.title == "郑州地铁五号线开通"


def test_the_page_number_of_a_split_article_is_cut_off() -> None:
    assert _clean("中国经济学年会会议议程（页 1）").meta.title == "中国经济学年会会议议程"


def test_a_forum_label_before_the_printed_headline_is_cut_off() -> None:
    above = "<td class='title'>主题：【太行山上】【DVDSCR-RMVB】</td>"
    assert _clean("太行山上_论坛", above).meta.title == "【太行山上】【DVDSCR-RMVB】"


def test_a_private_use_character_ending_the_title_is_left_out() -> None:
    assert _clean("投身外交(3)\ue004_读书频道_新浪网").meta.title == "投身外交（3）"


def test_one_dash_in_a_title_does_not_split_off_a_subtitle() -> None:
    doc = _clean("对比试车—测试昌河北斗星、爱迪尔(图)")
    assert (doc.meta.title, doc.meta.subtitle) == ("对比试车——测试昌河北斗星、爱迪尔（图）", "")
