"""``publish doctor``: is this machine ready to build? Faces, libraries, tools, cache.

Editors meet a missing font or library as a failed build; the doctor says beforehand
what is there, what is missing and the command that installs it, and exits non-zero
exactly when ``publish build`` would fail. The report is data (for ``--json``); the CLI
prints it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from publish.errors import PublishError
from publish.fonts import PROJECT_DIR, face_table, find_face

SYSTEM_PACKAGES = PROJECT_DIR / "scripts" / "system-packages.txt"
"""The Debian packages scripts/setup-system.sh installs: one list, so the two agree."""
EPUBCHECK_JARS = (Path("/usr/share/java/epubcheck.jar"), Path("/usr/share/epubcheck/epubcheck.jar"))


@dataclass(frozen=True, slots=True)
class FaceCheck:
    role: str
    name: str
    found: bool
    files: dict[str, str]
    """weight → installed file."""
    problem: str = ""
    install: str = ""


@dataclass(frozen=True, slots=True)
class ToolCheck:
    name: str
    found: bool
    version: str = ""
    required: bool = True
    """False: only some commands need it (proof, the EPUB check); the build does not."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class CacheCheck:
    path: str
    bytes: int


@dataclass(slots=True)
class Report:
    faces: list[FaceCheck] = field(default_factory=list)
    tools: list[ToolCheck] = field(default_factory=list)
    caches: list[CacheCheck] = field(default_factory=list)
    book: str = ""
    problems: list[str] = field(default_factory=list)
    """Why ``publish build`` would fail; empty when it would not."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def check_faces(roles: list[str]) -> list[FaceCheck]:
    table = face_table()
    checks = []
    for role in roles:
        try:
            face = find_face(role)
        except PublishError as exc:
            checks.append(FaceCheck(role, table.get(role, {}).get("name", role), False, {},
                                    problem=exc.message, install=table.get(role, {}).get("install", "")))
            continue
        checks.append(FaceCheck(role, face.name, True, {w: str(p) for w, p in face.files.items()}))
    return checks


def harfbuzz_version() -> str:
    name = ctypes.util.find_library("harfbuzz")
    if not name:
        return ""
    lib = ctypes.CDLL(name)
    lib.hb_version_string.restype = ctypes.c_char_p
    return str(lib.hb_version_string().decode())


def check_libraries() -> list[ToolCheck]:
    try:
        import weasyprint
        from weasyprint.text.ffi import pango
    except (ImportError, OSError) as exc:
        return [ToolCheck("WeasyPrint", False, note=f"{exc}; run: make setup")]
    number = int(pango.pango_version())
    pango_version = f"{number // 10000}.{number // 100 % 100}.{number % 100}"
    hb = harfbuzz_version()
    return [
        ToolCheck("WeasyPrint", True, weasyprint.__version__),
        ToolCheck("Pango", True, pango_version),
        ToolCheck("HarfBuzz", bool(hb), hb, note="" if hb else "libharfbuzz not found; run: make system"),
    ]


def command_version(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0].strip() if lines else ""


def check_tools() -> list[ToolCheck]:
    java = shutil.which("java")
    tools = [ToolCheck("Java", bool(java), command_version([java, "-version"]) if java else "",
                       required=False, note="" if java else "EPUBCheck needs it: apt-get install default-jre-headless")]
    epubcheck = shutil.which("epubcheck")
    jar = os.environ.get("EPUBCHECK_JAR") or next((str(j) for j in EPUBCHECK_JARS if j.is_file()), "")
    version = ""
    if epubcheck:
        version = command_version([epubcheck, "--version"])
    elif jar and java:
        version = command_version([java, "-jar", jar, "--version"])
    tools.append(ToolCheck("EPUBCheck", bool(epubcheck or jar), version, required=False,
                           note="" if epubcheck or jar else "to check EPUBs: apt-get install epubcheck"))
    from publish.check import preflight

    found = preflight.classpath() is not None
    tools.append(ToolCheck("PDFBox Preflight", found, "2 (Debian libpdfbox2-java)" if found else "", required=False,
                           note="" if found else f"check --pdfa validates PDF/A-1b with it: {preflight.INSTALL}"))
    pdftoppm = shutil.which("pdftoppm")
    tools.append(ToolCheck("pdftoppm", bool(pdftoppm), command_version([pdftoppm, "-v"]) if pdftoppm else "",
                           required=False, note="" if pdftoppm else "publish proof needs it: make system (poppler-utils)"))
    return tools


def check_system_packages(listing: Path = SYSTEM_PACKAGES) -> list[ToolCheck]:
    """Debian packages of the setup that are not installed (none on other systems)."""
    dpkg = shutil.which("dpkg-query")
    if dpkg is None or not listing.is_file():
        return []
    wanted = [
        line.strip() for line in listing.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    done = subprocess.run([dpkg, "-W", "-f=${Package} ${Status}\n", *wanted],
                          capture_output=True, text=True, check=False)
    installed = {line.split()[0] for line in done.stdout.splitlines() if line.endswith("install ok installed")}
    return [
        ToolCheck(f"Debian package {name}", False, required=False, note="install it with: make system")
        for name in wanted if name not in installed
    ]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check_caches() -> list[CacheCheck]:
    folders = [PROJECT_DIR / ".cache", Path(os.environ.get("PUBLISH_CACHE", Path.home() / ".cache" / "publish"))]
    return [CacheCheck(str(f), folder_size(f)) for f in folders if f.is_dir()]


def run(book_path: Path, *, book_required: bool = False) -> Report:
    """Check everything ``publish build`` of ``book_path`` needs."""
    report = Report()
    roles = list(face_table())
    if book_path.is_file():
        from publish.book import load_book
        from publish.styles import load_style

        try:
            book = load_book(book_path)
            roles = list(load_style(book.style).roles)
            report.book = f"{book_path}: {len(book.chapters)} article(s), style {Path(book.style).name}"
        except PublishError as exc:
            report.problems.append(str(exc))
            report.book = f"{book_path}: does not load"
    elif book_required:
        report.problems.append(f"{book_path}: no such book manifest")
    else:
        report.book = f"{book_path}: none here (checked every face role)"
    report.faces = check_faces(roles)
    report.problems += [f"{f.role} face missing: {f.problem}; install: {f.install}" for f in report.faces if not f.found]
    report.tools = check_libraries() + check_tools() + check_system_packages()
    report.problems += [f"{t.name}: {t.note}" for t in report.tools if t.required and not t.found]
    report.caches = check_caches()
    return report
