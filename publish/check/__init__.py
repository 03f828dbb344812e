"""The print checker: proves by measurement that a PDF keeps TYPOGRAPHY.md.

``check_pdf`` extracts every line of the PDF (``lines``), measures the page from the body
text and runs each rule (``rules``) plus the font embedding check (``fonts``); each
finding names its page and line. Library code only: the CLI prints and sets exit codes.
"""

from __future__ import annotations

from pathlib import Path

from publish.check.fonts import unembedded_fonts
from publish.check.lines import read_lines
from publish.check.rules import RULES, Finding, measure

__all__ = ["Finding", "check_pdf"]


def check_pdf(path: Path) -> list[Finding]:
    """Every typographic finding in the PDF at ``path`` (empty when it is clean)."""
    findings = list(unembedded_fonts(path))
    lines = read_lines(path)
    if not lines:
        return findings
    layout = measure(lines)
    for rule in RULES:
        findings.extend(rule(layout))
    return sorted(findings, key=lambda f: (f.page, f.line, f.kind))
