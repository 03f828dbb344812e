"""Against pandoc's EPUB of the same Markdown: valid where it is, no larger, richer metadata."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    path = ROOT / "bench" / "epub_compare.py"
    spec = importlib.util.spec_from_file_location("epub_compare", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["epub_compare"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("book", ["default", "ten"])
def test_ours_is_no_larger_than_pandocs_with_the_same_cover(book: str, bench: ModuleType, tmp_path: Path) -> None:
    from publish.commands import build

    ours = build.run(bench.BOOKS[book], tmp_path, ("epub",)).outputs[0]
    theirs = bench.pandoc_epub(bench.BOOKS[book], tmp_path / "pandoc.epub", bench.cover_of(ours, tmp_path))
    assert ours.stat().st_size <= theirs.stat().st_size


def test_ours_carries_every_metadata_property_pandocs_does_and_more(
        bench: ModuleType, default_epub: Path, tmp_path: Path) -> None:
    theirs = set(bench.metadata(bench.pandoc_epub(bench.BOOKS["default"], tmp_path / "p.epub", None)))
    ours = set(bench.metadata(default_epub))
    assert theirs <= ours
    assert {"dc:source", "dc:description", "schema:accessibilitySummary", "dcterms:conformsTo"} <= ours - theirs


def test_ours_is_valid_where_pandocs_is(bench: ModuleType, default_epub: Path, tmp_path: Path) -> None:
    theirs = bench.epubcheck_counts(bench.pandoc_epub(bench.BOOKS["default"], tmp_path / "p.epub", None))
    ours = bench.epubcheck_counts(default_epub)
    assert ours == (0, 0, 0)
    assert all(o <= t for o, t in zip(ours, theirs, strict=True))
