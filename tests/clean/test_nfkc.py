"""The cleaner's fast NFKC gives what unicodedata gives, on the text it compares."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from publish.clean.normalize import nfkc
from tests.strategies import texts

_AWKWARD = st.text(st.sampled_from("，：！？（）　…\u00a0ｶﾞ゙ガ가\u1100\u1161e\u0301\u0327ﬁ①Å\u212b。、“”x1"), max_size=20)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, _AWKWARD, st.text(max_size=20)))
def test_nfkc_is_unicode_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_full_width_marks_become_ascii_and_the_ideographic_space_a_space() -> None:
    assert nfkc("党旗高扬，决战决胜！　（上）……") == "党旗高扬,决战决胜! (上)......"
