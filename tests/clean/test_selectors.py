"""Selectors ruled out by the page's source find what a search of the tree would find.

``PageSource.may_match`` lets the reader skip a selector's search when the source cannot
hold what it needs; these tests hold it to "never wrong", on the corpus with every
profile's selectors and on the references that spell names in attribute values.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.clean.decode import decode_bytes
from publish.clean.html_reader import parse
from publish.clean.profiles import all_profiles
from publish.clean.selectors import PageSource, required_runs, select

SELECTORS = sorted({
    s for p in all_profiles().values()
    for s in p.title_selectors + p.body_selectors + p.drop_selectors + p.folded_selectors
})


def test_every_profile_selector_finds_on_every_corpus_page_what_cssselect_finds(corpus: Path) -> None:
    for page in sorted(corpus.glob("*.html")):
        text = decode_bytes(page.read_bytes())[0]
        root, source = parse(text), PageSource(text)
        for selector in SELECTORS:
            assert select(root, selector, source) == root.cssselect(selector), (page.name, selector)


def _found(markup: str, selector: str) -> int:
    text = f"<html><body>{markup}<p>正文</p></body></html>"
    found = select(parse(text), selector, PageSource(text))
    assert len(found) == len(parse(text).cssselect(selector))
    return len(found)


def test_a_name_the_source_lacks_is_not_searched_for() -> None:
    source = PageSource("<div class='article'>正文</div>")
    assert not source.may_match(".collapsed") and not source.may_match('[class*="player"]')
    assert source.may_match(".article") and source.may_match("div")


@pytest.mark.parametrize(
    ("markup", "selector"),
    [
        ("<div class='&#112;layer'>x</div>", '[class*="player"]'),  # decimal
        ("<div class='&#x70;layer'>x</div>", '[class*="player"]'),  # hexadecimal
        ("<div class='&#0000112layer'>x</div>", '[class*="player"]'),  # leading zeros, no ;
        ("<div class='video&#45;title'>x</div>", '[class*="video-title"]'),  # the - is not a run
        ("<div class='mw&lowbar;collapsed'>x</div>", ".mw_collapsed"),  # a named reference
    ],
)
def test_a_name_spelled_by_character_references_is_still_found(markup: str, selector: str) -> None:
    assert _found(markup, selector) == 1


def test_the_one_named_reference_for_letters_is_read_as_letters() -> None:
    assert _found("<div class='no&fjlig;'>x</div>", '[class*="nofj"]') == 1


@pytest.mark.parametrize(
    ("selector", "runs"),
    [
        (".collapsed", (("collapsed",),)),
        ("table.mw-collapsed", (("collapsed", "mw"),)),
        ('[class*="video-title"]', (("title", "video"),)),
        ("h1.big_title, #articleTitle", (("title", "big"), ("articleTitle",))),
        ("div:not(.share)", ((),)),  # what it must not be is not needed
        ('[class!="share"]', ((),)),
        ("[data-src]", ((),)),
        ("#detail p:has(.x)", (("detail",),)),
        ("a[", None),  # not understood: never ruled out
    ],
)
def test_runs_a_selector_needs(selector: str, runs: tuple[tuple[str, ...], ...] | None) -> None:
    assert required_runs(selector) == runs


def test_an_alternative_that_needs_nothing_keeps_the_group() -> None:
    assert PageSource("<p>x</p>").may_match(".collapsed, p")
    assert _found("", ".collapsed, p") == 1
