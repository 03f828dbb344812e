"""``fetch_image``, for the cleaner's explicit --fetch-images: images only, http(s) only,
bounded in size and time, never to this machine or the local network by default."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from publish.fetcher import RefusedResource, fetch_image, is_public
from tests.safety.conftest import bomb_png, png

IMAGE = png(4, 4)
SERVED: list[str] = []


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        SERVED.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        if self.path == "/slow-headers.png":
            self._trickle_headers()
            return
        if self.path == "/drip.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            for byte in IMAGE[:40]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
            return
        body, kind = {
            "/a.png": (IMAGE, "image/png"),
            "/rebind.png": (IMAGE, "image/png"),
            "/page.png": (b"<html>not an image</html>", "text/html"),
            "/big.png": (IMAGE + b"\0" * 300_000, "image/png"),
            "/bomb.png": (bomb_png(12_000, 12_000), "image/png"),
        }[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle_headers(self) -> None:
        """Headers a byte every 0.1 s for 5 s: every wait is short, their sum is not."""
        head = b"HTTP/1.0 200 OK\r\nContent-Type: image/png\r\nX-Slow: " + b"x" * 50
        try:
            for byte in head:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
            self.wfile.write(b"\r\n\r\n" + IMAGE)
        except OSError:  # the client gave up: what the test wants
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_image_is_fetched(site: str) -> None:
    assert fetch_image(f"{site}/a.png", allow_private=True) == IMAGE


def test_this_machine_and_the_local_network_are_refused_by_default(site: str) -> None:
    with pytest.raises(RefusedResource, match="local or private address"):
        fetch_image(f"{site}/a.png")


def test_a_name_that_resolves_public_then_private_is_refused_at_connect(
    site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the first lookup said "public" (the early check is passed here), the
    connection went to 127.0.0.1; the socket's peer is checked before the request is sent."""
    import publish.fetcher

    requests_seen: list[str] = []
    monkeypatch.setattr(publish.fetcher, "_check_host", lambda url, allow_private: requests_seen.append(url))
    with pytest.raises(RefusedResource, match="connected to 127.0.0.1, a local or private address"):
        fetch_image(f"{site}/rebind.png")
    assert requests_seen == [f"{site}/rebind.png"]
    assert "/rebind.png" not in SERVED


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/a.png", "data:image/png;base64,AA=="])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(RefusedResource, match="only http"):
        fetch_image(url, allow_private=True)


def test_a_redirect_to_a_file_is_refused(site: str) -> None:
    with pytest.raises(RefusedResource, match="file:///etc/passwd"):
        fetch_image(f"{site}/redirect", allow_private=True)


def test_a_page_that_is_not_an_image_is_refused(site: str) -> None:
    with pytest.raises(RefusedResource, match="text/html, not an image"):
        fetch_image(f"{site}/page.png", allow_private=True)


def test_an_image_over_the_size_limit_is_refused(site: str) -> None:
    with pytest.raises(RefusedResource, match="larger than"):
        fetch_image(f"{site}/big.png", allow_private=True, max_bytes=100_000)


def test_a_server_that_drips_is_cut_off_at_the_time_limit(site: str) -> None:
    with pytest.raises(RefusedResource, match="took longer than"):
        fetch_image(f"{site}/drip.png", allow_private=True, timeout_s=1)


def test_a_server_that_trickles_its_headers_is_cut_off_at_the_time_limit(site: str) -> None:
    start = time.monotonic()
    with pytest.raises(RefusedResource, match="took longer than 1 s"):
        fetch_image(f"{site}/slow-headers.png", allow_private=True, timeout_s=1)
    assert time.monotonic() - start < 2


@pytest.mark.parametrize(
    "address",
    [
        "::127.0.0.1",  # IPv4-compatible
        "::8.8.8.8",  # IPv4-compatible, deprecated: refused whole
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:192.168.1.1",
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    ],
)
def test_ipv6_addresses_that_carry_a_private_ipv4_address_are_private(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "2607:f8b0:4005:80c::200e", "::ffff:8.8.8.8", "2002:808:808::1"])
def test_public_addresses_stay_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


def test_an_ipv4_compatible_loopback_url_is_refused(site: str) -> None:
    port = site.rsplit(":", 1)[1]
    with pytest.raises(RefusedResource, match="local or private address"):
        fetch_image(f"http://[::127.0.0.1]:{port}/a.png")


def test_a_decompression_bomb_is_refused(site: str) -> None:
    with pytest.raises(RefusedResource, match="decompression bomb"):
        fetch_image(f"{site}/bomb.png", allow_private=True)
