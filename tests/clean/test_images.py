"""Figures: image + 图为 caption, images the scrape saved copied in, the rest linked."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from PIL import Image

from publish.clean import clean_bytes
from publish.model import Figure

CAPTION = "为攻克深度贫困堡垒，四川选派脱贫攻坚综合帮扶工作队，驰援凉山州。图为美姑县瓦古乡瓦以村综合帮扶队员跋山涉水走访贫困群众。"
PROSE = "<p>习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。</p>"


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (3, 2), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _page(img: str, url: str = "") -> bytes:
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    html = (
        f"<html><head><title>图片测试</title>{canonical}</head><body><div>{PROSE}"
        f"<p>{img}</p><p>{CAPTION}</p>{PROSE}</div></body></html>"
    )
    return html.encode("utf-8")


def _figures(data: bytes, page: Path, out: Path | None):  # type: ignore[no-untyped-def]
    result = clean_bytes(data, page, out_dir=out)
    return [b for b in result.document.blocks if isinstance(b, Figure)], result.warnings


def test_caption_becomes_the_alt_text_and_is_not_repeated(tmp_path: Path) -> None:
    img = f'<img src="a.png" alt="{CAPTION}" title="{CAPTION}">'
    (tmp_path / "a.png").write_bytes(_png())
    figures, _ = _figures(_page(img), tmp_path / "p.html", tmp_path / "articles")
    assert [f.caption for f in figures] == [CAPTION]


def test_image_in_the_saved_page_folder_is_copied_by_content_hash(tmp_path: Path) -> None:
    (tmp_path / "p_files").mkdir()
    (tmp_path / "p_files" / "x.png").write_bytes(_png())
    figures, _ = _figures(_page('<img src="http://img.example.cn/x.png">'), tmp_path / "p.html", tmp_path / "articles")
    assert figures[0].src.startswith("../images/")
    assert (tmp_path / figures[0].src.removeprefix("../")).read_bytes() == _png()


def test_data_uri_image_is_saved(tmp_path: Path) -> None:
    uri = "data:image/png;base64," + base64.b64encode(_png()).decode()
    figures, _ = _figures(_page(f'<img src="{uri}">'), tmp_path / "p.html", tmp_path / "articles")
    assert figures[0].src.startswith("../images/") and figures[0].src.endswith(".png")


def test_lazy_load_attribute_wins_over_the_placeholder(tmp_path: Path) -> None:
    (tmp_path / "real.png").write_bytes(_png())
    img = '<img src="/images/loading.gif" data-src="real.png">'
    figures, _ = _figures(_page(img), tmp_path / "p.html", tmp_path / "articles")
    assert (tmp_path / figures[0].src.removeprefix("../")).read_bytes() == _png()


def test_unsaved_image_links_its_absolute_url_with_a_warning(tmp_path: Path) -> None:
    figures, warnings = _figures(
        _page('<img src="/pic/a.jpg">', url="https://www.12371.cn/2021/01/27/ARTI1.shtml"),
        tmp_path / "p.html", tmp_path / "articles",
    )
    assert figures[0].src == "https://www.12371.cn/pic/a.jpg"
    assert figures[0].caption == CAPTION
    assert any("kept as a link" in w for w in warnings)


def test_file_that_is_not_an_image_is_not_copied(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"<html>not an image</html>")
    figures, warnings = _figures(_page('<img src="a.png">'), tmp_path / "p.html", tmp_path / "articles")
    assert figures[0].src == "" and figures[0].caption == CAPTION
    assert not (tmp_path / "images").exists()
    assert warnings


def test_image_path_cannot_climb_out_of_the_page_folder(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(_png())
    pages = tmp_path / "scrapes"
    pages.mkdir()
    figures, _ = _figures(_page('<img src="../secret.png">'), pages / "p.html", tmp_path / "articles")
    assert figures[0].src == ""


def test_alt_text_printed_again_under_the_image_is_kept_once(tmp_path: Path) -> None:
    caption = "自2007年起，西班牙南部马拉加已经陆续修建了400多座“老年人运动场”。（BBC）"
    html = (
        f"<html><head><title>图片测试</title></head><body><div>{PROSE}"
        f"<p><img src='http://img.example.cn/a.jpg' alt='{caption}'></p><p>{caption}</p>{PROSE}</div></body></html>"
    )
    doc = clean_bytes(html.encode("utf-8"), tmp_path / "p.html").document
    texts = [getattr(b, "caption", "") or str(b) for b in doc.blocks]
    assert sum(caption in t for t in texts) == 1


def test_image_declared_icon_sized_is_not_a_figure(tmp_path: Path) -> None:
    img = '<img src="http://img.example.cn/flag.png" width="22" height="15" alt="大韩民国">'
    figures, _ = _figures(_page(img), tmp_path / "p.html", None)
    assert [f.caption for f in figures] == [CAPTION]


def test_an_svg_file_name_as_alt_text_is_not_a_caption(corpus: Path) -> None:
    page = corpus / "wikipedia.org__d5bced5e.html"  # alt="Tango-nosources.svg" on a notice icon
    captions = [b.caption for b in clean_bytes(page.read_bytes(), page).document.blocks if isinstance(b, Figure)]
    assert not any(c.endswith(".svg") for c in captions)


def test_a_decompression_bomb_beside_the_page_is_dropped_with_a_warning_and_not_copied(tmp_path: Path) -> None:
    from tests.safety.conftest import bomb_png

    (tmp_path / "bomb.png").write_bytes(bomb_png(12_000, 12_000))  # 144 megapixels
    figures, warnings = _figures(_page('<img src="bomb.png">'), tmp_path / "p.html", tmp_path / "articles")
    assert [(f.src, f.caption) for f in figures] == [("", CAPTION)]
    assert any("bomb.png refused" in w and "decompression bomb" in w for w in warnings), warnings
    assert not (tmp_path / "images").exists()


def test_an_image_over_the_pixel_limit_in_a_data_uri_is_not_copied(tmp_path: Path) -> None:
    from tests.safety.conftest import bomb_png

    uri = "data:image/png;base64," + base64.b64encode(bomb_png(10_000, 10_000)).decode()  # 100 megapixels
    figures, warnings = _figures(_page(f'<img src="{uri}">'), tmp_path / "p.html", tmp_path / "articles")
    assert [f.src for f in figures] == [""]
    assert any("data:image/png;base64,… refused" in w and "10,000×10,000 pixels" in w for w in warnings), warnings
    assert not (tmp_path / "images").exists()


def test_a_decompression_bomb_fetched_with_fetch_images_is_dropped_with_a_warning(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from publish.clean import images
    from tests.safety.conftest import bomb_png

    monkeypatch.setattr(images, "fetch_image", lambda url: bomb_png(12_000, 12_000))
    page = _page('<img src="/pic/bomb.png">', url="https://www.12371.cn/2021/01/27/ARTI1.shtml")
    result = clean_bytes(page, tmp_path / "p.html", out_dir=tmp_path / "articles", fetch_images=True)
    assert any("https://www.12371.cn/pic/bomb.png refused" in w for w in result.warnings), result.warnings
    assert not (tmp_path / "images").exists()
