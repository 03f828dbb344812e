"""Apache PDFBox Preflight: an independent PDF/A-1b validator for ``check --pdfa``.

veraPDF, the reference validator, is on no registry this project can install from;
Preflight, Apache PDFBox's PDF/A-1b validator, is in Debian (``libpdfbox2-java``, with
the two Java EE APIs it needs since Java 11: ``libactivation-java``,
``libjaxb-api-java``; ``make test`` installs them, ``scripts/system-packages-test.txt``).
It validates ISO 19005-1 level B only, so a file that claims PDF/A-2 or PDF/A-3 is not
given to it: those parts allow what PDF/A-1 forbids (transparency, object streams), and
its verdict would be wrong. Each error it reports is one finding.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from publish.check.rules import Finding

JAVA_LIBRARIES = Path("/usr/share/java")
CLASSPATH = (
    "preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar", "commons-logging.jar",
    "javax.activation.jar", "jaxb-api.jar",
)
"""Debian's jars Preflight runs with (libpdfbox2-java and what it needs on Java 17)."""
MAIN = "org.apache.pdfbox.preflight.Validator_A1b"
INSTALL = "make test   (Debian packages libpdfbox2-java, libactivation-java, libjaxb-api-java)"
TIMEOUT_S = 300.0
_ERROR = re.compile(r"^(?P<code>\d+(?:\.\d+)+) : (?P<text>.+)$")
_LONGEST = 200
"""Preflight quotes whole PDF dictionaries in some messages; a finding keeps the gist."""


def classpath() -> str | None:
    """Preflight's class path, or None when Java or one of its jars is not installed."""
    jars = [JAVA_LIBRARIES / name for name in CLASSPATH]
    if shutil.which("java") is None or not all(jar.is_file() for jar in jars):
        return None
    return ":".join(str(jar) for jar in jars)


def validates(variant: str) -> bool:
    """Whether Preflight's verdict means anything for a file claiming ``variant``."""
    return variant.startswith("pdf/a-1")


def preflight_findings(path: Path) -> list[Finding]:
    """Preflight's errors for the PDF/A-1 file at ``path``, one finding each; a single
    finding says so when Preflight is not installed or could not run."""
    cp = classpath()
    if cp is None:
        return [Finding(0, 0, "pdfa", f"Apache PDFBox Preflight is not installed, so PDF/A-1 was not validated: {INSTALL}")]
    try:
        done = subprocess.run(
            ["java", "-cp", cp, MAIN, str(path)],
            capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [Finding(0, 0, "pdfa", f"Apache PDFBox Preflight did not run: {exc}")]
    if done.returncode == 0 and "is a valid PDF/A-1b file" in done.stdout:
        return []
    errors = [m for line in done.stdout.splitlines() if (m := _ERROR.match(line.strip()))]
    if not errors:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return [Finding(0, 0, "pdfa", f"Apache PDFBox Preflight failed (exit {done.returncode}): {tail[0][:_LONGEST]}")]
    return [Finding(0, 0, "pdfa", f"Preflight {m['code']}: {_gist(m['text'])}") for m in errors]


def _gist(text: str) -> str:
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"
