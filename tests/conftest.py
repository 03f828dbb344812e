"""Shared fixtures: the seed scrape and the default book, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "content" / "raw" / "000_67f8410aa76e5cfb.txt"
BOOK = ROOT / "content" / "book.toml"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_document():  # type: ignore[no-untyped-def]
    from publish.clean import clean_file

    return clean_file(SEED).document


@pytest.fixture(scope="session")
def default_book():  # type: ignore[no-untyped-def]
    from publish.book import load_book

    return load_book(BOOK)


@pytest.fixture(scope="session")
def built_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from publish.commands import build

    out = tmp_path_factory.mktemp("dist")
    result = build.run(BOOK, out, ("pdf",))
    return result.outputs[0]


@pytest.fixture(scope="session")
def built_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from publish.commands import build

    out = tmp_path_factory.mktemp("dist")
    result = build.run(BOOK, out, ("epub",))
    return result.outputs[0]


def pytest_configure(config: pytest.Config) -> None:
    """Builds in the suite share one render cache in a temporary folder, never a book's
    own .cache/ (the suite must not depend on what an earlier run left there)."""
    import os
    import shutil
    import tempfile

    if "PUBLISH_CACHE" not in os.environ:
        folder = tempfile.mkdtemp(prefix="publish-cache-")
        os.environ["PUBLISH_CACHE"] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
