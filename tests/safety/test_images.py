"""Images that would exhaust memory or read files are refused before any decoder runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.commands import build
from publish.fetcher import RefusedResource, Sandbox
from publish.limits import LIMITS, image_problem
from tests.safety.conftest import BookMaker, bomb_png, png

XXE_SVG = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&xxe;</text></svg>'
)


def test_an_image_claiming_100000_by_100000_pixels_is_refused_from_its_header() -> None:
    problem = image_problem(png(100_000, 100_000, b""), "huge.png")
    assert "10000000000 pixels" in problem and "decompression bomb" in problem


def test_a_decompression_bomb_png_is_refused_without_decoding() -> None:
    bomb = bomb_png(12_000, 12_000)  # 144 megapixels in about 150 KB
    assert len(bomb) < 1_000_000
    assert "144000000 pixels" in image_problem(bomb, "bomb.png")


def test_an_image_just_over_the_limit_is_refused_with_its_size() -> None:
    assert "9,000×8,000 pixels" in image_problem(png(9_000, 8_000, b""), "big.png")


def test_an_image_within_the_limit_is_accepted() -> None:
    assert image_problem(png(2480, 3508), "a4-300dpi.png") == ""
    assert LIMITS.image_pixels > 2480 * 3508


def test_svg_with_an_external_entity_is_refused() -> None:
    assert "DOCTYPE" in image_problem(XXE_SVG, "xxe.svg")


def test_svg_linking_a_url_or_file_is_refused() -> None:
    for svg in (
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1/x.png"/></svg>',
        b'<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="file:///etc/x.svg#a"/></svg>',
        b'<svg><rect style="fill: url(https://example.com/p.svg#g)"/></svg>',
    ):
        assert "links an external" in image_problem(svg, "linked.svg"), svg


def test_svg_with_inline_data_and_local_fragments_is_accepted() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/><image href="data:image/png;base64,AA"/></svg>'
    assert image_problem(svg, "ok.svg") == ""


def test_plain_svg_is_accepted() -> None:
    assert image_problem(b'<svg xmlns="http://www.w3.org/2000/svg"/>', "ok.svg") == ""


def test_sandbox_refuses_a_bomb_inside_the_project_naming_it(tmp_path: Path) -> None:
    (tmp_path / "bomb.png").write_bytes(bomb_png(12_000, 12_000))
    sandbox = Sandbox(roots=(tmp_path,))
    with pytest.raises(RefusedResource, match="bomb.png.*decompression bomb"):
        sandbox.read((tmp_path / "bomb.png").as_uri())


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("huge.png", png(100_000, 100_000, b"")),
        ("bomb.png", bomb_png(12_000, 12_000)),
        ("xxe.svg", XXE_SVG),
    ],
)
def test_a_book_with_a_hostile_image_builds_and_names_it(
    name: str, data: bytes, make_book: BookMaker, tmp_path: Path
) -> None:
    book = make_book(f"![图为一张有问题的图片。](images/{name})")
    (book.parent / "articles" / "images" / name).write_bytes(data)
    result = build.run(book, tmp_path / "dist", ("pdf", "epub"))
    assert [p.suffix for p in result.outputs] == [".pdf", ".epub"]
    assert any(name in w for w in result.warnings), result.warnings
