"""Running heads space a title as its title line does (#15.7): a quarter em between Han
and digits, one em for a 间隔号 (measured on a small built PDF)."""

from __future__ import annotations

from typing import Any

import pdfplumber
import pytest

from publish.commands import build
from publish.typeset.hints import running_head_text

FILLER = "".join(f"这是第{i}段填充文字，用来把文章排到第二页和第三页，看书眉里的空隙。\n\n" for i in range(40))
ARTICLE = f"""---
title: 2020年组织工作盘点·约翰·米勒
date: '2005-01-06T08:13:00+08:00'
lang: zh-CN
---

{FILLER}"""


@pytest.fixture(scope="module")
def heads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """The characters of each running head's text, by the head's text."""
    tmp = tmp_path_factory.mktemp("heads")
    (tmp / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp / "book.toml").write_text(
        '[book]\nname = "t"\ntitle = "试验2020年·文集"\nauthors = ["x"]\npublisher = "x"\n'
        'date = "2026-01-01"\nstyle = "book"\narticles = ["a.md"]\n',
        encoding="utf-8",
    )
    pdf = build.run(tmp / "book.toml", tmp / "out", ("pdf",)).outputs[0]
    found: dict[str, list[dict[str, Any]]] = {}
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            chars = [c for c in page.chars if c["top"] < 45 and c["text"].strip()]
            if chars:
                found["".join(c["text"] for c in chars)] = chars
    return found


def _gap(chars: list[dict[str, Any]], a: str, b: str) -> float:
    """Room in ems from the end of ``a`` to the start of ``b``, the next character."""
    for x, y in zip(chars, chars[1:], strict=False):
        if x["text"] == a and y["text"] == b:
            return float((y["x0"] - x["x1"]) / x["size"])
    raise AssertionError(f"no {a}{b} in {''.join(c['text'] for c in chars)}")


def test_a_running_head_sets_a_quarter_em_between_han_and_digits(heads: dict[str, list[dict[str, Any]]]) -> None:
    recto, verso = heads["2020年组织工作盘点·约翰·米勒"], heads["试验2020年·文集"]
    assert _gap(recto, "0", "年") == pytest.approx(0.25, abs=0.03)
    assert _gap(verso, "验", "2") == pytest.approx(0.25, abs=0.03)
    assert _gap(verso, "0", "年") == pytest.approx(0.25, abs=0.03)


def test_a_running_head_sets_the_interpunct_one_em_wide_centred(heads: dict[str, list[dict[str, Any]]]) -> None:
    chars = heads["2020年组织工作盘点·约翰·米勒"]
    i = next(n for n, c in enumerate(chars) if c["text"] == "·")
    before, dot, after = chars[i - 1], chars[i], chars[i + 1]
    size = dot["size"]
    assert (after["x0"] - before["x1"]) / size == pytest.approx(1.0, abs=0.06)
    centre = (dot["x0"] + dot["x1"]) / 2
    assert (centre - before["x1"]) / size == pytest.approx(0.5, abs=0.06)


def test_the_running_head_text_spaces_han_and_latin_and_the_interpunct() -> None:
    assert running_head_text("6日 08:13约翰·米勒") == "6\u2005日\u200508:13\u2005约翰\u2004·\u2004米勒"
