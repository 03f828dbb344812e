"""The reader's passes over the tree: what each one promises the next.

The scoring rules themselves are tested on pages (test_html_reader.py, the corpus scores);
these are the contracts that let the passes share work instead of walking the tree again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml.etree import Element

from publish.clean.decode import decode_bytes
from publish.clean.extract import (
    UnlikelyAncestry,
    _found,
    is_unlikely,
    score_containers,
    text_content,
    text_stats,
)
from publish.clean.profiles import generic
from publish.clean.readers.html import parse
from publish.clean.selectors import select

PROSE = "习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。"


def test_text_stats_holds_every_element_in_reverse_page_order(corpus: Path) -> None:
    # score_containers visits the elements in page order by reading this dict backwards
    root = parse(decode_bytes((corpus / "sina.com.cn__0d931936.html").read_bytes())[0])
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    assert list(text_stats(root)) == elements[::-1]


def test_text_stats_counts_every_text_node_under_each_element(corpus: Path) -> None:
    # the definition, one XPath per element: text nodes below it (its own tail is not), and
    # those inside a link
    for name in ("sina.com.cn__0d931936.html", "wikipedia.org__d5bced5e.html"):
        root = parse(decode_bytes((corpus / name).read_bytes())[0])
        stats = text_stats(root)
        for el in root.iter(Element):
            chars = sum(len(t.strip()) for t in el.xpath(".//text()"))
            links = sum(len(t.strip()) for t in el.xpath("descendant-or-self::a//text()"))
            assert stats[el] == (chars, links), (name, el.tag)


def test_text_stats_counts_text_without_surrounding_space_and_links_in_full() -> None:
    root = parse(f"<div><p> {PROSE} </p><!-- x --> 来源：<a href='/'> 新华网 </a></div>")
    stats = text_stats(root)
    div = root.find(".//div")
    assert stats[div] == (len(PROSE) + 3 + 3, 3)


def test_an_unlikely_element_flags_its_whole_subtree_and_nothing_around_it() -> None:
    root = parse(f"<div class='comment-list'><ul><li><p>{PROSE}</p></li></ul></div><div><p>{PROSE}</p></div>")
    comments, article = root.findall(".//body/div")
    unlikely = UnlikelyAncestry(root)
    # asked deepest first, then again from the top: what is remembered of an ancestor holds
    assert all(unlikely(el) for el in reversed(list(comments.iter())))
    assert not any(unlikely(el) for el in article.iter())
    assert not unlikely(root) and not unlikely(root.find("body"))


def test_an_unlikely_wrapper_is_judged_whatever_was_asked_before() -> None:
    root = parse(f"<div id='main'><div class='sidebar'><p>{PROSE}</p></div><p>{PROSE}</p></div>")
    main = root.find(".//div")
    sidebar, prose = main[0][0], main[1]
    unlikely = UnlikelyAncestry(root)
    assert not unlikely(prose) and unlikely(sidebar) and not unlikely(main)


def test_unlikely_ancestry_is_the_subtrees_of_unlikely_elements(corpus: Path) -> None:
    # what score_containers skips: every element of an unlikely element's subtree
    for page in sorted(corpus.glob("*.html"))[::4]:
        root = parse(decode_bytes(page.read_bytes())[0])
        flagged: set[object] = set()
        for el in root.iter(Element):
            if is_unlikely(el) and el.tag not in ("html", "body"):
                flagged.update(el.iter(Element))
        unlikely = UnlikelyAncestry(root)
        assert {el for el in root.iter(Element) if unlikely(el)} == flagged, page.name


def test_unlikely_elements_score_nothing_unless_asked() -> None:
    root = parse(f"<div class='sidebar'><p>{PROSE}</p></div>")
    stats = text_stats(root)
    sidebar = root.find(".//div")
    assert sidebar not in score_containers(root, stats)
    assert sidebar in score_containers(root, stats, skip_unlikely=False)


@pytest.mark.parametrize(
    "names",
    ["Comment-List ", "article-footer", "SideBar main", "ſhare", "menu-K", "HEADER", "pinglun ",
     "MAIN", "cmt İd", "postContent"],
)
def test_class_names_are_matched_as_the_case_blind_patterns_say(names: str) -> None:
    for pattern in (generic().settings.body.unlikely, generic().settings.body.maybe):
        assert _found(pattern, names) == bool(pattern.search(names))


def test_a_pattern_with_capitals_is_matched_as_written() -> None:
    pattern = re.compile(r"\S+Nav", re.I)
    assert _found(pattern, "topnav") and not _found(pattern, " nav")


def test_an_element_named_for_chrome_and_content_is_not_unlikely() -> None:
    root = parse("<div id='comment' class='article-content'>x</div><div class='Share-Bar'>y</div>")
    content, share = root.findall(".//body/div")
    assert not is_unlikely(content) and is_unlikely(share)


def test_text_content_is_lxmls_text_content_and_itertext_on_every_element(corpus: Path) -> None:
    root = parse(decode_bytes((corpus / "yahoo.com__3832838a.html").read_bytes())[0])
    for el in root.iter():
        if isinstance(el.tag, str):
            assert text_content(el) == el.text_content() == "".join(el.itertext())


def test_text_content_leaves_out_comments_and_the_elements_own_tail() -> None:
    p = parse(f"<div><p>{PROSE}<!-- 评论 --><b>强</b></p>尾巴</div>").find(".//p")
    assert text_content(p) == PROSE + "强"


@pytest.mark.parametrize("selector", ['[class*="player"]', '[class*="nav"]', '[id*="content"]', "div.title", "#main p"])
def test_select_finds_what_cssselect_finds(selector: str, corpus: Path) -> None:
    root = parse(decode_bytes((corpus / "yahoo.com__3832838a.html").read_bytes())[0])
    assert select(root, selector) == root.cssselect(selector)


def test_head_tags_are_those_a_walk_of_the_parsed_tree_finds_in_page_order() -> None:
    from publish.clean.tagged import HEAD_TAGS, Tagged

    root = parse(
        "<html><head><title>题</title><meta name=a><link rel=canonical href=x></head><body>"
        "<h2>二</h2><script>s</script><div><h1>一</h1><meta name=b></div><h3>三</h3></body></html>"
    )
    tags = Tagged(root, HEAD_TAGS)
    for tag in HEAD_TAGS:
        assert tags.of(tag) == list(root.iter(tag))
    assert tags.of("h1", "h2", "h3", "h4") == list(root.iter("h1", "h2", "h3", "h4"))


def test_the_head_tags_as_parsed_are_let_go_once_invisible_content_is_dropped() -> None:
    from publish.clean.profiles import generic as generic_profile
    from publish.clean.readers.html import read_html
    from publish.clean.stages.hidden import drop_hidden
    from publish.clean.state import CleanState

    profile = generic_profile()
    state = CleanState(path=Path("a.html"), data=b"", profile=profile, generic=profile)
    state.text = "<html><head><title>题</title></head><body><nav><h1>栏目</h1></nav><p>" + PROSE + "</p></body></html>"
    read_html(state)
    assert state.html is not None and state.html.tags is not None
    drop_hidden(state)
    assert state.html.tags is None
