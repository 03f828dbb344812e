"""The EPUBs the outside checkers judge: default, vertical, embedded fonts, the ten-article book."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BOOK, ROOT

TEN = ROOT / "tests" / "books" / "ten" / "book.toml"


def _build(out: Path, book: Path = BOOK, **kwargs: object) -> Path:
    from publish.commands import build

    return build.run(book, out, ("epub",), **kwargs).outputs[0]  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def default_epub(built_epub: Path) -> Path:
    return built_epub


@pytest.fixture(scope="session")
def vertical_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("vertical"), style="vertical")


@pytest.fixture(scope="session")
def embedded_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("embedded"), embed_fonts="woff2")


@pytest.fixture(scope="session")
def ten_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("ten"), TEN)
