"""Regenerate the ten-article test book's articles with the current cleaner.

The book (tests/books/ten/) must be exactly what `publish clean` makes of its corpus
pages, never trimmed by hand, so that the PDF and EPUB tests on it see the cleaner's real
output. Run this whenever the cleaner improves (tests/clean/test_ten_book.py fails until
you do), then read the diff like an editor before committing it.

Usage: .venv/bin/python tests/books/make_ten.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "tests" / "books" / "ten"
ARTICLES = BOOK / "articles"
CORPUS = ROOT.parent / "shared" / "corpus"

PAGES = (
    "chinadaily.com.cn__np4k-001",
    "cnr.cn__f70d9c97",
    "news.cn__np4k-002",
    "people.com.cn__gne-people-1",
    "xinhuanet.com__gne-xinhuanet-1",
    "thepaper.cn__gne-thepaper-1",
    "qq.com__rdb-qq",
    "sina.com.cn__gne-sina-1",
    "sohu.com__d8d4c4ec",
    "yndaily.com__9890f458",
)
"""The corpus pages of the book, in book order: news articles of ten sources and eras."""


def sources(corpus: Path) -> list[Path]:
    """The corpus pages the book is made from."""
    return [corpus / f"{stem}.html" for stem in PAGES]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus folder")
    args = parser.parse_args(argv)
    from publish.commands import clean

    for old in ARTICLES.glob("*.md*"):
        old.unlink()
    summary = clean.run(sources(args.corpus), ARTICLES, force=True, jobs=1)
    failed = [r for r in summary.results if r.outcome in (clean.Outcome.FAILED, clean.Outcome.SKIPPED)]
    for r in failed:
        print(f"{r.outcome.value} {r.source}: {r.message}", file=sys.stderr)
    print(f"{len(summary.results) - len(failed)} articles written to {ARTICLES.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
