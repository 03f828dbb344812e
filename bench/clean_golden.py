"""The cleaner's golden comparison: every known page cleaned, compared byte for byte.

A speed change to ``publish/clean/`` must not change a byte of what it writes. This
records, for every page it knows (the shared corpus, the seed, the site fixtures, the
hostile pages, a few generated hostile pages, and each corpus page cut at a third and at
two thirds of its bytes — pages nobody tuned the cleaner on), what ``publish clean``
makes of it:

- the Markdown file ``publish.commands.clean.clean_one`` writes (with an output folder:
  images copied, read-back check), its outcome, message and warnings, and the images it
  copied;
- the Markdown of ``clean_bytes`` without an output folder (the benchmark's path), with
  its warnings, or the reason the page is skipped.

Run ``.venv/bin/python bench/clean_golden.py record`` before a change and
``.venv/bin/python bench/clean_golden.py check`` after every step: it prints each page
whose output differs (with the first differing line) and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from publish.clean import clean_bytes  # noqa: E402
from publish.commands.clean import clean_one  # noqa: E402
from publish.errors import PublishError  # noqa: E402
from publish.markdown import to_markdown  # noqa: E402
from publish.markdown.stamp import stamp  # noqa: E402

CORPUS = Path("/work/shared/corpus")
SEED = ROOT / "content" / "raw" / "000_67f8410aa76e5cfb.txt"
FIXTURES = ROOT / "tests" / "clean" / "fixtures"
HOSTILE = ROOT / "tests" / "safety" / "hostile"
DEFAULT = ROOT / ".cache" / "clean-golden.json"
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


def _seed_page(body: bytes) -> bytes:
    """A page around ``body`` (as tests/safety/test_hostile_corpus.py builds them)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    paragraphs = [ln.strip() for ln in lines if ln.startswith("  ") and len(ln.strip()) > 40][:4]
    article = "".join(f"<p>{p}</p>" for p in paragraphs).encode()
    head = "<!DOCTYPE html><html><head><title>党旗高扬 决战决胜</title></head><body>"
    return head.encode() + body.replace(b"ARTICLE", article) + b"</body></html>"


GENERATED: dict[str, Callable[[], bytes]] = {
    "200-deep.html": lambda: _seed_page(b"<div>" * 200 + b"ARTICLE" + b"</div>" * 200),
    "150-deep.html": lambda: _seed_page(b"<div><span>" * 75 + b"ARTICLE" + b"</span></div>" * 75),
    "10000-deep.html": lambda: _seed_page(b"<div>" * 10_000 + b"ARTICLE" + b"</div>" * 10_000),
    "tags-in-a-script.html": lambda: _seed_page(b"<script>var s = '" + b"<div>" * 5000 + b"';</script>ARTICLE"),
    "hidden-and-forms.html": lambda: _seed_page(
        b"<form><input name=q>search</form><div style='display:none'>HIDDEN</div>"
        b"<div class='share-bar'><a href='#'>share</a></div><div hidden>gone</div>ARTICLE"
        b"<a href='javascript:void(0)'>print</a>"
    ),
}


def pages() -> Iterator[tuple[str, Path, bytes]]:
    """(name, path the cleaner is told, bytes) of every page in the comparison."""
    found = sorted(CORPUS.glob("*.html")) + [SEED]
    found += sorted(p for p in FIXTURES.rglob("*") if p.suffix in PAGE_SUFFIXES)
    found += sorted(p for p in HOSTILE.iterdir() if p.suffix in PAGE_SUFFIXES)
    for path in found:
        data = path.read_bytes()
        yield str(path), path, data
    for path in sorted(CORPUS.glob("*.html")):
        data = path.read_bytes()
        for part in (1, 2):
            yield f"{path}#cut{part}/3", path, data[: len(data) * part // 3]
    for name, make in GENERATED.items():
        yield f"generated/{name}", HOSTILE / name, make()


def _written(name: str, path: Path, data: bytes) -> dict[str, object]:
    """What ``publish clean`` writes for the page: its article, images and outcome."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        source = path if path.exists() and path.read_bytes() == data else home / "page" / path.name
        if source != path:
            source.parent.mkdir()
            source.write_bytes(data)
        result = clean_one(source, home / "articles", force=False)
        article = home / "articles" / f"{source.stem}.md"
        images = home / "images"
        return {
            "outcome": result.outcome.value,
            "message": result.message,
            "warnings": list(result.warnings),
            "markdown": article.read_text(encoding="utf-8") if article.exists() else None,
            "images": sorted(
                f"{p.name} {hashlib.sha256(p.read_bytes()).hexdigest()}" for p in images.iterdir()
            ) if images.exists() else [],
        }


def _bare(path: Path, data: bytes) -> dict[str, object]:
    """What ``clean_bytes`` makes of the page without an output folder."""
    try:
        result = clean_bytes(data, path)
    except PublishError as exc:
        return {"error": f"{type(exc).__name__}: {exc.message}"}
    return {"markdown": stamp(to_markdown(result.document)), "warnings": list(result.warnings)}


def outputs() -> dict[str, dict[str, object]]:
    return {name: {"written": _written(name, path, data), "bare": _bare(path, data)} for name, path, data in pages()}


def _first_difference(want: object, got: object) -> str:
    a = json.dumps(want, ensure_ascii=False, indent=1).splitlines()
    b = json.dumps(got, ensure_ascii=False, indent=1).splitlines()
    diff = [ln for ln in difflib.unified_diff(a, b, "recorded", "now", n=0, lineterm="") if ln[:1] in "+-"]
    return "\n    ".join(diff[2:8])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("record", "check"))
    parser.add_argument("--file", type=Path, default=DEFAULT, help=f"the recording (default {DEFAULT})")
    args = parser.parse_args()
    now = outputs()
    if args.mode == "record":
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        print(f"recorded {len(now)} pages in {args.file}")
        return 0
    recorded = json.loads(args.file.read_text(encoding="utf-8"))
    changed = sorted(n for n in recorded.keys() | now.keys() if recorded.get(n) != now.get(n))
    for name in changed:
        print(f"DIFFERS {name}\n    {_first_difference(recorded.get(name), now.get(name))}")
    print(f"{len(now)} pages, {len(changed)} differ from {args.file}")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
