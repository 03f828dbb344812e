"""docs/typography.md §1 text repair, rule by rule, on strings from the seed."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from publish.clean.repair import RULES, TRIGGERS, repair


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("这一年,决战深贫,栉风沐雨", "这一年，决战深贫，栉风沐雨"),
        ("披荆斩棘;", "披荆斩棘；"),
        ("伟大传奇!", "伟大传奇！"),
        ("强调:“到2020年", "强调：“到2020年"),
        ("院士朱有勇(前)在", "院士朱有勇（前）在"),
        ("采取\"公司+农户\"方式", "采取“公司+农户”方式"),
        ("双带示范基地”...各地", "双带示范基地”……各地"),
        ("双带示范基地”......各地", "双带示范基地”……各地"),
        ("党旗高扬--决战决胜", "党旗高扬——决战决胜"),
        ("党旗高扬 决战决胜", "党旗高扬\u3000决战决胜"),
    ],
)
def test_nfkc_damage_is_undone(damaged: str, repaired: str) -> None:
    assert repair(damaged) == repaired


@pytest.mark.parametrize(
    "latin",
    ["11:03", "COVID-19", "3.5%", "http://www.12371.cn/a?b=1", "1,000", "(see p. 3)", 'He said "hi".'],
)
def test_latin_and_number_runs_keep_their_ascii(latin: str) -> None:
    assert repair(latin) == latin


def test_time_inside_chinese_keeps_its_colon() -> None:
    assert repair("2021年01月27日 11:03") == "2021年01月27日 11:03"


@pytest.mark.parametrize(
    ("spaced", "joined"),
    [
        ("谷歌(微博) 在2014年收购", "谷歌（微博）在2014年收购"),
        ("【纠错】 【责任编辑:张樵苏 】", "【纠错】【责任编辑：张樵苏】"),
        ("目睹母亲受辱的于欢 ，持刀", "目睹母亲受辱的于欢，持刀"),
    ],
)
def test_space_beside_full_width_punctuation_is_dropped(spaced: str, joined: str) -> None:
    assert repair(spaced) == joined


def test_space_between_han_and_latin_or_between_names_is_kept() -> None:
    assert repair("DeepMind的AlphaGo AI能够") == "DeepMind的AlphaGo AI能够"
    assert repair("新京报记者 彭冲 山东冠县报道") == "新京报记者\u3000彭冲\u3000山东冠县报道"


_DAMAGE = st.text(st.sampled_from("党旗高扬决战a1 .。…\"'(),;:!?-—“”（）、，\u3000"), max_size=24)


@settings(max_examples=300, deadline=None)
@given(_DAMAGE, st.sampled_from([name for name, _rule in RULES]))
def test_a_rule_changes_nothing_in_a_text_without_its_trigger(text: str, name: str) -> None:
    # repair() skips a rule whose trigger is absent: that must never change the result
    assume(TRIGGERS[name].search(text) is None)
    rule = dict(RULES)[name]
    assert rule(text) == text


def test_every_rule_has_a_trigger() -> None:
    assert set(TRIGGERS) == {name for name, _rule in RULES}
