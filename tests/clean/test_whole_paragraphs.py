"""Paragraphs whole: hard-wrapped lines, and paragraphs a page split, joined back
(``publish.clean.wrap``, one rule for the HTML and the text reader)."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes
from publish.model import Document, Heading, Paragraph, inline_text, walk_blocks

PROSE = "习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。"
WRAPPED = [  # one paragraph, wrapped every 30 characters
    "　　文化革命是一场有着极为广泛的群众参与的政治运动。因此，如何理解这种",
    "广泛的群众参与，就成为理解文革的一个重要内容。本文试图从政治心理学的角度",
    "，对文革中的群众参与给出解释。在我看来，群众——尤其是青年学生——参加文",
    "化革命的基本动机是为了争取承认，为了争取声望，为了证明自己革命，为了显示",
    "自己比别人更革命。对他们而言，文化革命就是一场比赛革命的革命。这当然不是",
    "说，在文革中，群众的思想和行为都是一模一样的。这只是说，各种不同的思想行",
    "为大致都可归之於一个相同的心理动机。",
]
WHOLE = "".join(line.strip("　") for line in WRAPPED)


def _html(body: str) -> Document:
    page = f"<html><head><title>题</title></head><body><div>{body}</div></body></html>"
    return clean_bytes(page.encode(), Path("page.html")).document


def _paragraphs(doc: Document) -> list[str]:
    return [inline_text(b.children) for b in walk_blocks(doc.blocks) if isinstance(b, Paragraph)]


def test_lines_hard_wrapped_with_br_come_out_as_one_paragraph() -> None:
    body = "<br>\n".join(line.replace("　", "&nbsp;&nbsp;") for line in WRAPPED)
    assert WHOLE in _paragraphs(_html(f"<p>{PROSE}</p><p>{body}</p>"))


def test_an_indented_line_after_a_full_line_opens_a_paragraph() -> None:
    lines = WRAPPED[:3] + ["　　" + WRAPPED[3][2:]] + WRAPPED[4:]  # the indent takes two characters
    body = "<br>\n".join(line.replace("　", "&nbsp;&nbsp;") for line in lines)
    paragraphs = _paragraphs(_html(f"<p>{body}</p>"))
    assert paragraphs[0] == "".join(line.strip("　") for line in lines[:3])


def test_an_enumerated_line_after_a_full_line_is_not_joined() -> None:
    lines = WRAPPED[:2] + ["二、高度政治化的中国社会是一个人人都要表态的社会，这就是所谓的"] + WRAPPED[3:]
    paragraphs = _paragraphs(_html("<p>" + "<br>\n".join(lines) + "</p>"))
    assert any(p.startswith("二、高度政治化") for p in paragraphs)


def test_short_lines_of_free_length_are_not_joined() -> None:
    lines = ["时　间：7:00－9:30", "地　点：南开大学办公楼一楼会议室", "主持人：中国经济学年会秘书长　海闻教授"] * 3
    assert _paragraphs(_html("<p>" + "<br>".join(lines) + "</p>"))[:3] == lines[:3]


def test_a_hard_wrapped_text_scrape_comes_out_as_one_paragraph() -> None:
    text = "题\n\n" + PROSE + "\n\n" + "\n".join(WRAPPED) + "\n"
    doc = clean_bytes(text.encode(), Path("page.txt")).document
    assert WHOLE in _paragraphs(doc)


def test_a_paragraph_split_around_a_removed_link_is_one_paragraph() -> None:
    body = f"<p>{PROSE}</p><p>大会召开。（详情请点击链接：<br><a href='x'></a><br>）市委书记指出，要增强执行力。</p>"
    assert "大会召开。（详情请点击链接：）市委书记指出，要增强执行力。" in _paragraphs(_html(body))


def test_a_number_split_by_an_image_is_one_number() -> None:
    body = f"<p>{PROSE}</p><p>医生孙启勤意外地获得了5</p><p><img src='a.jpg'></p><p>00万元的体彩大奖，成为幸运儿。</p>"
    doc = _html(body)
    assert "医生孙启勤意外地获得了500万元的体彩大奖，成为幸运儿。" in _paragraphs(doc)


def test_a_bold_credit_line_is_not_a_heading() -> None:
    doc = _html(f"<p>{PROSE}</p><p><strong>出品︱网易科学人栏目组 胖胖</strong></p><p>{PROSE}</p>")
    assert not [b for b in walk_blocks(doc.blocks) if isinstance(b, Heading)]
