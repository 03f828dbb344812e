"""Footnotes numbered per page (a style's ``footnotes = "page"``) and per article (the default).

The notes test book (tests/books/notes) with filler before its second section, so that
its first two notes fall on the article's first page and the last two on a later one,
built in a style of its own that extends ``book``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest

from publish.commands import build
from publish.errors import ConfigError
from publish.styles import load_style
from tests.conftest import ROOT

NOTES_BOOK = ROOT / "tests" / "books" / "notes"
FILLER = "\n".join("这是一段用来把后面的注释推到下一页的正文，内容没有意义，只占版面。" * 4 + "\n" for _ in range(8))


def _book(where: Path, footnotes: str, articles: int = 1) -> Path:
    """The notes book spread over two pages, in a style numbering its notes by ``footnotes``."""
    shutil.copytree(NOTES_BOOK, where)
    style = where / "styles" / "notes-style"
    style.mkdir(parents=True)
    (style / "style.toml").write_text(f'extends = "book"\nfootnotes = "{footnotes}"\n', encoding="utf-8")
    article = where / "articles" / "notes.md"
    article.write_text(article.read_text(encoding="utf-8").replace("{kicker=", FILLER + "\n{kicker="), encoding="utf-8")
    names = [f"articles/notes{i}.md" for i in range(2, articles + 1)]
    for name in names:
        shutil.copy(article, where / name)
    manifest = where / "book.toml"
    text = manifest.read_text(encoding="utf-8").replace('style = "book"', 'style = "notes-style"')
    text = text.replace('articles = ["articles/notes.md"]', "articles = " + str(["articles/notes.md", *names]).replace("'", '"'))
    manifest.write_text(text, encoding="utf-8")
    return manifest


def _note_pages(pdf: Path) -> list[str]:
    """The text, without white space, of each page that holds a note."""
    with pdfplumber.open(pdf) as doc:
        texts = [re.sub(r"\s+", "", page.extract_text() or "") for page in doc.pages]
    return [t for t in texts if "带圈数字见" in t or "本文最后一条注释" in t]


def _pdf(tmp_path: Path, footnotes: str, articles: int = 1, **choices: object) -> list[str]:
    manifest = _book(tmp_path / "book", footnotes, articles)
    result = build.run(manifest, tmp_path / "out", ("pdf",), use_stamp=False, cache=False, **choices)
    assert not [w for w in result.warnings if "footnotes" in w]
    return _note_pages(result.outputs[0])


def test_per_page_numbers_restart_at_one_on_the_next_page(tmp_path: Path) -> None:
    first, second = _pdf(tmp_path, "page")
    assert "①带圈数字见" in first and "②页脚注释" in first
    assert "①EPUB3用" in second and "②本文最后一条注释" in second
    assert "显示①" in second and "编号②" in second


def test_article_numbering_counts_through_the_article(tmp_path: Path) -> None:
    first, second = _pdf(tmp_path, "article")
    assert "①带圈数字见" in first and "②页脚注释" in first
    assert "③EPUB3用" in second and "④本文最后一条注释" in second


def test_the_per_article_build_numbers_each_part_per_page(tmp_path: Path) -> None:
    pages = _pdf(tmp_path, "page", articles=2, jobs=1)
    assert len(pages) == 4
    for second in pages[1::2]:
        assert "①EPUB3用" in second and "②本文最后一条注释" in second


def test_styles_number_per_article_unless_they_say_page() -> None:
    assert load_style("base").footnotes == "article"
    assert load_style("gongwen").footnotes == "article"


def test_the_book_style_and_its_children_number_per_page() -> None:
    assert [load_style(name).footnotes for name in ("book", "large")] == ["page", "page"]


def test_footnotes_must_be_page_or_article(tmp_path: Path) -> None:
    style = tmp_path / "perchapter"
    style.mkdir()
    (style / "style.toml").write_text('footnotes = "chapter"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="footnotes 'chapter' is not one of article, page"):
        load_style(str(style))


def test_a_second_layout_that_moves_a_note_keeps_the_per_article_numbers() -> None:
    from weasyprint import HTML

    from publish.render.pdf import note_pages

    def doc(n: str) -> str:
        return f'<article><p>正文<span class="footnote" style="float: footnote" data-n="{n}">注。</span></p></article>'

    html = HTML(string=doc("①") + '<p style="break-before: page">续</p>' + doc("②"))
    first = html.render()
    elsewhere = HTML(string=doc("①")).render()  # its boxes are no element of html's: every call "moved"
    kept, why = note_pages.per_page(html, first, lambda: elsewhere)
    assert kept is first and why is not None and "moved a note" in why
    assert [e.get("data-n") for e in note_pages.notes(html)] == ["①", "②"]


def test_counter_style_rules_of_a_style_sheet_are_used(tmp_path: Path) -> None:
    from weasyprint import HTML

    from publish.render.pdf.worker import Setup, loaded

    rule = '@counter-style stars { system: cyclic; symbols: "★"; suffix: " "; } li { list-style: stars inside; }'
    setup = Setup(base_url=tmp_path.as_uri() + "/", images=(), sheet_places=(), font_places=(),
                  sheets=(("string", rule),), cache=None)
    _, fetcher, sheets, config, counters = loaded(setup)
    html = HTML(string="<ol><li>一</li></ol>", url_fetcher=fetcher)
    document = html.render(stylesheets=sheets, font_config=config, counter_style=counters)
    texts = [getattr(b, "text", "") for b in _boxes(document.pages[0]._page_box)]
    assert "★ " in texts


def _boxes(box: object) -> list[object]:
    return [box, *(b for child in getattr(box, "children", ()) for b in _boxes(child))]
