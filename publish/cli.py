"""The ``publish`` command line: argument handling and messages only.

Each command loads its options, calls ``publish.commands.<name>.run`` and reports. Errors a
user can fix (PublishError) print one message naming the file and exit 1; ``--debug``
shows the traceback instead. Exit codes: 0 all done, 1 something failed, 2 bad usage.
"""

from __future__ import annotations

import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from publish import __version__
from publish.errors import PublishError

app = typer.Typer(
    name="publish",
    help="Clean scraped Chinese articles into Markdown and publish them as PDF and EPUB.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


class _State:
    debug = False
    quiet = False


def _version(value: bool) -> None:
    if value:
        out.print(f"publish {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logging.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    """Clean scraped Chinese articles into Markdown and publish them as PDF and EPUB.

    Example: publish clean scrapes/ && publish build
    """
    _State.debug, _State.quiet = debug, quiet
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.ERROR, format="%(levelname)s %(name)s: %(message)s"
    )
    if not debug:
        for noisy in ("weasyprint", "fontTools"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)


def _fail(exc: PublishError) -> typer.Exit:
    if _State.debug:
        raise exc
    err.print(f"[bold red]error:[/] {exc}", markup=True, soft_wrap=True)
    return typer.Exit(1)


def _say(message: str) -> None:
    if not _State.quiet:
        err.print(message, markup=False, soft_wrap=True)


@app.command()
def clean(
    paths: Annotated[list[Path], typer.Argument(help="Scraped pages (.html, .htm, .txt) or folders of them.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the Markdown articles.")] = Path("content/articles"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite articles even if edited by hand.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Parallel workers (0: one per core).")] = 0,
) -> None:
    """Clean scraped pages into Markdown articles, one .md per page.

    Re-running changes nothing that is already clean, and never overwrites an article an
    editor changed: the new version is written beside it as NAME.md.new.

    Example: publish clean content/raw/ -o content/articles
    """
    from publish.commands import clean as command

    def report(r: command.FileResult) -> None:
        if r.outcome is command.Outcome.FAILED:
            err.print(f"[red]failed[/] {r.source}: {r.message}", markup=True, soft_wrap=True)
        elif r.outcome is command.Outcome.KEPT:
            _say(f"kept   {r.source}: {r.message}")
        for w in r.warnings:
            _say(f"warning {r.source}: {w}")

    summary = command.run(paths, output, force=force, jobs=jobs or None, on_result=report)
    c = command.Outcome
    _say(
        f"{summary.count(c.CLEANED)} cleaned, {summary.count(c.UNCHANGED)} unchanged, "
        f"{summary.count(c.KEPT)} kept (hand-edited), {summary.count(c.FAILED)} failed"
    )
    if not summary.ok:
        raise typer.Exit(1)


class Format(str, Enum):
    pdf = "pdf"
    epub = "epub"
    all = "all"


@app.command()
def build(
    book: Annotated[Path, typer.Option("--book", "-b", help="The book manifest.")] = Path("content/book.toml"),
    format: Annotated[Format, typer.Option("--format", "-f", help="What to make.")] = Format.all,
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("dist"),
    style: Annotated[str | None, typer.Option("--style", "-s", help="Style to use instead of the book's (see styles/).")] = None,
    css: Annotated[list[Path] | None, typer.Option("--css", help="Your own CSS, layered over the style.")] = None,
    pdf_variant: Annotated[str | None, typer.Option("--pdf-variant", help="PDF variant, e.g. pdf/a-3b or pdf/ua-1.")] = None,
    bleed: Annotated[float, typer.Option("--bleed", help="Bleed in millimetres, for the printer.")] = 0.0,
    marks: Annotated[bool, typer.Option("--marks", help="Print crop marks.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings (missing images …) as errors.")] = False,
    check_pdf: Annotated[bool, typer.Option("--check", help="Run `publish check` on the PDF; fail on any finding.")] = False,
) -> None:
    """Build the book into dist/NAME.pdf and dist/NAME.epub.

    Example: publish build --book content/book.toml --format pdf -o dist
    """
    from publish.commands import build as command

    formats = command.FORMATS if format is Format.all else (format.value,)
    try:
        result = command.run(
            book, output, formats, style=style, user_css=tuple(css or ()),
            pdf_variant=pdf_variant, bleed_mm=bleed, marks=marks,
            on_step=lambda fmt: _say(f"building {fmt} …"),
        )
    except PublishError as exc:
        raise _fail(exc) from exc
    for w in result.warnings:
        _say(f"warning: {w}")
    for path in result.outputs:
        _say(f"wrote {path}")
    if strict and result.warnings:
        err.print(f"[red]error:[/] {len(result.warnings)} warning(s) and --strict", markup=True)
        raise typer.Exit(1)
    for path in result.outputs:
        if check_pdf and path.suffix == ".pdf":
            check(path)


@app.command()
def check(
    pdf: Annotated[Path, typer.Argument(help="The PDF to check.", exists=True, dir_okay=False)],
) -> None:
    """Check a PDF against TYPOGRAPHY.md: each finding with page and line; exit 1 if any.

    Example: publish check dist/dangqi-gaoyang.pdf
    """
    from publish.check import check_pdf

    findings = check_pdf(pdf)
    for finding in findings:
        typer.echo(f"{pdf}: {finding}")
    _say(f"{pdf}: {len(findings)} finding(s)")
    if findings:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except PublishError as exc:  # raised outside a command's own handling
        if _State.debug:
            raise
        err.print(f"error: {exc}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted; outputs already written are whole, none is half-written")
        sys.exit(130)
