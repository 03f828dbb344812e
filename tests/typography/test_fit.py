"""Stretched lines: the layout fits the unbreakable runs that used to leave the line
before them letter-spaced (found by the checker in the ten-article book), and the
checker finds such lines in real output."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.check import check_pdf
from publish.check.lines import read_lines
from publish.commands import build

pytestmark = pytest.mark.slow

TEN = Path(__file__).resolve().parents[2] / "tests" / "books" / "ten" / "articles"
STRETCHED_BEFORE = {
    # paragraph's opening → the stretched line the first layout set (checker, book style)
    "谷歌（微博）": "DeepMind, a whole Latin word the line could not take: 0.40em",
    "“今年，共享充电宝头部企业": "一半”。, the last two letters joined (孤字): 0.17em",
    "一审判决后，于欢案": "23日，, a number with its unit: 0.14em",
    "DeepMind希望DNC": "DeepMind again, on a paragraph's first line (large style)",
    "对以租金为主要盈利来源": "3000万, on the line before the last (large style)",
    "2017年是共享经济元年": "3000万 again: one character moved down is not enough, 0.122em (book style)",
}


def _paragraphs() -> list[str]:
    found = []
    for path in sorted(TEN.glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(tuple(STRETCHED_BEFORE)):
                found.append(line)
    assert len(found) == len(STRETCHED_BEFORE)
    return found


def _book(tmp: Path, css: str = "") -> Path:
    body = "\n\n".join(_paragraphs())
    (tmp / "a.md").write_text(f"---\ntitle: 试验\nlang: zh-CN\n---\n\n{body}\n", encoding="utf-8")
    (tmp / "book.toml").write_text(
        '[book]\nname = "t"\ntitle = "试验"\nauthors = ["x"]\npublisher = "x"\ndate = "2026-01-01"\n'
        'style = "book"\narticles = ["a.md"]\n', encoding="utf-8")
    return tmp / "book.toml"


@pytest.mark.parametrize("style", ["book", "large", "gongwen"])
def test_runs_that_cannot_break_no_longer_stretch_the_line_before(style: str, tmp_path: Path) -> None:
    pdf = build.run(_book(tmp_path), tmp_path / "out", ("pdf",), style=style).outputs[0]
    assert [str(f) for f in check_pdf(pdf)] == []


def test_the_checker_reports_letter_spaced_lines_of_real_output_with_page_and_line(tmp_path: Path) -> None:
    """A sheet that widens every justification point by 0.2em: every line of the
    paragraphs is set at least 0.2em per gap apart, and each is reported where it is."""
    css = tmp_path / "wide.css"
    css.write_text(".fit, .tail, .squeeze .tail, .tight, .tight .tail { word-spacing: -0.056em; }\n", encoding="utf-8")
    pdf = build.run(_book(tmp_path), tmp_path / "out", ("pdf",), user_css=(css,)).outputs[0]
    reported = {(f.page, f.line) for f in check_pdf(pdf) if f.kind == "stretched"}
    wide = {(ln.page, ln.number) for ln in read_lines(pdf) if ln.stretch >= 0.19}
    assert len(wide) >= 10 and reported == wide
