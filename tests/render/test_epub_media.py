"""The EPUB's cover, figures, style sheets, vertical variant and embedded faces."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from tests.conftest import BOOK

NS = {"opf": "http://www.idpf.org/2007/opf", "h": "http://www.w3.org/1999/xhtml"}
SEED_ARTICLE = BOOK.parent / "articles" / "000_67f8410aa76e5cfb.md"
CAPTION = "为攻克深度贫困堡垒，四川选派脱贫攻坚综合帮扶工作队，驰援凉山州。"


def photo(path: Path, size: tuple[int, int]) -> Path:
    """A noisy photo-like JPEG: it compresses as badly as a real one."""
    rnd = random.Random(5)
    img = Image.frombytes("RGB", size, bytes(rnd.getrandbits(8) for _ in range(size[0] * size[1] * 3)))
    img.save(path, format="JPEG", quality=95)
    return path


def make_book(root: Path, *, figure: str | None = None, cover: str | None = None) -> Path:
    """A one-article book of the seed, with a figure inserted after its first paragraph."""
    (root / "articles").mkdir(parents=True)
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    if figure is not None:
        text = text.replace("披荆斩棘；\n", f"披荆斩棘；\n\n![{CAPTION}]({figure})\n", 1)
        text = re.sub(r"^checksum: .*\n", "", text, flags=re.M)  # an edited article
    (root / "articles" / "a.md").write_text(text, encoding="utf-8")
    lines = ['[book]', 'name = "t"', 'title = "党旗高扬　决战决胜"', 'date = "2021-01-27"',
             'articles = ["articles/a.md"]']
    if cover:
        lines.append(f'cover = "{cover}"')
    (root / "book.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root / "book.toml"


def build(book: Path, out: Path, **kwargs: object) -> tuple[Path, list[str], list[str]]:
    from publish.commands import build as command

    result = command.run(book, out, ("epub",), **kwargs)  # type: ignore[arg-type]
    return result.outputs[0], result.warnings, result.notes


def manifest(epub: Path) -> dict[str, tuple[str, str]]:
    with zipfile.ZipFile(epub) as z:
        root = etree.fromstring(z.read("EPUB/content.opf"))
    return {i.get("href"): (i.get("media-type"), i.get("properties") or "")
            for i in root.xpath("//opf:item", namespaces=NS)}


def test_without_a_cover_in_book_toml_a_typographic_cover_is_drawn(built_epub: Path) -> None:
    items = manifest(built_epub)
    [cover] = [href for href, (_, props) in items.items() if props == "cover-image"]
    with zipfile.ZipFile(built_epub) as z:
        img = Image.open(io.BytesIO(z.read(f"EPUB/{cover}")))
        page = etree.fromstring(z.read("EPUB/cover.xhtml"))
    assert img.size == (1600, 2400)
    assert len(img.convert("RGB").getcolors(256) or []) > 2  # the title is drawn on the field
    [tag] = page.xpath("//h:img", namespaces=NS)
    assert tag.get("src") == cover and tag.get("alt") == "封面：党旗高扬　决战决胜"


def test_the_cover_book_toml_names_is_used(tmp_path: Path) -> None:
    book = make_book(tmp_path / "b", cover="cover.jpg")
    photo(tmp_path / "b" / "cover.jpg", (600, 900))
    epub, _, _ = build(book, tmp_path / "out")
    [cover] = [href for href, (_, props) in manifest(epub).items() if props == "cover-image"]
    assert cover.endswith(".jpg")
    with zipfile.ZipFile(epub) as z:
        assert z.read(f"EPUB/{cover}") == (tmp_path / "b" / "cover.jpg").read_bytes()


def test_a_missing_cover_file_is_an_error_naming_it(tmp_path: Path) -> None:
    from publish.errors import RenderError

    book = make_book(tmp_path / "b", cover="nowhere.png")
    with pytest.raises(RenderError, match="cover image"):
        build(book, tmp_path / "out")


def test_an_oversized_photo_is_scaled_and_recompressed(tmp_path: Path) -> None:
    book = make_book(tmp_path / "b", figure="images/big.jpg")
    (tmp_path / "b" / "articles" / "images").mkdir()
    original = photo(tmp_path / "b" / "articles" / "images" / "big.jpg", (3000, 2000))
    epub, warnings, _ = build(book, tmp_path / "out")
    assert warnings == []
    with zipfile.ZipFile(epub) as z:
        page = etree.fromstring(z.read("EPUB/text/a1.xhtml"))
        [img] = page.xpath("//h:figure/h:img", namespaces=NS)
        data = z.read("EPUB/" + img.get("src").removeprefix("../"))
    assert Image.open(io.BytesIO(data)).size == (1600, 1067)
    assert len(data) < original.stat().st_size / 2
    assert img.get("alt") == CAPTION
    assert page.xpath("string(//h:figure/h:figcaption)", namespaces=NS) == CAPTION


def small_image_epub(tmp_path: Path) -> Path:
    """A book whose figure is a 300 × 200 PNG beside the article, built to an EPUB."""
    book = make_book(tmp_path / "b", figure="small.png")
    Image.new("RGB", (300, 200), (164, 20, 28)).save(tmp_path / "b" / "articles" / "small.png")
    epub, _, _ = build(book, tmp_path / "out")
    return epub


def test_a_caption_that_is_also_the_alt_text_is_read_once(tmp_path: Path) -> None:
    """Like pandoc's HTML5 writer: the alt text speaks, the duplicate figcaption is aria-hidden."""
    epub = small_image_epub(tmp_path)
    with zipfile.ZipFile(epub) as z:
        page = etree.fromstring(z.read("EPUB/text/a1.xhtml"))
    [figure] = page.xpath(f"//h:figure[h:figcaption = '{CAPTION}']", namespaces=NS)
    assert figure.xpath("h:img/@alt", namespaces=NS) == [CAPTION]
    assert figure.xpath("h:figcaption/@aria-hidden", namespaces=NS) == ["true"]


def test_a_small_image_is_packaged_unchanged(tmp_path: Path) -> None:
    epub = small_image_epub(tmp_path)
    pngs = [h for h, (t, p) in manifest(epub).items() if t == "image/png" and p != "cover-image"]
    with zipfile.ZipFile(epub) as z:
        assert [z.read(f"EPUB/{h}") for h in pngs] == [(tmp_path / "b" / "articles" / "small.png").read_bytes()]


def test_images_make_the_accessibility_metadata_visual_with_alternative_text(tmp_path: Path) -> None:
    epub = small_image_epub(tmp_path)
    with zipfile.ZipFile(epub) as z:
        root = etree.fromstring(z.read("EPUB/content.opf"))
    values = lambda p: root.xpath(f"//opf:meta[@property='{p}']/text()", namespaces=NS)  # noqa: E731
    assert values("schema:accessMode") == ["textual", "visual"]
    assert "alternativeText" in values("schema:accessibilityFeature")
    assert values("schema:accessModeSufficient") == ["textual", "textual,visual"]


def test_a_figure_whose_image_is_missing_keeps_its_caption(tmp_path: Path) -> None:
    book = make_book(tmp_path / "b", figure="images/gone.jpg")
    epub, warnings, _ = build(book, tmp_path / "out")
    with zipfile.ZipFile(epub) as z:
        page = etree.fromstring(z.read("EPUB/text/a1.xhtml"))
    [fig] = page.xpath(f"//h:figure[h:figcaption = '（图略）{CAPTION}']", namespaces=NS)  # the mark, then the caption
    assert fig.get("class") == "missing" and not fig.xpath("h:img", namespaces=NS)
    assert any("gone.jpg" in w for w in warnings)


def test_style_sheet_uses_relative_sizes_and_falls_back_to_the_readers_faces(built_epub: Path) -> None:
    with zipfile.ZipFile(built_epub) as z:
        css = z.read("EPUB/style/book.css").decode()
    sizes = re.findall(r"font-size:\s*([^;}]+)", css)
    assert sizes and all(re.fullmatch(r"[\d.]+(em|%)", s.strip()) for s in sizes), sizes
    absolute = re.findall(r"([\w-]+):[^;}]*?\b[\d.]+(?:pt|px|mm|cm|in)\b", css)
    assert set(absolute) <= {"border"}, absolute  # print's hairline, overridden below it
    assert "border-width: 0.05em" in css
    assert '"Publish Song", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", "Songti SC", STSong, SimSun' in css
    assert "STKaiti" in css and "SimHei" in css


def test_vertical_style_sets_vertical_rl_and_a_right_to_left_spine(tmp_path: Path) -> None:
    epub, _, _ = build(BOOK, tmp_path, style="vertical")
    with zipfile.ZipFile(epub) as z:
        css = z.read("EPUB/style/book.css").decode()
        root = etree.fromstring(z.read("EPUB/content.opf"))
    assert "writing-mode: vertical-rl" in css
    assert root.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == ["rtl"]


def test_vertical_chapters_set_short_numbers_upright(tmp_path: Path) -> None:
    epub, _, _ = build(BOOK, tmp_path, style="vertical")
    with zipfile.ZipFile(epub) as z:
        chapter = z.read("EPUB/text/a1.xhtml").decode()
        css = z.read("EPUB/style/book.css").decode()
    assert '<span class="tcy">3</span>月<span class="tcy">6</span>日' in chapter
    assert "text-combine-upright: all" in css


def test_horizontal_chapters_have_no_upright_numbers(built_epub: Path) -> None:
    with zipfile.ZipFile(built_epub) as z:
        assert 'class="tcy"' not in z.read("EPUB/text/a1.xhtml").decode()


def test_horizontal_book_has_no_page_progression_direction(built_epub: Path) -> None:
    with zipfile.ZipFile(built_epub) as z:
        root = etree.fromstring(z.read("EPUB/content.opf"))
    assert root.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == []


def test_unknown_writing_mode_in_a_style_is_a_config_error(tmp_path: Path) -> None:
    from publish.errors import ConfigError
    from publish.styles import load_style

    (tmp_path / "sideways").mkdir()
    (tmp_path / "sideways" / "style.toml").write_text('writing_mode = "sideways-lr"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="writing_mode"):
        load_style("sideways", styles_dir=tmp_path)


def test_embedded_faces_are_subsets_holding_every_character_of_the_text(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    epub, _, notes = build(BOOK, tmp_path, embed_fonts="woff2")
    items = manifest(epub)
    fonts = sorted(h for h, (t, _) in items.items() if t == "font/woff2")
    assert fonts == ["fonts/hei-bold.woff2", "fonts/hei-regular.woff2", "fonts/kai-regular.woff2",
                     "fonts/song-regular.woff2"]
    with zipfile.ZipFile(epub) as z:
        text = "".join(etree.fromstring(z.read("EPUB/text/a1.xhtml")).xpath("//h:body//text()", namespaces=NS))
        data = z.read("EPUB/fonts/song-regular.woff2")
        song = TTFont(io.BytesIO(data))
        css = z.read("EPUB/style/book.css").decode()
    assert data[:4] == b"wOF2" and song.flavor == "woff2"
    cmap = song.getBestCmap()
    assert {c for c in text if not c.isspace()} <= {chr(u) for u in cmap}
    assert len(cmap) < 1500  # a subset: the full face maps some 30,000 characters
    assert 'src: url("../fonts/song-regular.woff2")' in css
    assert len(notes) == 1 and re.search(r"embedded 4 subset faces \(woff2\): \d+ KB", notes[0])


def test_embedded_faces_can_be_truetype_for_older_readers(tmp_path: Path) -> None:
    epub, _, _ = build(BOOK, tmp_path, embed_fonts="ttf")
    assert "font/ttf" in {t for t, _ in manifest(epub).values()}
    with zipfile.ZipFile(epub) as z:
        assert z.read("EPUB/fonts/song-regular.ttf")[:4] == b"\x00\x01\x00\x00"  # TrueType sfnt


def test_unknown_font_format_is_a_render_error(tmp_path: Path) -> None:
    from publish.errors import RenderError

    with pytest.raises(RenderError, match="font format"):
        build(BOOK, tmp_path, embed_fonts="eot")


def test_embedded_font_vertical_book_is_reproducible(tmp_path: Path) -> None:
    first, _, _ = build(BOOK, tmp_path / "1", style="vertical", embed_fonts="woff2")
    second, _, _ = build(BOOK, tmp_path / "2", style="vertical", embed_fonts="woff2")
    assert first.read_bytes() == second.read_bytes()
