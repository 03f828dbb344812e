"""How deep a page nests, read from its bytes before any parser sees them (publish.limits).

The count decides which pages are refused as too deep, so each rule of what nests and what
does not is stated here once, on a line of the seed wrapped in markup.
"""

from __future__ import annotations

from itertools import accumulate

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publish.limits import deepest_reflected, nesting_depth
from tests.conftest import SHARED
from tests.safety.conftest import seed_paragraphs

TEXT = seed_paragraphs(1)[0].encode()


def test_each_open_container_is_one_level() -> None:
    assert nesting_depth(b"<div><section><div>" + TEXT + b"</div></section></div>") == 3


def test_a_container_left_open_still_counts() -> None:
    assert nesting_depth(b"<div><font>" + TEXT) == 2


def test_void_and_optional_end_elements_do_not_nest() -> None:
    page = b"<div><p><br><img src=a.png><li><td>" + TEXT + b"</div>"
    assert nesting_depth(page) == 1


def test_element_names_are_read_whole_and_in_any_case() -> None:
    # <pre> is not <p>, <BR> is <br>
    assert nesting_depth(b"<PRE><BR><Span>" + TEXT + b"</span></pre>") == 2


def test_open_and_close_tags_match_in_any_case() -> None:
    # the scan runs over the lower-cased page: </DIV> closes <div>, <SCRIPT> hides its tags
    page = b"<DIV><Div>" + TEXT + b"</div></DIV><SCRIPT>var s = '<DIV><DIV><DIV>';</Script><Div>"
    assert nesting_depth(page) == 2


def test_a_self_closed_element_does_not_nest() -> None:
    assert nesting_depth(b"<div><span/><div/>" + TEXT + b"</div>") == 1


def test_close_tags_with_nothing_open_do_not_make_the_page_shallower() -> None:
    page = b"</div></div></div><div><div>" + TEXT + b"</div></div>"
    assert nesting_depth(page) == 2


def test_tags_written_inside_a_script_do_not_nest() -> None:
    page = b"<script>var s = '" + b"<div>" * 500 + b"';</script><div>" + TEXT + b"</div>"
    assert nesting_depth(page) == 1


def test_a_tag_broken_by_the_next_one_is_not_read() -> None:
    assert nesting_depth(b"<div <span>" + TEXT + b"</span>") == 1


def test_the_highest_point_of_a_walk_held_at_zero() -> None:
    # steps -1 -1 +1 +1 +1 -1: free sums -1 -2 -1 0 1 0, held at zero 0 0 1 2 3 2
    assert deepest_reflected([-1, -2, -1, 0, 1, 0]) == 3
    assert deepest_reflected([]) == 0


@given(st.lists(st.sampled_from((1, -1)), max_size=60))
def test_the_highest_point_is_that_of_the_walk_step_by_step(steps: list[int]) -> None:
    depth = highest = 0
    for step in steps:
        depth = max(0, depth + step)
        highest = max(highest, depth)
    assert deepest_reflected(list(accumulate(steps))) == highest


def test_the_deepest_corpus_page_nests_28_deep() -> None:
    page = SHARED / "corpus" / "zol.com.cn__6dc2d508.html"
    if not page.exists():
        pytest.skip("the corpus page is not there")
    assert nesting_depth(page.read_bytes()) == 28


@given(st.lists(st.text("abcdt", max_size=4).map(str.encode), max_size=8), st.text("abcdt", max_size=5).map(str.encode))
def test_the_names_pattern_matches_exactly_its_names(words: list[bytes], word: bytes) -> None:
    import re

    from publish.limits import _alternation

    if not words:
        return
    pattern = re.compile(_alternation(words))
    assert (pattern.fullmatch(word) is not None) == (word in words)
