"""Content in a book cannot make a build cost minutes or gigabytes: SVG bombs, YAML alias
bombs in front matter and files that are not files are refused quickly, naming the file."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from publish.book import load_book
from publish.errors import ConfigError
from publish.fetcher import Sandbox
from publish.limits import LIMITS, image_problem
from publish.markdown import from_markdown, read
from publish.render.assemble import resolve_image
from publish.styles import load_style
from tests.safety.conftest import BookMaker

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


def use_bomb(levels: int = 9, fan: int = 10) -> bytes:
    """Each level a group of ``fan`` <use> of the level below: fan**levels rects drawn."""
    defs = '<rect id="l0" width="1" height="1"/>' + "".join(
        f'<g id="l{i}">' + f'<use xlink:href="#l{i - 1}"/>' * fan + "</g>" for i in range(1, levels + 1)
    )
    return SVG.format(f'<defs>{defs}</defs><use xlink:href="#l{levels}"/>').encode()


def test_an_svg_use_bomb_is_refused_before_it_is_drawn() -> None:
    bomb = use_bomb()
    assert len(bomb) < 2500
    start = time.monotonic()
    assert "expand to more than" in image_problem(bomb, "bomb.svg")
    assert time.monotonic() - start < 1


def test_an_svg_of_a_million_elements_is_refused_by_its_count() -> None:
    svg = SVG.format('<rect width="1" height="1"/>' * 1_000_000).encode()
    assert "1,000,001 elements" in image_problem(svg, "rects.svg")


def test_svg_references_that_lead_back_to_themselves_are_refused() -> None:
    loop = SVG.format('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>').encode()
    assert "lead back" in image_problem(loop, "loop.svg")


def test_a_pattern_bomb_through_url_references_is_refused() -> None:
    levels = "".join(
        f'<pattern id="p{i}">' + f'<rect fill="url(#p{i - 1})"/>' * 10 + "</pattern>" for i in range(1, 8)
    )
    svg = SVG.format(f'<pattern id="p0"><rect/></pattern>{levels}<rect fill="url(#p7)"/>').encode()
    assert "expand to more than" in image_problem(svg, "patterns.svg")


def test_a_chart_that_draws_its_glyphs_by_use_is_accepted() -> None:
    """How matplotlib writes text: each glyph defined once and drawn by <use> per letter."""
    glyphs = "".join(f'<path id="g{i}" d="M0 0L1 1"/>' for i in range(60))
    text = "".join(f'<use xlink:href="#g{i % 60}" x="{i}"/>' for i in range(5000))
    assert image_problem(SVG.format(f"<defs>{glyphs}</defs><g>{text}</g>").encode(), "chart.svg") == ""


def test_a_refused_svg_figure_is_missing_and_named(make_book: BookMaker) -> None:
    book = make_book("![图为一个炸弹。](images/bomb.svg)")
    images = book.parent / "articles" / "images"
    (images / "bomb.svg").write_bytes(use_bomb())
    chapter = load_book(book).chapters[0]
    missing: list[str] = []
    sandbox = Sandbox(roots=(book.parent,)).narrowed(book.parent)
    assert resolve_image(chapter, "images/bomb.svg", sandbox, missing) is None
    assert len(missing) == 1 and missing[0].startswith("a.md: image images/bomb.svg not used: ")
    assert str(images / "bomb.svg") in missing[0]
    assert any("bomb.svg" in url for url in sandbox.refused)


ALIAS_BOMB = """---
title: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---

正文。
"""


def test_a_yaml_alias_bomb_in_front_matter_is_refused_at_once() -> None:
    start = time.monotonic()
    with pytest.raises(ConfigError, match=r"aliases"):
        from_markdown(ALIAS_BOMB, path=Path("bomb.md"))
    assert time.monotonic() - start < 1


def test_a_yaml_alias_is_refused_naming_the_file_and_its_line() -> None:
    text = "---\ntitle: &t 党旗高扬\nsubtitle: *t\n---\n\n正文。\n"
    with pytest.raises(ConfigError) as caught:
        from_markdown(text, path=Path("articles/a.md"))
    message = str(caught.value)
    assert message.startswith("articles/a.md: ")
    assert "YAML aliases (*t) are not accepted (line 3, column 11)" in message


def test_front_matter_with_a_star_in_its_text_still_reads() -> None:
    assert from_markdown("---\ntitle: 五*星\n---\n\n正文。\n").meta.title == "五*星"


def test_a_yaml_error_is_reported_with_its_reason_and_line() -> None:
    with pytest.raises(ConfigError, match=r"not valid YAML: .+\(line 3, column 1\)"):
        from_markdown("---\ntitle: [党旗\n---\n\n正文。\n", path=Path("a.md"))


def test_an_error_that_is_not_yaml_is_not_reported_as_invalid_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def out_of_memory(text: str) -> dict[str, object]:
        raise MemoryError

    monkeypatch.setattr(read.frontmatter, "load", out_of_memory)
    with pytest.raises(MemoryError):
        from_markdown("---\ntitle: x\n---\n\n正文。\n", path=Path("a.md"))


def _articles(book: Path, *names: str) -> None:
    text = book.read_text(encoding="utf-8").replace('["articles/a.md"]', repr(list(names)).replace("'", '"'))
    book.write_text(text, encoding="utf-8")


def test_a_device_listed_as_an_article_is_refused_naming_it(make_book: BookMaker) -> None:
    book = make_book("")
    _articles(book, "/dev/zero")
    with pytest.raises(ConfigError, match=r"zero is a character device, not a regular file"):
        load_book(book)


def _finishes(call: object, seconds: float = 3) -> BaseException | None:
    """What ``call`` raised, run in a thread that must end within ``seconds``."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            call()  # type: ignore[operator]
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still reading after {seconds} s"
    return outcome[0]


def test_a_named_pipe_listed_as_an_article_is_refused_without_waiting(make_book: BookMaker) -> None:
    book = make_book("")
    os.mkfifo(book.parent / "articles" / "pipe.md")
    _articles(book, "articles/pipe.md")
    error = _finishes(lambda: load_book(book))
    assert isinstance(error, ConfigError) and "pipe.md is a named pipe" in str(error)


def test_a_book_manifest_that_is_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "book.toml")
    error = _finishes(lambda: load_book(tmp_path / "book.toml"))
    assert isinstance(error, ConfigError) and "book.toml is a named pipe" in str(error)


def test_an_article_over_the_size_limit_is_refused(make_book: BookMaker) -> None:
    book = make_book("")
    huge = book.parent / "articles" / "huge.md"
    with open(huge, "wb") as handle:
        handle.truncate(LIMITS.source_bytes + 1024 * 1024)  # sparse: no disk, no time
    _articles(book, "articles/huge.md")
    with pytest.raises(ConfigError, match=r"huge.md is 9 MB, more than the 8 MB limit"):
        load_book(book)


def test_a_style_sheet_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    css = tmp_path / "mine.css"
    with open(css, "wb") as handle:
        handle.truncate(LIMITS.source_bytes + 1024 * 1024)
    with pytest.raises(ConfigError, match=r"mine.css is 9 MB, more than the 8 MB limit"):
        load_style("book", user_css=(css,))


def test_a_style_sheet_that_is_a_device_is_refused_as_one() -> None:
    with pytest.raises(ConfigError, match=r"null is a character device"):
        load_style("book", user_css=(Path("/dev/null"),))
