"""Render the style previews of the README: the first pages of the default book per style.

Run from the project root: .venv/bin/python docs/styles/render.py
Each PNG shows the title page, the 目录, the article opening and the page after it,
side by side at 60 dpi, in 16 grey levels (each file stays well under 300 KB).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from publish.commands import build
from publish.styles import available_styles, load_style

ROOT = Path(__file__).resolve().parents[2]
PAGES = {"book": (1, 3, 5, 6), "large": (1, 3, 5, 6), "gongwen": (1, 2, 3, 4)}
"""Which pages to show: the front matter and the first opening (recto styles skip blanks)."""


def preview(style: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build.run(ROOT / "content" / "book.toml", Path(tmp), ("pdf",), style=style).outputs[0]
        images = []
        for page in PAGES.get(style, (1, 2, 3, 4)):
            stem = Path(tmp) / f"p{page}"
            subprocess.run(
                ["pdftoppm", "-r", "60", "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(stem)],
                check=True,
            )
            images.append(Image.open(f"{stem}.png"))
        height = max(i.height for i in images)
        sheet = Image.new("L", (sum(i.width for i in images) + 12 * (len(images) + 1), height + 24), 160)
        x = 12
        for image in images:
            sheet.paste(image, (x, 12))
            x += image.width + 12
        sheet.quantize(16).save(out, optimize=True)


if __name__ == "__main__":
    for name in available_styles():
        if load_style(name).writing_mode != "horizontal-tb":
            continue  # an EPUB-only style: its picture is an EPUB chapter (bench/epub_screens.py)
        preview(name, ROOT / "docs" / "styles" / f"{name}.png")
        print(f"docs/styles/{name}.png")
