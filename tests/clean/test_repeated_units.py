"""The right post on pages of repeated units, and the body's continuation in a sibling
(``clean.extract``): synthetic pages of each pattern."""

from __future__ import annotations

from pathlib import Path

from publish.clean import clean_bytes
from publish.model import Document, Paragraph, Table, inline_text, walk_blocks

POST = "今天去了趟图书馆，借了几本关于城市规划的书，读来颇有收获。作者认为城市应当为步行的人设计，而不是为汽车设计。"


def _clean(html: str) -> Document:
    return clean_bytes(html.encode(), Path("page.html")).document


def _text(doc: Document) -> str:
    return "\n".join(inline_text(b.children) for b in walk_blocks(doc.blocks) if isinstance(b, Paragraph))


def _reply_index(n: int) -> str:
    items = "".join(
        f"<li><a href='r{i}.html'>顶{i}</a>【<a href='u{i}'>网友{i}</a>】"
        f"03-{i % 28 + 1:02d} 1{i % 10}:2{i % 6} {100 + i}字</li>"
        for i in range(n)
    )
    return f"<ul>{items}</ul>"


def test_a_forum_threads_opening_post_wins_over_its_reply_index() -> None:
    page = (
        "<html><head><title>城市规划</title></head><body>"
        f"<div class='post'><p>{POST}</p></div><div class='index'>{_reply_index(40)}</div></body></html>"
    )
    text = _text(_clean(page))
    assert POST in text and "网友" not in text


def _archive(posts: list[str]) -> str:
    units = "".join(
        f"<div class='entry'><h2 class='entry-title'>第{i}篇</h2><div class='entry-body'>{body}</div>"
        f"<div class='entry-footer'>发表于 2005-03-0{i + 1} | <a href='#'>评论</a></div></div>"
        for i, body in enumerate(posts)
    )
    return f"<html><head><title>某某的博客</title></head><body><div id='main'>{units}</div></body></html>"


def test_a_blog_archive_gives_its_first_post_not_its_longest() -> None:
    first = f"<p>{POST}</p><p>{POST[:30]}。</p>"
    longest = "".join(f"<p>第{k}段：{POST}</p>" for k in range(6))
    text = _text(_clean(_archive([first, longest, f"<p>{POST}</p>"])))
    assert text.startswith(POST) and "第3段" not in text


def test_a_data_table_announced_under_a_layout_table_of_prose_belongs_to_the_body() -> None:
    prose = "".join(f"<p>{POST}</p>" for _ in range(3)) + "<p>附：各区县名单如下。</p>"
    rows = "".join(f"<tr><td>区县{i}</td><td>{i * 10}</td></tr>" for i in range(6))
    page = (
        "<html><head><title>名单</title></head><body><div><div><div class='nav'><a href='/'>首页</a></div>"
        f"<table><tr><td>{prose}</td></tr></table>"
        f"<table><tr><td>名称</td><td>数量</td></tr>{rows}</table></div></div></body></html>"
    )
    doc = _clean(page)
    assert any(isinstance(b, Table) for b in walk_blocks(doc.blocks))
