"""The render cache: each part's page count and PDF, keyed by everything that affects them.

Separate from the renderer so the rules of what makes a key are in one place. A key hashes
the tool and WeasyPrint versions, every style sheet's text, each font file's path, size and
modification time, the part's HTML (its text, anchors and image URLs), the bytes of every
image it names, its own CSS (running head) and, for a PDF, the number of its first page.
The EPUB's drawn cover is kept here too, keyed by the book's title lines and the faces.
The folder (``$PUBLISH_CACHE``, else ``.cache/render/`` beside book.toml) holds only
derived files: deleting it costs one full build, nothing else. Each entry begins with its
own name (``entry_header``), so an entry moved or copied under another key is a miss, not
a book built from the wrong part; temporary files a killed writer left are swept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from publish.fsutil import process_alive
from publish.render.pdf.weasy.refit import Edit

CACHE_ENV = "PUBLISH_CACHE"
_FILE_URL = re.compile(r'(?:src|href)="(file:[^"]+)"')
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"
"""The last chunk of every whole PNG file."""
_FONT_URL = re.compile(r"url\(['\"]?(file:[^'\")]+)")


def cache_dir(book_root: Path) -> Path:
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else book_root / ".cache" / "render"


def stat_token(path: Path) -> str:
    """What says a file changed without reading it: its path, size and mtime."""
    try:
        st = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def setup_key(versions: str, sheets: list[str]) -> str:
    """The key part shared by every part of a build: versions, sheets, the fonts they name."""
    digest = hashlib.sha256(versions.encode())
    for sheet in sheets:
        digest.update(b"\0sheet\0" + sheet.encode())
        for path in font_files([sheet]):
            digest.update(stat_token(path).encode())
    return digest.hexdigest()


def font_files(sheets: list[str]) -> tuple[Path, ...]:
    """The local font files the sheets' @font-face rules name, in order, once each."""
    paths = (Path(unquote(urlparse(url).path)) for sheet in sheets for url in _FONT_URL.findall(sheet))
    return tuple(dict.fromkeys(paths))


def part_key(setup: str, html: str, css: str) -> str:
    """A part's key without its page offset: what its page count depends on."""
    digest = hashlib.sha256(setup.encode())
    digest.update(b"\0html\0" + html.encode() + b"\0css\0" + css.encode())
    for url in sorted(set(_FILE_URL.findall(html))):
        path = Path(unquote(urlparse(url).path))
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def pdf_key(key: str, first_page: int) -> str:
    return hashlib.sha256(f"{key}:{first_page}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Layout:
    """What the count pass learns of a part."""

    pages: int
    """Pages, the blank verso before the next recto included."""
    last_blank: bool
    anchors: dict[str, int]
    """Anchor → 0-based page within the part."""
    edits: tuple[Edit, ...] | None = ()
    """What the stretched-line refit changed in the part's article (``refit.edits``), for
    the one-pass build to apply; None where it changed something outside the article."""


@dataclass(frozen=True, slots=True)
class RenderCache:
    folder: Path | None
    """None: no cache (``--no-cache``)."""

    def layout(self, key: str) -> Layout | None:
        data = self._read(f"{key}.json")
        if data is None:
            return None
        try:
            raw = json.loads(data)
            edits = None if raw["edits"] is None else tuple(Edit(int(n), str(f), str(v)) for n, f, v in raw["edits"])
            return Layout(
                pages=int(raw["pages"]), last_blank=bool(raw["last_blank"]), anchors=dict(raw["anchors"]), edits=edits
            )
        except (ValueError, KeyError, TypeError):
            return None  # a damaged entry is a miss

    def store_layout(self, key: str, layout: Layout) -> None:
        edits = None if layout.edits is None else [[e.element, e.field, e.value] for e in layout.edits]
        raw = {"pages": layout.pages, "last_blank": layout.last_blank, "anchors": layout.anchors, "edits": edits}
        self._write(f"{key}.json", json.dumps(raw, sort_keys=True).encode())

    def pdf(self, key: str) -> bytes | None:
        data = self._read(f"{key}.pdf")
        if data is None or not data.startswith(b"%PDF-") or b"%%EOF" not in data[-32:]:
            return None  # missing or damaged: a miss
        return data

    def store_pdf(self, key: str, data: bytes) -> None:
        self._write(f"{key}.pdf", data)

    def font(self, key: str) -> bytes | None:
        """A face cut for a merged book (``pdf.fonts``): a TrueType or OpenType file."""
        data = self._read(f"{key}.font")
        if data is None or data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true") or len(data) < 64:
            return None
        return data

    def store_font(self, key: str, data: bytes) -> None:
        self._write(f"{key}.font", data)

    def png(self, key: str) -> bytes | None:
        """A drawn image (the EPUB's typographic cover); a cut-off file is a miss."""
        data = self._read(f"{key}.png")
        if data is None or not data.startswith(PNG_SIGNATURE) or not data.endswith(PNG_END):
            return None
        return data

    def store_png(self, key: str, data: bytes) -> None:
        self._write(f"{key}.png", data)

    def _read(self, name: str) -> bytes | None:
        """The entry's payload; None (a miss) when absent or not the entry ``name``."""
        if self.folder is None:
            return None
        path = self.folder / name[:2] / name
        try:
            data = path.read_bytes()
        except OSError:
            return None
        header = entry_header(name)
        if not data.startswith(header):
            # Another entry's bytes under this name (copied, renamed, swapped) or an entry
            # of an older format: using it would build the wrong page. Dropped, rebuilt.
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return data[len(header):]

    def _write(self, name: str, data: bytes) -> None:
        if self.folder is None:
            return
        target = self.folder / name[:2] / name
        tmp = target.with_name(f".{name}.{os.getpid()}{TMP_SUFFIX}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            sweep_stale_tmp(target.parent)
            tmp.write_bytes(entry_header(name) + data)
            os.replace(tmp, target)  # whole or absent; no fsync: a lost entry is a miss
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)  # a cache that cannot be written only costs time


ENTRY_MAGIC = b"publish-render-cache 1 "
TMP_SUFFIX = ".tmp"
STALE_TMP_S = 3600.0
"""A write takes well under a second: a temporary file this old was left by a writer
that was killed, whatever its pid now names."""
_TMP_NAME = re.compile(r"^\..+\.(\d+)\.tmp$")


def entry_header(name: str) -> bytes:
    """What every entry starts with: its own file name (the key and the kind), so an entry
    read under another name is known for what it is. The payload after it is the cached
    bytes themselves, unchanged."""
    return ENTRY_MAGIC + name.encode("ascii") + b"\n"


def sweep_stale_tmp(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files in ``folder`` that no writer will rename: their writer's
    process is gone (``kill -9`` mid-write) or they are older than ``STALE_TMP_S``."""
    now = time.time() if now is None else now
    removed = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            match = _TMP_NAME.match(path.name)
            if match is None:
                continue
            with contextlib.suppress(OSError):
                if not process_alive(int(match.group(1))) or now - path.stat().st_mtime > STALE_TMP_S:
                    path.unlink()
                    removed.append(path)
    return removed
    return True
