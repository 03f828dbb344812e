"""Build benchmark: our PDF/EPUB builds against plain WeasyPrint and pandoc, same content.

Run: ``.venv/bin/python bench/build_bench.py [--sizes 1,10,30] [--runs 3] [--out docs/build-benchmark.md]``

Each measurement runs in a fresh subprocess (so peak memory is that build's alone) and is
repeated; the table reports medians and the ratio to the peer measured in the same script,
because these machines are shared and absolute times drift. Books are made of the default
book's articles plus every article in tests/books/*/articles/, repeated to reach a size.
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
    import json, resource, sys, time
    from pathlib import Path
    kind, book, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    import weasyprint, ebooklib
    from publish.commands import build
    t0 = time.perf_counter(); c0 = time.process_time()
    if kind == "ours-pdf" or kind == "ours-epub":
        build.run(book, out, (kind.split("-")[1],))
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
        fc = FontConfiguration()
        sheets = [CSS(string=font_face_css(style.roles), font_config=fc)]
        sheets += [CSS(filename=str(p), font_config=fc) for p in style.print_css]
        t0 = time.perf_counter(); c0 = time.process_time()
        HTML(string=html, base_url=str(b.root) + "/").write_pdf(out / "plain.pdf", stylesheets=sheets, font_config=fc)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "peak_mb": peak}))
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


def measure(kind: str, book: Path, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            proc = subprocess.run(
                [PY, "-c", MEASURE, kind, str(book), out], capture_output=True, text=True, cwd=ROOT
            )
            if proc.returncode != 0:
                raise SystemExit(f"{kind} failed:\n{proc.stderr[-2000:]}")
            samples.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def pandoc_epub(book: Path, runs: int) -> float | None:
    try:
        import pypandoc  # type: ignore[import-not-found]
    except ImportError:
        return None
    pandoc = pypandoc.get_pandoc_path()
    md = sorted((book.parent / "articles").glob("*.md"))
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            subprocess.run([pandoc, *map(str, md), "-o", f"{out}/b.epub"], check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,30")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "build-benchmark.md")
    args = parser.parse_args()
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            book = make_book(Path(tmp), n)
            ours = measure("ours-pdf", book, args.runs)
            plain = measure("weasyprint", book, args.runs)
            epub = measure("ours-epub", book, args.runs)
            pandoc = pandoc_epub(book, args.runs)
        rows.append((n, ours, plain, epub, pandoc))
        print(f"{n} articles: ours {ours['wall']:.2f}s, plain WeasyPrint {plain['wall']:.2f}s", file=sys.stderr)
    lines = [
        "# Build benchmark",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}; medians of {args.runs} runs, each in a fresh process.",
        "",
        "| articles | our PDF (s) | plain WeasyPrint (s) | ratio | our peak MB | plain peak MB | our EPUB (s) | pandoc EPUB (s) | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, ours, plain, epub, pandoc in rows:
        pandoc_cell = f"{pandoc:.2f}" if pandoc is not None else "n/a"
        ratio = f"{epub['wall'] / pandoc:.2f}" if pandoc else "n/a"
        lines.append(
            f"| {n} | {ours['wall']:.2f} | {plain['wall']:.2f} | {ours['wall'] / plain['wall']:.2f} | "
            f"{ours['peak_mb']:.0f} | {plain['peak_mb']:.0f} | {epub['wall']:.2f} | {pandoc_cell} | {ratio} |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
