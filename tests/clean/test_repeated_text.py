"""Text a page prints twice is kept once — a caption as alt text, title text and
paragraph — but what the page repeats on purpose (blanks to fill in) stays twice."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes, clean_file
from publish.model import Document, Figure, Paragraph, inline_text, walk_blocks

CAPTION = "为攻克深度贫困堡垒，四川选派脱贫攻坚综合帮扶工作队，驰援凉山州。图为美姑县瓦古乡瓦以村综合帮扶队员跋山涉水走访贫困群众。"
UNMARKED = "云南大力吸引各类人才，助推脱贫产业发展。中国工程院院士朱有勇在澜沧县马铃薯基地直播带货。"
PROSE = "<p>习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。</p>"


def _doc(figure_html: str) -> Document:
    html = f"<html><head><title>党旗高扬</title></head><body><div>{PROSE}{figure_html}{PROSE}</div></body></html>"
    return clean_bytes(html.encode("utf-8"), Path("page.html")).document


def _mentions(doc: Document, text: str) -> int:
    key = text[-12:-1]
    figures = [b.caption for b in walk_blocks(doc.blocks) if isinstance(b, Figure)]
    paragraphs = [inline_text(b.children) for b in walk_blocks(doc.blocks) if isinstance(b, Paragraph)]
    return sum(key in t for t in figures + paragraphs)


def test_a_caption_repeated_without_its_closing_stop_is_kept_once() -> None:
    doc = _doc(f'<p><img src="a.jpg" alt="{CAPTION}"></p><p>{CAPTION.removesuffix("。")}</p>')
    assert _mentions(doc, CAPTION) == 1


def test_a_caption_in_the_title_attribute_and_a_paragraph_is_kept_once() -> None:
    doc = _doc(f'<p><img src="a.jpg" title="{CAPTION}"></p><p>{CAPTION}</p>')
    assert _mentions(doc, CAPTION) == 1


def test_a_caption_without_a_marker_printed_again_under_its_image_is_kept_once() -> None:
    doc = _doc(f'<p><img src="a.jpg" alt="{UNMARKED}" title="{UNMARKED}"></p><p>{UNMARKED} </p>')
    assert _mentions(doc, UNMARKED) == 1
    assert [b.caption for b in walk_blocks(doc.blocks) if isinstance(b, Figure)] == [UNMARKED]


def test_the_longer_of_alt_text_and_caption_paragraph_is_the_caption() -> None:
    doc = _doc(f'<p><img src="a.jpg" alt="{CAPTION}"></p><p>{CAPTION[CAPTION.index("图为"):]}</p>')
    assert [b.caption for b in walk_blocks(doc.blocks) if isinstance(b, Figure)] == [CAPTION]


def test_two_blanks_to_fill_in_in_a_row_are_both_kept(corpus: Path) -> None:
    doc = clean_file(corpus / "cclw.net__d7605742.html").document
    blanks = [
        t for b in walk_blocks(doc.blocks) if isinstance(b, Paragraph)
        if set(t := inline_text(b.children)) <= {"_", "。"} and len(t) > 20
    ]
    assert len(blanks) == 6  # three questions with two answer lines each
