"""Site profiles: what the cleaner knows about one site, loaded from a data file.

Site knowledge is data (``sites/<name>.toml``), never a branch in code: a new site is a
new file. The ``generic`` profile holds the chrome and byline labels every site shares;
each site's profile adds to it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from publish.errors import ConfigError

SITES_DIR = Path(__file__).parent / "sites"


@dataclass(frozen=True, slots=True)
class SiteProfile:
    name: str
    """The site's own name, written to front matter as ``site``."""
    hosts: tuple[str, ...] = ()
    signatures: tuple[re.Pattern[str], ...] = ()
    """Lines that identify a plain-text scrape of this site (it has no URL)."""
    title_suffix: re.Pattern[str] | None = None
    """What the site appends to <title> (``_共产党员网``), removed from the title."""
    title_selectors: tuple[str, ...] = ()
    body_selectors: tuple[str, ...] = ()
    drop_selectors: tuple[str, ...] = ()
    folded_selectors: tuple[str, ...] = ()
    """Content shown only on request (collapsed, not for print): dropped unless it is
    most of the page."""
    chrome_lines: tuple[re.Pattern[str], ...] = ()
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Byline labels by front-matter field: {"editor": ("责任编辑", "编辑")}."""


def _patterns(values: list[str], source: Path) -> tuple[re.Pattern[str], ...]:
    out = []
    for value in values:
        try:
            out.append(re.compile(value))
        except re.error as exc:
            raise ConfigError(f"bad pattern {value!r}: {exc}", path=source) from exc
    return tuple(out)


def load_profile(path: Path) -> SiteProfile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read site profile: {exc}", path=path) from exc
    known = {"name", "hosts", "signatures", "title_suffix", "html", "text", "labels"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(
            f"unknown keys {sorted(unknown)}", path=path, hint=f"known keys: {sorted(known)}"
        )
    if "name" not in data:
        raise ConfigError("a site profile needs a name", path=path)
    html = data.get("html", {})
    text = data.get("text", {})
    suffix = data.get("title_suffix")
    return SiteProfile(
        name=data["name"],
        hosts=tuple(data.get("hosts", ())),
        signatures=_patterns(data.get("signatures", []), path),
        title_suffix=re.compile(suffix) if suffix else None,
        title_selectors=tuple(html.get("title", ())),
        body_selectors=tuple(html.get("body", ())),
        drop_selectors=tuple(html.get("drop", ())),
        folded_selectors=tuple(html.get("folded", ())),
        chrome_lines=_patterns([f"(?:{p})" for p in text.get("chrome_lines", [])], path),
        labels={k: tuple(v) for k, v in data.get("labels", {}).items()},
    )


@cache
def all_profiles() -> dict[str, SiteProfile]:
    """Every profile shipped in ``sites/``, by file stem."""
    return {p.stem: load_profile(p) for p in sorted(SITES_DIR.glob("*.toml"))}


def generic() -> SiteProfile:
    return all_profiles()["generic"]


def profile_for_host(host: str) -> SiteProfile | None:
    host = host.lower().removeprefix("www.")
    for profile in all_profiles().values():
        if any(host == h.removeprefix("www.") for h in profile.hosts):
            return profile
    return None


def profile_for_text(lines: list[str]) -> SiteProfile | None:
    """The profile whose signature line appears in a plain-text scrape."""
    for profile in all_profiles().values():
        for pattern in profile.signatures:
            if any(pattern.search(line.strip()) for line in lines):
                return profile
    return None
