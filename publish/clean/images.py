"""Figures' images: copy what the scrape saved into the book's images folder.

Separate from reading because it touches the file system: an image the scrape kept
(a file beside the page, in the browser's ``NAME_files/`` folder, or a ``data:`` URI) is
checked to be an image (Pillow) and copied under a name made from its content hash, so
re-cleaning writes the same file and two pages sharing an image share one file. An image
the scrape did not keep stays a captioned figure pointing at its original URL, with a
warning. Nothing is downloaded here.

An image is measured from its header (``publish.limits.image_problem``) before Pillow
verifies it or anything is copied: one that claims more pixels than the limit (a
decompression bomb) is dropped with a warning, its caption kept, and the page goes on.
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from markdown_it.common.normalize_url import normalizeLink

from publish.clean.state import CleanState
from publish.fsutil import atomic_write_bytes, sha256_hex
from publish.limits import image_problem

_DATA_URI = re.compile(r"^data:(image/[\w.+-]+)?(;base64)?,(.*)$", re.S | re.I)
MAX_IMAGE_BYTES = 20 * 1024 * 1024


def image_format(data: bytes) -> str | None:
    """The file extension of ``data`` when Pillow recognises it as an image, else None."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.verify()
            fmt = (img.format or "").lower()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    return {"jpeg": "jpg"}.get(fmt, fmt) or None


def _local_bytes(src: str, page: Path) -> bytes | None:
    m = _DATA_URI.match(src)
    if m:
        try:
            payload = m.group(3)
            return base64.b64decode(payload) if m.group(2) else unquote(payload).encode("latin-1")
        except (binascii.Error, ValueError, UnicodeEncodeError):
            return None
    parsed = urlparse(src)
    rel = unquote(parsed.path)
    name = Path(rel).name
    saved = page.parent / f"{page.stem}_files" / name
    if parsed.scheme in ("http", "https"):
        # A browser's "save page" keeps remote images in NAME_files/, whatever the src says.
        candidates: tuple[Path, ...] = (saved,) if name else ()
    elif parsed.scheme in ("", "file"):
        candidates = (page.parent / rel.lstrip("/"), saved, page.parent / name)
    else:
        return None
    home = page.parent.resolve()
    for candidate in candidates:
        try:
            # Only files beside the page: a src of ../../x.png does not reach elsewhere.
            if not candidate.resolve().is_relative_to(home):
                continue
            if candidate.is_file() and candidate.stat().st_size <= MAX_IMAGE_BYTES:
                return candidate.read_bytes()
        except OSError:
            continue
    return None


class ImageRefused(Exception):
    """An image too costly to keep (``image_problem``): the reason is the message."""


def save_image(data: bytes, images_dir: Path) -> str | None:
    """Write ``data`` as ``<hash>.<ext>`` in ``images_dir``; its file name, or None when it
    is not an image. Raises ImageRefused, before anything is written, for an image whose
    header claims more pixels than the limit."""
    problem = image_problem(data, "")
    if problem:
        raise ImageRefused(problem)
    ext = image_format(data)
    if ext is None:
        return None
    name = f"{sha256_hex(data)[:16]}.{ext}"
    target = images_dir / name
    if not target.exists():
        images_dir.mkdir(parents=True, exist_ok=True)
        # Named by its content, an image is written once; ``publish clean`` sweeps the
        # parts killed writers left in the folder once per batch, not at every image.
        atomic_write_bytes(target, data, sweep=False)
    return name


def fetch_image(url: str) -> bytes:
    """``publish.fetcher.fetch_image``, imported on first use: the fetcher brings WeasyPrint
    with it (half a second of imports), which cleaning without ``--fetch-images`` never needs."""
    from publish.fetcher import fetch_image as fetch

    data: bytes = fetch(url)
    return data


def resolve_images(state: CleanState) -> None:
    """Every image block gets a local copy, or its absolute URL and a warning.

    URLs are percent-encoded the way the Markdown reader normalises them, so an article
    reads back exactly as it was written.
    """
    _resolve(state)
    for block in state.blocks:
        if block.kind == "image" and block.src:
            block.src = normalizeLink(block.src)
    # An image with neither a file nor a caption has nothing left to print.
    state.blocks = [b for b in state.blocks if b.kind != "image" or b.src or b.text]


def _fetched(url: str, state: CleanState) -> str:
    """The image at ``url`` downloaded and saved (``--fetch-images``), or '' with a warning."""
    from publish.fetcher import RefusedResource

    assert state.images_dir is not None and state.markdown_dir is not None
    try:
        name = save_image(fetch_image(url), state.images_dir)
    except RefusedResource as exc:
        state.report.append(str(exc))
        return ""
    except ImageRefused as exc:
        state.report.append(f"image {url} refused ({exc}); caption kept")
        return ""
    if name is None:
        return ""
    return Path(os.path.relpath(state.images_dir / name, state.markdown_dir)).as_posix()


def _shown(src: str) -> str:
    """``src`` for a warning: a data: URI by its head only, not its thousands of bytes."""
    return src[: src.find(",") + 1] + "…" if src.startswith("data:") else src


def _resolve(state: CleanState) -> None:
    for block in state.blocks:
        if block.kind != "image" or not block.src:
            continue
        # Without a folder to copy into, the scrape's files are not looked for at all.
        saving = state.images_dir is not None and state.markdown_dir is not None
        data = _local_bytes(block.src, state.path) if saving else None
        if data is not None and state.images_dir is not None and state.markdown_dir is not None:
            try:
                name = save_image(data, state.images_dir)
            except ImageRefused as exc:
                state.report.append(f"image {_shown(block.src)} refused ({exc}); caption kept")
                block.src = ""
                continue
            if name is not None:
                rel = os.path.relpath(state.images_dir / name, state.markdown_dir)
                block.src = Path(rel).as_posix()
                continue
        if block.src.startswith("data:"):
            block.src = ""
            state.report.append("an embedded image is not a readable image; the caption is kept")
            continue
        absolute = urljoin(state.url, block.src) if state.url else block.src
        if absolute.startswith("//"):
            absolute = "https:" + absolute
        if urlparse(absolute).scheme in ("http", "https"):
            block.src = absolute
            if state.fetch_images and state.images_dir is not None and state.markdown_dir is not None:
                local = _fetched(absolute, state)
                if local:
                    block.src = local
                    continue
                state.report.append(f"image kept as a link: {absolute}")
                continue
            if state.images_dir is not None:
                state.report.append(f"image not saved by the scrape, kept as a link: {absolute}")
        elif state.images_dir is not None:
            state.report.append(f"image not found beside the page: {block.src}; caption kept")
            block.src = ""
