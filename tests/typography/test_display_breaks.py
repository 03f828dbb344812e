"""Display titles break only at a phrase's end (#15.7): after ？！：，、, before an
opening mark, never after a 间隔号 nor inside a phrase that fits (“后果／很严重”)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from publish.commands import build
from publish.render.assemble import toc_entry
from publish.typeset.hints import HINT, heading_html, plain_text

TITLE = "约翰·米勒：全球变暖的后果很严重？我们还有多少时间"
SEED_TITLE = "2020年组织工作盘点·抓党建促脱贫攻坚"


def _title_lines(tmp: Path, title: str = TITLE) -> list[str]:
    (tmp / "a.md").write_text(
        f"---\ntitle: {title}\nlang: zh-CN\n---\n\n这是一段正文，写得很短。\n", encoding="utf-8"
    )
    (tmp / "book.toml").write_text(
        '[book]\nname = "t"\ntitle = "试验"\nauthors = ["x"]\npublisher = "x"\n'
        'date = "2026-01-01"\nstyle = "book"\narticles = ["a.md"]\n',
        encoding="utf-8",
    )
    pdf = build.run(tmp / "book.toml", tmp / "out", ("pdf",)).outputs[0]
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            chars = [c for c in page.chars if round(c["size"]) == 18]
            if chars:
                rows: dict[int, str] = {}
                for c in chars:
                    rows[round(c["top"])] = rows.get(round(c["top"]), "") + c["text"]
                return [rows[top] for top in sorted(rows)]
    raise AssertionError("no article title in the PDF")


def test_an_article_title_breaks_at_its_phrase_ends(tmp_path: Path) -> None:
    lines = _title_lines(tmp_path)
    assert "".join(lines) == TITLE
    assert lines == ["约翰·米勒：", "全球变暖的后果很严重？", "我们还有多少时间"]


def test_a_heading_keeps_a_name_with_its_interpunct_whole() -> None:
    phrases = heading_html("约翰·米勒：后果").split(f'</span>{HINT}<span class="nobr">')
    assert [plain_text(p) for p in phrases] == ["约翰·米勒：", "后果"]


def test_a_contents_entry_breaks_between_phrases_like_its_title() -> None:
    html = toc_entry("全球变暖的后果很严重？我们还有多少时间", "a0", for_print=True)
    first, rest = html.split(f'</span>{HINT}<span class="nobr">')
    assert plain_text(first) == "全球变暖的后果很严重？" and '<span class="nobr">' in first


def test_a_title_too_long_for_a_line_breaks_after_the_dot_joining_two_titles(tmp_path: Path) -> None:
    """The seed's title: “2020年组织工作盘点·抓党建促脱贫攻坚” broke as “…促脱/贫攻坚”."""
    assert _title_lines(tmp_path, SEED_TITLE) == ["2020年组织工作盘点·", "抓党建促脱贫攻坚"]
