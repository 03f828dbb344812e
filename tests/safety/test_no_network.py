"""Building a book never touches the network, whatever its articles and style sheets link.

A threaded HTTP server on 127.0.0.1 stands in for "the network": it serves a real image,
style sheet and font, and records every request. The build must send it none.
"""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from publish.commands import build
from tests.safety.conftest import BookMaker, png


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        type(self).requests.append(self.path)
        body = png(4, 4) if self.path.endswith(".png") else b"p { color: red; }"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def network() -> Iterator[tuple[str, list[str]]]:
    """The base URL of a recording server, and the list of paths it was asked for."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _hostile_css(base: str) -> str:
    return (
        f'@import url("{base}/import.css");\n'
        f"@import '{base}/import2.css';\n"
        f'@font-face {{ font-family: Remote; src: url("{base}/font.woff2"); }}\n'
        f"body {{ font-family: Remote; background: url({base}/background.png); }}\n"
        f'p::before {{ content: url("{base}/before.png"); }}\n'
    )


def test_building_a_book_sends_the_network_no_request(
    network: tuple[str, list[str]], make_book: BookMaker, tmp_path: Path
) -> None:
    base, requests = network
    book = make_book(f"![图为远程图片。]({base}/figure.png)\n\n![]({base}/bare.png)")
    css = tmp_path / "mine.css"
    css.write_text(_hostile_css(base), encoding="utf-8")

    result = build.run(book, tmp_path / "dist", ("pdf", "epub"), user_css=(css,))

    assert requests == []
    assert [p.suffix for p in result.outputs] == [".pdf", ".epub"]
    with urllib.request.urlopen(f"{base}/probe.png", timeout=5) as reply:  # the server works
        assert reply.status == 200
    assert requests == ["/probe.png"]


def test_every_remote_resource_is_named_in_a_warning(
    network: tuple[str, list[str]], make_book: BookMaker, tmp_path: Path
) -> None:
    base, _requests = network
    book = make_book(f"![图为远程图片。]({base}/figure.png)")
    css = tmp_path / "mine.css"
    css.write_text(_hostile_css(base), encoding="utf-8")

    result = build.run(book, tmp_path / "dist", ("pdf", "epub"), user_css=(css,))

    warnings = "\n".join(result.warnings)
    for name in ("figure.png", "import.css", "import2.css", "font.woff2", "background.png", "before.png"):
        assert f"{base}/{name}" in warnings, name


def test_the_epub_carries_no_remote_reference(
    network: tuple[str, list[str]], make_book: BookMaker, tmp_path: Path
) -> None:
    import zipfile

    base, _requests = network
    book = make_book(f"![图为远程图片。]({base}/figure.png)")
    css = tmp_path / "mine.css"
    css.write_text(_hostile_css(base), encoding="utf-8")

    result = build.run(book, tmp_path / "dist", ("epub",), user_css=(css,))

    with zipfile.ZipFile(result.outputs[0]) as epub:
        texts = [epub.read(n).decode("utf-8", "replace") for n in epub.namelist()]
    assert not [t for t in texts if "127.0.0.1" in t]


def test_a_pdf_only_build_names_a_remote_image_it_did_not_fetch(
    network: tuple[str, list[str]], make_book: BookMaker, tmp_path: Path
) -> None:
    base, requests = network
    book = make_book(f"![图为远程图片。]({base}/figure.png)")

    result = build.run(book, tmp_path / "dist", ("pdf",))

    assert requests == []
    assert any(f"{base}/figure.png" in w for w in result.warnings), result.warnings
