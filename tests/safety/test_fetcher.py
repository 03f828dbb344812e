"""The sandboxed fetcher reads project files and allowed data: URLs, and refuses the rest."""

from __future__ import annotations

import base64
import logging
import os
from pathlib import Path

import pytest

from publish.css_filter import packaged_css
from publish.fetcher import RefusedResource, Sandbox, SandboxFetcher

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    (root / "articles" / "images").mkdir(parents=True)
    (root / "articles" / "images" / "a.png").write_bytes(PNG_1PX)
    (tmp_path / "secret.txt").write_text("机密", encoding="utf-8")
    return root


@pytest.fixture
def sandbox(project: Path) -> Sandbox:
    return Sandbox(roots=(project,))


def test_a_file_inside_the_project_is_served(project: Path, sandbox: Sandbox) -> None:
    url = (project / "articles" / "images" / "a.png").as_uri()
    assert sandbox.read(url) == PNG_1PX
    assert sandbox.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://evil.example/etc/passwd",
        "http://127.0.0.1/a.png",
        "https://www.12371.cn/a.jpg",
        "ftp://example.com/a.png",
        "javascript:alert(1)",
        "gopher://example.com/",
        "/etc/passwd",
    ],
)
def test_urls_outside_the_sandbox_are_refused_and_named(
    url: str, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="publish.fetcher"), pytest.raises(RefusedResource):
        sandbox.read(url)
    assert sandbox.refused == [url]
    assert url in caplog.text


def test_dot_dot_escape_is_refused(project: Path, sandbox: Sandbox) -> None:
    url = (project / "articles").as_uri() + "/../../secret.txt"
    with pytest.raises(RefusedResource, match="outside the project"):
        sandbox.read(url)


def test_percent_encoded_dot_dot_escape_is_refused(project: Path, sandbox: Sandbox) -> None:
    url = (project / "articles").as_uri() + "/%2e%2e/%2e%2e/secret.txt"
    with pytest.raises(RefusedResource, match="outside the project"):
        sandbox.read(url)


def test_symlink_leading_out_of_the_project_is_refused(project: Path, sandbox: Sandbox) -> None:
    link = project / "articles" / "images" / "innocent.png"
    os.symlink(project.parent / "secret.txt", link)
    with pytest.raises(RefusedResource, match="outside the project"):
        sandbox.read(link.as_uri())


def test_symlinked_folder_leading_out_is_refused(project: Path, sandbox: Sandbox) -> None:
    os.symlink(project.parent, project / "articles" / "up")
    with pytest.raises(RefusedResource, match="outside the project"):
        sandbox.read((project / "articles" / "up" / "secret.txt").as_uri())


def test_nul_byte_in_a_path_is_refused_not_a_crash(project: Path, sandbox: Sandbox) -> None:
    with pytest.raises(RefusedResource, match="not a usable path"):
        sandbox.read((project / "articles").as_uri() + "/a%00.png")


def test_data_url_image_is_served(sandbox: Sandbox) -> None:
    url = "data:image/png;base64," + base64.b64encode(PNG_1PX).decode()
    assert sandbox.data(url).body == PNG_1PX


@pytest.mark.parametrize(
    "url",
    [
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data:application/javascript,alert(1)",
        "data:,plain",
    ],
)
def test_data_urls_of_other_types_are_refused(url: str, sandbox: Sandbox) -> None:
    with pytest.raises(RefusedResource, match="not allowed"):
        sandbox.data(url)
    assert sandbox.refused


def test_weasyprint_fetcher_never_falls_back_to_its_own_opener(sandbox: Sandbox) -> None:
    fetcher = SandboxFetcher(sandbox)
    for url in ("http://127.0.0.1:9/x.css", "data:text/html,<p>x</p>", "file:///etc/passwd"):
        with pytest.raises(RefusedResource):
            fetcher.fetch(url)
    assert len(sandbox.refused) == 3


def test_packed_epub_css_keeps_no_remote_import_font_or_image(sandbox: Sandbox) -> None:
    css = (
        '@import url("http://127.0.0.1/x.css");\n'
        "@import 'https://fonts.example/y.css' screen;\n"
        '@font-face { font-family: X; src: url(https://fonts.example/x.woff2); }\n'
        "body { background: url('file:///etc/passwd'); color: #333; }\n"
    )
    packed = packaged_css(css, sandbox)
    for remote in ("127.0.0.1", "fonts.example", "/etc/passwd", "@import url", "@import '"):
        assert remote not in packed
    assert "color: #333" in packed
    assert len(sandbox.refused) == 4


def test_a_file_of_no_resource_kind_is_refused_even_inside_the_project(project: Path, sandbox: Sandbox) -> None:
    (project / "book.toml").write_text("[book]", encoding="utf-8")
    with pytest.raises(RefusedResource, match="not an image, font or style sheet"):
        sandbox.read((project / "book.toml").as_uri())


def test_a_file_named_as_a_font_that_is_not_one_is_refused(project: Path, sandbox: Sandbox) -> None:
    (project / "face.ttf").write_text("机密", encoding="utf-8")
    with pytest.raises(RefusedResource, match="not a font file"):
        sandbox.read((project / "face.ttf").as_uri())


def test_each_kind_is_read_from_its_own_place_only(project: Path, tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "a.png").write_bytes(PNG_1PX)
    (project / "face.ttf").write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 60)
    sandbox = Sandbox.policy(images=(project,), sheets=(), fonts=(fonts,))
    for misplaced in (fonts / "a.png", project / "face.ttf"):
        with pytest.raises(RefusedResource, match="not a place"):
            sandbox.read(misplaced.as_uri())
    assert sandbox.read((project / "articles" / "images" / "a.png").as_uri()) == PNG_1PX
