"""竖排 text for the vertical EPUB: short numbers stand upright (縦中横), long ones lie."""

from __future__ import annotations

from publish.typeset.hints import vertical_html


def test_one_and_two_digit_numbers_stand_upright() -> None:
    assert vertical_html("3月30日") == '<span class="tcy">3</span>月<span class="tcy">30</span>日'


def test_longer_numbers_and_decimals_stay_sideways() -> None:
    assert vertical_html("2020年，91.8万名，10%") == "2020年，91.8万名，10%"


def test_text_is_escaped_before_the_numbers_are_wrapped() -> None:
    assert vertical_html("<b>5</b>") == '&lt;b&gt;<span class="tcy">5</span>&lt;/b&gt;'
