"""The render cache: a rebuild after editing one article lays out only that article, the
cached build is byte for byte the uncached one, and the folder is safe to delete."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publish.book import load_book
from publish.render.edition import Options
from publish.render.pdf.write import render as write_pdf

ROOT = Path(__file__).resolve().parents[2]
TEN = ROOT / "tests" / "books" / "ten"


@pytest.fixture()
def book_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The ten-article book in a folder of its own, its cache beside it."""
    folder = tmp_path / "ten"
    shutil.copytree(TEN, folder, ignore=shutil.ignore_patterns(".cache"))
    monkeypatch.delenv("PUBLISH_CACHE")
    return folder / "book.toml"


def cached_files(book: Path) -> set[Path]:
    return {p for p in (book.parent / ".cache" / "render").rglob("*") if p.is_file()}


def build(book: Path, *, cache: bool = True) -> bytes:
    return write_pdf(load_book(book), Options(jobs=1, cache=cache)).data


def test_rebuild_after_an_edit_lays_out_only_the_edited_article(book_copy: Path) -> None:
    build(book_copy)
    before = cached_files(book_copy)
    article = book_copy.parent / load_book(book_copy).chapters[3].path.relative_to(book_copy.parent)
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("。", "！", 1), encoding="utf-8")
    build(book_copy)
    new = {p for p in cached_files(book_copy) - before if p.suffix != ".font"}  # faces cut for the book
    assert sorted(p.suffix for p in new) == [".json", ".pdf"], "one article's layout and PDF"


def test_cached_build_is_the_uncached_build_byte_for_byte(book_copy: Path) -> None:
    first = build(book_copy)
    assert cached_files(book_copy)
    assert build(book_copy) == first
    assert build(book_copy, cache=False) == first


def test_deleting_the_cache_folder_costs_nothing_but_time(book_copy: Path) -> None:
    build(book_copy)
    shutil.rmtree(book_copy.parent / ".cache")
    assert not (book_copy.parent / ".cache").exists()
    again = build(book_copy)
    assert cached_files(book_copy), "the folder is made again"
    assert again == build(book_copy)


def test_an_unchanged_rebuild_lays_nothing_out(book_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build(book_copy)

    def no_layout(*_: object, **__: object) -> None:
        raise AssertionError("laid out again")

    monkeypatch.setattr("weasyprint.HTML.render", no_layout)
    assert build(book_copy) == first


def test_articles_whose_numbers_moved_are_laid_out_once_with_their_cached_refit(book_copy: Path) -> None:
    import weasyprint.document

    from publish.render.pdf import worker as pdf_worker

    build(book_copy)
    first = book_copy.parent / load_book(book_copy).chapters[0].path.relative_to(book_copy.parent)
    text = first.read_text(encoding="utf-8")
    first.write_text(text + "\n\n" + "\n\n".join(["这一段是为了让第一篇文章多出几页而加上的文字。"] * 60) + "\n", encoding="utf-8")
    layouts: dict[int, int] = {}
    render, layout_document = pdf_worker._render, weasyprint.document.layout_document
    current = [-1]

    def counted_layout(*args: object, **kwargs: object) -> object:
        layouts[current[0]] = layouts.get(current[0], 0) + 1
        return layout_document(*args, **kwargs)

    def counted_render(job: pdf_worker.Job, *args: object) -> object:
        current[0] = job.index
        return render(job, *args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(weasyprint.document, "layout_document", counted_layout)
        patch.setattr(pdf_worker, "_render", counted_render)
        rebuilt = build(book_copy)
    later = {index: count for index, count in layouts.items() if index > 1}
    assert sorted(later) == list(range(2, len(load_book(book_copy).chapters) + 1)), "their page numbers moved"
    assert set(later.values()) == {1}
    assert rebuilt == build(book_copy, cache=False)
