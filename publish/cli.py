"""The ``publish`` command line: argument handling and messages only.

Each command loads its options, calls ``publish.commands.<name>.run`` and reports. Errors a
user can fix (PublishError) print one message naming the file and exit 1; ``--debug``
shows the traceback instead. Exit codes: 0 all done, 1 something failed, 2 bad usage.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from publish import __version__
from publish.errors import PublishError
from publish.render import EDITIONS
from publish.render.edition import Options

if TYPE_CHECKING:
    from publish.commands.doctor import Report

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
    from rich.markup import escape

    # escaped: a message may quote "[book]" or "[build]", which rich would take for markup
    err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, soft_wrap=True)
    return typer.Exit(1)


INTERRUPTED = "interrupted: every output already written is whole, none was half-written"


def _interrupted() -> typer.Exit:
    """Ctrl-C: one line, exit 130 (typer would otherwise exit silently); --debug: traceback."""
    if _State.debug:
        traceback.print_exc()
    err.print(INTERRUPTED, markup=False, soft_wrap=True)
    return typer.Exit(130)


def _say(message: str) -> None:
    if not _State.quiet:
        err.print(message, markup=False, soft_wrap=True)


JsonOption = Annotated[bool, typer.Option("--json", help="Print a machine-readable report on stdout.")]


def _emit_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@contextmanager
def _progress() -> Iterator[Progress]:
    """A progress bar on stderr; silent with --quiet or --json and when not on a terminal."""
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=_State.quiet or not err.is_terminal,
    )
    with bar:
        yield bar


@app.command()
def clean(
    paths: Annotated[list[Path], typer.Argument(help="Scraped pages (.html, .htm, .txt) or folders of them.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the Markdown articles.")] = Path("content/articles"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite articles even if edited by hand.")] = False,
    fetch_images: Annotated[bool, typer.Option("--fetch-images", help="Download images the scrape did not save (http(s) only, public hosts, at most 16 MB and 15 s each, checked to be images).")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Parallel workers (0: one per core).")] = 0,
    add_to: Annotated[Path | None, typer.Option("--add-to", help="A book.toml: list the articles written in it (those it does not name yet, literally or by a glob), last.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Clean scraped pages into Markdown articles, one .md per page.

    Re-running changes nothing that is already clean, and never overwrites an article an
    editor changed: the new version is written beside it as NAME.md.new. Ends with a
    summary: cleaned, unchanged, skipped (not an article, empty, undecodable: the reason
    is printed per file) and failed; exits 1 if any page was skipped or failed.

    Example: publish clean content/raw/ -o content/articles
    """
    from rich.markup import escape

    from publish.commands import clean as command

    _State.quiet = _State.quiet or as_json

    def report(r: command.FileResult) -> None:
        bar.advance(task)
        if r.outcome is command.Outcome.FAILED:
            err.print(f"[red]failed[/] {escape(f'{r.source}: {r.message}')}", markup=True, soft_wrap=True)
        elif r.outcome is command.Outcome.SKIPPED:
            err.print(f"[yellow]skipped[/] {escape(f'{r.source}: {r.message}')}", markup=True, soft_wrap=True)
        elif r.beside:
            _say(f"kept   {r.source}: {r.message}")
        for w in r.warnings:
            _say(f"warning {r.source}: {w}")

    if add_to is not None and not add_to.is_file():
        raise _fail(PublishError("no book manifest here: nothing was cleaned", path=add_to,
                                 hint="--add-to takes an existing book.toml (publish init makes one)"))
    try:
        with _progress() as bar:
            task = bar.add_task("cleaning", total=len(command.collect_sources(paths)))
            summary = command.run(
                paths, output, force=force, fetch_images=fetch_images, jobs=jobs or None,
                on_result=report,
            )
    except command.Interrupted as exc:
        exit_ = _interrupted()
        err.print(f"before it: {exc.summary.line()}", markup=False, soft_wrap=True)
        raise exit_ from None
    except KeyboardInterrupt:
        raise _interrupted() from None
    except PublishError as exc:
        raise _fail(exc) from exc
    c = command.Outcome
    added: list[str] = []
    if add_to is not None:
        from publish.commands.new import add_articles, book_entry

        made = [r.output for r in summary.results if r.output is not None and not r.beside and r.outcome in (c.CLEANED, c.UNCHANGED)]
        try:
            added = add_articles(add_to, [book_entry(add_to, p) for p in sorted(made)])
        except PublishError as exc:
            raise _fail(exc) from exc
    if as_json:
        _emit_json({
            "ok": summary.ok,
            "counts": {o.value: summary.count(o) for o in c},
            "beside": summary.beside,
            "files": [{"source": r.source, "outcome": r.outcome.value, "output": r.output,
                       "message": r.message, "beside": r.beside, "warnings": list(r.warnings)}
                      for r in summary.results],
            "added_to_book": added,
        })
    _say(summary.line())
    if add_to is not None:
        _say(f"added {len(added)} article(s) to {add_to}" + (f": {', '.join(added)}" if added else ""))
    if not summary.ok:
        raise typer.Exit(1)


Format = Enum("Format", {name: name for name in (*EDITIONS, "all")}, type=str)  # type: ignore[misc]
"""``--format``: every edition the registry names, and all (those ``in_all``)."""


@app.command()
def build(
    book: Annotated[Path, typer.Option("--book", "-b", help="The book manifest.")] = Path("content/book.toml"),
    format: Annotated[Format, typer.Option("--format", "-f", help="What to make.")] = Format("all"),
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("dist"),
    style: Annotated[str | None, typer.Option("--style", "-s", help="Style to use instead of the book's (see styles/).")] = None,
    css: Annotated[list[Path] | None, typer.Option("--css", help="Your own CSS, layered over the style (and over [build] css).")] = None,
    trim: Annotated[str | None, typer.Option("--trim", help="PDF page: A5, 32开, 16开 or A4, instead of book.toml's trim (--style alone gives that style's own page).")] = None,
    pdf_variant: Annotated[str | None, typer.Option("--pdf-variant", help="PDF variant: pdf/a-1b (archival; check --pdfa validates it), pdf/a-3b, pdf/ua-1 (accessible, tagged) …")] = None,
    bleed: Annotated[float | None, typer.Option("--bleed", min=0.0, max=20.0, help="Bleed in millimetres, for the printer.")] = None,
    marks: Annotated[bool | None, typer.Option("--marks/--no-marks", help="Print crop marks.")] = None,
    tagged: Annotated[bool | None, typer.Option("--tagged/--no-tagged", help="Tagged PDF: the structure (headings, paragraphs, figures) for screen readers and reflow.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings (missing images …) as errors.")] = False,
    embed_fonts: Annotated[str | None, typer.Option("--embed-fonts", help="EPUB: embed the faces, subset to the book's characters: woff2 or ttf.")] = None,
    missing_pictures: Annotated[str | None, typer.Option("--missing-pictures", help="A figure whose picture was not kept: mark (（图略） and the caption) or drop (left out).")] = None,
    as_json: JsonOption = False,
    check_pdf: Annotated[bool, typer.Option("--check", help="Run `publish check` on the PDF; fail on any finding.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="PDF: articles laid out in parallel (0: one per core).")] = 0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Lay every PDF article out and draw the EPUB cover again (the cache is .cache/render/ beside book.toml, or $PUBLISH_CACHE).")] = False,
    watch: Annotated[bool, typer.Option("--watch", help="Keep running: build again whenever an article, a style or book.toml changes (Ctrl-C stops).")] = False,
) -> None:
    """Build the book into dist/NAME.pdf and dist/NAME.epub (`--format html`: the site dist/NAME-html/).

Settings come from book.toml's [build] table; a flag given here overrides its setting.

    Example: publish build --book content/book.toml --format pdf -o dist
    """
    from publish.commands import build as command

    formats = command.FORMATS if format.value == "all" else (format.value,)
    _State.quiet = _State.quiet or as_json
    try:
        with _progress() as bar:
            task = bar.add_task("building", total=len(formats))

            def step(fmt: str) -> None:
                done = formats.index(fmt)
                bar.update(task, completed=done, description=f"building {fmt}")

            options = Options(
                style=style, trim=trim, user_css=tuple(css or ()), pdf_variant=pdf_variant, bleed_mm=bleed, marks=marks,
                tagged=tagged, embed_fonts=embed_fonts, jobs=jobs, cache=not no_cache,
                missing_pictures=missing_pictures,
            )
            if watch:
                from publish.commands import watch as watching

                bar.stop()  # the watch reports line by line, as things happen
                alarm = lambda m: err.print(m, markup=False, soft_wrap=True)  # noqa: E731
                watching.run(book, output, formats, options, say=_say, alarm=alarm)
                raise typer.Exit()
            result = command.run(book, output, formats, options, on_step=step)
    except PublishError as exc:
        if as_json:
            _emit_json({"ok": False, "error": str(exc)})
        raise _fail(exc) from exc
    except KeyboardInterrupt:
        raise _interrupted() from None
    if as_json:
        _emit_json({"ok": not (strict and result.warnings), "outputs": result.outputs, "warnings": result.warnings})
    for w in result.warnings:
        _say(f"warning: {w}")
    for note in result.notes:
        _say(note)
    for path in result.outputs:
        _say(f"{'up to date' if result.unchanged else 'wrote'} {path}")
    if strict and result.warnings:
        err.print(f"[red]error:[/] {len(result.warnings)} warning(s) and --strict", markup=True)
        raise typer.Exit(1)
    for path in result.outputs:
        if check_pdf and path.suffix == ".pdf":
            check(path)


@app.command()
def check(
    pdf: Annotated[Path, typer.Argument(help="The PDF to check.", exists=True, dir_okay=False)],
    pdfa: Annotated[bool, typer.Option("--pdfa", help="Also check the PDF/A or PDF/UA variant it claims: PDF/A-1b with Apache PDFBox Preflight; other variants by their structures only (necessary, not sufficient).")] = False,
    spreads: Annotated[bool, typer.Option("--spreads", help="Also report facing pages that end on different lines and an article's last page of one or two lines.")] = False,
) -> None:
    """Check a PDF against docs/typography.md: each finding with page and line; exit 1 if any.

    Example: publish check dist/dangqi-gaoyang.pdf
    """
    from publish.check import check_pdf

    findings = check_pdf(pdf, spreads=spreads)
    if pdfa:
        from publish.check.archive import archive_findings

        findings += archive_findings(pdf)
    for finding in findings:
        typer.echo(f"{pdf}: {finding}")
    _say(f"{pdf}: {len(findings)} finding(s)")
    if findings:
        raise typer.Exit(1)


@app.command()
def proof(
    book: Annotated[list[Path] | None, typer.Option("--book", "-b", help="A book manifest; repeat for several books.")] = None,
    pages: Annotated[str | None, typer.Option("--pages", "-p", help="Pages to proof, e.g. 1-8, 3 or 5- (default: all).")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the PNG proofs.")] = Path("dist/proof"),
    dist: Annotated[Path, typer.Option("--dist", help="Where the PDF is (built there first if stale).")] = Path("dist"),
    dpi: Annotated[int, typer.Option("--dpi", min=20, max=600, help="Resolution of the page PNGs.")] = 100,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build the PDF even if it is up to date.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Render PDF pages to PNG proofs and a contact sheet (all pages at a glance) per book.

    Writes dist/proof/NAME-p001.png … and dist/proof/NAME-sheet.png.

    Example: publish proof --pages 1-8
    """
    from publish.commands import proof as command

    _State.quiet = _State.quiet or as_json
    results = []
    try:
        page_range = command.parse_pages(pages) if pages else None
        for manifest in book or [Path("content/book.toml")]:
            with _progress() as bar:
                task = bar.add_task(f"proofing {manifest}", total=None)
                results.append(command.run(
                    manifest, output, pages=page_range, dist=dist, dpi=dpi, rebuild=rebuild,
                    on_start=lambda n: bar.update(task, total=n),
                    on_page=lambda _n: bar.advance(task),
                ))
    except PublishError as exc:
        raise _fail(exc) from exc
    if as_json:
        _emit_json([{"book": r.book, "pdf": r.pdf, "built": r.built, "pages": r.pages, "sheet": r.sheet} for r in results])
    for r in results:
        _say(f"{'built' if r.built else 'used'} {r.pdf}; wrote {len(r.pages)} page(s) and {r.sheet}")


@app.command()
def preview(
    book: Annotated[Path, typer.Option("--book", "-b", help="The book manifest.")] = Path("content/book.toml"),
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port).")] = 0,
    css: Annotated[list[Path] | None, typer.Option("--css", help="Your own CSS, layered over the style.")] = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the preview in the web browser.")] = False,
) -> None:
    """Serve the book as web pages that reload when an article, the style or book.toml changes.

    Stop it with Ctrl-C.

    Example: publish preview --port 8000 --open
    """
    import threading
    import webbrowser

    from publish.commands import preview as command

    try:
        server = command.start(book, port=port, user_css=tuple(css or ()))
    except PublishError as exc:
        raise _fail(exc) from exc
    try:
        out.print(f"preview of {book} at {server.url}  (Ctrl-C stops it)", markup=False, soft_wrap=True)
        if server.state.error:
            _say(f"error: {server.state.error}")
        if open_browser:
            webbrowser.open(server.url)
        threading.Event().wait()
    except KeyboardInterrupt:
        _say("preview stopped")
    finally:
        server.stop()


@app.command()
def new(
    title: Annotated[str, typer.Argument(help="The article's title, e.g. \"乡村振兴的新答卷\".")],
    book: Annotated[Path, typer.Option("--book", "-b", help="The book to add it to.")] = Path("content/book.toml"),
    date: Annotated[str | None, typer.Option("--date", help="Its date, e.g. 2021-01-27T11:03:00+08:00 (default: now).")] = None,
) -> None:
    """Start a new article: a Markdown skeleton in content/articles/, listed last in book.toml.

    Example: publish new "乡村振兴的新答卷"
    """
    from publish.commands import new as command

    try:
        made = command.run(title, book, date=date)
    except PublishError as exc:
        raise _fail(exc) from exc
    _say(f"wrote {made.path}; added {made.entry} to {book}")


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder for the new book project (made if missing).")],
    title: Annotated[str, typer.Option("--title", "-t", help="The book's title.")] = "书名",
) -> None:
    """Create a book project: content/book.toml, a first article, and styles/book/ to edit.

    Example: publish init my-book --title "学习读本" && cd my-book && publish build
    """
    from publish.commands import init as command

    try:
        project = command.run(folder, title=title)
    except PublishError as exc:
        raise _fail(exc) from exc
    for path in project.created:
        _say(f"wrote {path}")
    _say(f"next: cd {folder} && publish preview")


@app.command()
def doctor(
    book: Annotated[Path, typer.Option("--book", "-b", help="The book to check for.")] = Path("content/book.toml"),
    as_json: JsonOption = False,
) -> None:
    """Check that this machine can build: faces per role, WeasyPrint/Pango/HarfBuzz, Java, EPUBCheck, cache.

    Exits 1 when `publish build` would fail, and says what to install.

    Example: publish doctor --json
    """
    from publish.commands import doctor as command

    report = command.run(book)
    if as_json:
        _emit_json(report.as_json())
    else:
        _print_doctor(report)
    if not report.ok:
        raise typer.Exit(1)


def _print_doctor(report: Report) -> None:
    mark = {True: "[green]ok[/]     ", False: "[red]missing[/]"}
    out.print(f"book     {report.book}", markup=False)
    for face in report.faces:
        where = ", ".join(Path(f).name for f in face.files.values()) or f"{face.problem}\n           install: {face.install}"
        out.print(f"{mark[face.found]} {face.role:5} {face.name}: {where}", soft_wrap=True)
    for t in report.tools:
        optional = "" if t.required else " (optional)"
        out.print(f"{mark[t.found]} {t.name}{optional} {t.version} {t.note}".rstrip(), soft_wrap=True, highlight=False)
    for cache in report.caches:
        out.print(f"cache    {cache.path}: {cache.bytes / 1e6:.1f} MB", markup=False)
    if report.problems:
        err.print(f"[red]the build would fail:[/] {'; '.join(report.problems)}", soft_wrap=True)
    else:
        out.print("[green]ready to build[/]")


GLOBAL_FLAGS = frozenset({"-q", "--quiet", "--debug"})
"""Options of ``publish`` itself that a user may also write after the command."""


def hoist_global_flags(args: list[str]) -> list[str]:
    """``publish build -q`` means ``publish -q build``: typer takes the program's own
    options only before the command, and a user should not have to know where they go.
    Nothing after a ``--`` moves."""
    end = args.index("--") if "--" in args else len(args)
    flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
    rest = [a for a in args[:end] if a not in GLOBAL_FLAGS]
    return flags + rest + args[end:]


def main() -> None:
    try:
        app(args=hoist_global_flags(sys.argv[1:]))
    except PublishError as exc:  # raised outside a command's own handling
        if _State.debug:
            raise
        err.print(f"error: {exc}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:  # between commands, e.g. while importing
        err.print(INTERRUPTED, markup=False, soft_wrap=True)
        sys.exit(130)
