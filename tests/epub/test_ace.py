"""Ace by DAISY (puppeteer runner, Debian's chromium) finds no accessibility violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.epub.checkers import ace

pytestmark = pytest.mark.slow


def test_ace_reports_no_violation_on_the_default_book(default_epub: Path) -> None:
    outcome, violations = ace(default_epub)
    assert violations == []
    assert outcome == "pass"


def test_ace_reports_no_violation_on_the_vertical_book(vertical_epub: Path) -> None:
    outcome, violations = ace(vertical_epub)
    assert violations == []
    assert outcome == "pass"
