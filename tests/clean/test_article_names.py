"""Pages with the same file name (a mirrored site's ``*/index.html``) get one article each,
named the same way on every run; every other page keeps its own name."""

from __future__ import annotations

import shutil
from pathlib import Path

from publish.commands.clean import Outcome, run
from publish.commands.clean_names import article_names

PAGES = (
    "people.com.cn__gne-people-1.html", "sina.com.cn__0d931936.html", "cclw.net__d7605742.html",
    "zol.com.cn__6dc2d508.html", "yzwb.net__36efbc69.html",
)


def _mirror(corpus: Path, site: Path) -> list[Path]:
    """Five different pages, each saved as ``<folder>/index.html``."""
    pages = []
    for folder, name in zip("abcde", PAGES):
        (site / folder).mkdir(parents=True)
        pages.append(shutil.copy(corpus / name, site / folder / "index.html"))
    return [Path(p) for p in pages]


def test_five_pages_named_index_html_become_five_articles(corpus: Path, tmp_path: Path) -> None:
    _mirror(corpus, tmp_path / "site")
    out = tmp_path / "articles"
    summary = run([tmp_path / "site"], out, jobs=1)
    assert summary.count(Outcome.CLEANED) == 5
    assert sorted(p.name for p in out.iterdir()) == [f"{f}-index.md" for f in "abcde"]
    titles = {p.read_text(encoding="utf-8").split("\ntitle: ", 1)[1].split("\n", 1)[0] for p in out.iterdir()}
    assert len(titles) == 5  # five articles, none written over another


def test_recleaning_pages_with_the_same_name_finds_their_articles_unchanged(corpus: Path, tmp_path: Path) -> None:
    _mirror(corpus, tmp_path / "site")
    out = tmp_path / "articles"
    run([tmp_path / "site"], out, jobs=2)
    summary = run([tmp_path / "site"], out, jobs=2)
    assert [r.outcome for r in summary.results] == [Outcome.UNCHANGED] * 5
    assert len(list(out.iterdir())) == 5


def test_a_page_whose_name_no_other_page_has_keeps_its_own_name(tmp_path: Path) -> None:
    pages = [tmp_path / "a" / "index.html", tmp_path / "b" / "index.html", tmp_path / "b" / "sina__0d93.html"]
    names = article_names(pages)
    assert names[pages[2]] == "sina__0d93"


def test_pages_with_one_name_are_named_by_their_path_from_their_common_folder(tmp_path: Path) -> None:
    pages = [tmp_path / "site" / "2021" / "a" / "index.html", tmp_path / "site" / "b" / "index.htm"]
    assert list(article_names(pages).values()) == ["2021-a-index", "b-index"]


def test_pages_of_one_name_in_one_folder_are_told_apart_by_their_suffix(tmp_path: Path) -> None:
    pages = [tmp_path / "page.html", tmp_path / "page.txt", tmp_path / "other" / "page.html"]
    assert list(article_names(pages).values()) == ["page-html", "page-txt", "other-page"]


def test_a_name_made_from_a_path_that_another_page_has_is_numbered(tmp_path: Path) -> None:
    pages = [tmp_path / "a" / "index.html", tmp_path / "b" / "index.html", tmp_path / "a-index.html"]
    assert list(article_names(pages).values()) == ["a-index-2", "b-index", "a-index"]


def test_names_that_differ_only_in_case_are_one_name(tmp_path: Path) -> None:
    """On macOS and Windows ``Index.md`` and ``index.md`` are one file."""
    pages = [tmp_path / "a" / "Index.html", tmp_path / "b" / "index.html"]
    assert list(article_names(pages).values()) == ["a-Index", "b-index"]
