"""What ``check --pdfa`` checks of a PDF/A or PDF/UA claim.

A file claiming PDF/A-1 goes to Apache PDFBox Preflight, an independent PDF/A-1b
validator (``preflight``). veraPDF, the reference validator for every part, is not
installable here (not on PyPI, npm or Debian), so for PDF/A-2, PDF/A-3 and PDF/UA only
the checks below stand: they read the PDF's own structures with pikepdf, each a
requirement of the variant the file claims in its XMP metadata, so a finding is a real
failure, but passing them all proves nothing more — necessary, not sufficient, and no
conformance is claimed from them.

- PDF/A (ISO 19005): the XMP ``pdfaid:part``/``conformance`` identification, an output
  intent with an ICC profile, every font embedded, no encryption, a ``/Lang``.
- PDF/UA (ISO 14289): the XMP ``pdfuaid:part``, ``/MarkInfo`` marked, a structure tree
  (``/StructTreeRoot``), the title shown as the window title, a ``/Lang``, no
  encryption, fonts embedded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pikepdf

from publish.check.fonts import unembedded_fonts
from publish.check.preflight import preflight_findings, validates
from publish.check.rules import Finding

_PDFA = re.compile(r"pdfaid:part(?:>|=\")(\d)")
_PDFA_LEVEL = re.compile(r"pdfaid:conformance(?:>|=\")([ABU])", re.I)
_PDFUA = re.compile(r"pdfuaid:part(?:>|=\")(\d)")


def _xmp(pdf: pikepdf.Pdf) -> str:
    stream = pdf.Root.get("/Metadata")
    return bytes(stream.read_bytes()).decode("utf-8", "replace") if stream is not None else ""


def claimed_variants(path: Path) -> list[str]:
    """The variants the PDF identifies itself as in its XMP (e.g. ``pdf/a-3b``, ``pdf/ua-1``)."""
    with pikepdf.open(path) as pdf:
        xmp = _xmp(pdf)
    out = []
    if part := _PDFA.search(xmp):
        level = _PDFA_LEVEL.search(xmp)
        out.append(f"pdf/a-{part.group(1)}{level.group(1).lower() if level else ''}")
    if part := _PDFUA.search(xmp):
        out.append(f"pdf/ua-{part.group(1)}")
    return out


def _finding(kind: str, text: str) -> Finding:
    return Finding(0, 0, kind, text)


def _common(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    if pdf.is_encrypted:
        yield _finding("archive", "the file is encrypted")
    if "/Lang" not in pdf.Root:
        yield _finding("archive", "no document language (/Lang in the catalog)")


def _pdfa(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    intents = pdf.Root.get("/OutputIntents")
    if intents is None or not any("/DestOutputProfile" in intent for intent in intents):
        yield _finding("pdfa", "no output intent with an ICC profile (/OutputIntents → /DestOutputProfile)")


def _pdfua(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    mark = pdf.Root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        yield _finding("pdfua", "not marked as tagged (/MarkInfo /Marked true)")
    if "/StructTreeRoot" not in pdf.Root:
        yield _finding("pdfua", "no structure tree (/StructTreeRoot)")
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        yield _finding("pdfua", "the title is not the window title (/ViewerPreferences /DisplayDocTitle)")


def archive_findings(path: Path) -> list[Finding]:
    """Every failed requirement of the PDF/A or PDF/UA variant the file claims; a file
    that claims none is a finding itself."""
    variants = claimed_variants(path)
    if not variants:
        return [_finding("archive", "claims no PDF/A or PDF/UA variant (no pdfaid/pdfuaid in its XMP)")]
    findings = [f for f in unembedded_fonts(path) if f.kind == "font-not-embedded"]
    with pikepdf.open(path) as pdf:
        findings.extend(_common(pdf))
        if any(v.startswith("pdf/a") for v in variants):
            findings.extend(_pdfa(pdf))
        if any(v.startswith("pdf/ua") for v in variants):
            findings.extend(_pdfua(pdf))
    if any(validates(v) for v in variants):
        findings.extend(preflight_findings(path))
    return findings
