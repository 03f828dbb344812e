"""The one resource fetcher: every image, font and style sheet any stage reads.

Scraped pages are untrusted, and so is the Markdown made from them. The fetcher reads
only files under the roots it is given (the book's folder, the styles, the installed
fonts), after resolving symlinks, and only images, fonts and style sheets — each from its
own place when built by ``Sandbox.policy`` (``publish.render.resources``) — plus inline
``data:`` images, fonts and style sheets;
every other URL — ``file:///etc/passwd``, ``../../`` escapes, symlinks that lead out,
``http(s)://``, ``ftp:``, ``javascript:``, ``data:text/html`` — is refused with a
warning that names it. Images are checked against ``publish.limits`` before any decoder
sees them. No network access ever happens while building: the fetcher has no opener.
The one exception, ``fetch_image``, serves only the cleaner's explicit ``--fetch-images``.
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import logging
import mimetypes
import re
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, unquote_to_bytes, urlparse
from urllib.request import url2pathname

from publish.limits import LIMITS, image_problem

LOGGER = logging.getLogger(__name__)

MAX_RESOURCE_BYTES = LIMITS.image_bytes
"""Larger files are refused: no image in a booklet needs more, and fonts stay below."""

DATA_TYPES = re.compile(
    r"^(image/(png|jpeg|gif|webp|svg\+xml)|font/[\w.+-]+|application/(x-)?font-[\w.+-]+"
    r"|application/vnd\.ms-fontobject|text/css)$"
)
"""Media types a ``data:`` URL may carry; ``data:text/html`` and the rest are refused."""

IMAGE_SUFFIXES = frozenset(".png .jpg .jpeg .gif .webp .bmp .tif .tiff .svg .svgz".split())
FONT_SUFFIXES = frozenset(".ttf .otf .ttc .otc .woff .woff2".split())
SHEET_SUFFIXES = frozenset({".css"})
FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf", b"wOFF", b"wOF2")
"""The first four bytes of a TrueType, OpenType, collection, WOFF or WOFF2 file."""

Kind = Literal["image", "font", "sheet"]


def file_kind(path: Path) -> Kind | None:
    """The kind of resource a file is, by its name: the only kinds a build ever reads."""
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix in FONT_SUFFIXES:
        return "font"
    if suffix in SHEET_SUFFIXES:
        return "sheet"
    return None


class RefusedResource(ValueError):
    """A resource outside the sandbox; WeasyPrint logs it and renders without it."""


@dataclass(frozen=True, slots=True)
class DataURL:
    media_type: str
    body: bytes


def parse_data_url(url: str) -> DataURL:
    """``data:[type][;param][;base64],payload`` → its media type and bytes."""
    header, sep, payload = url[5:].partition(",")
    if not sep:
        raise ValueError("a data: URL needs a comma")
    params = [p.strip() for p in header.split(";")]
    media = (params[0] or "text/plain").lower()
    if "base64" in params[1:]:
        body = base64.b64decode(unquote(payload), validate=False)
    else:
        body = unquote_to_bytes(payload)
    return DataURL(media, body)


@dataclass
class Sandbox:
    roots: tuple[Path, ...]
    refused: list[str] = field(default_factory=list)
    """Every URL refused during a build, for the build report."""
    images_only: bool = False
    """Serve image files only (by name): what an article may embed."""
    places: dict[Kind, tuple[Path, ...]] | None = None
    """Where each kind of file may be read from (folders, or the files themselves); None:
    every kind from every root. See :meth:`policy`."""

    def __post_init__(self) -> None:
        self.roots = tuple(r.resolve() for r in self.roots)
        if self.places is not None:
            self.places = {kind: tuple(p.resolve() for p in found) for kind, found in self.places.items()}

    @classmethod
    def policy(
        cls, *, images: tuple[Path, ...], sheets: tuple[Path, ...], fonts: tuple[Path, ...]
    ) -> Sandbox:
        """The resource policy of a book: images from ``images`` only, style sheets from
        ``sheets`` (folders, or single files: a user's --css opens nothing beside it),
        fonts from ``fonts`` only; each only as the kind of file it is."""
        places: dict[Kind, tuple[Path, ...]] = {"image": images, "sheet": sheets, "font": fonts}
        return cls(roots=(*images, *sheets, *fonts), places=places)

    def resolve(self, url: str) -> Path:
        """The local file a URL names, or RefusedResource."""
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise self.refuse(url, f"scheme {parsed.scheme or '(none)'!r} is not allowed")
        if parsed.netloc not in ("", "localhost"):
            raise self.refuse(url, f"file on another host {parsed.netloc!r}")
        try:
            path = Path(url2pathname(unquote(parsed.path))).resolve()
            inside = any(path.is_relative_to(root) for root in self.roots)
            is_file = inside and path.is_file()
            size = path.stat().st_size if is_file else 0
        except (OSError, ValueError) as exc:  # NUL bytes, loops, unreadable folders
            raise self.refuse(url, f"not a usable path ({exc})") from exc
        if not inside:
            raise self.refuse(url, "outside the project")
        if not is_file:
            raise self.refuse(url, "no such file")
        kind = file_kind(path)
        if self.images_only and kind != "image":
            raise self.refuse(url, "not an image file")
        if kind is None:
            raise self.refuse(url, "not an image, font or style sheet file")
        if self.places is not None and not any(path.is_relative_to(p) for p in self.places[kind]):
            raise self.refuse(url, f"not a place {kind}s are read from")
        if size > MAX_RESOURCE_BYTES:
            raise self.refuse(url, f"larger than {MAX_RESOURCE_BYTES // 1024 // 1024} MB")
        problem = _content_problem(path, kind)
        if problem:
            raise self.refuse(url, problem)
        return path

    def read(self, url: str) -> bytes:
        return self.resolve(url).read_bytes()

    def narrowed(self, *roots: Path) -> Sandbox:
        """An images-only sandbox over fewer roots, reporting into the same list: articles
        may embed images from the book's folder only — not book.toml, not your notes, not
        files from the styles, fonts or your CSS's folder."""
        return Sandbox(roots=roots, refused=self.refused, images_only=True)

    def data(self, url: str) -> DataURL:
        """An inline ``data:`` resource of an allowed type, or RefusedResource."""
        shown = url[:60] + ("…" if len(url) > 60 else "")
        try:
            data = parse_data_url(url)
        except ValueError as exc:
            raise self.refuse(shown, f"malformed data: URL ({exc})") from exc
        if not DATA_TYPES.match(data.media_type):
            raise self.refuse(shown, f"data: URLs of type {data.media_type!r} are not allowed")
        if len(data.body) > MAX_RESOURCE_BYTES:
            raise self.refuse(shown, "larger than the resource limit")
        if data.media_type.startswith("image/"):
            ext = mimetypes.guess_extension(data.media_type) or ""
            problem = image_problem(data.body, f"inline{ext}")
            if problem:
                raise self.refuse(shown, problem)
        return data

    def refuse(self, url: str, why: str) -> RefusedResource:
        self.refused.append(url)
        LOGGER.warning("refused resource %s: %s", url, why)
        return RefusedResource(f"refused {url}: {why}")


def _content_problem(path: Path, kind: Kind) -> str | None:
    """Why a file is not the kind its name says (or an image ``publish.limits`` refuses)."""
    if kind == "image":
        return image_problem(path.read_bytes(), path.name)
    if kind == "font":
        with path.open("rb") as fh:
            head = fh.read(4)
        return None if head in FONT_SIGNATURES else "not a font file"
    return None


@cache
def _sandbox_fetcher() -> type:
    """The class below, made on first use: importing WeasyPrint takes 0.4 s, and cleaning
    or an EPUB build never lays out a page."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SandboxFetcher(URLFetcher):  # type: ignore[misc]
        """WeasyPrint's url_fetcher, limited to the sandbox and to data: URIs; it never
        opens a connection, not even through WeasyPrint's own opener."""

        def __init__(self, sandbox: Sandbox) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.sandbox = sandbox

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if url[:5].lower() == "data:":
                data = self.sandbox.data(url)
                kind = {"Content-Type": data.media_type}
                return URLFetcherResponse(url, body=data.body, headers=kind)
            path = self.sandbox.resolve(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime}
            )

    return SandboxFetcher


def __getattr__(name: str) -> Any:
    """``SandboxFetcher``, WeasyPrint's fetcher limited to a sandbox (see ``_sandbox_fetcher``)."""
    if name == "SandboxFetcher":
        return _sandbox_fetcher()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------- --fetch-images

FETCH_TIMEOUT_S = 15.0
FETCH_MAX_BYTES = 16 * 1024 * 1024
_MAX_REDIRECTS = 3


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = _MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlparse(newurl).scheme not in ("http", "https"):
            raise RefusedResource(f"refused redirect to {newurl}: only http(s) images are fetched")
        _check_host(newurl, allow_private=getattr(req, "allow_private", False))
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.allow_private = getattr(req, "allow_private", False)  # type: ignore[attr-defined]
        return new


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A global address, and for IPv6 one that carries no IPv4 address of this machine or
    the local network either: ``::ffff:127.0.0.1`` (IPv4-mapped), ``2002:7f00:1::``
    (6to4), ``64:ff9b::a00:1`` (NAT64) reach the IPv4 address inside them, whatever
    ``is_global`` says of the IPv6 one. IPv4-compatible addresses (``::127.0.0.1``,
    deprecated since 2006) and Teredo tunnels (``2001::/32``) are refused whole."""
    if not address.is_global:
        return False
    if isinstance(address, ipaddress.IPv4Address):
        return True
    if address in _IPV4_COMPATIBLE or address.teredo is not None:
        return False
    inner = address.ipv4_mapped or address.sixtofour
    if inner is None and address in _NAT64:
        inner = ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return inner is None or inner.is_global


def _check_host(url: str, *, allow_private: bool) -> None:
    """Refuse hosts on this machine or the local network: a page must not make an
    editor's computer send requests to their router or intranet."""
    host = urlparse(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError) as exc:
        raise RefusedResource(f"refused {url}: cannot resolve {host!r}") from exc
    if allow_private:
        return
    for info in infos:
        if not is_public(ipaddress.ip_address(info[4][0])):
            raise RefusedResource(f"refused {url}: {host} is a local or private address")


def _refuse_private_peer(sock: socket.socket, host: str) -> None:
    """The address actually connected to, checked before a byte of the request is sent.

    ``_check_host`` resolves the name once to give a clear early refusal, but the
    connection resolves it again: a hostile DNS server can answer a public address the
    first time and 127.0.0.1 the second (DNS rebinding). Checking the peer of the open
    socket closes that window, for redirects too."""
    address = ipaddress.ip_address(sock.getpeername()[0])
    if not is_public(address):
        sock.close()
        raise RefusedResource(f"refused {host}: it connected to {address}, a local or private address")


class _Deadline:
    """One fetch's time limit, connecting and headers included.

    A socket timeout bounds each wait, not their sum: a server that sends its headers a
    byte a second keeps every wait short and holds the fetch for as long as it likes.
    Every connection the fetch opens (a redirect opens another) connects within the time
    left and is shut down when the time is up, which ends whatever read waits on it. The
    shutdown goes through a duplicate of the socket's descriptor: TLS wraps the socket in
    a new object and detaches the first, but a shutdown of either descriptor is the
    connection's, the handshake included.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return max(0.001, self.at - time.monotonic())

    def passed(self) -> bool:
        return self.expired or time.monotonic() > self.at

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock.dup())
            if self.expired:
                _shut(self._sockets[-1])

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def close(self) -> None:
        """Stop the clock and close the duplicates (the connections are closed by theirs)."""
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # the connection is already closed
        pass


def _guarded(connection: type[http.client.HTTPConnection], allow_private: bool, deadline: _Deadline):  # type: ignore[no-untyped-def]
    """A connection class whose sockets pass ``_refuse_private_peer`` (unless allowed),
    connect within the time the fetch has left and are shut down when it runs out."""

    def make(host: str, **kwargs: object) -> http.client.HTTPConnection:
        conn = connection(host, **kwargs)  # type: ignore[arg-type]
        create = conn._create_connection  # type: ignore[attr-defined]

        def create_checked(address: object, timeout: object, *args: object) -> socket.socket:
            sock: socket.socket = create(address, deadline.left(), *args)
            deadline.watch(sock)
            if not allow_private:
                _refuse_private_peer(sock, host)
            return sock

        conn._create_connection = create_checked  # type: ignore[attr-defined]
        return conn

    return make


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, allow_private: bool, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _guarded(http.client.HTTPConnection, allow_private, deadline)

    def http_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(self._connection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, allow_private: bool, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _guarded(http.client.HTTPSConnection, allow_private, deadline)

    def https_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(self._connection, req, context=self._context)  # type: ignore[attr-defined]


def fetch_image(
    url: str,
    *,
    timeout_s: float = FETCH_TIMEOUT_S,
    max_bytes: int = FETCH_MAX_BYTES,
    allow_private: bool = False,
) -> bytes:
    """One image over http(s), for the cleaner's explicit ``--fetch-images`` only.

    Refused (RefusedResource naming the URL): other schemes, redirects to them, local or
    private hosts, a response that is not ``image/*``, more than ``max_bytes``, slower in
    total than ``timeout_s`` (connecting, headers and body, redirects included; the name
    lookup is the system resolver's), or an image ``publish.limits`` refuses.
    """
    if urlparse(url).scheme not in ("http", "https"):
        raise RefusedResource(f"refused {url}: only http(s) images are fetched")
    _check_host(url, allow_private=allow_private)
    deadline = _Deadline(timeout_s)
    try:
        data = _fetch(url, deadline, max_bytes, allow_private)
    finally:
        deadline.close()
    problem = image_problem(data, urlparse(url).path)
    if problem:
        raise RefusedResource(f"refused {url}: {problem}")
    return data


def _fetch(url: str, deadline: _Deadline, max_bytes: int, allow_private: bool) -> bytes:
    """The body of ``url``, within ``deadline`` and ``max_bytes``."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _GuardedHTTPHandler(allow_private, deadline), _GuardedHTTPSHandler(allow_private, deadline),
        urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor(),
        _HttpOnlyRedirects(),
    ):
        opener.add_handler(handler)
    request = urllib.request.Request(url, headers={"User-Agent": "publish (image fetch)"})
    request.allow_private = allow_private  # type: ignore[attr-defined]
    too_slow = f"refused {url}: took longer than {deadline.seconds:.0f} s"
    chunks: list[bytes] = []
    try:
        with opener.open(request, timeout=deadline.seconds) as response:
            kind = response.headers.get_content_type()
            if not kind.startswith("image/"):
                raise RefusedResource(f"refused {url}: it is {kind}, not an image")
            size = 0
            while chunk := response.read1(64 * 1024):  # one recv: a drip cannot stall it
                size += len(chunk)
                if size > max_bytes:
                    limit = f"{max_bytes / 1024 / 1024:.1f}".rstrip("0").rstrip(".")
                    raise RefusedResource(f"refused {url}: larger than {limit} MB")
                if deadline.passed():
                    raise RefusedResource(too_slow)
                chunks.append(chunk)
    except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts, resets
        if deadline.passed():  # the shut-down socket reads as a closed connection
            raise RefusedResource(too_slow) from exc
        raise RefusedResource(f"could not fetch {url}: {exc}") from exc
    if deadline.expired:  # shut down mid-body: what arrived is not the whole image
        raise RefusedResource(too_slow)
    return b"".join(chunks)
