"""The default book's PDF: real faces embedded, Chinese text justified, structure kept."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pdfplumber
import pytest

pytestmark = pytest.mark.slow


def pdffonts(path: Path) -> list[str]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return lines.splitlines()[2:]


def test_every_face_is_embedded_and_subset(built_pdf: Path) -> None:
    rows = pdffonts(built_pdf)
    names = {re.sub(r"^[A-Z]{6}\+", "", r.split()[0]) for r in rows}
    assert {"Publish-Song", "Publish-Hei", "Publish-Hei-Bold", "Publish-Kai"} <= names
    for row in rows:
        emb, sub = row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), row


def test_no_fallback_face_is_used(built_pdf: Path) -> None:
    names = " ".join(r.split()[0] for r in pdffonts(built_pdf))
    assert "DejaVu" not in names and "WenKai" not in names


def test_body_lines_are_flush_right(built_pdf: Path) -> None:
    """Inside a paragraph every line but the last ends its ink at the right edge of the
    measure (a line-end mark's blank half hangs past it: ``publish.render.pdf.weasy.line_end``)."""
    from publish.typeset.hints import LEFT_INK_MARKS

    with pdfplumber.open(built_pdf) as pdf:
        page = pdf.pages[5]
        chars = [c for c in page.chars if c["size"] > 10 and c["size"] < 11]
        lines: dict[int, list[float]] = {}
        for c in chars:
            ink = c["x1"] - (0.5 * c["size"] if c["text"] in LEFT_INK_MARKS else 0.0)
            lines.setdefault(round(c["top"]), []).append(ink)
        rights = sorted(v[-1] for v in lines.values())
    full = [r for r in rights if r > rights[-1] - 12]
    assert len(full) >= 0.7 * len(rights)
    assert max(full) - min(full) < 1.0


def test_title_page_toc_and_article_are_in_order(built_pdf: Path) -> None:
    with pdfplumber.open(built_pdf) as pdf:
        texts = [(p.extract_text() or "").replace(" ", "") for p in pdf.pages]
    assert "党旗高扬" in texts[0]
    toc = next(i for i, t in enumerate(texts) if "目录" in t)
    assert "战斗堡垒在一线牢牢筑起" in texts[toc]
    opening = next(i for i, t in enumerate(texts) if "来源：中国组织人事报" in t)
    assert opening > toc and opening % 2 == 0  # 0-based even index = a recto page


def test_same_book_gives_the_same_bytes(built_pdf: Path, tmp_path: Path) -> None:
    from publish.commands import build
    from tests.conftest import BOOK

    again = build.run(BOOK, tmp_path, ("pdf",)).outputs[0]
    assert again.read_bytes() == built_pdf.read_bytes()
