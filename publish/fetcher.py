"""The one resource fetcher: every image, font and style sheet any stage reads.

Scraped pages are untrusted, and so is the Markdown made from them. The fetcher reads
only files under the roots it is given (the book's folder, the styles, the installed
fonts), after resolving symlinks, plus inline ``data:`` images; every other URL —
``file:///etc/passwd``, ``../../`` escapes, ``http(s)://`` and any other scheme — is
refused with a warning that names it. No network access ever happens while building.
"""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

LOGGER = logging.getLogger(__name__)

MAX_RESOURCE_BYTES = 64 * 1024 * 1024
"""Larger files are refused: no image in a booklet needs more, and fonts stay below."""


class RefusedResource(ValueError):
    """A resource outside the sandbox; WeasyPrint logs it and renders without it."""


@dataclass
class Sandbox:
    roots: tuple[Path, ...]
    refused: list[str] = field(default_factory=list)
    """Every URL refused during a build, for the build report."""

    def __post_init__(self) -> None:
        self.roots = tuple(r.resolve() for r in self.roots)

    def resolve(self, url: str) -> Path:
        """The local file a URL names, or RefusedResource."""
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise self._refuse(url, f"scheme {parsed.scheme or '(none)'!r} is not allowed")
        path = Path(url2pathname(unquote(parsed.path))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise self._refuse(url, "outside the project")
        if not path.is_file():
            raise self._refuse(url, "no such file")
        if path.stat().st_size > MAX_RESOURCE_BYTES:
            raise self._refuse(url, "larger than 64 MB")
        return path

    def read(self, url: str) -> bytes:
        return self.resolve(url).read_bytes()

    def _refuse(self, url: str, why: str) -> RefusedResource:
        self.refused.append(url)
        LOGGER.warning("refused resource %s: %s", url, why)
        return RefusedResource(f"refused {url}: {why}")


class SandboxFetcher(URLFetcher):  # type: ignore[misc]
    """WeasyPrint's url_fetcher, limited to the sandbox and to data: URIs."""

    def __init__(self, sandbox: Sandbox) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.sandbox = sandbox

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self.sandbox.resolve(url)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime}
        )
