"""Lay out and write one part of the book, in whichever process runs it.

Separate from the build's orchestration because this is what a worker process imports and
runs: it gets plain data (HTML, style sheet texts, sandbox roots), keeps its faces and
sheets loaded between parts of the same build, and returns bytes and counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publish.render.pdf_cache import Layout


@dataclass(frozen=True, slots=True)
class Setup:
    """What every part of one build shares."""

    base_url: str
    roots: tuple[Path, ...]
    sheets: tuple[tuple[str, str], ...]
    """("file", path) or ("string", css), in cascade order."""


@dataclass(frozen=True, slots=True)
class Job:
    setup: Setup
    html: str
    css: str
    write: bool
    """Write the PDF; otherwise only count pages."""
    identifier: bytes | None = None


@dataclass(slots=True)
class Done:
    layout: Layout
    pdf: bytes | None = None
    refused: list[str] = field(default_factory=list)


_LOADED: dict[Setup, tuple[Any, Any, list[Any], Any]] = {}


def _loaded(setup: Setup) -> tuple[Any, Any, list[Any], Any]:
    """(sandbox, fetcher, sheets, font config) for the setup, loaded once per process."""
    if setup not in _LOADED:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        from publish.fetcher import Sandbox, SandboxFetcher

        _LOADED.clear()
        sandbox = Sandbox(roots=setup.roots)
        fetcher = SandboxFetcher(sandbox)
        config = FontConfiguration()
        sheets = [
            CSS(filename=value, url_fetcher=fetcher, font_config=config)
            if kind == "file"
            else CSS(string=value, url_fetcher=fetcher, font_config=config)
            for kind, value in setup.sheets
        ]
        _LOADED[setup] = (sandbox, fetcher, sheets, config)
    return _LOADED[setup]


def run(job: Job) -> Done:
    """Lay out the part; the sentinel's page (the last) is dropped."""
    from weasyprint import CSS, HTML

    sandbox, fetcher, sheets, config = _loaded(job.setup)
    before = len(sandbox.refused)
    extra = [CSS(string=job.css, font_config=config)] if job.css else []
    document = HTML(string=job.html, base_url=job.setup.base_url, url_fetcher=fetcher).render(
        stylesheets=[*sheets, *extra], font_config=config
    )
    pages = document.pages[:-1]
    anchors: dict[str, int] = {}
    for number, page in enumerate(pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    layout = Layout(
        pages=len(pages),
        last_blank=bool(pages) and pages[-1]._page_box.page_type.blank,
        anchors=anchors,
    )
    pdf = None
    if job.write:
        pdf = bytes(document.copy(pages).write_pdf(pdf_identifier=job.identifier))
    return Done(layout=layout, pdf=pdf, refused=sandbox.refused[before:])
