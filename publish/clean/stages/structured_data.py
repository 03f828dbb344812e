"""Structured data: the date and authors of the page's schema.org JSON-LD article.

Read before invisible content is dropped (JSON-LD lives in scripts); used only where the
byline around the body is silent.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from lxml.etree import _Element

from publish.clean.byline import parse_date
from publish.clean.tagged import Tagged, tagged
from publish.clean.state import CleanState

_ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "blogposting", "report"})
CHINA = timezone(timedelta(hours=8))


def _ld_objects(root: _Element, tags: Tagged | None = None) -> list[dict[str, object]]:
    """The schema.org objects of the page's JSON-LD scripts (``@graph`` flattened)."""
    found: list[dict[str, object]] = []
    # scripts found among the page's head tags (one walk for all of them: ``tagged``)
    for script in (s for s in tagged(root, tags).of("script") if s.get("type") == "application/ld+json"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue  # a broken script is the page's problem, not a reason to fail it
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                stack += graph if isinstance(graph, list) else []
    return found


def _ld_date(value: object) -> str:
    """An ISO 8601 date of JSON-LD in Beijing time (``2011-06-17T11:26:10Z`` → 19:26+08:00)."""
    if not isinstance(value, str):
        return ""
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return parse_date(value)
    if when.tzinfo is None:
        return parse_date(value)
    return when.astimezone(CHINA).isoformat(timespec="seconds")


def _ld_people(value: object) -> list[str]:
    """Names of the ``author`` entries that are people (an Organization is not an author)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and str(item.get("@type", "Person")).lower() == "person":
            name = item.get("name")
            if isinstance(name, str) and name.strip():
                names.append(" ".join(name.split()))
    return names


def structured_data(root: _Element, tags: Tagged | None = None) -> tuple[str, list[str]]:
    """Publication date and authors from the page's schema.org JSON-LD article, if any.

    Read before scripts are dropped; used only where the byline around the body is silent.
    """
    for obj in _ld_objects(root, tags):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
            return _ld_date(obj.get("datePublished")), _ld_people(obj.get("author"))
    return "", []


def read_structured_data(state: CleanState) -> None:
    if state.html is not None:
        state.html.ld_date, state.html.ld_authors = structured_data(state.html.root, state.html.tags)
