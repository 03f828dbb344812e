"""The build stamp: an unchanged book builds nothing, without loading WeasyPrint.

``publish build`` of a book whose inputs and outputs are as the last build left them
returns at once: the stamp (``stamps/<out folder, formats>.json`` in the render cache,
``render.cache.cache_dir``) holds a digest of everything that shapes the outputs and the
size and mtime of each output as that build wrote it. What the digest covers:

- the book: every file under book.toml's folder (articles, images, book.toml, a style
  kept beside it), by content (files over ``CONTENT_BYTES`` by size and mtime), hidden
  folders (the render cache) and the output folder left out;
- the styles a book may name: ``styles/`` beside the book folder, the built-in styles, a
  style named by a path, and ``--css``;
- the faces: every font file where faces are looked for (``fonts.font_dirs``), by size and
  mtime (the render cache keys them so too);
- the options and formats asked for, and the tool: every file of the ``publish`` package
  by content, the libraries that shape an output (by their package's size and mtime), the
  Python version and the environment variables read by a build.

Anything unreadable, missing or unexpected means "build": the stamp can only skip a build
that would have written the same bytes. Only with the cache on (``--no-cache`` builds).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import tomllib
from pathlib import Path

from publish.errors import PublishError
from publish.fsutil import files_under
from publish.render import EDITIONS
from publish.render.cache import cache_dir
from publish.render.edition import Options

STAMP_VERSION = "1"
CONTENT_BYTES = 1 << 20
PACKAGE = Path(__file__).resolve().parents[1]
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "pikepdf", "ebooklib", "lxml", "PIL",
             "fontTools", "markdown_it", "mdit_py_plugins", "yaml", "pyphen", "html5lib", "tinyhtml5")
ENVIRONMENT = ("PUBLISH_FONTS_DIR", "SOURCE_DATE_EPOCH")


def _stat(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


def _content(path: Path) -> str:
    st = path.stat()
    if st.st_size > CONTENT_BYTES:
        return _stat(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _style_name(book_path: Path, options: Options) -> str:
    data = tomllib.loads(book_path.read_text(encoding="utf-8"))
    return str(options.style or data.get("book", data).get("style", ""))


def digest(book_path: Path, out_dir: Path, formats: tuple[str, ...], options: Options) -> str:
    """Everything that shapes the outputs, as one hash."""
    from publish.fonts import font_dirs

    root = book_path.resolve().parent
    skip = frozenset({out_dir.resolve(), cache_dir(root).resolve()})
    h = hashlib.sha256(f"stamp {STAMP_VERSION} {sys.version} {formats!r} {options!r}".encode())
    for name in ENVIRONMENT:
        h.update(f"{name}={os.environ.get(name)}\n".encode())
    style = _style_name(book_path, options)
    folders = [root, root.parent / "styles", PACKAGE.parent / "styles"]
    if "/" in style:
        folders.append(Path(style) if Path(style).is_absolute() else root / style)
    for folder in folders:
        for path in files_under(folder.resolve(), skip):
            h.update(f"{path} {_content(path)}\n".encode())
    for css in options.user_css:
        h.update(f"css {css.resolve()} {_content(css)}\n".encode())
    for folder in font_dirs():
        for path in files_under(folder, skip):
            h.update(f"font {path} {_stat(path)}\n".encode())
    for path in files_under(PACKAGE, frozenset()):
        if path.suffix in {".py", ".toml", ".css", ".json"}:
            h.update(f"code {path.relative_to(PACKAGE)} {_content(path)}\n".encode())
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        h.update(f"lib {library} {origin} {_stat(origin) if origin else '-'}\n".encode())
    return h.hexdigest()


def targets(book_path: Path, out_dir: Path, formats: tuple[str, ...]) -> list[Path]:
    data = tomllib.loads(book_path.read_text(encoding="utf-8"))
    name = str(data.get("book", data)["name"])
    return [out_dir / EDITIONS[fmt].target_name(name) for fmt in formats]


def _outputs_token(paths: list[Path]) -> list[str]:
    """Each output as the build left it: a file's size and mtime, a folder's every file's."""
    token = []
    for path in paths:
        if path.is_dir():
            token += [f"{p.relative_to(path)} {_stat(p)}" for p in files_under(path, frozenset())]
        else:
            token.append(f"{path.name} {_stat(path)}")
    return token


def _place(book_path: Path, out_dir: Path, formats: tuple[str, ...]) -> Path:
    key = hashlib.sha256(f"{out_dir.resolve()} {formats!r}".encode()).hexdigest()[:32]
    return cache_dir(book_path.resolve().parent) / "stamps" / f"{key}.json"


def fresh(book_path: Path, out_dir: Path, formats: tuple[str, ...], options: Options) -> tuple[list[Path], str] | None:
    """The outputs if the last build left them and nothing changed since; else None. The
    digest comes back to be saved after the build (``save``)."""
    if not options.cache:
        return None
    try:
        found = digest(book_path, out_dir, formats, options)
        outputs = targets(book_path, out_dir, formats)
    except (OSError, ValueError, KeyError, TypeError, tomllib.TOMLDecodeError):
        return None  # the build reports what is wrong
    try:
        stamp = json.loads(_place(book_path, out_dir, formats).read_text(encoding="utf-8"))
        if stamp == {"inputs": found, "outputs": _outputs_token(outputs)}:
            return outputs, found
    except (OSError, ValueError):
        pass  # no stamp, or an output gone
    return [], found


def save(book_path: Path, out_dir: Path, formats: tuple[str, ...], found: str, outputs: list[Path]) -> None:
    """Record the build's inputs (as they were when it started) and its outputs."""
    from publish.fsutil import atomic_write_bytes

    try:
        stamp = {"inputs": found, "outputs": _outputs_token(outputs)}
        atomic_write_bytes(_place(book_path, out_dir, formats), json.dumps(stamp).encode())
    except (OSError, ValueError, PublishError):
        pass  # no stamp: the next build builds
