"""Build benchmark: our PDF/EPUB builds against plain WeasyPrint and pandoc, same content.

Run: ``.venv/bin/python bench/build_bench.py [--sizes 1,10,30,100] [--runs 3] [--no-peers] [--out docs/build-benchmark.md]``
(``--sizes ''``: the peers' tables alone).
(after ``pip install -e '.[bench]'`` for pandoc).

Each measurement runs in a fresh subprocess (so peak memory is that build's alone) and is
repeated in rounds (every kind once per round, so a build and its peer see the same load);
the table reports medians and the ratio to the peer measured in the same script, because
these machines are shared and absolute times drift. Books are made of the default
book's articles plus every article in tests/books/*/articles/, repeated to reach a size.

**Peers** (``--peers``, on by default; the section between its own markers): the builds a
user who does not use us would pick, each as whole processes started as a user starts them
(pandoc, then Typst through the ``typst`` package on PyPI; pandoc, then the ``weasyprint``
command), beside ``publish build`` as a command, on the seed article ×30 and on a book of
the corpus pages ``publish clean`` makes (``--corpus``). See ``bench/peers.py``.

Measured by ``--sizes``: our full PDF build (per article, on every core, empty render cache), the rebuild
after editing one article in the middle of the book (warm cache), the one-pass build
(``single_pass``: our typography, one WeasyPrint document), plain WeasyPrint on the same
HTML and CSS, our EPUB and pandoc's (a command-line call on the same Markdown); peak
memory is the largest resident set of the build's processes (the parent or any worker).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

MEASURE = textwrap.dedent(
    """
    import json, os, resource, sys, time
    from pathlib import Path
    kind, book, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    os.environ["PUBLISH_CACHE"] = str(out / "cache")
    import weasyprint, ebooklib
    from publish.commands import build
    from publish.book import load_book
    from publish.render.edition import Options
    from publish.render.pdf.write import render as write_pdf
    def cpu_all():
        return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))
    t0 = time.perf_counter(); c0 = time.process_time(); a0 = cpu_all()
    target = out / "out.bin"
    if kind == "ours-pdf" or kind == "ours-epub":
        target = build.run(book, out, (kind.split("-")[1],)).outputs[0]
    elif kind == "ours-single":
        target.write_bytes(write_pdf(load_book(book), Options(single_pass=True)).data)
    elif kind == "ours-rebuild":
        build.run(book, out, ("pdf",))
        articles = sorted((book.parent / "articles").glob("*.md"))
        edited = articles[len(articles) // 2]
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("。", "！", 1), encoding="utf-8")
        t0 = time.perf_counter(); c0 = time.process_time(); a0 = cpu_all()
        try:
            target = build.run(book, out, ("pdf",)).outputs[0]
        finally:
            edited.write_text(text, encoding="utf-8")
    elif kind == "weasyprint":
        # plain WeasyPrint on the same HTML and CSS, none of our steps around it
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
        from publish.book import load_book
        from publish.fetcher import Sandbox
        from publish.fonts import font_face_css, font_roots
        from publish.render import assemble
        from publish.styles import load_style
        b = load_book(book)
        style = load_style(b.style)
        html = assemble.book_html(b, sandbox=Sandbox((b.root, *style.folders, *font_roots())), for_print=True)
        faces = font_face_css(style.roles)
        # the timer includes WeasyPrint's own work on the style sheets and faces
        t0 = time.perf_counter(); c0 = time.process_time(); a0 = cpu_all()
        fc = FontConfiguration()
        sheets = [CSS(string=faces, font_config=fc)]
        sheets += [CSS(filename=str(p), font_config=fc) for p in style.print_css]
        HTML(string=html, base_url=str(b.root) + "/").write_pdf(target, stylesheets=sheets, font_config=fc)
    wall = time.perf_counter() - t0
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    size = target.stat().st_size / 1e6
    pages = 0
    if kind != "ours-epub":
        import pikepdf
        with pikepdf.open(target) as pdf:
            pages = len(pdf.pages)
    print(json.dumps({"wall": wall, "cpu": time.process_time() - c0, "cpu_all": cpu_all() - a0, "peak_mb": peak, "size_mb": size, "pages": pages}))
    """
)


def articles() -> list[Path]:
    found = sorted((ROOT / "content" / "articles").glob("*.md"))
    found += sorted(ROOT.glob("tests/books/*/articles/*.md"))
    return found


def make_book(folder: Path, n: int) -> Path:
    pool = articles()
    (folder / "articles").mkdir(parents=True)
    names = []
    for i in range(n):
        src = pool[i % len(pool)]
        name = f"articles/{i:03d}.md"
        shutil.copy(src, folder / name)
        names.append(name)
    listing = ",\n".join(f'  "{n}"' for n in names)
    (folder / "book.toml").write_text(
        f'[book]\nname = "bench"\ntitle = "基准测试"\ndate = "2021-01-27"\nstyle = "book"\n'
        f"articles = [\n{listing}\n]\n",
        encoding="utf-8",
    )
    return folder / "book.toml"


def measure_once(kind: str, book: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([PY, "-c", MEASURE, kind, str(book), out], capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            raise SystemExit(f"{kind} failed:\n{proc.stderr[-2000:]}")
        sample: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
        return sample


def our_epub_command(book: Path) -> float:
    """``publish build --format epub`` as a user runs it: process start and imports included."""
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        subprocess.run(
            [PY, "-m", "publish", "build", "--book", str(book), "--format", "epub", "--no-cache", "-o", out],
            check=True, capture_output=True, cwd=ROOT,
        )
        return time.perf_counter() - t0


def measure_all(kinds: tuple[str, ...], book: Path, runs: int) -> dict[str, dict[str, float]]:
    """Medians over ``runs`` rounds; each round measures every kind once, one after the
    other, so a kind and its peer see the same load on a shared machine."""
    samples: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    samples["epub-command"] = []
    samples["pandoc"] = []
    for _ in range(runs):
        for kind in kinds:
            samples[kind].append(measure_once(kind, book))
        samples["epub-command"].append({"wall": our_epub_command(book)})
        pandoc = pandoc_epub(book)
        if pandoc is not None:
            samples["pandoc"].append({"wall": pandoc})
    return {
        kind: {key: statistics.median(s[key] for s in found) for key in found[0]}
        for kind, found in samples.items() if found
    }


def pandoc_epub(book: Path) -> float | None:
    try:
        import pypandoc  # type: ignore[import-not-found]
    except ImportError:
        return None
    pandoc = pypandoc.get_pandoc_path()
    md = sorted((book.parent / "articles").glob("*.md"))
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        subprocess.run([pandoc, *map(str, md), "-o", f"{out}/b.epub"], check=True, capture_output=True)
        return time.perf_counter() - t0


def cell(value: float | None, fmt: str = "{:.2f}") -> str:
    return fmt.format(value) if value is not None else "n/a"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpu}, {cores} cores, {platform.system()} {platform.release()}, {platform.python_implementation()} {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,30,100")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "build-benchmark.md")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True,
                        help="the peers' tables (Typst, plain WeasyPrint) on the seed ×30 and the corpus book")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    if args.peers:
        import peers

        section = peers.peer_section(args.runs, args.corpus, machine())
        save(args.out, section, peers.PEERS_START, peers.PEERS_END)
        print(section)
    if not args.sizes:
        return
    kinds = ("ours-pdf", "ours-rebuild", "ours-single", "weasyprint", "ours-epub")
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            results = measure_all(kinds, make_book(Path(tmp), n), args.runs)
        rows.append((n, results))
        print(
            f"{n} articles: ours {results['ours-pdf']['wall']:.2f}s, rebuild {results['ours-rebuild']['wall']:.2f}s, "
            f"plain WeasyPrint {results['weasyprint']['wall']:.2f}s",
            file=sys.stderr,
        )
    lines = [
        START,
        "",
        f"Machine: {machine()}; medians of {args.runs} rounds, each measurement in a fresh process,",
        "every kind measured once per round so that a build and its peer share the machine's load.",
        "Times in seconds (wall clock; *CPU* adds the CPU time of every process of the build),",
        "memory in MB (largest process of the build), sizes in MB. *ours* is the per-article build",
        "on every core with an empty cache (a one-article book is laid out in one pass); *rebuild*",
        "is the build after one article in the middle was edited (warm cache); *one-pass* is our",
        "typography in one WeasyPrint document; *plain* is WeasyPrint alone on the same HTML and CSS",
        "(its timer includes parsing the style sheets and loading the faces, not making the HTML).",
        "",
        "## PDF",
        "",
        "| articles | pages | ours | rebuild | rebuild / ours | one-pass | plain WeasyPrint | ours / plain "
        "| our CPU | plain CPU | our peak | plain peak | our size | one-pass size | plain size |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in rows:
        ours, rebuild, single, plain = r["ours-pdf"], r["ours-rebuild"], r["ours-single"], r["weasyprint"]
        lines.append(
            f"| {n} | {ours['pages']:.0f} | {ours['wall']:.2f} | {rebuild['wall']:.2f} | "
            f"{rebuild['wall'] / ours['wall']:.2f} | {single['wall']:.2f} | {plain['wall']:.2f} | "
            f"{ours['wall'] / plain['wall']:.2f} | {ours['cpu_all']:.2f} | {plain['cpu_all']:.2f} | "
            f"{ours['peak_mb']:.0f} | {plain['peak_mb']:.0f} | "
            f"{ours['size_mb']:.2f} | {single['size_mb']:.2f} | {plain['size_mb']:.2f} |"
        )
    lines += [
        "",
        "## EPUB",
        "",
        "*ours* is the build in a running process (as the PDF columns); *ours, command line* is",
        "`publish build --format epub --no-cache` started as a user starts it, Python and imports included.",
        "",
        "| articles | ours | ours, command line | pandoc (command line) | ours / pandoc | command line / pandoc | our peak | our size |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in rows:
        epub, command = r["ours-epub"], r["epub-command"]["wall"]
        pandoc = r["pandoc"]["wall"] if "pandoc" in r else None
        lines.append(
            f"| {n} | {epub['wall']:.2f} | {command:.2f} | {cell(pandoc)} | "
            f"{cell(epub['wall'] / pandoc if pandoc else None)} | {cell(command / pandoc if pandoc else None)} | "
            f"{epub['peak_mb']:.0f} | {epub['size_mb']:.2f} |"
        )
    lines += ["", END]
    save(args.out, "\n".join(lines), START, END)
    print("\n".join(lines))


START = "<!-- bench/build_bench.py writes from here to the end marker; do not edit by hand -->"
END = "<!-- end of bench/build_bench.py output -->"


def save(out: Path, tables: str, start: str, end: str) -> None:
    """Replace the part of ``out`` between ``start`` and ``end``, keeping the analysis
    written around it (``--sizes ''`` or ``--no-peers`` leaves the other part alone)."""
    old = out.read_text(encoding="utf-8") if out.exists() else "# Build benchmark\n"
    if start not in old or end not in old:
        old = f"{old.rstrip()}\n\n{start}\n{end}\n"
    before, rest = old.split(start, 1)
    after = rest.split(end, 1)[1]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(before + tables + after, encoding="utf-8")


if __name__ == "__main__":
    main()
