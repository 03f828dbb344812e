"""The cleaner holds Python's cycle collector off while it reads a page, and only then."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from publish.clean import clean_bytes
from publish.errors import CleanError
from tests.conftest import SEED


def test_the_collector_is_on_again_after_a_page() -> None:
    assert gc.isenabled()
    clean_bytes(SEED.read_bytes(), SEED)
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_page_that_fails() -> None:
    with pytest.raises(CleanError):
        clean_bytes(b"<html><body></body></html>", Path("empty.html"))
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        clean_bytes(SEED.read_bytes(), SEED)
        assert not gc.isenabled()
    finally:
        gc.enable()
