"""PDF/A output written the way validators read it: the last step of an archival build.

WeasyPrint writes the variant's identification, output intent and metadata; two things
of ours and of its serialisation then stand between the file and a validator
(Apache PDFBox Preflight, ``publish check --pdfa``, which reads PDF/A-1b):

- this step saves the file with pikepdf, as the merge does, whose object streams and
  cross-reference stream are PDF 1.5 features that PDF/A-1 (ISO 19005-1, on PDF 1.4)
  forbids: a PDF/A-1 file is saved without them, as 1.4;
- images: WeasyPrint asks viewers to interpolate them (``/Interpolate true``), which
  every PDF/A part forbids, and keeps a PNG's alpha channel as a soft mask, which is
  transparency, forbidden in PDF/A-1: the key goes, and in PDF/A-1 an image with a soft
  mask is composited onto white paper, which is what the page would show;
- WeasyPrint declares the XMP namespaces once on ``rdf:RDF`` and writes properties as
  attributes of ``rdf:Description``. That is valid RDF, but PDFBox's XMP parser binds a
  schema only where its namespace is declared on the ``rdf:Description`` itself, as
  Adobe's XMP toolkit writes it, and reports the PDF/A identification as missing
  ("Schema is not set"). Each description gets its own declarations; nothing else in
  the packet changes.
"""

from __future__ import annotations

import io
import re
import zlib

import pikepdf
from lxml import etree
from PIL import Image

from publish.render.pdf.merge import saved_bytes

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_PACKET = re.compile(rb"^(?P<head>.*?<\?xpacket begin=[^>]*\?>\s*)(?P<body>.*?)(?P<tail>\s*<\?xpacket end=[^>]*\?>\s*)$", re.S)
_PDF_1_PARTS = ("pdf/a-1a", "pdf/a-1b")


def conform(pdf_bytes: bytes, variant: str | None) -> bytes:
    """``pdf_bytes`` as the PDF/A ``variant`` asks (unchanged for other variants)."""
    if not variant or not variant.startswith("pdf/a"):
        return pdf_bytes
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        metadata = pdf.Root.get("/Metadata")
        if metadata is not None:
            metadata.write(declare_namespaces_per_description(bytes(metadata.read_bytes())))
        for image in _images(pdf):
            if "/Interpolate" in image:
                del image["/Interpolate"]
            if variant in _PDF_1_PARTS and "/SMask" in image:
                flatten_onto_white(image)
        return saved_bytes(pdf, version="1.4" if variant in _PDF_1_PARTS else None)


def _images(pdf: pikepdf.Pdf) -> list[pikepdf.Stream]:
    """Every image XObject of the file (soft masks included)."""
    return [
        obj for obj in pdf.objects
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
    ]


def flatten_onto_white(image: pikepdf.Stream) -> None:
    """The image composited over white through its soft mask, which it then loses."""
    soft_mask = image.SMask
    assert isinstance(soft_mask, pikepdf.Stream)
    mask = pikepdf.PdfImage(soft_mask).as_pil_image().convert("L")
    picture = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
    white = Image.new("RGB", picture.size, "white")
    flat = Image.composite(picture, white, mask.resize(picture.size))
    image.write(zlib.compress(flat.tobytes()), filter=pikepdf.Name.FlateDecode)
    for key in ("/SMask", "/DecodeParms", "/Decode", "/Mask"):
        if key in image:
            del image[key]
    image.ColorSpace = pikepdf.Name.DeviceRGB
    image.BitsPerComponent = 8


def declare_namespaces_per_description(xmp: bytes) -> bytes:
    """The XMP packet with every namespace a ``rdf:Description`` uses declared on it,
    and ``rdf:RDF`` declaring only ``rdf`` (else the declarations stay on it: lxml writes
    no declaration an ancestor already makes)."""
    packet = _PACKET.match(xmp)
    head, body, tail = (packet["head"], packet["body"], packet["tail"]) if packet else (b"", xmp, b"")
    root = etree.fromstring(body)
    for rdf in list(root.iter(f"{{{RDF}}}RDF")):
        plain = _copy(rdf, {"rdf": RDF})
        for description in list(plain):
            plain.replace(description, _copy(description, _used_namespaces(description)))
        parent = rdf.getparent()
        if parent is None:
            root = plain
        else:
            parent.replace(rdf, plain)
    serialised: bytes = etree.tostring(root, encoding="utf-8")
    return head + serialised + tail


def _used_namespaces(element: etree._Element) -> dict[str, str]:
    """Prefix → URI of every namespace ``element`` and its descendants name."""
    used = {"rdf": RDF}
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue  # comments and processing instructions
        for name in (node.tag, *node.attrib):
            if name.startswith("{"):
                uri = name[1 : name.index("}")]
                prefix = next((p for p, u in node.nsmap.items() if u == uri and p), None)
                if prefix:
                    used[prefix] = uri
    return used


def _copy(element: etree._Element, namespaces: dict[str, str]) -> etree._Element:
    """``element`` with its attributes and children, declaring ``namespaces`` itself
    (lxml cannot change an existing element's declarations)."""
    copy = etree.Element(element.tag, attrib=dict(element.attrib), nsmap=namespaces)
    copy.text, copy.tail = element.text, element.tail
    for child in list(element):
        copy.append(child)
    return copy
