"""Han–Latin spacing: one quarter em between a Han character and a digit or Latin letter
in every line of the PDF (titles, 目录, headings, bylines, body), and the checker's
``wide-script-gap`` rule finds a wider one (#15.1: “2020  年” at 0.47–0.60em)."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.check import check_pdf
from publish.check.lines import Line, read_lines
from publish.check.rules import measure, wide_script_gaps
from publish.commands import build

ARTICLE = """---
title: 2004中国十大科技骗局　老中医绝食49天居首
date: '2005-01-06T08:13:00+08:00'
authors:
- 徐睿翔
lang: zh-CN
---

2004年3月20日至5月7日，来自四川泸州的陈建民在雅安市碧峰峡的玻璃房中，声称绝食49天。

## 第2部分：骗局之1

这是一段正文，写于2020年，8:50 开幕式，作者是“张三”。
"""


def _book(tmp: Path) -> Path:
    (tmp / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp / "book.toml").write_text(
        '[book]\nname = "t"\ntitle = "试验2020年"\nsubtitle = "测试用书：2020年至2022年的文章"\n'
        'authors = ["x"]\npublisher = "x"\ndate = "2026-01-01"\nstyle = "book"\narticles = ["a.md"]\n',
        encoding="utf-8",
    )
    return tmp / "book.toml"


@pytest.mark.parametrize("style", ["book", "gongwen"])
def test_every_line_sets_a_quarter_em_between_han_and_digits(style: str, tmp_path: Path) -> None:
    pdf = build.run(_book(tmp_path), tmp_path / "out", ("pdf",), style=style).outputs[0]
    mixed = [ln for ln in read_lines(pdf) if ln.script_gap]
    faces = {ln.font for ln in mixed}
    assert len(faces) >= 3  # titles, headings and the byline are measured, not the body alone
    wide = [(ln.text, ln.script_gap) for ln in mixed if ln.script_gap - ln.stretch > 0.28]
    assert wide == []
    assert [str(f) for f in check_pdf(pdf) if f.kind == "wide-script-gap"] == []


def test_the_checker_reports_a_quarter_em_plus_a_space(tmp_path: Path) -> None:
    """A sheet that puts the face's space back after each number (what WeasyPrint did to
    the old U+00A0 device): every such line is reported with its page and line."""
    css = tmp_path / "wide.css"
    css.write_text(".qs { padding-left: 0.5em; }\n", encoding="utf-8")
    pdf = build.run(_book(tmp_path), tmp_path / "out", ("pdf",), user_css=(css,)).outputs[0]
    reported = {(f.page, f.line) for f in check_pdf(pdf) if f.kind == "wide-script-gap"}
    wide = {(ln.page, ln.number) for ln in read_lines(pdf) if ln.script_gap - ln.stretch >= 0.45}
    assert len(wide) >= 5 and reported == wide


def _line(text: str, gap: float, stretch: float = 0.0) -> Line:
    return Line(1, 1, text, 0, 300, 100, 110, 10.5, "Publish-Song", ("Publish-Song",), stretch, gap)


def test_the_justification_stretch_of_a_line_is_not_a_wide_gap() -> None:
    lines = [_line("二〇二〇年，决战深贫，栉风沐雨", 0.3, 0.05), _line("2020 年", 0.47)]
    assert [f.text for f in wide_script_gaps(measure(lines))] == ["2020 年 (0.47em between Han and Latin)"]
