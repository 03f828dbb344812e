"""Every hostile or broken page gives a clear CleanError or a clean article, quickly.

The cases and their expected outcomes are in hostile/EXPECTED.toml; the big ones (a 50 MB
page, 10,000-deep nesting, a million elements) are generated here, not committed.
"""

from __future__ import annotations

import base64
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from publish.clean import clean_bytes
from publish.errors import CleanError
from publish.markdown import to_markdown
from publish.model import Paragraph
from tests.conftest import SEED
from tests.safety.conftest import bomb_png

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED: dict[str, Any] = tomllib.loads((HOSTILE / "EXPECTED.toml").read_text(encoding="utf-8"))
KNOWN_BUGS: dict[str, str] = EXPECTED["known_bugs"]
KNOWN_LEAKS: dict[str, str] = EXPECTED["known_leaks"]


def _seed_paragraphs() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.startswith("  ") and len(line.strip()) > 40][:4]


def _page(body: bytes) -> bytes:
    head = "<!DOCTYPE html><html><head><title>党旗高扬 决战决胜</title></head><body>"
    return head.encode() + body + b"</body></html>"


def _article() -> bytes:
    return "".join(f"<p>{p}</p>" for p in _seed_paragraphs()).encode()


def _nested(depth: int) -> bytes:
    return _page(b"<div>" * depth + _article() + b"</div>" * depth)


def _with_data_uri_image(png: bytes) -> bytes:
    return _page(b'<p><img src="data:image/png;base64,' + base64.b64encode(png) + b'"></p>' + _article())


GENERATORS: dict[str, Callable[[], bytes]] = {
    "50mb-page.html": lambda: _page(_article() * (50 * 1024 * 1024 // len(_article()) + 1)),
    "10000-deep.html": lambda: _nested(10_000),
    "million-elements.html": lambda: _page(b"<i>x</i>" * 1_000_000 + _article()),
    "200-deep.html": lambda: _nested(200),
    "utf16-10000-deep.html": lambda: "\ufeff".encode("utf-16-le") + _nested(10_000).decode().encode("utf-16-le"),
    "tags-in-a-script.html": lambda: _page(b"<script>var s = '" + b"<div>" * 5000 + b"';</script>" + _article()),
    "bomb-png-data-uri.html": lambda: _with_data_uri_image(bomb_png(12_000, 12_000)),
    "100-megapixel-data-uri.html": lambda: _with_data_uri_image(bomb_png(10_000, 10_000)),
}


def _cases() -> list[Any]:
    cases = []
    for group in ("files", "generated"):
        for name, expected in EXPECTED[group].items():
            cases.append(pytest.param(group, name, expected, id=name))
    return cases


def _load(group: str, name: str) -> bytes:
    return (HOSTILE / name).read_bytes() if group == "files" else GENERATORS[name]()


def test_every_committed_hostile_file_has_an_expected_outcome() -> None:
    committed = {p.name for p in HOSTILE.iterdir() if p.name != "EXPECTED.toml"}
    assert committed == set(EXPECTED["files"])


@pytest.mark.parametrize(("group", "name", "expected"), _cases())
def test_hostile_page_gives_its_expected_outcome(
    group: str, name: str, expected: dict[str, Any], request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if name in KNOWN_BUGS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_BUGS[name], strict=True))
    data = _load(group, name)
    if expected["outcome"] == "error":
        with pytest.raises(CleanError) as caught:
            clean_bytes(data, Path(name))
        assert expected["message"] in caught.value.message
        assert name in str(caught.value)
        return
    if expected.get("saved"):
        _check_saved(data, tmp_path / name, expected)
        return
    document = clean_bytes(data, Path(name)).document
    assert document.meta.title == expected["title"]
    assert sum(isinstance(b, Paragraph) for b in document.blocks) >= expected["paragraphs"]


def _check_saved(data: bytes, page: Path, expected: dict[str, Any]) -> None:
    """The page cleaned with an output folder, as ``publish clean`` does: images decoded."""
    result = clean_bytes(data, page, out_dir=page.parent / "articles")
    assert result.document.meta.title == expected["title"]
    assert sum(isinstance(b, Paragraph) for b in result.document.blocks) >= expected["paragraphs"]
    assert any(expected["warning"] in w for w in result.warnings), result.warnings
    images = page.parent / "images"
    assert len(list(images.iterdir()) if images.exists() else []) == expected["images"]


@pytest.mark.parametrize(
    "name", [n for n, e in EXPECTED["files"].items() if e.get("absent")]
)
def test_hostile_page_leaks_nothing_into_the_markdown(name: str, request: pytest.FixtureRequest) -> None:
    if name in KNOWN_LEAKS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_LEAKS[name], strict=True))
    markdown = to_markdown(clean_bytes((HOSTILE / name).read_bytes(), Path(name)).document)
    leaked = [s for s in EXPECTED["files"][name]["absent"] if s in markdown]
    assert leaked == []
