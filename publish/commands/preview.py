"""``publish preview``: the HTML edition served on 127.0.0.1, reloading as the editor works.

The site is rendered into memory by ``publish.render.html.write`` and served by the standard
library's HTTP server in a thread. A watcher thread polls the modification times of
book.toml, the Markdown under the book's folder and the style's files; on a change it
renders again and bumps a version number. Each page carries a few lines of script that
poll ``/_version`` and reload when it moves on. No other service, no websocket.
"""

from __future__ import annotations

import html
import json
import logging
import mimetypes
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlparse

from publish.book import load_book
from publish.errors import ConfigError, PublishError
from publish.fetcher import RefusedResource, Sandbox
from publish.fonts import WEIGHTS, find_face, font_face_rule
from publish.fsutil import file_states
from publish.render.html.write import INDEX, SiteOptions, write_site
from publish.render.resources import book_sandbox
from publish.styles import load_style

LOGGER = logging.getLogger(__name__)
VERSION_PATH = "/_version"
FONTS_PATH = "/_fonts/"
WATCHED_SUFFIXES = {".md", ".toml", ".css"}

RELOAD_SCRIPT = """<script>(function () {{
  var seen = {version};
  function poll() {{
    fetch("{path}", {{cache: "no-store"}}).then(function (r) {{ return r.json(); }})
      .then(function (d) {{ if (d.version !== seen) {{ location.reload(); }} }})
      .catch(function () {{}})
      .finally(function () {{ setTimeout(poll, {interval}); }});
  }}
  setTimeout(poll, {interval});
}})();</script>"""


@dataclass
class PreviewState:
    """What the server serves: the current rendering of the book and its version."""

    book_path: Path
    user_css: tuple[Path, ...] = ()
    interval_ms: int = 400
    version: int = 0
    files: dict[str, bytes] = field(default_factory=dict)
    fonts: dict[str, Path] = field(default_factory=dict)
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    mtimes: dict[Path, tuple[int, int]] = field(default_factory=dict)
    article_folders: tuple[Path, ...] = ()
    """Folders of the book's articles as of the last rendering that loaded."""
    style_folders: tuple[Path, ...] = ()
    images: frozenset[Path] = frozenset()
    """Local image files the articles point at, as of the last rendering that loaded."""
    """The style's folders as of the last rendering that loaded (kept while book.toml is broken)."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Held while the served files are swapped or read."""
    refreshing: threading.Lock = field(default_factory=threading.Lock)
    """One refresh at a time (the watcher's, or a caller's)."""

    def watched(self) -> dict[Path, tuple[int, int]]:
        """(size, mtime) of every file whose change should reload the page."""
        paths = {self.book_path, *self.user_css, *self.images}
        # Every .md beside the book and its articles, listed or not: creating an article
        # book.toml names but that was missing re-renders (and clears the error page).
        for folder in {self.book_path.parent, self.book_path.parent / "articles", *self.article_folders}:
            paths.update(folder.glob("*.md"))
        for folder in self.style_folders:
            paths.update(p for p in folder.rglob("*") if p.suffix in WATCHED_SUFFIXES)
        return file_states(paths)

    def render(self) -> None:
        """Render the book again (or the error that stops it) as the next version."""
        version = self.version + 1
        script = RELOAD_SCRIPT.format(version=version, path=VERSION_PATH, interval=self.interval_ms)
        try:
            book = load_book(self.book_path)
            css = (*book.settings.css, *self.user_css)  # [build] css, then --css
            style = load_style(book.style, user_css=css)
            self.style_folders = style.folders
            self.article_folders = tuple({c.path.parent for c in book.chapters})
            fonts, faces_css = preview_faces(style.roles, book_sandbox(book.root, style))
            opts = SiteOptions(user_css=css, head_extra=faces_css + script)
            files, error = write_site(book, opts), ""
            self.images = frozenset(opts.local_images)
        except PublishError as exc:
            fonts, opts, error = {}, SiteOptions(), str(exc)
            files = {INDEX: error_page(error, script)}
        with self.lock:
            self.files, self.fonts, self.error = files, fonts, error
            self.warnings = list(opts.warnings)
            self.version = version

    def refresh(self) -> bool:
        """Render again if a watched file changed; True when it did."""
        with self.refreshing:
            return self._refresh()

    def _refresh(self) -> bool:
        mtimes = self.watched()
        if mtimes == self.mtimes:
            return False
        self.render()
        # Files watched before keep their stamps from before the rendering, so an edit
        # made during it is seen next time; files the rendering added (another style's)
        # are stamped now, so they do not cause a second rendering.
        after = self.watched()
        self.mtimes = {p: mtimes.get(p, stamp) for p, stamp in after.items()}
        return True

    def page(self, rel: str) -> bytes | None:
        """A file of the site; while the book is broken, every page is the error page."""
        if self.error and rel.endswith(".html"):
            return self.files[INDEX]
        return self.files.get(rel)


def preview_faces(roles: tuple[str, ...], sandbox: Sandbox) -> tuple[dict[str, Path], str]:
    """The installed faces served under /_fonts/, and the @font-face rules naming them:
    only files the book's sandbox takes for fonts in the font folders."""
    files: dict[str, Path] = {}
    rules = []
    for role in roles:
        try:
            face = find_face(role)
        except PublishError:
            continue  # the screen falls back to the reader's own faces (the EPUB stacks)
        for weight, found in face.files.items():
            try:
                path = sandbox.resolve(found.resolve().as_uri())
            except RefusedResource:
                continue
            files[path.name] = path
            rules.append(font_face_rule(face.family, WEIGHTS[weight], f"{FONTS_PATH}{path.name}"))
    return files, f"<style>{' '.join(rules)}</style>" if rules else ""


def error_page(message: str, script: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"/><title>publish: error</title>'
        '<style>body { font: 16px/1.6 sans-serif; max-width: 48em; margin: 2em auto; }'
        ' pre { white-space: pre-wrap; background: #fff3f3; padding: 1em; }</style>'
        f'{script}</head><body><h1>The book cannot be built</h1><pre class="error">{html.escape(message)}</pre>'
        "<p>Fix the file named above and save it: this page reloads by itself.</p></body></html>\n"
    ).encode("utf-8")


LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
MISDIRECTED = b"publish preview answers only to http://localhost, 127.0.0.1 or [::1]\n"


def loopback_host(host: str | None, port: int) -> bool:
    """Whether a request's Host header names this machine (and this port, if any).

    A web page the editor visits can make its own name resolve to 127.0.0.1 (DNS
    rebinding) and read the preview through it; its requests carry that name in Host."""
    if not host:
        return False
    name, given = host.strip().lower(), ""
    if not name.endswith("]") and ":" in name:
        name, _, given = name.rpartition(":")
    return name in LOOPBACK_NAMES and given in ("", str(port))


def handler_for(state: PreviewState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            if not loopback_host(self.headers.get("Host"), cast(HTTPServer, self.server).server_port):
                return self.send(421, MISDIRECTED, "text/plain; charset=utf-8")
            path = unquote(urlparse(self.path).path)
            with state.lock:
                if path == VERSION_PATH:
                    body = json.dumps({"version": state.version, "error": state.error}).encode()
                    return self.send(200, body, "application/json")
                if path.startswith(FONTS_PATH) and path[len(FONTS_PATH):] in state.fonts:
                    font = state.fonts[path[len(FONTS_PATH):]]
                    mime = mimetypes.guess_type(font.name)[0] or "font/ttf"
                    return self.send(200, font.read_bytes(), mime, cache="max-age=86400")
                rel = path.lstrip("/") or INDEX
                if rel.endswith("/"):
                    rel += INDEX
                data = state.page(rel)
            if data is None:
                return self.send(404, b"not found", "text/plain; charset=utf-8")
            mime = mimetypes.guess_type(rel)[0] or "application/octet-stream"
            if mime.startswith("text/"):
                mime += "; charset=utf-8"
            self.send(200, data, mime)

        def send(self, status: int, body: bytes, mime: str, cache: str = "no-store") -> None:
            """Pages are never cached (they change on every save); faces are (15 MB each)."""
            self.send_response(status)
            self.send_header("Content-Type", mime)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", cache)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the editor's terminal shows the URL and errors, not every request

    return Handler


@dataclass
class PreviewServer:
    """A running preview: its URL, its state, and how to stop it."""

    state: PreviewState
    server: ThreadingHTTPServer
    stopping: threading.Event
    threads: tuple[threading.Thread, ...]

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        return f"http://{name}:{port}/"

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)


def start(
    book_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    user_css: tuple[Path, ...] = (),
    poll_seconds: float = 0.3,
) -> PreviewServer:
    """Render the book and serve it in background threads; port 0 picks a free port.

    A manifest that is not there stops it at once, as ``publish build`` stops (a broken
    article does not: the page shows the error until the editor saves a fix)."""
    if not book_path.is_file():
        raise ConfigError(
            "cannot read the book manifest: no such file", path=book_path,
            hint="pass --book with the path of a book.toml (publish init makes one)",
        )
    state = PreviewState(book_path, user_css=user_css, interval_ms=int(poll_seconds * 1000) + 100)
    state.refresh()
    try:
        server = ThreadingHTTPServer((host, port), handler_for(state))
    except OSError as exc:
        raise PublishError(f"cannot serve on {host}:{port}: {exc.strerror}", hint="try another --port") from exc
    server.daemon_threads = True
    stopping = threading.Event()

    def watch() -> None:
        while not stopping.wait(poll_seconds):
            try:
                state.refresh()
            except Exception:  # a bug must not end the watching; the next save tries again
                LOGGER.exception("preview: rendering failed")

    threads = (
        threading.Thread(target=server.serve_forever, name="preview-http", daemon=True),
        threading.Thread(target=watch, name="preview-watch", daemon=True),
    )
    for thread in threads:
        thread.start()
    return PreviewServer(state, server, stopping, threads)
