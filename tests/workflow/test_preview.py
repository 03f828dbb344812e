"""``publish preview``: the HTML edition on 127.0.0.1, reloading in a real browser.

The browser tests drive Debian's headless Chromium; screenshots go to
$PUBLISH_SCREENSHOTS (when set) so a person can look at them.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish.commands import preview
from tests.workflow.browser import Browser

BODY_TEXT = "document.body ? document.body.innerText : ''"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def shoot(browser: Browser, name: str) -> None:
    folder = os.environ.get("PUBLISH_SCREENSHOTS")
    if folder:
        browser.wait_for("document.fonts.status === 'loaded'")
        browser.screenshot(Path(folder) / name)


@pytest.fixture
def served(book_copy: Path) -> Iterator[preview.PreviewServer]:
    server = preview.start(book_copy, poll_seconds=0.1)
    yield server
    server.stop()


@pytest.fixture
def still(book_copy: Path) -> Iterator[preview.PreviewServer]:
    """A preview whose watcher never fires: the test calls refresh() itself."""
    server = preview.start(book_copy, poll_seconds=3600)
    yield server
    server.stop()


def test_preview_listens_on_localhost_only_and_picks_a_free_port(served: preview.PreviewServer) -> None:
    assert served.url.startswith("http://127.0.0.1:")
    assert not served.url.endswith(":0/")


def test_preview_index_lists_the_articles_and_their_sections(served: preview.PreviewServer) -> None:
    index = fetch(served.url)
    assert "党旗高扬　决战决胜" in index
    assert '<a href="a1.html">2020年组织工作盘点·抓党建促脱贫攻坚</a>' in index
    assert "战斗堡垒在一线牢牢筑起" in index


def test_preview_article_has_the_repaired_text(served: preview.PreviewServer) -> None:
    page = fetch(served.url + "a1.html")
    assert "“短短一个月，挣了近2万块钱，比去年全家收入还多。”" in page


def test_version_endpoint_moves_on_when_an_article_changes(
    still: preview.PreviewServer, book_copy: Path
) -> None:
    before = json.loads(fetch(still.url + "_version"))["version"]
    article = next((book_copy.parent / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8").replace("这一年", "那一年"), encoding="utf-8")
    still.state.refresh()
    assert json.loads(fetch(still.url + "_version"))["version"] == before + 1
    assert "那一年，决战深贫" in fetch(still.url + "a1.html")


def test_unknown_paths_are_404_and_never_read_files(served: preview.PreviewServer) -> None:
    for path in ("nope.html", "../book.toml", "%2e%2e/book.toml", "_fonts/../../book.toml"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            fetch(served.url + path)
        assert caught.value.code == 404


def _status_with_host(server: preview.PreviewServer, host: str) -> int:
    """The status of GET / sent with this Host header (as a DNS-rebinding page would)."""
    import http.client

    port = server.server.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", "/", skip_host=True)
        conn.putheader("Host", host.format(port=port))
        conn.endheaders()
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}", "127.0.0.1.nip.io:{port}",
             "127.0.0.1:1", "0.0.0.0:{port}"],
)
def test_a_request_naming_another_host_is_refused(still: preview.PreviewServer, host: str) -> None:
    assert _status_with_host(still, host) == 421


@pytest.mark.parametrize("host", ["localhost:{port}", "127.0.0.1:{port}", "[::1]:{port}", "LOCALHOST", "127.0.0.1"])
def test_a_request_naming_this_machine_is_served(still: preview.PreviewServer, host: str) -> None:
    assert _status_with_host(still, host) == 200


def test_browser_shows_an_article_edit_without_a_manual_reload(
    served: preview.PreviewServer, book_copy: Path, browser: Browser
) -> None:
    browser.goto(served.url + "a1.html")
    browser.wait_for(f"({BODY_TEXT}).includes('这一年，决战深贫')")
    shoot(browser, "preview-article.png")
    browser.evaluate("window.notReloaded = true")
    article = next((book_copy.parent / "articles").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("这一年，决战深贫", "那一年，决战深贫"), encoding="utf-8")
    browser.wait_for(f"({BODY_TEXT}).includes('那一年，决战深贫')")
    assert browser.evaluate("window.notReloaded === undefined"), "the page itself reloaded"


def test_browser_shows_a_style_edit(tmp_path: Path, book_copy: Path, browser: Browser) -> None:
    user_css = tmp_path / "mine.css"
    user_css.write_text("h2 { color: rgb(0, 0, 200); }\n", encoding="utf-8")
    server = preview.start(book_copy, user_css=(user_css,), poll_seconds=0.1)
    try:
        browser.goto(server.url + "a1.html")
        colour = "getComputedStyle(document.querySelector('h2')).color"
        assert browser.evaluate(colour) == "rgb(0, 0, 200)"
        user_css.write_text("h2 { color: rgb(0, 150, 0); }\n", encoding="utf-8")
        browser.wait_for(f"{colour} === 'rgb(0, 150, 0)'")
    finally:
        server.stop()


def test_a_broken_book_toml_shows_the_error_then_the_book_again(
    served: preview.PreviewServer, book_copy: Path, browser: Browser
) -> None:
    browser.goto(served.url)
    good = book_copy.read_text(encoding="utf-8")
    book_copy.write_text(good.replace('trim = "A5"', 'trim = "B9"'), encoding="utf-8")
    browser.wait_for(f"({BODY_TEXT}).includes(\"trim 'B9'\")")
    assert "book.toml" in browser.evaluate(BODY_TEXT)
    shoot(browser, "preview-error.png")
    book_copy.write_text(good, encoding="utf-8")
    browser.wait_for(f"({BODY_TEXT}).includes('目录')")


def test_figures_show_their_images_in_the_browser(book_with_image: Path, browser: Browser) -> None:
    server = preview.start(book_with_image, poll_seconds=0.1)
    try:
        browser.goto(server.url + "a1.html")
        width = "document.querySelector('figure img') ? document.querySelector('figure img').naturalWidth : 0"
        assert browser.wait_for(width) == 320
        browser.evaluate("document.querySelector('figure').scrollIntoView()")
        shoot(browser, "preview-figure.png")
    finally:
        server.stop()


def test_replacing_an_image_renders_the_book_again(book_with_image: Path) -> None:
    from PIL import Image

    server = preview.start(book_with_image, poll_seconds=3600)
    try:
        before = server.state.version
        image = book_with_image.parent / "articles" / "images" / "team.png"
        Image.new("RGB", (640, 400), (40, 40, 180)).save(image)
        assert server.state.refresh() and server.state.version == before + 1
        [name] = [n for n in server.state.files if n.startswith("images/")]
        assert server.state.files[name] == image.read_bytes()
    finally:
        server.stop()


def test_an_image_added_after_it_was_reported_missing_renders_the_book_again(book_with_image: Path) -> None:
    image = book_with_image.parent / "articles" / "images" / "team.png"
    data = image.read_bytes()
    image.unlink()
    server = preview.start(book_with_image, poll_seconds=3600)
    try:
        assert any("team.png" in w for w in server.state.warnings)
        image.write_bytes(data)
        assert server.state.refresh()
        assert not any("team.png" in w for w in server.state.warnings)
    finally:
        server.stop()


def test_while_book_toml_is_broken_every_page_shows_the_error(
    still: preview.PreviewServer, book_copy: Path
) -> None:
    book_copy.write_text(book_copy.read_text(encoding="utf-8") + "colour = 'red'\n", encoding="utf-8")
    still.state.refresh()
    page = fetch(still.url + "a1.html")
    assert "unknown key &#x27;colour&#x27;" in page and "reload" in page


def test_a_style_named_in_a_fixed_book_toml_is_watched_from_then_on(
    still: preview.PreviewServer, book_copy: Path, tmp_path: Path
) -> None:
    import shutil

    from publish.styles import STYLES_DIR

    shutil.copytree(STYLES_DIR / "book", book_copy.parent / "styles" / "mine")
    text = book_copy.read_text(encoding="utf-8")
    book_copy.write_text(text.replace('style = "book"', 'style = "mine"'), encoding="utf-8")
    assert still.state.refresh()
    screen = book_copy.parent / "styles" / "mine" / "screen.css"
    screen.write_text(screen.read_text(encoding="utf-8") + "h2 { color: #abcdef; }\n", encoding="utf-8")
    assert still.state.refresh()
    assert "#abcdef" in fetch(still.url + "style.css")


def test_a_fresh_preview_does_not_render_twice_before_any_edit(still: preview.PreviewServer) -> None:
    assert still.state.version == 1
    assert not still.state.refresh()


def test_the_reloaded_page_keeps_the_editors_place(
    served: preview.PreviewServer, book_copy: Path, browser: Browser
) -> None:
    browser.goto(served.url + "a1.html")
    browser.wait_for("document.fonts.status === 'loaded'")
    browser.evaluate("window.scrollTo(0, 3000)")
    article = next((book_copy.parent / "articles").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("上下同欲者胜", "上下同心者胜"), encoding="utf-8")
    browser.wait_for(f"({BODY_TEXT}).includes('上下同心者胜')")
    browser.wait_for("Math.abs(window.scrollY - 3000) < 50")


def test_the_faces_are_served_cacheable_and_the_pages_not(served: preview.PreviewServer) -> None:
    name = next(iter(served.state.fonts))
    with urllib.request.urlopen(served.url + "_fonts/" + name, timeout=10) as font:
        assert font.headers["Cache-Control"] == "max-age=86400"
        assert font.read(4) in (b"\x00\x01\x00\x00", b"OTTO")
    with urllib.request.urlopen(served.url + "a1.html", timeout=10) as page:
        assert page.headers["Cache-Control"] == "no-store"
