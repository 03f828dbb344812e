"""Print features of the PDF: text that copies clean, bookmarks, metadata, bleed, styles."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from publish.commands import build
from publish.styles import available_styles, load_style

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "content" / "book.toml"


def test_copied_text_has_no_justification_spaces(built_pdf: Path) -> None:
    with pdfplumber.open(built_pdf) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "这一年，决战深贫，栉风沐雨、披荆斩棘；" in text
    # Real spaces: the book title's U+3000 (title page, running heads), the byline's
    # separators and the letter-spaced 目 录.
    real = ("党旗高扬 决战决胜", "编辑", "目 录")
    lines = [ln for ln in text.splitlines() if not any(r in ln for r in real)]
    spaced = [ln for ln in lines if re.search(r"[\u4e00-\u9fff，。、] [\u4e00-\u9fff]", ln)]
    assert spaced == []


def test_every_article_and_section_is_bookmarked(built_pdf: Path) -> None:
    with pikepdf.open(built_pdf) as pdf, pdf.open_outline() as outline:
        titles = [(item.title, [child.title for child in item.children]) for item in outline.root]
    assert ("目录", []) in titles
    article = next(children for title, children in titles if "抓党建促脱贫攻坚" in title)
    assert article == ["战斗精兵在一线选优配强", "战斗堡垒在一线牢牢筑起", "战斗合力在一线广泛汇聚"]


def test_metadata_comes_from_the_book(built_pdf: Path) -> None:
    with pikepdf.open(built_pdf) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "党旗高扬　决战决胜"
        assert str(info["/Author"]) == "共产党员网"
        assert str(info["/Subject"]) == "2020年组织工作盘点·抓党建促脱贫攻坚"
        assert str(info["/CreationDate"]).startswith("D:20210127")
        assert str(pdf.Root.Lang) == "zh-CN"


def test_bleed_and_marks_enlarge_the_media_box(tmp_path: Path) -> None:
    pdf_path = build.run(BOOK, tmp_path, ("pdf",), bleed_mm=3.0, marks=True).outputs[0]
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[4]
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) for v in page.TrimBox]
    a5_width = 148 / 25.4 * 72
    assert trim[2] - trim[0] == pytest.approx(a5_width, abs=0.1)
    assert media[2] - media[0] > a5_width + 2 * 3 / 25.4 * 72 - 0.1


def test_tagged_build_carries_a_structure_tree(tmp_path: Path) -> None:
    pdf_path = build.run(BOOK, tmp_path, ("pdf",), tagged=True).outputs[0]
    with pikepdf.open(pdf_path) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked


def test_untagged_build_has_no_structure_tree(tmp_path: Path) -> None:
    pdf_path = build.run(BOOK, tmp_path, ("pdf",)).outputs[0]
    with pikepdf.open(pdf_path) as pdf:
        assert "/StructTreeRoot" not in pdf.Root


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_pdf_variant_writes_its_identification(variant: str, tmp_path: Path) -> None:
    pdf_path = build.run(BOOK, tmp_path, ("pdf",), pdf_variant=variant).outputs[0]
    with pikepdf.open(pdf_path) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
    part = "pdfaid:part" if variant.startswith("pdf/a") else "pdfuaid:part"
    assert part in xmp


@pytest.mark.parametrize("style", available_styles())
def test_each_style_is_shown_in_the_readme(style: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    png = ROOT / "docs" / "styles" / f"{style}.png"
    assert f"docs/styles/{style}.png" in readme
    assert png.is_file() and png.stat().st_size < 300_000
    assert load_style(style).description
