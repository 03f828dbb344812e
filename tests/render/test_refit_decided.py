"""The one-pass build takes the stretched-line refit's changes from each article laid out
alone and lays the book out once, with the bytes the refit's three layouts of the whole
book give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from publish.book import load_book
from publish.render.cache import Layout, RenderCache
from publish.render.pdf.weasy import refit
from publish.render.edition import Options
from publish.render.pdf.write import render as write_pdf
from publish.styles import load_style
from publish.typeset.hints import print_html

ROOT = Path(__file__).resolve().parents[2]
TEN = ROOT / "tests" / "books" / "ten" / "book.toml"

STRETCHED = "这是一个关于排版的测试段落我们需要它足够长以便在网址ARTI1721556000000123456789中查到2020年12月发表的新论文并获得了广泛关注和讨论。"
"""A paragraph whose first layout in the book style leaves a line stretched past the limit:
an identifier no rule may break (a Latin word would now take soft hyphens) fills most
of its second line, and the refit moves a character down to it."""


def one_pass(decided: bool) -> tuple[bytes, int]:
    """The ten-article book built in one pass, and how many times this process laid the
    whole book out (the refit's looks at stretched paragraphs alone not counted)."""
    import weasyprint.document

    layouts = [0]
    original = weasyprint.document.layout_document

    def counted(html: Any, *args: Any, **kwargs: Any) -> Any:
        alone = getattr(refit._STATE, "alone", False)
        if len(list(html.etree_element.iter("article"))) > 1 and not alone:  # the book, not a warm-up line
            layouts[0] += 1
        return original(html, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(weasyprint.document, "layout_document", counted)
        if not decided:
            from publish.render.pdf import write as pdf

            start = pdf._start
            patch.setattr(pdf, "_start", lambda *a: (start(*a)[0], None))
        data = write_pdf(load_book(TEN), Options(single_pass=True, jobs=2, cache=False)).data
    return data, layouts[0]


@pytest.fixture(scope="module")
def builds() -> dict[str, tuple[bytes, int]]:
    return {"decided": one_pass(decided=True), "three layouts": one_pass(decided=False)}


@pytest.mark.slow
def test_decided_refits_give_the_three_layout_bytes(builds: dict[str, tuple[bytes, int]]) -> None:
    assert builds["decided"][0] == builds["three layouts"][0]


@pytest.mark.slow
def test_the_book_is_laid_out_once_where_the_refit_took_two(builds: dict[str, tuple[bytes, int]]) -> None:
    assert builds["three layouts"][1] == 2
    assert builds["decided"][1] == 1


def laid_out(body: str) -> Any:
    """The HTML object of ``body`` after one render under the refit, in the book style."""
    from weasyprint import CSS, HTML

    refit.install()
    html = HTML(string=f'<html lang="zh-CN"><body>{body}</body></html>')
    html.render(stylesheets=[CSS(filename=str(p)) for p in load_style("book").print_css])
    return html


def tree(html: Any) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(e.tag, e.get("class"), e.text, e.tail) for e in html.etree_element.iter()]


def test_edits_of_an_article_applied_to_a_fresh_parse_give_the_refits_tree() -> None:
    from weasyprint import HTML

    body = f"<article><p>{print_html(STRETCHED)}</p></article>"
    remedied = laid_out(body)
    edits = refit.edits(remedied)
    assert edits is not None and edits[0], "the paragraph needs no refit: the test shows nothing"
    fresh = HTML(string=f'<html lang="zh-CN"><body>{body}</body></html>')
    refit.decide(fresh, edits)
    assert tree(fresh) == tree(remedied)


def test_a_change_outside_every_article_is_not_decided() -> None:
    assert refit.edits(laid_out(f"<div><p>{print_html(STRETCHED)}</p></div>")) is None


def test_a_decided_layout_stops_at_a_stretched_line_outside_the_articles() -> None:
    from weasyprint import CSS, HTML

    refit.install()
    html = HTML(string=f'<html lang="zh-CN"><body><div><p>{print_html(STRETCHED)}</p></div></body></html>')
    refit.decide(html, [])
    with pytest.raises(refit.Undecided):
        html.render(stylesheets=[CSS(filename=str(p)) for p in load_style("book").print_css])


def test_a_part_layout_keeps_its_refit_edits_in_the_cache(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    edits = (refit.Edit(2, "class", refit.SQUEEZE_CLASS), refit.Edit(5, "tail", "十二\u2060元"))
    cache.store_layout("k", Layout(pages=3, last_blank=True, anchors={"a": 0}, edits=edits))
    cache.store_layout("front", Layout(pages=2, last_blank=False, anchors={}, edits=None))
    assert cache.layout("k") == Layout(pages=3, last_blank=True, anchors={"a": 0}, edits=edits)
    assert cache.layout("front") == Layout(pages=2, last_blank=False, anchors={}, edits=None)
