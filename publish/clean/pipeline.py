"""The cleaner's ordered stages, held in a small Ruler like markdown-it's core chain.

Profiles (``[stages] disable/enable`` in ``sites/*.toml``) and tests switch stages on and
off by name; nobody edits the list. Each stage is
``fn(state) -> None`` and mutates the one ``CleanState``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from publish.clean.state import CleanState

Stage = Callable[[CleanState], None]


@dataclass(slots=True)
class _Rule:
    name: str
    fn: Stage
    enabled: bool = True


class Ruler:
    """An ordered list of named stages with push/before/after/enable/disable by name."""

    def __init__(self) -> None:
        self._rules: list[_Rule] = []

    def _index(self, name: str) -> int:
        for i, rule in enumerate(self._rules):
            if rule.name == name:
                return i
        raise KeyError(f"no cleaner stage named {name!r}; stages: {self.names()}")

    def names(self) -> list[str]:
        return [r.name for r in self._rules]

    def push(self, name: str, fn: Stage) -> None:
        assert name not in self.names(), f"stage {name!r} registered twice"
        self._rules.append(_Rule(name, fn))

    def before(self, anchor: str, name: str, fn: Stage) -> None:
        self._rules.insert(self._index(anchor), _Rule(name, fn))

    def after(self, anchor: str, name: str, fn: Stage) -> None:
        self._rules.insert(self._index(anchor) + 1, _Rule(name, fn))

    def enable(self, name: str) -> None:
        self._rules[self._index(name)].enabled = True

    def disable(self, name: str) -> None:
        self._rules[self._index(name)].enabled = False

    def active(self) -> list[tuple[str, Stage]]:
        return [(r.name, r.fn) for r in self._rules if r.enabled]

    def run(self, state: CleanState) -> None:
        """Each stage in order, unless the page's profile (chosen by ``read``) switches it."""
        for rule in self._rules:
            if state.profile.runs(rule.name, rule.enabled):
                rule.fn(state)


@cache
def stage_names() -> list[str]:
    """The names a profile's ``[stages]`` may switch."""
    return default_ruler().names()


def default_ruler() -> Ruler:
    """The stages, in order, for every page."""
    from publish.clean import decode, images, readers
    from publish.clean.readers import html_blocks
    from publish.clean.stages import (
        body,
        byline,
        captions,
        chrome,
        duplicates,
        folded,
        headings,
        hidden,
        lead,
        links,
        page_title,
        structured_data,
        title,
    )
    from publish.limits import check_limits

    ruler = Ruler()
    ruler.push("check_limits", check_limits)
    ruler.push("decode", decode.decode_page)
    ruler.push("read", readers.read_page)
    # HTML pages: judged on their tree (nothing to do for a text scrape)
    ruler.push("page_title", page_title.find_page_title)
    ruler.push("structured_data", structured_data.read_structured_data)
    ruler.push("hidden", hidden.drop_hidden)
    ruler.push("folded", folded.drop_folded)
    ruler.push("lead", lead.find_lead)
    ruler.push("body", body.find_body)
    ruler.push("page_byline", byline.read_page_byline)
    ruler.push("links", links.drop_links)
    ruler.push("emit", html_blocks.emit_blocks)
    ruler.push("opening_title", page_title.prefer_opening_heading)
    # every page: judged on the raw blocks
    ruler.push("drop_chrome_lines", chrome.drop_chrome_lines)
    ruler.push("lift_byline", byline.lift_byline)
    ruler.push("find_title", title.find_title)
    ruler.push("split_title", title.split_title)
    ruler.push("mark_headings", headings.mark_headings)
    ruler.push("mark_captions", captions.mark_captions)
    ruler.push("drop_duplicates", duplicates.drop_duplicates)
    ruler.push("resolve_images", images.resolve_images)
    return ruler
