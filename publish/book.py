"""The book manifest (book.toml) and the book it describes: metadata, order, style, trim.

Loading checks every key at once and reports all errors together with the file, so an
editor fixes book.toml in one go instead of one error per run.
"""

from __future__ import annotations

import datetime
import glob
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publish.book_settings import (
    ARTICLE_ORDERS,
    BuildSettings,
    build_settings,
    check_build,
    kind_name,
    unknown_key,
)
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
    "articles_order": str,
    "identifier": str,
    "isbn": str,
    "rights": str,
    "series": str,
    "series_index": int,
}
_LISTS_OF_TEXT = ("articles", "authors")


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
    identifier: str = ""
    """The EPUB's dc:identifier (a URN, a DOI …); the ISBN's urn:isbn: when only that is given."""
    isbn: str = ""
    rights: str = ""
    """dc:rights in the EPUB, the PDF's XMP: 版权 / licence statement."""
    series: str = ""
    """丛书名: the EPUB's belongs-to-collection."""
    series_index: int = 0
    """The book's number in its series (0: not numbered)."""


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
    trim: str | None
    """The trim book.toml names (a key of TRIMS), or None: the style's own page."""
    cover: Path | None
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)
    settings: BuildSettings = field(default_factory=BuildSettings)
    """The ``[build]`` table: what ``publish build`` does without flags."""


def _is_date(value: object) -> bool:
    """A real day (2026-13-45 is not), written YYYY-MM-DD or as a TOML date."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and is_iso_date(value)


def _items(value: Any) -> list[Any]:
    return list(value)


def _check(data: dict[str, Any], path: Path) -> list[str]:
    errors = []
    for key, value in data.items():
        if key not in _KEYS:
            errors.append(unknown_key(key, list(_KEYS), "book"))
        elif not isinstance(value, _KEYS[key]) or (isinstance(value, bool) and _KEYS[key] is int):
            errors.append(f"{key} must be a {kind_name(_KEYS[key])}")
        elif key in _LISTS_OF_TEXT and (wrong := [v for v in _items(value) if not isinstance(v, str)]):
            errors.append(f"{key} must be a list of strings in quotes ({wrong[0]!r} is not one)")
    if data.get("articles_order", "name") not in ARTICLE_ORDERS:
        errors.append(f"articles_order {data['articles_order']!r} is not one of {', '.join(ARTICLE_ORDERS)}")
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


def _tables(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``[book]`` table (or the top level when there is none) and ``[build]``."""
    build = data.get("build", {})
    if "book" in data:
        return data["book"], build
    return {k: v for k, v in data.items() if k != "build"}, build


def _both_places(book_data: dict[str, Any], build_data: dict[str, Any]) -> list[str]:
    """``style`` and ``cover`` may sit in [book] (as before) or [build]: not in both."""
    return [
        f"{key} is set in both [book] and [build]; keep one"
        for key in ("style", "cover") if key in book_data and key in build_data
    ]


def is_pattern(entry: str) -> bool:
    return glob.has_magic(entry)


def article_paths(root: Path, entries: list[str]) -> tuple[list[tuple[str, Path]], list[str]]:
    """Each entry of ``articles`` → (entry, path), a glob expanded to its files sorted by
    name (by date later, once read, when ``articles_order = "date"``); a file listed twice
    is read once, where it first appears. And the globs that matched nothing."""
    out: list[tuple[str, Path]] = []
    seen: set[Path] = set()
    empty = []
    for entry in entries:
        if is_pattern(entry):
            matches = sorted(Path(m) for m in glob.glob(str(root / entry)) if Path(m).is_file())
            if not matches:
                empty.append(f"the pattern {entry!r} matches no file (looked in {root / Path(entry).parent})")
            paths = [(entry, m) for m in matches]
        else:
            paths = [(entry, root / entry)]
        for item in paths:
            key = item[1].resolve()
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out, empty


def _by_date(chapters: list[tuple[str, Chapter]]) -> list[tuple[str, Chapter]]:
    """The chapters a glob matched, by front-matter date then file name; literal entries
    keep their places, each glob's files take the place of the glob."""
    out: list[tuple[str, Chapter]] = []
    run: list[tuple[str, Chapter]] = []

    def flush() -> None:
        out.extend(sorted(run, key=lambda c: (c[1].document.meta.date, c[1].path.name)))
        run.clear()

    for entry, chapter in chapters:
        if run and (not is_pattern(entry) or entry != run[0][0]):
            flush()
        if is_pattern(entry):
            run.append((entry, chapter))
        else:
            out.append((entry, chapter))
    flush()
    return out


def unclosed_front_matter(text: str) -> bool:
    """A file that opens front matter with ``---`` and never closes it: the Markdown
    reader would take the whole file as body text and then ask for a title."""
    lines = text.lstrip("\ufeff").splitlines()
    return bool(lines) and lines[0].rstrip() == "---" and not any(
        line.rstrip() in ("---", "...") for line in lines[1:]
    )


def _read_article(rel: str, article: Path) -> Chapter:
    """One article, or a PublishError naming the article itself (not book.toml)."""
    try:
        text = read_source(article)
    except OSError as exc:
        raise PublishError(f"cannot read the article listed as {rel!r}: {exc.strerror}", path=article) from exc
    except UnicodeDecodeError as exc:
        raise PublishError("cannot read the article: not UTF-8 text", path=article) from exc
    if unclosed_front_matter(text):
        raise PublishError(
            "the front matter opened by --- on line 1 is never closed",
            path=article, hint="end the front matter with a line of three dashes (---) before the text",
        )
    return Chapter(article, *read_markdown(text, path=article))


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
    book_data, build_data = _tables(data)
    errors = _check(book_data, path) + check_build(build_data) + _both_places(book_data, build_data)
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
        identifier=book_data.get("identifier", ""),
        isbn=book_data.get("isbn", ""),
        rights=book_data.get("rights", ""),
        series=book_data.get("series", ""),
        series_index=book_data.get("series_index", 0),
    )
    paths, problems = article_paths(root, book_data["articles"])
    read: list[tuple[str, Chapter]] = []
    for rel, article in paths:
        try:
            read.append((rel, _read_article(rel, article)))
        except PublishError as exc:
            problems.append(str(exc))
    if problems:
        # Every article's problem at once: an editor fixes them in one go, not one a build.
        raise ConfigError(
            "\n".join(problems),
            hint=f"fix the articles named, or the articles list in {path} (publish clean makes articles)",
        )
    if not read:
        raise ConfigError("the articles list is empty", path=path)
    if book_data.get("articles_order") == "date":
        read = _by_date(read)
    settings = build_settings(build_data, root)
    cover = build_data.get("cover", book_data.get("cover"))
    return Book(
        root=root,
        meta=meta,
        style=resolve_style(style or settings.style or book_data.get("style", "book"), root),
        trim=book_data.get("trim"),
        cover=(root / cover) if cover else None,
        chapters=tuple(chapter for _, chapter in read),
        settings=settings,
    )
