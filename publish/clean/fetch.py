"""``--fetch-images``: download an image the scrape did not save — only when asked.

Separate from ``images`` because it is the cleaner's only network access, and it is an
explicit opt-in, never a side effect. Bounded on every side: http(s) only, a time limit
per request, a size limit read as the bytes arrive (a lying Content-Length cannot
exceed it), and the bytes must be an image Pillow recognises.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlparse

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 10.0
USER_AGENT = "publish-clean/0.1 (+image fetch requested with --fetch-images)"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT_SECONDS


class FetchRefused(Exception):
    """The image was not fetched; the message says why (for the user's warning)."""


class _NoRedirectToOtherSchemes(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlparse(newurl).scheme not in ("http", "https"):
            raise FetchRefused(f"redirected to a non-http address: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_image(url: str, limits: FetchLimits = FetchLimits()) -> bytes:
    """The bytes at ``url``; raises FetchRefused when any bound is hit or it is no image."""
    from publish.clean.images import image_format

    if urlparse(url).scheme not in ("http", "https"):
        raise FetchRefused(f"only http(s) images are fetched, not {url[:60]}")
    opener = urllib.request.build_opener(_NoRedirectToOtherSchemes)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "image/*"})
    try:
        with opener.open(request, timeout=limits.timeout) as response:
            data: bytes = response.read(limits.max_bytes + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FetchRefused(f"could not fetch {url}: {exc}") from exc
    if len(data) > limits.max_bytes:
        raise FetchRefused(f"{url} is larger than {limits.max_bytes} bytes")
    if image_format(data) is None:
        raise FetchRefused(f"{url} is not an image")
    return data
