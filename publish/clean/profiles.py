"""Site profiles: what the cleaner knows about one site, loaded from a data file.

Site knowledge is data (``sites/<name>.toml``), never a branch in code: a new site is a
new file. The ``generic`` profile holds the chrome and byline labels every site shares,
and every stage's thresholds and vocabulary (``[stages.NAME]``, typed by
``settings.Settings``); each site's profile adds to the chrome and labels, overrides
settings, and switches stages off or on by name (``[stages] disable = ["links"]``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from publish.clean.settings import Settings, settings_from, switches
from publish.errors import ConfigError

SITES_DIR = Path(__file__).parent / "sites"


@dataclass(frozen=True, slots=True)
class SiteProfile:
    name: str
    """The site's own name, written to front matter as ``site``."""
    settings: Settings
    """Thresholds and vocabulary of the stages (generic.toml's, with this site's changes)."""
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
    disabled: frozenset[str] = frozenset()
    """Stages that do not run on this site's pages (generic's and this site's)."""
    enabled: frozenset[str] = frozenset()
    """Stages that run on this site's pages even where the chain has them off."""

    def runs(self, stage: str, default: bool) -> bool:
        """Whether ``stage`` runs on this site's pages (``default``: the chain's say)."""
        if stage in self.disabled:
            return False
        return default or stage in self.enabled


def _patterns(values: list[str], source: Path) -> tuple[re.Pattern[str], ...]:
    out = []
    for value in values:
        try:
            out.append(re.compile(value))
        except re.error as exc:
            raise ConfigError(f"bad pattern {value!r}: {exc}", path=source) from exc
    return tuple(out)


def load_profile(path: Path, base: SiteProfile | None = None) -> SiteProfile:
    """The profile in ``path``; its settings and stage switches over ``base``'s (generic's)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read site profile: {exc}", path=path) from exc
    known = {"name", "hosts", "signatures", "title_suffix", "html", "text", "labels", "stages"}
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
    stages = data.get("stages", {})
    if not isinstance(stages, dict):
        raise ConfigError("[stages] must be a table", path=path)
    from publish.clean.pipeline import stage_names

    disable, enable = switches(stages, path, stage_names())
    if base is not None:
        disable, enable = (base.disabled | disable) - enable, (base.enabled - disable) | enable
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
        settings=settings_from(stages, base.settings if base is not None else None, path),
        disabled=disable,
        enabled=enable,
    )


@cache
def all_profiles() -> dict[str, SiteProfile]:
    """Every profile shipped in ``sites/``, by file stem; each inherits generic.toml's."""
    base = load_profile(SITES_DIR / "generic.toml")
    return {
        p.stem: base if p.stem == "generic" else load_profile(p, base) for p in sorted(SITES_DIR.glob("*.toml"))
    }


def generic() -> SiteProfile:
    return all_profiles()["generic"]


def profile_for_host(host: str) -> SiteProfile | None:
    """The profile of ``host`` or of a domain it is under (``m.12371.cn``: 12371.cn)."""
    host = host.lower().removeprefix("www.")
    for profile in all_profiles().values():
        if any(host == h.removeprefix("www.") or host.endswith("." + h.removeprefix("www.")) for h in profile.hosts):
            return profile
    return None


def profile_for_title(title: str, site_name: str = "") -> SiteProfile | None:
    """The profile whose title suffix ends ``title`` (``标题_共产党员网``), or whose name the
    page gives as its own (``og:site_name``): a page saved without its address."""
    for profile in all_profiles().values():
        if profile.name == "generic":
            continue
        if (profile.title_suffix is not None and profile.title_suffix.search(title.strip())) or (
            site_name and site_name.strip() == profile.name
        ):
            return profile
    return None


def profile_for_text(lines: list[str]) -> SiteProfile | None:
    """The profile whose signature line appears in a plain-text scrape."""
    for profile in all_profiles().values():
        for pattern in profile.signatures:
            if any(pattern.search(line.strip()) for line in lines):
                return profile
    return None
