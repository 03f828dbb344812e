"""Styles: folders of plain CSS a user can copy and edit, chained by ``extends``.

A style is ``styles/<name>/style.toml`` plus its CSS files (``print``, ``epub`` and
``screen`` lists: paper, e-readers, the HTML edition). Files are collected parent first
(base → style → the user's own CSS), so a later sheet overrides an earlier one the way a
user expects. A book may keep its own styles beside it (``<book>/styles/<name>`` or
``<book>/../styles/<name>``, as ``publish init`` makes them); they win over the built-in
ones, and :func:`resolve_style` turns such a name into the folder's path. Python passes
the CSS through; presentation never lives here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from publish.errors import ConfigError
from publish.fonts import PROJECT_DIR
from publish.sources import check_source, read_source

STYLES_DIR = PROJECT_DIR / "styles"
_KEYS = {"description", "extends", "roles", "print", "epub", "screen", "trim", "writing_mode", "footnotes"}
WRITING_MODES = ("horizontal-tb", "vertical-rl")
"""``writing_mode``: 横排 (the default) or 竖排; the EPUB spine follows it (rtl for 竖排)."""
FOOTNOTE_NUMBERING = ("article", "page")
"""``footnotes``: the PDF's notes numbered ① ② ③ through each article (the default, as the
EPUB and the HTML edition number them) or afresh on every page (clreq's other convention,
``pdf.note_pages``)."""


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    description: str
    roles: tuple[str, ...]
    """Face roles the style's CSS uses (song, hei, kai …)."""
    print_css: tuple[Path, ...]
    epub_css: tuple[Path, ...]
    trim: str
    folders: tuple[Path, ...]
    """The style's folder and its parents': where its sheets (and their images) may be read
    from. Not the folder of a user's own CSS: that may be a home folder."""
    writing_mode: str = "horizontal-tb"
    screen_css: tuple[Path, ...] = ()
    """Sheets for the HTML edition (``publish preview``, ``build --format html``)."""
    user_css: tuple[Path, ...] = ()
    """The user's own sheets (``--css``): readable themselves, but nothing beside them."""
    footnotes: str = FOOTNOTE_NUMBERING[0]
    """How the PDF numbers the notes: ``article`` or ``page`` (``FOOTNOTE_NUMBERING``)."""


def available_styles(styles_dir: Path = STYLES_DIR) -> list[str]:
    return sorted(p.parent.name for p in styles_dir.glob("*/style.toml") if p.parent.name != "base")


def resolve_style(name: str, book_root: Path) -> str:
    """A style the book keeps beside it → its folder's absolute path; else ``name``."""
    for styles in (book_root / "styles", book_root.parent / "styles"):
        folder = styles / name
        if "/" not in name and (folder / "style.toml").is_file():
            return str(folder.resolve())
    folder = book_root / name
    if "/" in name and (folder / "style.toml").is_file():
        return str(folder.resolve())
    return name


def _style_folder(name: str, styles_dir: Path, child: Path | None) -> Path:
    """A name's folder: a path as given, a sibling of the extending style, or built in."""
    if Path(name).is_absolute():
        return Path(name)
    if child is not None and (child.parent / name / "style.toml").is_file():
        return child.parent / name
    return styles_dir / name


def load_style(name: str, *, user_css: tuple[Path, ...] = (), styles_dir: Path = STYLES_DIR) -> Style:
    chain: list[tuple[Path, dict[str, object]]] = []
    current: str | None = name
    child: Path | None = None
    while current:
        folder = _style_folder(current, styles_dir, child)
        child = folder
        spec = folder / "style.toml"
        if not spec.is_file():
            raise ConfigError(
                f"unknown style {current!r}", hint=f"styles: {', '.join(available_styles(styles_dir))}"
            )
        try:
            data = tomllib.loads(read_source(spec))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML: {exc}", path=spec) from exc
        unknown = set(data) - _KEYS
        if unknown:
            raise ConfigError(f"unknown keys {sorted(unknown)}", path=spec, hint=f"known: {sorted(_KEYS)}")
        chain.insert(0, (folder, data))
        if len(chain) > 8:
            raise ConfigError("style 'extends' chain is too long or circular", path=spec)
        current = str(data["extends"]) if data.get("extends") else None

    def files(kind: str) -> tuple[Path, ...]:
        out = []
        for folder, data in chain:
            for rel in data.get(kind, []):  # type: ignore[attr-defined]
                path = folder / str(rel)
                if not path.exists():
                    raise ConfigError(f"style file {rel!r} does not exist", path=folder / "style.toml")
                check_source(path)
                out.append(path)
        return tuple(out)

    for css in user_css:
        if not css.exists():
            raise ConfigError("the style sheet does not exist", path=css)
        check_source(css)
    roles: list[str] = []
    trim = "A5"
    description = ""
    writing_mode = WRITING_MODES[0]
    footnotes = FOOTNOTE_NUMBERING[0]
    for folder, data in chain:
        roles += [str(r) for r in data.get("roles", []) if r not in roles]  # type: ignore[attr-defined]
        trim = str(data.get("trim", trim))
        description = str(data.get("description", description))
        writing_mode = str(data.get("writing_mode", writing_mode))
        if writing_mode not in WRITING_MODES:
            raise ConfigError(f"writing_mode {writing_mode!r} is not one of {', '.join(WRITING_MODES)}",
                              path=folder / "style.toml")
        footnotes = str(data.get("footnotes", footnotes))
        if footnotes not in FOOTNOTE_NUMBERING:
            raise ConfigError(f"footnotes {footnotes!r} is not one of {', '.join(FOOTNOTE_NUMBERING)}",
                              path=folder / "style.toml", hint='footnotes = "page" numbers the notes afresh on every page')
    return Style(
        name=name,
        description=description,
        roles=tuple(roles),
        print_css=files("print") + tuple(user_css),
        epub_css=files("epub") + tuple(user_css),
        screen_css=files("screen") + tuple(user_css),
        trim=trim,
        folders=tuple(folder for folder, _ in chain),
        writing_mode=writing_mode,
        user_css=tuple(user_css),
        footnotes=footnotes,
    )
