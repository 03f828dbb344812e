"""Whatever bytes or tag soup the cleaner is given, it returns an article or a CleanError.

Hypothesis generates the inputs; ``PUBLISH_FUZZ_EXAMPLES`` sets how many (small by default
so CI stays quick; ``PUBLISH_FUZZ_EXAMPLES=20000 pytest tests/safety -k fuzz`` for a long
run). A failure prints the smallest input that breaks the cleaner.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.clean import clean_bytes
from publish.clean.repair import repair
from publish.errors import CleanError
from publish.markdown import from_markdown, to_markdown
from tests.strategies import html_pages, texts

FUZZ_EXAMPLES = int(os.environ.get("PUBLISH_FUZZ_EXAMPLES", "60"))
fuzz = settings(
    max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _clean_or_clean_error(data: bytes, name: str) -> None:
    try:
        result = clean_bytes(data, Path(name))
    except CleanError as exc:
        assert exc.path == Path(name) and exc.message
        return
    doc = result.document
    assert doc.meta.title
    from_markdown(to_markdown(doc))  # the Markdown written reads back without error


@fuzz
@given(st.binary(max_size=4096), st.sampled_from(["page.html", "page.txt"]))
def test_fuzz_cleaner_on_arbitrary_bytes_gives_an_article_or_a_clean_error(data: bytes, name: str) -> None:
    _clean_or_clean_error(data, name)


@fuzz
@given(html_pages(), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_fuzz_cleaner_on_tag_soup_gives_an_article_or_a_clean_error(page: str, encoding: str) -> None:
    _clean_or_clean_error(page.encode(encoding, errors="replace"), "page.html")


@fuzz
@given(html_pages(), st.integers(1, 400))
def test_fuzz_cleaner_on_truncated_pages_gives_an_article_or_a_clean_error(page: str, cut: int) -> None:
    data = page.encode("utf-8")
    _clean_or_clean_error(data[: max(1, len(data) - cut)], "page.html")


def test_a_page_with_an_empty_list_item_cleans_to_markdown_that_reads_back_the_same() -> None:
    page = "<html><head><title>党旗高扬</title></head><body><p>这一年，决战深贫。</p><li></li></body></html>"
    doc = clean_bytes(page.encode(), Path("page.html")).document
    assert from_markdown(to_markdown(doc)) == doc


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_repair_is_idempotent(text: str) -> None:
    assert repair(repair(text)) == repair(text)


def test_repair_of_an_ellipsis_before_a_straight_quote_is_idempotent() -> None:
    once = repair('…"决胜"，他说。')
    assert repair(once) == once


@settings(max_examples=300, deadline=None)
@given(texts)
def test_repair_of_article_text_is_idempotent(text: str) -> None:
    assert repair(repair(text)) == repair(text)
