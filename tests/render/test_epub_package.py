"""The EPUB's package: spine, navigation, landmarks, language and metadata, read back from the zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import BOOK, ROOT

pytestmark = pytest.mark.slow

MULTI = ROOT / "tests" / "books" / "ten" / "book.toml"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read(epub: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(epub) as z:
        return etree.fromstring(z.read(f"EPUB/{name}"))


def opf(epub: Path) -> etree._Element:
    return read(epub, "content.opf")


def meta(epub: Path, prop: str) -> list[str]:
    return [e.text or "" for e in opf(epub).xpath(f"//opf:meta[@property='{prop}']", namespaces=NS)]


@pytest.fixture(scope="module")
def multi_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from publish.commands import build

    return build.run(MULTI, tmp_path_factory.mktemp("multi"), ("epub",)).outputs[0]


def spine_files(epub: Path) -> list[str]:
    root = opf(epub)
    hrefs = {i.get("id"): i.get("href") for i in root.xpath("//opf:manifest/opf:item", namespaces=NS)}
    return [hrefs[r.get("idref")] for r in root.xpath("//opf:spine/opf:itemref", namespaces=NS)]


def test_spine_is_cover_title_page_contents_then_articles_in_book_order(multi_epub: Path) -> None:
    from publish.book import load_book

    articles = len(load_book(MULTI).chapters)
    assert spine_files(multi_epub) == ["cover.xhtml", "title.xhtml", "nav.xhtml",
                                       *(f"text/a{i}.xhtml" for i in range(1, articles + 1))]


def test_nav_lists_each_article_with_its_sections(multi_epub: Path) -> None:
    from publish.book import load_book
    from publish.render.xhtml import sections

    book = load_book(MULTI)
    toc = read(multi_epub, "nav.xhtml").xpath("//h:nav[@epub:type='toc']/h:ol/h:li", namespaces=NS)
    assert [li.xpath("string(h:a)", namespaces=NS) for li in toc] == [c.document.meta.title for c in book.chapters]
    for i, (li, chapter) in enumerate(zip(toc, book.chapters, strict=True), start=1):
        subs = li.xpath("h:ol/h:li/h:a", namespaces=NS)
        expected = sections(chapter.document, f"a{i}")
        assert [(a.get("href"), a.text) for a in subs] == [(f"text/a{i}.xhtml#{sid}", t) for sid, t in expected]


def test_seed_sections_appear_in_nav_and_ncx(built_epub: Path) -> None:
    nav = read(built_epub, "nav.xhtml").xpath("//h:nav[@epub:type='toc']//h:a/text()", namespaces=NS)
    ncx = read(built_epub, "toc.ncx").xpath("//ncx:navLabel/ncx:text/text()", namespaces=NS)
    assert "战斗精兵在一线选优配强" in nav
    assert nav == ncx


def test_every_nav_target_exists(multi_epub: Path) -> None:
    with zipfile.ZipFile(multi_epub) as z:
        docs = {n[len("EPUB/"):]: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xhtml")}
    for a in docs["nav.xhtml"].xpath("//h:a", namespaces=NS):
        file, _, frag = a.get("href").partition("#")
        assert file in docs
        if frag:
            assert docs[file].xpath(f"//*[@id='{frag}']"), a.get("href")


def test_landmarks_name_cover_title_page_contents_and_body(built_epub: Path) -> None:
    marks = read(built_epub, "nav.xhtml").xpath("//h:nav[@epub:type='landmarks']//h:a", namespaces=NS)
    kinds = {a.get("{http://www.idpf.org/2007/ops}type"): a.get("href") for a in marks}
    assert kinds == {"cover": "cover.xhtml", "titlepage": "title.xhtml", "toc": "nav.xhtml#toc",
                     "bodymatter": "text/a1.xhtml"}


def test_every_document_and_the_package_say_zh_cn(multi_epub: Path) -> None:
    with zipfile.ZipFile(multi_epub) as z:
        docs = [etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xhtml")]
    assert docs and all(d.get("lang") == "zh-CN" and d.get(XML_LANG) == "zh-CN" for d in docs)
    root = opf(multi_epub)
    assert root.get(XML_LANG) == "zh-CN"
    assert root.xpath("//dc:language/text()", namespaces=NS) == ["zh-CN"]
    assert read(multi_epub, "toc.ncx").get(XML_LANG) == "zh-CN"


def test_every_document_links_the_style_sheet(multi_epub: Path) -> None:
    with zipfile.ZipFile(multi_epub) as z:
        for name in (n for n in z.namelist() if n.endswith(".xhtml")):
            links = etree.fromstring(z.read(name)).xpath("//h:link[@rel='stylesheet']/@href", namespaces=NS)
            depth = name.count("/") - 1
            assert links == ["../" * depth + "style/book.css"], name


def test_metadata_names_title_subtitle_creator_publisher_source_and_date(built_epub: Path) -> None:
    root = opf(built_epub)
    titles = root.xpath("//dc:title", namespaces=NS)
    assert [t.text for t in titles] == ["党旗高扬　决战决胜", "2020年组织工作盘点·抓党建促脱贫攻坚"]
    assert meta(built_epub, "title-type") == ["main", "subtitle"]
    assert root.xpath("//dc:creator/text()", namespaces=NS) == ["共产党员网"]
    assert root.xpath("//dc:publisher/text()", namespaces=NS) == ["共产党员网"]
    assert root.xpath("//dc:source/text()", namespaces=NS) == ["中国组织人事报"]
    assert root.xpath("//dc:date/text()", namespaces=NS) == ["2021-01-27"]


def test_modified_date_is_the_newest_date_in_the_content(built_epub: Path) -> None:
    # the seed was published 2021-01-27 11:03 Beijing time, after the book's date at 00:00 UTC
    assert meta(built_epub, "dcterms:modified") == ["2021-01-27T03:03:00Z"]


def test_identifier_is_derived_from_the_book(built_epub: Path, multi_epub: Path) -> None:
    from publish.book import load_book
    from publish.render.epub.meta import book_identifier

    ident = opf(built_epub).xpath("//dc:identifier/text()", namespaces=NS)
    assert ident == [book_identifier(load_book(BOOK))]
    assert ident != opf(multi_epub).xpath("//dc:identifier/text()", namespaces=NS)


def test_multi_article_book_is_reproducible(multi_epub: Path, tmp_path: Path) -> None:
    from publish.commands import build

    assert build.run(MULTI, tmp_path, ("epub",)).outputs[0].read_bytes() == multi_epub.read_bytes()


def test_accessibility_metadata_is_true_of_a_book_without_images(built_epub: Path) -> None:
    # the seed's five figures lost their images in the scrape: no image is shown
    assert meta(built_epub, "schema:accessMode") == ["textual"]
    assert meta(built_epub, "schema:accessModeSufficient") == ["textual"]
    assert "alternativeText" not in meta(built_epub, "schema:accessibilityFeature")
    assert {"tableOfContents", "structuralNavigation", "readingOrder"} <= set(
        meta(built_epub, "schema:accessibilityFeature"))
    assert meta(built_epub, "schema:accessibilityHazard") == ["none"]
    assert "图片原稿缺失" in meta(built_epub, "schema:accessibilitySummary")[0]
    assert meta(built_epub, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]


def test_ncx_mirrors_the_nav_for_old_readers(multi_epub: Path) -> None:
    nav = read(multi_epub, "nav.xhtml").xpath("//h:nav[@epub:type='toc']//h:a/@href", namespaces=NS)
    ncx = read(multi_epub, "toc.ncx").xpath("//ncx:content/@src", namespaces=NS)
    assert nav == ncx
    orders = read(multi_epub, "toc.ncx").xpath("//ncx:navPoint/@playOrder", namespaces=NS)
    assert orders == [str(i) for i in range(1, len(orders) + 1)]
