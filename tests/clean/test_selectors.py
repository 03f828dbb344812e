"""Selectors ruled out by a page's names find what a search of the tree would find.

``PageNames.may_match`` lets the reader skip a selector's search when no element has the
class or id it needs; these tests hold it to "never wrong", on the corpus with every
profile's selectors and on the forms of selector it reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.etree import Element, _Element

from publish.clean.decode import decode_bytes
from publish.clean.profiles import all_profiles
from publish.clean.readers.html import parse
from publish.clean.selectors import PageNames, required_names, select, select_each
from publish.clean.stages.hidden import _styled_and_names

SELECTORS = sorted({
    s for p in all_profiles().values()
    for s in p.title_selectors + p.body_selectors + p.drop_selectors + p.folded_selectors
})


def _names(root: _Element) -> PageNames:
    return _styled_and_names(list(root.iter(Element)))[1]


def test_every_profile_selector_finds_on_every_corpus_page_what_cssselect_finds(corpus: Path) -> None:
    for page in sorted(corpus.glob("*.html")):
        root = parse(decode_bytes(page.read_bytes())[0])
        names = _names(root)
        for selector in SELECTORS:
            assert select(root, selector, names) == root.cssselect(selector), (page.name, selector)


def test_selectors_matched_together_find_what_each_finds_alone(corpus: Path) -> None:
    for page in sorted(corpus.glob("*.html"))[::3]:
        root = parse(decode_bytes(page.read_bytes())[0])
        names = _names(root)
        together = select_each(root, tuple(SELECTORS), names)
        assert together == [root.cssselect(s) for s in SELECTORS], page.name


@pytest.mark.parametrize(
    "value",
    ["noprint", " noprint  x", "x\tnoprint", "a\nnoprint\r", "noprint noprint", "x\xa0noprint", "noprints", "NoPrint"],
)
def test_a_class_word_is_read_as_cssselect_reads_it(value: str) -> None:
    root = parse(f"<html><body><div class='{value}'>x</div><p class='noprint'>y</p></body></html>")
    selectors = (".noprint", ".noprint", "p.noprint", ".x")
    assert select_each(root, selectors, _names(root)) == [root.cssselect(s) for s in selectors]


def test_the_names_are_every_class_and_id_of_the_page() -> None:
    root = parse("<div class='a b' id='x'><p class=''>正文<span id='y' class='c'>字</span></p></div>")
    names = _names(root)
    assert names.may_match(".a") and names.may_match(".c") and names.may_match("#y")
    assert not names.may_match(".x") and not names.may_match("#a")


@pytest.mark.parametrize(
    ("markup", "selector", "count"),
    [
        ("<div class='video-player'>x</div>", '[class*="player"]', 1),
        ("<div class='&#112;layer'>x</div>", '[class*="player"]', 1),  # names as parsed
        ("<div class='Player'>x</div>", '[class*="player"]', 0),  # compared case by case
        ("<table class='wikitable mw-collapsed'><tr><td>x</td></tr></table>", ".mw-collapsed", 1),
        ("<div id='detail'><p>x</p></div>", "#detail p", 1),
        ("<div class='share'>x</div><div>y</div>", "div:not(.share)", 1),
        ("<p data-x='player'>x</p>", '[data-x*="player"]', 1),  # not indexed: searched
    ],
)
def test_a_selector_finds_what_cssselect_finds(markup: str, selector: str, count: int) -> None:
    root = parse(f"<html><body>{markup}</body></html>")
    found = select(root, selector, _names(root))
    assert found == root.cssselect(selector) and len(found) == count


@pytest.mark.parametrize(
    ("selector", "needs"),
    [
        (".collapsed", ((("class", "collapsed"),),)),
        ('[class*="video-title"]', ((("class", "video-title"),),)),
        ("h1.big_title, #articleTitle", ((("class", "big_title"),), (("id", "articleTitle"),))),
        ("#detail p:has(.x)", ((("id", "detail"),),)),
        ("div:not(.share)", ((),)),  # what it must not be is not needed
        ('[class!="share"]', ((),)),
        ("[data-src]", ((),)),
        ('[title="x"]', ((),)),  # not an indexed attribute
        ("a[", None),  # not understood: never ruled out
    ],
)
def test_names_a_selector_needs(selector: str, needs: tuple[tuple[tuple[str, str], ...], ...] | None) -> None:
    assert required_names(selector) == needs


def test_an_alternative_that_needs_nothing_keeps_the_group() -> None:
    names = PageNames([], [])
    assert names.may_match(".collapsed, p") and not names.may_match(".collapsed, #x")


def test_names_gathered_before_elements_are_dropped_still_cover_what_is_left() -> None:
    root = parse("<div class='player'><p class='player'>x</p></div><p>正文</p>")
    names = _names(root)
    root.find(".//div").drop_tree()
    assert select(root, '[class*="player"]', names) == [] == root.cssselect('[class*="player"]')
