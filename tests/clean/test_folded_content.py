"""Content a page shows only on request — collapsed by default, or marked not for print —
is not the article; unless it is most of the page (an article folded behind 展开全文)."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes, clean_file
from publish.model import Document, Heading, Paragraph, Table, inline_text, walk_blocks

SEED = Path(__file__).resolve().parents[2] / "content" / "raw" / "000_67f8410aa76e5cfb.txt"


def _texts(doc: Document) -> list[str]:
    out: list[str] = []
    for block in walk_blocks(doc.blocks):
        if isinstance(block, Heading | Paragraph):
            out.append(inline_text(block.children))
        elif isinstance(block, Table):
            out += ["".join(row) for row in block.header + block.rows]
    return out


def _wikipedia(corpus: Path) -> str:
    return "\n".join(_texts(clean_file(corpus / "wikipedia.org__d5bced5e.html").document))


def test_a_list_collapsed_by_default_is_not_article_text(corpus: Path) -> None:
    text = _wikipedia(corpus)
    assert "尹道贤情书" not in text  # a NavFrame table of guest appearances, collapsed
    assert "《尹道贤的情书》首唱" in text  # the prose that names the show stays


def test_a_track_list_collapsed_inside_a_table_cell_is_dropped(corpus: Path) -> None:
    text = _wikipedia(corpus)
    assert "Prologue" not in text
    assert "首张正规专辑《Renaissance》" in text


def test_a_note_marked_noprint_is_not_article_text(corpus: Path) -> None:
    text = _wikipedia(corpus)
    assert "한세대학교" not in text
    assert "韩世大学作曲学系学士" in text


def _seed_paragraphs() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.startswith("  ") and len(ln.strip()) > 40][:6]


def test_an_article_folded_behind_a_button_is_kept() -> None:
    paragraphs = _seed_paragraphs()
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        "<html><head><title>党旗高扬 决战决胜</title></head><body>"
        f'<div class="article collapsed">{body}</div><a class="more">展开全文</a></body></html>'
    )
    doc = clean_bytes(page.encode(), Path("folded.html")).document
    assert _texts(doc)[-1] == paragraphs[-1].replace(",", "，").replace(":", "：")


def test_a_short_collapsed_aside_beside_the_article_is_dropped() -> None:
    paragraphs = _seed_paragraphs()
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    aside = "<div class='collapsed'><p>扫码关注共产党员网官方微信，获取更多党建资讯。</p></div>"
    page = f"<html><head><title>党旗高扬</title></head><body><div>{body}{aside}</div></body></html>"
    doc = clean_bytes(page.encode(), Path("aside.html")).document
    assert not any("扫码关注" in t for t in _texts(doc))
    assert len(_texts(doc)) == len(paragraphs)
