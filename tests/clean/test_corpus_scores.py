"""Score floors on the shared corpus: the cleaner may get better, never worse.

The floors are the values ``bench/clean_bench.py`` measured (docs/cleaner-benchmark.md)
minus a small margin; raise them when the cleaner improves. Only our cleaner runs here;
the peers and the timing live in the benchmark.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "clean_bench.py"
F1_FLOOR = 0.958
DATE_FLOOR = 0.92
AUTHOR_FLOOR = 0.8
CHROME_LEFT_MAX = 1


@pytest.fixture(scope="module")
def score(corpus: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("clean_bench", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["clean_bench"] = bench
    spec.loader.exec_module(bench)
    return bench.measure({"publish clean": bench.ours}, bench.load_pages(corpus), repeat=1)["publish clean"]


def test_mean_body_f1_stays_above_its_floor(score) -> None:  # type: ignore[no-untyped-def]
    assert sum(score.f1) / len(score.f1) >= F1_FLOOR


def test_date_accuracy_stays_above_its_floor(score) -> None:  # type: ignore[no-untyped-def]
    assert sum(score.date) / len(score.date) >= DATE_FLOOR


def test_chrome_left_in_bodies_stays_below_its_ceiling(score) -> None:  # type: ignore[no-untyped-def]
    assert score.chrome_left <= CHROME_LEFT_MAX


def test_author_accuracy_stays_above_its_floor(score) -> None:  # type: ignore[no-untyped-def]
    assert sum(score.author) / len(score.author) >= AUTHOR_FLOOR
