"""``publish new "标题"``: an article skeleton in content/articles/, added to book.toml.

The skeleton is written by the Markdown writer from a model document, so it has the
front matter and conventions every cleaned article has, and it reads back. book.toml is
edited with tomlkit, which keeps the editor's comments, order and formatting.
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from publish.errors import ConfigError, PublishError
from publish.fsutil import atomic_write_text
from publish.markdown import to_markdown
from publish.markdown.frontmatter import is_iso_date
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
    add_articles(book_path, [entry])


def _listed(book_path: Path, entries: list[str]) -> set[Path]:
    """The files book.toml's entries name, globs expanded."""
    root = book_path.parent
    out: set[Path] = set()
    for entry in entries:
        matches = glob.glob(str(root / entry)) if glob.has_magic(entry) else [str(root / entry)]
        out.update(Path(m).resolve() for m in matches)
    return out


def add_articles(book_path: Path, entries: list[str]) -> list[str]:
    """Append the entries (paths relative to book.toml's folder) that its list does not
    already name, literally or by a glob; keep its comments and layout. Returns those added."""
    try:
        doc = tomlkit.parse(book_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the book manifest: {exc.strerror}", path=book_path,
                          hint="pass the path of an existing book.toml (publish init makes one)") from exc
    except TOMLKitError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=book_path) from exc
    table = doc["book"] if "book" in doc else doc
    articles = table.get("articles")
    if articles is not None and not isinstance(articles, list):
        raise ConfigError("articles must be a list", path=book_path)
    listed = _listed(book_path, [str(a) for a in articles or []])
    added = [e for e in dict.fromkeys(entries) if (book_path.parent / e).resolve() not in listed]
    if not added:
        return []
    if articles is None:
        table["articles"] = added
    else:
        articles.extend(added)
    atomic_write_text(book_path, tomlkit.dumps(doc))
    return added


def book_entry(book_path: Path, article: Path) -> str:
    """An article's path as book.toml lists it: relative to the manifest's folder."""
    return Path(os.path.relpath(article.resolve(), book_path.parent.resolve())).as_posix()


def run(title: str, book_path: Path, *, date: str | None = None) -> NewArticle:
    """Write the skeleton beside the book's other articles and list it last in book.toml."""
    title = title.strip()
    if not title:
        raise PublishError("the title is empty", hint='give the article a title: publish new "标题"')
    if date is not None and not is_iso_date(date.strip()):
        raise PublishError(
            f"--date {date!r} is not a date: nothing was written",
            hint="write it as ISO 8601: 2021-01-27, or 2021-01-27T11:03:00+08:00 (leave it out for now)",
        )
    if not book_path.is_file():
        raise ConfigError("no book manifest here", path=book_path,
                          hint="run it in a book project (publish init DIR makes one), or pass --book")
    folder = book_path.parent / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{next_number(folder):03d}_{slug(title)}.md"
    if target.exists():
        raise PublishError("an article with this name exists; nothing was written", path=target)
    atomic_write_text(target, skeleton(title, date.strip() if date else now_in_china()))
    entry = target.relative_to(book_path.parent).as_posix()
    add_to_book(book_path, entry)
    return NewArticle(target, entry)
