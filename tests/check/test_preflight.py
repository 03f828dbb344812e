"""PDF/A-1b output validated by an independent validator, Apache PDFBox Preflight
(`publish check --pdfa`), and what our last step does to get there
(`publish.render.pdf.archival`)."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from lxml import etree
from PIL import Image

from publish.check.archive import archive_findings
from publish.check.preflight import preflight_findings
from publish.commands import build
from publish.render.pdf.archival import RDF, declare_namespaces_per_description

pytestmark = pytest.mark.slow

BOOK = Path(__file__).resolve().parents[2] / "content" / "book.toml"
WEASYPRINT_XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
    b'<rdf:RDF xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" pdfaid:part="1" '
    b'pdfaid:conformance="B" /><rdf:Description rdf:about=""><dc:title><rdf:Alt><rdf:li xml:lang="x-default">'
    b"t</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>"
)


@pytest.fixture(scope="module")
def seed_pdfa1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build.run(BOOK, tmp_path_factory.mktemp("a1"), ("pdf",), pdf_variant="pdf/a-1b").outputs[0]


def _book_with_images(root: Path) -> Path:
    (root / "images").mkdir(parents=True)
    Image.new("RGBA", (200, 100), (255, 0, 0, 128)).save(root / "images" / "half.png")
    Image.new("RGB", (200, 100), (0, 0, 255)).save(root / "images" / "blue.jpg")
    (root / "a.md").write_text(
        "---\ntitle: 图片试验\nlang: zh-CN\n---\n\n这是一段正文。\n\n![图为半透明的红色方块。](images/half.png)\n\n"
        "![图为蓝色方块。](images/blue.jpg)\n", encoding="utf-8")
    (root / "book.toml").write_text(
        '[book]\nname = "t"\ntitle = "试验"\nauthors = ["x"]\npublisher = "x"\ndate = "2026-01-01"\n'
        'style = "book"\narticles = ["a.md"]\n', encoding="utf-8")
    return root / "book.toml"


def test_the_seed_book_as_pdfa_1b_passes_preflight(seed_pdfa1: Path) -> None:
    assert archive_findings(seed_pdfa1) == []


def test_a_pdfa_1_file_is_written_as_pdf_1_4_without_object_streams(seed_pdfa1: Path) -> None:
    data = seed_pdfa1.read_bytes()
    assert data.startswith(b"%PDF-1.4") and b"/ObjStm" not in data and b"/XRef" not in data


def test_preflight_fails_a_file_with_object_streams(seed_pdfa1: Path, tmp_path: Path) -> None:
    """What pikepdf's default save did to our PDF/A-1 files before: PDF/A-1 is PDF 1.4."""
    with pikepdf.open(seed_pdfa1) as pdf:
        pdf.save(tmp_path / "objstm.pdf", object_stream_mode=pikepdf.ObjectStreamMode.generate)
    texts = [f.text for f in preflight_findings(tmp_path / "objstm.pdf")]
    assert any("cross reference streams are not allowed" in t for t in texts), texts


def test_an_image_with_transparency_is_composited_onto_white_for_pdfa_1(tmp_path: Path) -> None:
    book = _book_with_images(tmp_path / "book")
    pdf = build.run(book, tmp_path / "out", ("pdf",), pdf_variant="pdf/a-1b").outputs[0]
    assert archive_findings(pdf) == []
    with pikepdf.open(pdf) as doc:
        images = [o for o in doc.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert images and not any("/SMask" in i or "/Interpolate" in i for i in images)
        colours = sorted(pikepdf.PdfImage(i).as_pil_image().convert("RGB").getpixel((5, 5)) for i in images)
    expected = [(0, 0, 255), (255, 128, 128)]  # the JPEG's blue; half red over white paper
    assert all(abs(a - b) <= 2 for got, want in zip(colours, expected, strict=True) for a, b in zip(got, want, strict=True)), colours


def test_pdfa_2_keeps_transparency_and_loses_interpolation(tmp_path: Path) -> None:
    book = _book_with_images(tmp_path / "book")
    pdf = build.run(book, tmp_path / "out", ("pdf",), pdf_variant="pdf/a-2b").outputs[0]
    with pikepdf.open(pdf) as doc:
        images = [o for o in doc.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert any("/SMask" in i for i in images)
        assert not any("/Interpolate" in i for i in images)


def test_every_xmp_description_declares_the_namespaces_it_uses() -> None:
    """PDFBox binds a schema only where rdf:Description declares it (Adobe's form)."""
    fixed = declare_namespaces_per_description(WEASYPRINT_XMP)
    body = fixed[fixed.index(b"<x:xmpmeta") : fixed.index(b"<?xpacket end")]
    descriptions = etree.fromstring(body).findall(f".//{{{RDF}}}Description")
    own = [etree.tostring(d).split(b">")[0] for d in descriptions]
    assert b'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"' in own[0]
    assert b'xmlns:dc="http://purl.org/dc/elements/1.1/"' in own[1]
    assert fixed.startswith(b'<?xpacket begin="" id=') and fixed.endswith(b'<?xpacket end="r"?>')


def test_the_xmp_says_the_same_after_its_namespaces_move() -> None:
    def values(xmp: bytes) -> list[tuple[str, str]]:
        body = xmp[xmp.index(b"<x:xmpmeta") : xmp.index(b"<?xpacket end")]
        root = etree.parse(io.BytesIO(body)).getroot()
        out = [(k, v) for d in root.iter(f"{{{RDF}}}Description") for k, v in d.attrib.items()]
        return sorted(out + [(el.tag, el.text or "") for el in root.iter() if el.text and el.text.strip()])

    assert values(declare_namespaces_per_description(WEASYPRINT_XMP)) == values(WEASYPRINT_XMP)


def test_the_ten_article_book_as_pdfa_1b_passes_preflight(tmp_path: Path) -> None:
    ten = BOOK.parents[1] / "tests" / "books" / "ten" / "book.toml"
    pdf = build.run(ten, tmp_path, ("pdf",), pdf_variant="pdf/a-1b").outputs[0]
    assert archive_findings(pdf) == []
