"""A one-article book in a temporary folder, for building hostile articles and styles."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED

BOOK_TOML = """[book]
name = "safety"
title = "党旗高扬　决战决胜"
authors = ["共产党员网"]
date = "2021-01-27"
style = "book"
trim = "A5"
articles = ["articles/a.md"]
"""


def seed_paragraphs(n: int = 3) -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.startswith("  ") and len(line.strip()) > 40][:n]


def png(width: int, height: int, idat: bytes | None = None) -> bytes:
    """A greyscale PNG whose header claims width×height; the pixels are zeros."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    if idat is None:
        idat = zlib.compress(b"\x00" * ((width + 1) * height), 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def bomb_png(width: int, height: int) -> bytes:
    """A real decompression bomb: width×height zero bytes, compressed a thousandfold."""
    row = b"\x00" * (width + 1)
    z = zlib.compressobj(9)
    body = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    return png(width, height, body)


BookMaker = Callable[[str], Path]


@pytest.fixture
def make_book(tmp_path: Path) -> BookMaker:
    """Write book.toml and articles/a.md with the given Markdown body; returns book.toml."""

    def make(body: str) -> Path:
        root = tmp_path / "book"
        (root / "articles" / "images").mkdir(parents=True, exist_ok=True)
        (root / "book.toml").write_text(BOOK_TOML, encoding="utf-8")
        text = "\n\n".join(seed_paragraphs())
        article = f"---\ntitle: 党旗高扬　决战决胜\n---\n\n{text}\n\n{body}\n"
        (root / "articles" / "a.md").write_text(article, encoding="utf-8")
        return root / "book.toml"

    return make
