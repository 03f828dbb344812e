"""The reader's shortcuts give what the long way gives.

Each shortcut skips work when a cheap test says it cannot change the answer (issue #7);
these tests hold each one to the answer of the way it replaced.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from publish.clean.extract import text_stats
from publish.clean.link_lists import drop_labelled_lists
from publish.clean.readers.html import parse
from publish.clean.readers.html_blocks import _is_bold_line, _text_lines
from publish.clean.repair import _ANY_TRIGGER, RULES, TRIGGERS, repair
from publish.clean.stages.captions import CAPTION_MARKERS, has_caption_marker
from publish.clean.stages.hidden import _HIDDEN, _is_hiding

_STYLE = st.text(st.sampled_from("displayNONEvisibilityHIDDENopacity0.;:! -123 \tſKİleftTOP%px"), max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_STYLE, st.sampled_from(["DISPLAY: None", "font-size:0PX;", "Left:-9999px", "opacity:0.00!"])))
def test_a_hiding_style_is_found_as_the_case_blind_pattern_finds_it(style: str) -> None:
    assert _is_hiding(style) == (_HIDDEN.search(style) is not None)


def _slow_repair(text: str) -> str:
    for _round in range(4):
        before = text
        for _name, rule in RULES:
            text = rule(text)
        if text == before:
            break
    return text


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("中文，。,.:;!?\"'()-—… 　x1"), max_size=30))
def test_repair_with_its_shortcuts_is_every_rule_run_to_the_end(text: str) -> None:
    assert repair(text) == _slow_repair(text)


def test_a_paragraph_without_a_break_is_read_as_the_walk_reads_it() -> None:
    # comments are left out, their tails kept, inline elements read in page order
    p = parse("<p>人生<!-- 注 -->就如<b>一场</b>旅行<i>，<u>不必</u></i>在乎\n目的地。\n\n下一段</p>")
    assert _text_lines(p.find(".//p")) == ["人生就如一场旅行，不必在乎 目的地。", "下一段"]


def test_a_paragraph_with_breaks_is_still_split_at_them() -> None:
    p = parse("<p>第一行<br>第二<b>行</b><br/>第三行</p>").find(".//p")
    assert _text_lines(p) == ["第一行", "第二行", "第三行"]


def test_a_paragraph_without_bold_text_is_no_bold_line() -> None:
    assert not _is_bold_line(parse("<p>共享充电宝告别1元时代</p>").find(".//p"))
    assert _is_bold_line(parse("<p><strong>共享充电宝告别1元时代</strong></p>").find(".//p"))


def test_a_label_spaced_out_over_its_elements_still_drops_its_list() -> None:
    # the label words are looked for in the part's text without white space, as labels are read
    prose = "习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦。"
    root = parse(f"<div id='a'><p>{prose}</p><p>延伸 <b>阅读</b></p><p><a href='/1'>另一篇文章的标题</a></p></div>")
    part = root.find(".//div")
    drop_labelled_lists([part], text_stats(root))
    assert [p.text_content() for p in part] == [prose]


def test_every_caption_marker_holds_what_the_shortcut_looks_for() -> None:
    assert all("图" in marker or "摄影" in marker for marker in CAPTION_MARKERS.pattern.split("|"))


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("图为片摄影（(/／:：文字 "), max_size=12))
def test_a_caption_marker_is_found_as_the_pattern_finds_it(text: str) -> None:
    assert has_caption_marker(text) == (CAPTION_MARKERS.search(text) is not None)


_TRIGGER_CHARS = sorted(set("".join(p.pattern for p in TRIGGERS.values())) - set("\\[]|") | set("中，x1("))
"""Every character the triggers are written with (so a new trigger is tested too), and others."""


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(_TRIGGER_CHARS), max_size=12))
def test_any_trigger_is_found_where_some_rule_has_its_trigger(text: str) -> None:
    assert (_ANY_TRIGGER(text) is None) == all(p.search(text) is None for p in TRIGGERS.values())
