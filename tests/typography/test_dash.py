"""A double dash (——) is set two ems wide, and the line before it does not break early:
as a one-em dash in a span WeasyPrint broke the line before the dash (left letter-spaced)
and set the next past the measure (issue 15, items 2 and 3)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from publish.check import check_pdf
from publish.commands import build

pytestmark = pytest.mark.slow

PARAGRAPHS = (
    # cclw.net: a numbered item whose dash opens its explanation (book style: 5.05em, then 1.1pt past)
    "1\\.环境的带领——神儿女的身上不会发生偶然的事情。神会藉着环境的顺逆来给你一些指引。"
    "合乎神的旨意，他必为你开路；环境的拦阻，有可能是暂停的信号。这样，拦阻和开路都是神的带领，"
    "所以不能因拦阻而埋怨神。",
    # 公文 style: “资建设他的农民休闲山庄” at 1.89em
    "2002年9月底，孙启勤与当地有关部门签下合同，正式投资建设他的农民休闲山庄——“虬泓山庄”，"
    "定位为农业生态旅游观光地。2003年5月初，倾注了孙启勤无数心血的虬泓山庄部分开放，或许受非典影响，"
    "有一些城里人赶来这里看新鲜。",
)


def _book(tmp: Path) -> Path:
    body = "\n\n".join(PARAGRAPHS)
    (tmp / "a.md").write_text(f"---\ntitle: 试验\nlang: zh-CN\n---\n\n{body}\n", encoding="utf-8")
    (tmp / "book.toml").write_text(
        '[book]\nname = "t"\ntitle = "试验"\nauthors = ["x"]\npublisher = "x"\ndate = "2026-01-01"\n'
        'style = "book"\narticles = ["a.md"]\n', encoding="utf-8")
    return tmp / "book.toml"


@pytest.mark.parametrize("style", ["book", "gongwen", "large"])
def test_a_line_before_a_double_dash_is_neither_letter_spaced_nor_the_next_past_the_measure(style: str, tmp_path: Path) -> None:
    pdf = build.run(_book(tmp_path), tmp_path / "out", ("pdf",), style=style).outputs[0]
    assert [str(f) for f in check_pdf(pdf)] == []


def test_the_double_dash_is_two_ems_and_copies_as_written(tmp_path: Path) -> None:
    """The face draws the two bars as one two-em glyph, whose text is the author's ——."""
    pdf = build.run(_book(tmp_path), tmp_path / "out", ("pdf",), style="book").outputs[0]
    with pdfplumber.open(pdf) as doc:
        chars = [c for p in doc.pages for c in p.chars]
    dashes = [c for c in chars if set(c["text"]) <= set("—\u2015")]
    assert len(dashes) == 2  # one per paragraph
    for dash in dashes:
        assert dash["text"] == "——"
        assert abs((dash["x1"] - dash["x0"]) / dash["size"] - 2.0) < 0.01
