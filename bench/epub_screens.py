"""Screenshots of the EPUB's documents in headless Chromium, to look at (not a test).

Run: ``.venv/bin/python bench/epub_screens.py [--out /tmp/epub-screens] [--style vertical]``

Each XHTML document (cover, title page, 目录, every article) is opened with its CSS at a
720 × 1080 reader screen and saved as PNG; vertical books are paginated through Chromium's
print path (a vertical-rl page scrolls sideways, which a screenshot does not follow), and
its first two pages saved. Fonts are embedded (woff2) so the pages show our faces.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.epub.checkers import print_pdf, screenshot, unpack  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=ROOT / "content" / "book.toml")
    parser.add_argument("--style", default=None)
    parser.add_argument("--out", type=Path, default=Path("/tmp/epub-screens"))
    args = parser.parse_args(argv)

    from publish.commands import build
    from publish.styles import load_style

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        epub = build.run(args.book, Path(tmp), ("epub",), style=args.style, embed_fonts="woff2").outputs[0]
        root = unpack(epub, Path(tmp) / "x") / "EPUB"
        docs = [root / "cover.xhtml", root / "title.xhtml", root / "nav.xhtml", *sorted(root.glob("text/*.xhtml"))]
        vertical = load_style(args.style or "book").writing_mode == "vertical-rl"
        for doc in docs:
            stem = args.out / doc.stem
            if vertical:
                pdf = print_pdf(doc, Path(tmp) / f"{doc.stem}.pdf")
                subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "2", str(pdf), str(stem)],
                               check=True)
            else:
                screenshot(doc, stem.with_suffix(".png"))
            print(stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
