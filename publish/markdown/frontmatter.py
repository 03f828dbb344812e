"""YAML front matter ⇄ Meta, with dates kept as the strings they are written as.

PyYAML would turn ``2021-01-27T11:03:00+08:00`` into a datetime and lose the offset's
spelling; the loader here has no timestamp resolver, so what an editor types is what
the renderers print.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, fields
from typing import Any

import yaml

from publish.model import Meta


_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (the wheels are): a batch reads every
article back to check it, and the pure-Python parser was most of that check's time."""


class _Loader(_SafeLoader):  # type: ignore[misc]
    pass


class AliasError(yaml.composer.ComposerError):
    """Front matter that uses a YAML alias (``*name``)."""


class _NoAliasLoader(yaml.SafeLoader):
    """The pure-Python loader, refusing every alias where it is composed.

    An alias repeats its anchor's value; aliases of aliases nest, and 563 bytes of them
    become gigabytes once the value is printed (a "billion laughs"). No article needs
    one, and libyaml's composer, being C, cannot be told to refuse them: front matter
    with a ``*`` is read by this loader instead (see ``load``).
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]
            raise AliasError(
                None, None, f"YAML aliases (*{event.anchor}) are not accepted", event.start_mark
            )
        return super().compose_node(parent, index)


_WITHOUT_TIMESTAMPS = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.yaml_implicit_resolvers = _WITHOUT_TIMESTAMPS
_NoAliasLoader.yaml_implicit_resolvers = _WITHOUT_TIMESTAMPS

EXTRA_KEYS = ("checksum",)
"""Keys that describe the file, not the article: accepted, not part of Meta."""

ALIASES = {"author": "authors"}
"""pandoc's spelling of a key (its ``author`` may be one name or a list), read as ours."""


def _unalias(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for alias, key in ALIASES.items():
        if alias in out:
            if key in out:
                raise ValueError(f"give either {alias} or {key}, not both ({alias} is pandoc's name for {key})")
            out[key] = out.pop(alias)
    return out


def load(text: str) -> dict[str, Any]:
    """The front matter's mapping; yaml.YAMLError when it is not YAML or uses an alias.

    An alias is written ``*name``: text without a ``*`` has none and is read by libyaml
    (fast), the rest by ``_NoAliasLoader``, which stops at the first alias with its line.
    """
    loader = _Loader if "*" not in text else _NoAliasLoader
    data = yaml.load(text, Loader=loader) if text.strip() else {}
    if not isinstance(data, dict):
        raise ValueError("front matter must be a mapping of keys to values")
    return data


def to_meta(data: dict[str, Any]) -> Meta:
    data = _unalias(data)
    known = {f.name for f in fields(Meta)}
    unknown = set(data) - known - set(EXTRA_KEYS)
    if unknown:
        raise ValueError(f"unknown front-matter keys {sorted(unknown)}; known: {sorted(known)}")
    if not data.get("title"):
        raise ValueError("front matter needs a title")
    values: dict[str, Any] = {}
    for key in known & set(data):
        value = data[key]
        if key == "authors":
            if isinstance(value, str):
                value = [value]
            values[key] = tuple(str(v) for v in (value or ()))
        else:
            values[key] = "" if value is None else str(value)
    if values.get("date") and not is_iso_date(values["date"]):
        raise ValueError(
            f"date {values['date']!r} is not an ISO 8601 day or time "
            "(2021-01-27, 2021-01-27T11:03:00+08:00, or 2021-01 for a month)"
        )
    return Meta(**values)


_REDUCED = re.compile(r"\d{4}(?:-\d{2})?")
"""A year, or a year and month: ISO 8601's reduced precision."""


def is_iso_date(value: str) -> bool:
    """A real day, a day and time (with or without its offset), or a month or year alone
    (ISO 8601's reduced precision, for a page that gives no more): the renderers print it
    as 2021年1月27日 and the EPUB's modified date is the newest of them, so a typo such as
    2021-13-45 must stop the build, not reach the page."""
    if _REDUCED.fullmatch(value):
        return 1 <= int(value[5:] or 1) <= 12
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return len(value) >= 10 and value[4] == "-"  # not the week (2021W04) or ordinal forms


def dump(meta: Meta) -> str:
    """Only the fields that have a value, in the model's order."""
    data: dict[str, Any] = {}
    for key, value in asdict(meta).items():
        if value in ("", (), []):
            continue
        data[key] = list(value) if isinstance(value, tuple) else value
    return yaml.dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000
    )
