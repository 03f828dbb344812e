"""``publish proof``: PDF pages as PNG and one contact sheet per book."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from publish.commands import proof
from publish.errors import ConfigError


@pytest.fixture(scope="module")
def proofed(tmp_path_factory: pytest.TempPathFactory) -> proof.ProofResult:
    from tests.conftest import BOOK

    root = tmp_path_factory.mktemp("proof")
    return proof.run(BOOK, root / "proof", pages=proof.PageRange(1, 6), dist=root / "dist")


def test_page_ranges_read_like_a_printers() -> None:
    assert proof.parse_pages("1-8") == proof.PageRange(1, 8)
    assert proof.parse_pages("3") == proof.PageRange(3, 3)
    assert proof.parse_pages("5-") == proof.PageRange(5, None)
    assert list(proof.PageRange(5, None).pages(7)) == [5, 6, 7]
    assert list(proof.PageRange(1, 8).pages(3)) == [1, 2, 3]


@pytest.mark.parametrize("spec", ["0-3", "8-2", "a-b", "1,3", ""])
def test_a_bad_page_range_says_how_to_write_one(spec: str) -> None:
    with pytest.raises(ConfigError, match="1-8"):
        proof.parse_pages(spec)


def test_proof_builds_the_pdf_when_there_is_none(proofed: proof.ProofResult) -> None:
    assert proofed.built and proofed.pdf.is_file()


def test_each_asked_page_becomes_a_png_of_the_trim_shape(proofed: proof.ProofResult) -> None:
    assert [p.name for p in proofed.pages] == [f"dangqi-gaoyang-p00{n}.png" for n in range(1, 7)]
    with Image.open(proofed.pages[0]) as page:
        assert page.width / page.height == pytest.approx(148 / 210, abs=0.01)  # A5


def test_the_title_page_proof_has_ink_and_the_blank_verso_has_none(proofed: proof.ProofResult) -> None:
    def ink(path: Path) -> int:
        with Image.open(path) as img:
            return sum(img.convert("L").histogram()[:128])

    assert ink(proofed.pages[0]) > 500  # 党旗高扬　决战决胜 …
    assert ink(proofed.pages[1]) == 0  # the title page's blank back: articles open on a recto


def test_the_contact_sheet_is_one_grid_image_of_every_page(proofed: proof.ProofResult) -> None:
    with Image.open(proofed.sheet) as sheet:
        # 6 pages on a 4-column grid: two rows of thumbnails 240 px wide.
        assert sheet.width == proof.GAP + 4 * (proof.THUMB_WIDTH + proof.GAP)
        thumb_h = round(proof.THUMB_WIDTH * 210 / 148)
        assert sheet.height >= 2 * thumb_h
        assert sheet.height < 3 * thumb_h


def test_an_up_to_date_pdf_is_reused_not_rebuilt(proofed: proof.ProofResult, tmp_path: Path) -> None:
    from tests.conftest import BOOK

    again = proof.run(BOOK, tmp_path, pages=proof.PageRange(1, 1), dist=proofed.pdf.parent)
    assert not again.built


def test_an_edited_article_makes_the_pdf_stale(book_copy: Path, tmp_path: Path) -> None:
    from publish.book import load_book

    book = load_book(book_copy)
    pdf = tmp_path / "book.pdf"
    pdf.write_bytes(b"%PDF-")
    assert proof.is_fresh(pdf, proof.sources(book, book_copy))
    article = book.chapters[0].path
    later = pdf.stat().st_mtime_ns + 10**9
    os.utime(article, ns=(later, later))
    assert not proof.is_fresh(pdf, proof.sources(book, book_copy))


def test_reproofing_fewer_pages_leaves_no_stale_pngs(proofed: proof.ProofResult, tmp_path: Path) -> None:
    from tests.conftest import BOOK

    out = tmp_path / "proof"
    proof.run(BOOK, out, pages=proof.PageRange(1, 3), dist=proofed.pdf.parent)
    proof.run(BOOK, out, pages=proof.PageRange(1, 1), dist=proofed.pdf.parent)
    assert sorted(p.name for p in out.glob("*-p*.png")) == ["dangqi-gaoyang-p001.png"]
