"""Bylines and dates: labelled lines, reporters, sign-offs and the date formats sites print."""

from __future__ import annotations

from publish.clean.byline import find_reporters, forum_author, parse_byline, parse_date, parse_month
from publish.clean.profiles import generic

LABELS = generic().labels


def test_reporter_after_本报记者_is_the_author() -> None:
    assert find_reporters("本报记者罗科苏盈发自北京 23日下午，在北大万众楼二层") == ["罗科苏盈"]


def test_closing_sign_off_names_the_authors() -> None:
    text = "倡树廉洁家风，过一个平安、祥和、温馨、廉洁的新春佳节。（常书香　马丹阳 ）"
    assert find_reporters(text) == ["常书香", "马丹阳"]


def test_sign_off_with_a_place_names_only_the_reporter() -> None:
    assert find_reporters("难道不都是利益再分配的过程吗？”（姚峰 上海报道）") == ["姚峰"]


def test_reporter_doing_something_in_prose_is_not_an_author() -> None:
    assert find_reporters("18时许，记者来到这家医院，看到13岁的李某虚弱地躺在床上。") == []


def test_parenthesised_word_mid_sentence_is_not_a_sign_off() -> None:
    assert find_reporters("谷歌(微博)") == []


def test_us_order_date_with_am_pm() -> None:
    assert parse_date("发布日期： 9/17/2004 5:54:13 PM") == "2004-09-17T17:54:13+08:00"


def test_chinese_date_and_time_get_the_beijing_offset() -> None:
    assert parse_date("2021年01月27日 11:03") == "2021-01-27T11:03:00+08:00"


def test_year_and_month_alone_keep_their_granularity() -> None:
    assert parse_month("——《北京之春》1996年6月号") == "1996-06"
    assert parse_month("2021年1月27日") == ""


def test_bracketed_editor_line_is_a_byline() -> None:
    byline = parse_byline("(责编：李四、王五)", LABELS)
    assert byline is not None and byline.editor == "李四、王五"


def test_date_led_line_with_one_label_is_a_byline() -> None:
    byline = parse_byline("2005-04-27 14:32更新　来源：千龙新闻网", LABELS)
    assert byline is not None
    assert (byline.date, byline.source) == ("2005-04-27T14:32:00+08:00", "千龙新闻网")


def test_author_value_stops_before_a_date() -> None:
    byline = parse_byline("来源：《求是》2023/14 作者：王五 2023-07-16 09:00:00", LABELS)
    assert byline is not None and byline.authors == ["王五"]
    assert byline.date == "2023-07-16T09:00:00+08:00"


def test_sentence_mentioning_a_source_is_not_a_byline() -> None:
    assert parse_byline("据统计，来源：各地报送的数据显示，今年的贫困发生率继续下降，取得了明显成效。", LABELS) is None


def test_reporter_after_a_paper_name_is_the_author() -> None:
    assert find_reporters("扬子晚报记者　张楠") == ["张楠"]


def test_author_line_above_the_body_names_the_author_without_the_book() -> None:
    byline = parse_byline("02日14:25 作者：赵婕 出自[人民文学出版社]", LABELS, loose=True)
    assert byline is not None and byline.authors == ["赵婕"]


def test_one_label_mid_line_is_not_a_byline_inside_the_body() -> None:
    assert parse_byline("02日14:25 作者：赵婕 出自[人民文学出版社]", LABELS) is None


def test_forum_poster_is_the_author() -> None:
    assert forum_author("本贴由 大卫 于2005年8月12日16:12:21在〖心灵体操〗发表.") == "大卫"


def test_place_before_报道_is_not_a_reporter() -> None:
    assert find_reporters("新京报记者 彭冲 山东冠县报道") == ["彭冲"]


def test_counters_after_an_author_are_not_names() -> None:
    byline = parse_byline("作者:zboygirl 阅读(1660) 评论(5) 发表于:2005-07-31", LABELS, loose=True)
    assert byline is not None and byline.authors == ["zboygirl"]


def test_empty_label_followed_by_another_label_gives_nothing_to_the_first() -> None:
    byline = parse_byline("来源： 网易科学人 作者： 责任编辑：肖春芳", LABELS, loose=True)
    assert byline is not None
    assert (byline.source, byline.authors, byline.editor) == ("网易科学人", [], "肖春芳")
