"""The moment a part's pages are known, before any margin box is drawn.

A part of the per-article build must learn its page count (to tell the parts after it)
and its first page number (from the parts before it) between pagination and drawing the
running heads and folios. WeasyPrint's ``layout_document`` is a generator that makes all
pages and only then their margin boxes, so the first ``make_margin_boxes`` call is that
moment: ``on_paginated`` runs there once, with the layout context.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_STATE = threading.local()


@contextmanager
def on_paginated(callback: Callable[[Any], None]) -> Iterator[None]:
    """Inside: this thread's next layout calls ``callback(context)`` once its pages are made."""
    _STATE.on_paginated = callback
    try:
        yield
    finally:
        _STATE.on_paginated = None


def page_count(context: Any) -> int:
    """The pages the layout context holds (its page maker has one entry per page, plus one)."""
    return len(context.page_maker) - 1


def shift_page_counter(context: Any, delta: int) -> None:
    """Number the part's pages from ``delta + 1``: the ``page`` counter of every page's
    starting state (the fourth field of a page maker entry, WeasyPrint 70's layout)."""
    seen: set[int] = set()
    for entry in context.page_maker:
        values = entry[3][1]
        if id(values) in seen or "page" not in values:
            continue
        seen.add(id(values))
        values["page"] = [v + delta for v in values["page"]]


def install() -> None:
    """Route WeasyPrint's margin-box layout through ``on_paginated`` (once per process)."""
    import weasyprint.layout as layout

    if getattr(layout.make_margin_boxes, "_publish_hook", False):
        return
    original = layout.make_margin_boxes

    def margin_boxes(context: Any, page: Any, state: Any) -> Any:
        callback: Callable[[Any], None] | None = getattr(_STATE, "on_paginated", None)
        if callback is not None:
            _STATE.on_paginated = None
            callback(context)
        return original(context, page, state)

    margin_boxes._publish_hook = True  # type: ignore[attr-defined]
    layout.make_margin_boxes = margin_boxes
