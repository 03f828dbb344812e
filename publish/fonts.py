"""Finding the faces a style asks for, and telling the user how to install a missing one.

WeasyPrint silently falls back to DejaVu for a family it cannot find and fakes no bold,
so a missing face must stop the build with a message that names it — tofu or a Latin
fallback in Han text is never acceptable in print.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from publish.errors import FontError

PACKAGE_DIR = Path(__file__).parent
PROJECT_DIR = PACKAGE_DIR.parent
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
WEIGHTS = {"regular": 400, "bold": 700, "heavy": 900}


def font_dirs() -> tuple[Path, ...]:
    """Where faces are looked for: $PUBLISH_FONTS_DIR, the project's fonts/, the system's."""
    dirs = []
    if os.environ.get("PUBLISH_FONTS_DIR"):
        dirs.append(Path(os.environ["PUBLISH_FONTS_DIR"]))
    dirs.append(PROJECT_DIR / "fonts")
    dirs.extend(SYSTEM_FONT_DIRS)
    return tuple(d for d in dirs if d.is_dir())


@dataclass(frozen=True, slots=True)
class Face:
    role: str
    family: str
    """The family name styles use in CSS."""
    name: str
    """The font's own name, for messages."""
    files: dict[str, Path]
    """weight name → font file."""
    install: str


@cache
def face_table() -> dict[str, dict[str, str]]:
    with open(PACKAGE_DIR / "fonts.toml", "rb") as fh:
        return tomllib.load(fh)


@cache
def _index() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for directory in font_dirs():
        for path in sorted(directory.rglob("*")):
            if path.suffix.lower() in {".ttf", ".otf", ".ttc", ".woff2", ".woff"}:
                found.setdefault(path.name, path)
    return found


def find_face(role: str) -> Face:
    table = face_table()
    if role not in table:
        raise FontError(f"no face role {role!r}", hint=f"roles: {sorted(table)}")
    spec = table[role]
    files: dict[str, Path] = {}
    missing: list[str] = []
    for weight in WEIGHTS:
        if weight in spec:
            path = _index().get(spec[weight])
            if path is None:
                missing.append(spec[weight])
            else:
                files[weight] = path
    if missing:
        raise FontError(
            f"the {role} face {spec['name']} is not installed (missing {', '.join(missing)})",
            hint=f"install it with: {spec['install']}",
        )
    return Face(role, spec["family"], spec["name"], files, spec["install"])


def font_face_rule(family: str, weight: int | str, url: str) -> str:
    """One @font-face rule, written the same way for the PDF, the EPUB and the preview."""
    return f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: normal; src: url("{url}"); }}'


def font_face_css(roles: tuple[str, ...]) -> str:
    """@font-face rules for the roles, pointing at the installed files."""
    rules = []
    for role in roles:
        face = find_face(role)
        for weight, path in face.files.items():
            rules.append(font_face_rule(face.family, WEIGHTS[weight], path.resolve().as_uri()))
    return "\n".join(rules)


def font_roots() -> tuple[Path, ...]:
    """Folders the fetcher may read fonts from."""
    return font_dirs()
