"""``--fetch-images`` is opt-in: nothing is downloaded unless asked, and a fetched image is
saved by content hash. The fetch's own bounds (http(s) only, size, time, private hosts,
images only) are specified in tests/safety/test_fetch_images.py."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

import publish.clean.images
from publish.clean import clean_bytes
from publish.fetcher import fetch_image
from publish.model import Figure

CAPTION = "图为美姑县瓦古乡瓦以村综合帮扶队员跋山涉水走访贫困群众。"
PROSE = "<p>习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。</p>"


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (3, 2), (30, 30, 200)).save(buf, "PNG")
    return buf.getvalue()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        body = {"/a.png": _png(), "/page.html": b"<html>no image</html>"}.get(self.path, b"x" * 5000)
        self.send_response(200)
        self.send_header("Content-Type", "image/png" if self.path.endswith(".png") else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _page(src: str) -> bytes:
    return (
        f"<html><head><title>图片测试</title></head><body><div>{PROSE}<p><img src='{src}'></p>"
        f"<p>{CAPTION}</p>{PROSE}</div></body></html>"
    ).encode("utf-8")


def test_images_are_not_downloaded_unless_asked(server: str, tmp_path: Path) -> None:
    doc = clean_bytes(_page(f"{server}/a.png"), tmp_path / "p.html", out_dir=tmp_path / "articles").document
    figure = next(b for b in doc.blocks if isinstance(b, Figure))
    assert figure.src == f"{server}/a.png"
    assert not (tmp_path / "images").exists()


def test_fetch_images_saves_the_image_by_content_hash(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the stand-in server is on 127.0.0.1, which the fetcher refuses unless allowed
    monkeypatch.setattr(
        publish.clean.images, "fetch_image", lambda url: fetch_image(url, allow_private=True)
    )
    doc = clean_bytes(
        _page(f"{server}/a.png"), tmp_path / "p.html", out_dir=tmp_path / "articles", fetch_images=True
    ).document
    figure = next(b for b in doc.blocks if isinstance(b, Figure))
    assert figure.src.startswith("../images/") and figure.caption == CAPTION
    assert (tmp_path / figure.src.removeprefix("../")).read_bytes() == _png()
