"""The board the parts of a per-article build share: page counts, and the page of each
目录 target, which the front matter's last layout waits for in the pool."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from publish.book import load_book
from publish.errors import RenderError
from publish.render.cache import Layout
from publish.render.pdf import parts as pdf_parts
from publish.render.pdf.worker import ABSENT, Job, Setup, _publish_anchors, local_board

SETUP = Setup(base_url="file:///book/", images=(), sheet_places=(), font_places=(), sheets=(), cache=None)


def test_the_front_matter_waits_until_every_article_published_its_anchor_pages() -> None:
    board = local_board(size=3, targets=2)
    board.publish_anchors({0: 5})

    def later() -> None:
        time.sleep(0.05)
        board.publish_anchors({1: 9})

    thread = threading.Thread(target=later)
    thread.start()
    assert board.anchor_pages() == [5, 9]
    thread.join()


def test_a_failed_article_ends_the_wait_with_an_error() -> None:
    board = local_board(size=3, targets=2)
    board.publish(2, -2)
    with pytest.raises(RenderError, match="failed"):
        board.anchor_pages()  # at once, not after the wait's timeout


def test_a_part_numbers_its_targets_from_its_first_page_and_marks_the_missing_absent() -> None:
    board = local_board(size=2, targets=3)
    job = Job(SETUP, 1, "k", "<html/>", "", targets=((1, "ch1"), (2, "ch1-s4")))
    _publish_anchors(job, board, Layout(pages=4, last_blank=False, anchors={"ch1": 0}), first=7)
    assert list(board.anchors) == [-1, 7, ABSENT]


def test_filling_the_placeholders_numbers_every_target_it_is_given() -> None:
    book = load_book(Path(__file__).resolve().parents[2] / "tests" / "books" / "ten" / "book.toml")
    targets = pdf_parts.toc_targets(book)
    numbers = {t: 5 + 2 * i for i, t in enumerate(targets) if i != 1}
    filled = pdf_parts.fill_numbers(pdf_parts.front_part(book).html, numbers)
    for target, number in numbers.items():
        assert f'data-target="#{target}" data-page="{number}"' in filled
    assert f'data-target="#{targets[1]}" data-page="{pdf_parts.PLACEHOLDER}"' in filled  # left out: stays
