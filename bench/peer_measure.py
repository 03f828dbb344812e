"""Measure our PDF and the peer's (bench/peer_xelatex.sh) the same way, and draw PNGs.

``peer_measure.py OUT NAME PEER_S OURS_S`` writes OUT/NAME.tsv (pages, build seconds,
our checker's findings by kind, numbered captions with an ASCII colon) and PNGs of the
first two text pages of each PDF at the same resolution; ``--table NAME...`` prints the
Markdown table of docs/print.md from those files.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pdfplumber

from publish.check import check_pdf

KINDS = ("orphan-char", "ragged-right", "stretched", "forbidden-start", "forbidden-end", "widow-line", "orphan-line",
         "heading-at-foot")
_CAPTION_COLON = re.compile(r"图\s*\d+\s*:")
"""A numbered caption whose label ends in an ASCII colon (“图 1: 为攻克…”)."""


def _texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def _first_text_page(texts: list[str], markdown: str) -> int:
    """The page where the first article's first paragraph starts (1-based)."""
    paragraphs = [p for p in markdown.split("\n\n") if p and not p.startswith(("#", "!", "\\"))]
    probe = re.sub(r"\s", "", paragraphs[1])[:8]  # after the byline
    for number, text in enumerate(texts, start=1):
        if probe in re.sub(r"\s", "", text):
            return number
    return 1


def measure(out: Path, name: str, peer_s: str, ours_s: str) -> None:
    markdown = (out / f"{name}.md").read_text(encoding="utf-8")
    rows = []
    for engine, seconds in (("peer", peer_s), ("ours", ours_s)):
        pdf = out / f"{engine}-{name}.pdf"
        texts = _texts(pdf)
        kinds = Counter(f.kind for f in check_pdf(pdf))
        first = _first_text_page(texts, markdown)
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", str(first), "-l", str(first + 1), str(pdf),
                        str(out / f"{engine}-{name}")], check=True)
        colons = sum(len(_CAPTION_COLON.findall(t)) for t in texts)
        rows.append({"engine": engine, "pages": len(texts), "seconds": f"{float(seconds):.1f}",
                     "findings": sum(kinds.values()), "caption_colons": colons, "first_page": first,
                     **{k: kinds.get(k, 0) for k in KINDS}})
    _side_by_side(out, name, [int(r["first_page"]) for r in rows])
    with open(out / f"{name}.tsv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t")
        writer.writeheader()
        writer.writerows(rows)


def _png(out: Path, engine: str, name: str, page: int) -> Path:
    """pdftoppm's file name for a page (it pads the number to the page count's width)."""
    return next(p for p in sorted(out.glob(f"{engine}-{name}-*.png")) if int(p.stem.rsplit("-", 1)[1]) == page)


def _side_by_side(out: Path, name: str, firsts: list[int]) -> None:
    """OUT/side-NAME.png: the peer's first text page on the left, ours on the right."""
    from PIL import Image

    pages = [Image.open(_png(out, engine, name, first)) for engine, first in zip(("peer", "ours"), firsts, strict=True)]
    sheet = Image.new("RGB", (sum(p.width for p in pages) + 20, max(p.height for p in pages)), "#888888")
    sheet.paste(pages[0], (0, 0))
    sheet.paste(pages[1], (pages[0].width + 20, 0))
    sheet.save(out / f"side-{name}.png", optimize=True)


def table(out: Path, names: list[str]) -> str:
    lines = ["| book | engine | pages | build s | 1-char last lines (per 10 pp.) | ragged | stretched "
             "| other findings | 图 n: captions |", "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name in names:
        with open(out / f"{name}.tsv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                pages, orphans = int(row["pages"]), int(row["orphan-char"])
                other = int(row["findings"]) - orphans - int(row["ragged-right"]) - int(row["stretched"])
                engine = "pandoc → XeLaTeX + ctex" if row["engine"] == "peer" else "publish (book style)"
                lines.append(f"| {name} | {engine} | {pages} | {row['seconds']} | {orphans} ({10 * orphans / pages:.1f}) "
                             f"| {row['ragged-right']} | {row['stretched']} | {other} | {row['caption_colons']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    if sys.argv[2] == "--table":
        print(table(target, sys.argv[3:]))
    else:
        measure(target, *sys.argv[2:6])
