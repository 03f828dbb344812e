"""One Markdown file for pandoc from a book.toml: the peer sets the same articles.

Each article's front matter becomes a level-1 heading (its title) and a byline
paragraph, as our book opens it, each on a new page; image paths are made absolute; a figure whose image the
scrape did not keep (``![caption]()``) keeps its caption as a paragraph, which pandoc
cannot print as a figure. Used by bench/peer_xelatex.sh: python peer_markdown.py BOOK.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from publish.book import load_book
from publish.markdown.frontmatter import load

_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")


def _placeholder() -> Path:
    """A small blank PNG for a figure whose image is not here."""
    from PIL import Image

    path = Path(tempfile.gettempdir()) / "publish-peer-placeholder.png"
    if not path.is_file():
        Image.new("RGB", (400, 100), "#eeeeee").save(path)
    return path


def article_markdown(path: Path) -> str:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = load(front)
    folder = path.parent

    def image(m: re.Match[str]) -> str:
        caption, src = m.group(1), m.group(2).strip()
        if not src or "://" in src or not (folder / src).is_file():
            return f"![{caption}]({_placeholder()})" if caption else ""
        return f"![{caption}]({(folder / src).resolve()})"

    byline = "　".join(str(meta[k])[:10] if k == "date" else str(meta[k]) for k in ("source", "editor", "date") if meta.get(k))
    head = f"# {meta.get('title', path.stem)}\n\n"
    return head + (f"{byline}\n\n" if byline else "") + _IMAGE.sub(image, body).strip() + "\n"


def main(book_toml: Path) -> None:
    book = load_book(book_toml)
    # Each article on a new page, as ours (raw LaTeX passes through pandoc's Markdown).
    sys.stdout.write("\n\\newpage\n\n".join(article_markdown(ch.path) for ch in book.chapters))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
