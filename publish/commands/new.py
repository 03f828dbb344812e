"""``publish new "标题"``: an article skeleton in content/articles/, added to book.toml.

The skeleton is written by the Markdown writer from a model document, so it has the
front matter and conventions every cleaned article has, and it reads back. book.toml is
edited with tomlkit, which keeps the editor's comments, order and formatting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from publish.errors import ConfigError, PublishError
from publish.fsutil import atomic_write_text
from publish.markdown import to_markdown
from publish.model import Document, Heading, Meta, Paragraph, Text

CHINA = timezone(timedelta(hours=8))
SKELETON_BODY = (
    Paragraph((Text("在这里写正文。一段一行，段首不必空格，排版时自动缩进两字。"),)),
    Heading(2, (Text("小标题"),)),
    Paragraph((Text("小标题下的正文。"),)),
)
_UNSAFE = re.compile(r'[\s\\/:*?"<>|#%&{}$!\'@`=+]+')


@dataclass(frozen=True, slots=True)
class NewArticle:
    path: Path
    entry: str
    """The path as listed in book.toml's articles."""


def slug(title: str) -> str:
    """A file-name-safe form of the title (Chinese kept: editors read file names)."""
    return _UNSAFE.sub("-", title).strip("-.")[:40] or "article"


def next_number(folder: Path) -> int:
    numbers = [int(m.group(1)) for p in folder.glob("*.md") if (m := re.match(r"(\d+)_", p.name))]
    return max(numbers, default=-1) + 1


def skeleton(title: str, date: str) -> str:
    return to_markdown(Document(Meta(title=title, date=date), SKELETON_BODY))


def now_in_china() -> str:
    return datetime.now(CHINA).replace(microsecond=0).isoformat()


def add_to_book(book_path: Path, entry: str) -> None:
    """Append an article to book.toml's list, keeping its comments and layout."""
    try:
        doc = tomlkit.parse(book_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the book manifest: {exc.strerror}", path=book_path,
                          hint="run publish new inside a book project, or pass --book") from exc
    except TOMLKitError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=book_path) from exc
    table = doc["book"] if "book" in doc else doc
    articles = table.get("articles")
    if articles is None:
        table["articles"] = [entry]
    elif not isinstance(articles, list):
        raise ConfigError("articles must be a list", path=book_path)
    elif entry in articles:
        return
    else:
        articles.append(entry)
    atomic_write_text(book_path, tomlkit.dumps(doc))


def run(title: str, book_path: Path, *, date: str | None = None) -> NewArticle:
    """Write the skeleton beside the book's other articles and list it last in book.toml."""
    title = title.strip()
    if not title:
        raise PublishError("the title is empty", hint='give the article a title: publish new "标题"')
    if not book_path.is_file():
        raise ConfigError("no book manifest here", path=book_path,
                          hint="run it in a book project (publish init DIR makes one), or pass --book")
    folder = book_path.parent / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{next_number(folder):03d}_{slug(title)}.md"
    if target.exists():
        raise PublishError("an article with this name exists; nothing was written", path=target)
    atomic_write_text(target, skeleton(title, date or now_in_china()))
    entry = target.relative_to(book_path.parent).as_posix()
    add_to_book(book_path, entry)
    return NewArticle(target, entry)
