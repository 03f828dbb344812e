"""``publish init DIR``: a new book project an editor can build at once and then change.

It writes content/book.toml (every key, commented), a first article skeleton and a copy
of the built-in ``book`` style in styles/book/ to edit: a style beside the book wins over
the built-in one of the same name. Nothing that exists is ever overwritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from publish.commands.new import next_number, now_in_china, skeleton, slug
from publish.errors import PublishError
from publish.fsutil import atomic_write_text
from publish.styles import STYLES_DIR

DEFAULT_STYLE = "book"
FIRST_ARTICLE = "第一篇文章"

BOOK_TOML = """\
# 书的清单 / the book manifest. `publish build` reads it; paths are relative to this file.
[book]
# 输出文件名 / output file stem: dist/<name>.pdf, dist/<name>.epub, dist/<name>-html/
name = {name}
# 书名 / title: the title page, the 目录 and the files' metadata
title = {title}
# 副题 / subtitle (optional), under the title
# subtitle = "副题"
# 作者或编者 / authors or editors, any number
authors = ["编者"]
# 出版者 / publisher, at the foot of the title page
publisher = ""
# 出版日期 YYYY-MM-DD: also the files' dates, so the same book gives the same bytes
date = {date}
language = "zh-CN"
# 样式 / style: ../styles/{style}/ is your copy of the built-in style; edit its CSS
style = "{style}"
# 开本 / trim: A5, 32开, 16开, A4 (leave it out: the style's own page); margins and the
# measure follow it
trim = "A5"
# 篇目 / articles, in reading order; `publish new "标题"` and `publish clean --add-to`
# append here. A glob takes every file it matches: "articles/*.md"
articles = [
  {article},
]
# the order of the files a glob matches: "name" (file name) or "date" (front matter)
# articles_order = "name"
# 书号与版权 / identifiers and rights (the EPUB's metadata)
# isbn = "978-7-…"
# identifier = "urn:uuid:…"      # else urn:isbn: from isbn, else one made from the book
# rights = "© 2026 出版者"
# series = "丛书名"
# series_index = 1

# 构建设置 / build settings: what `publish build` does with no flags; a flag overrides
[build]
# css = ["extra.css"]            # your own CSS over the style (--css adds more)
# bleed = 3                      # PDF: bleed in mm (--bleed)
# marks = true                   # PDF: crop marks (--marks)
# tagged = true                  # PDF: tagged, for screen readers (--tagged)
# pdf_variant = "pdf/a-3b"       # PDF: archival or accessible variant (--pdf-variant)
# embed_fonts = "woff2"          # EPUB: embed subset faces, woff2 or ttf (--embed-fonts)
# cover = "cover.jpg"            # EPUB cover image (else one is drawn from the title)
# a figure whose picture the scrape did not keep: "mark" prints （图略） and its caption,
# "drop" leaves both out (--missing-pictures)
missing_pictures = "mark"
"""

GITIGNORE = "dist/\n"


@dataclass(frozen=True, slots=True)
class Project:
    root: Path
    book: Path
    created: list[Path] = field(default_factory=list)


def book_name(folder: Path) -> str:
    name = re.sub(r"[^\w.-]+", "-", folder.resolve().name).strip("-.")
    return name or "book"


def plan(root: Path, title: str) -> dict[Path, str]:
    """Every file the project starts with, and its text."""
    content = root / "content"
    first = content / "articles" / f"{next_number(content / 'articles'):03d}_{slug(FIRST_ARTICLE)}.md"
    files = {
        content / "book.toml": BOOK_TOML.format(
            name=json.dumps(book_name(root)), title=json.dumps(title, ensure_ascii=False),
            date=json.dumps(Date.today().isoformat()), style=DEFAULT_STYLE,
            article=json.dumps(first.relative_to(content).as_posix(), ensure_ascii=False),
        ),
        first: skeleton(FIRST_ARTICLE, now_in_china()),
        root / ".gitignore": GITIGNORE,
    }
    style_src = STYLES_DIR / DEFAULT_STYLE
    for path in sorted(style_src.iterdir()):
        if path.is_file():
            files[root / "styles" / DEFAULT_STYLE / path.name] = path.read_text(encoding="utf-8")
    return files


def run(root: Path, *, title: str = "书名") -> Project:
    """Create the project in ``root`` (made if missing); refuse if any file would be replaced."""
    files = plan(root, title)
    existing = [p for p in files if p.exists()]
    if existing:
        raise PublishError(
            f"{len(existing)} file(s) already exist; nothing was written: "
            + ", ".join(str(p) for p in existing),
            path=root, hint="choose an empty folder, or move those files away",
        )
    for path, text in files.items():
        atomic_write_text(path, text)
    return Project(root, root / "content" / "book.toml", sorted(files))
