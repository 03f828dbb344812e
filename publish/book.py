"""The book manifest (book.toml) and the book it describes: metadata, order, style, trim.

Loading checks every key at once and reports all errors together with the file, so an
editor fixes book.toml in one go instead of one error per run.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publish.errors import ConfigError, PublishError
from publish.markdown.read import read_markdown
from publish.markdown.frontmatter import is_iso_date
from publish.model import Document
from publish.sources import read_source
from publish.styles import resolve_style

TRIMS = {
    "A5": (148, 210),
    "32开": (130, 184),
    "16开": (185, 260),
    "A4": (210, 297),
}
"""Trim sizes in millimetres (docs/typography.md §4)."""

_KEYS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "title": str,
    "subtitle": str,
    "authors": list,
    "publisher": str,
    "date": (str, datetime.date),
    "language": str,
    "description": str,
    "style": str,
    "trim": str,
    "cover": str,
    "articles": list,
}


@dataclass(frozen=True, slots=True)
class BookMeta:
    name: str
    """File stem of the outputs: dist/<name>.pdf."""
    title: str
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    date: str = ""
    """Publication date (YYYY-MM-DD); also the PDF's creation date, so builds reproduce."""
    language: str = "zh-CN"
    description: str = ""


@dataclass(frozen=True, slots=True)
class Chapter:
    path: Path
    document: Document
    warnings: tuple[str, ...] = ()
    """What the Markdown had that the model cannot hold ("file:line: …"), reported by the build."""


@dataclass(frozen=True, slots=True)
class Book:
    root: Path
    """The folder book.toml is in; article and image paths are relative to it."""
    meta: BookMeta
    style: str
    trim: str
    cover: Path | None
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)


def _is_date(value: object) -> bool:
    """A real day (2026-13-45 is not), written YYYY-MM-DD or as a TOML date."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and is_iso_date(value)


def _check(data: dict[str, Any], path: Path) -> list[str]:
    errors = []
    for key, value in data.items():
        if key not in _KEYS:
            errors.append(f"unknown key {key!r} (known: {', '.join(sorted(_KEYS))})")
        elif not isinstance(value, _KEYS[key]):
            kinds = _KEYS[key]
            errors.append(f"{key} must be a {(kinds[0] if isinstance(kinds, tuple) else kinds).__name__}")
    for key in ("title", "articles"):
        if key not in data:
            errors.append(f"missing key {key!r}")
    if "trim" in data and data["trim"] not in TRIMS:
        errors.append(f"trim {data['trim']!r} is not one of {', '.join(TRIMS)}")
    if "date" in data and not _is_date(data["date"]):
        errors.append(f"date {str(data['date'])!r} is not a day of the calendar written YYYY-MM-DD")
    if "name" in data and not re.fullmatch(r"[\w.-]+", str(data["name"])):
        errors.append("name may hold letters, digits, '.', '-' and '_' only")
    return errors


def load_book(path: Path, *, style: str | None = None) -> Book:
    """Read book.toml and every article it lists; ``style`` overrides the book's."""
    try:
        raw = read_source(path)
    except OSError as exc:
        raise ConfigError(
            f"cannot read the book manifest: {exc.strerror}", path=path,
            hint="pass --book with the path of a book.toml (publish init makes one)",
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("cannot read the book manifest: not UTF-8 text", path=path) from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=path) from exc
    book_data: dict[str, Any] = data.get("book", data)
    errors = _check(book_data, path)
    if errors:
        raise ConfigError("; ".join(errors), path=path)
    root = path.parent
    meta = BookMeta(
        name=book_data.get("name", "book"),
        title=book_data["title"],
        subtitle=book_data.get("subtitle", ""),
        authors=tuple(book_data.get("authors", ())),
        publisher=book_data.get("publisher", ""),
        date=str(book_data.get("date", "")),
        language=book_data.get("language", "zh-CN"),
        description=book_data.get("description", ""),
    )
    chapters, problems = [], []
    for rel in book_data["articles"]:
        article = root / rel
        try:
            text = read_source(article)
            chapters.append(Chapter(article, *read_markdown(text, path=article)))
        except OSError as exc:
            problems.append(f"cannot read article {rel!r}: {exc.strerror}")
        except UnicodeDecodeError:
            problems.append(f"cannot read article {rel!r}: not UTF-8 text")
        except PublishError as exc:
            problems.append(str(exc))
    if problems:
        # Every article's problem at once: an editor fixes them in one go, not one a build.
        raise ConfigError(
            "\n".join(problems), path=path,
            hint="fix the paths in the articles list (or run publish clean to make them) and the articles named",
        )
    if not chapters:
        raise ConfigError("the articles list is empty", path=path)
    cover = book_data.get("cover")
    return Book(
        root=root,
        meta=meta,
        style=resolve_style(style or book_data.get("style", "book"), root),
        trim=book_data.get("trim", "A5"),
        cover=(root / cover) if cover else None,
        chapters=tuple(chapters),
    )
