"""The print checker: proves by measurement that a PDF keeps docs/typography.md.

``check_pdf`` extracts every line of the PDF (``lines``), measures the page from the body
text and runs each rule (``rules``) plus the font embedding check (``fonts``); each
finding names its page and line. Library code only: the CLI prints and sets exit codes.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from publish.check.fonts import unembedded_fonts
from publish.check.lines import read_lines
from publish.check.rules import RULES, SPREAD_RULES, Finding, measure
from publish.errors import PublishError

__all__ = ["Finding", "check_pdf"]


def check_pdf(path: Path, spreads: bool = False) -> list[Finding]:
    """Every typographic finding in the PDF at ``path`` (empty when it is clean); with
    ``spreads``, the page rules too (uneven spreads, short last pages)."""
    try:
        findings = list(unembedded_fonts(path))
    except pikepdf.PdfError as exc:
        raise PublishError(f"not a readable PDF ({exc})", path=path, hint="check a PDF made by `publish build`") from exc
    lines = read_lines(path)
    if not lines:
        return findings
    layout = measure(lines)
    for rule in (*RULES, *SPREAD_RULES) if spreads else RULES:
        findings.extend(rule(layout))
    return sorted(findings, key=lambda f: (f.page, f.line, f.kind))
