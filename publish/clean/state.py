"""The state the cleaner's stages share while turning one page into an Article.

Readers (plain text, HTML) fill ``blocks`` with raw, unrepaired pieces of text; the later
stages drop chrome, lift metadata and give blocks their structure; the last stage builds
the model. Nothing of this leaves ``publish.clean``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from publish.clean.byline import Byline

if TYPE_CHECKING:  # the profiles validate stage names against the pipeline, which imports this
    from lxml.etree import _Element

    from publish.clean.extract import Counts
    from publish.clean.tagged import Tagged
    from publish.clean.profiles import SiteProfile
    from publish.clean.selectors import PageNames

RawKind = Literal["text", "heading", "image", "quote", "item", "table"]


@dataclass(slots=True)
class RawBlock:
    """One piece of the page as a reader found it."""

    kind: RawKind
    text: str = ""
    indented: bool = False
    """Plain-text scrapes mark paragraphs with an indent and headings without one."""
    level: int = 0
    """Heading level as the page had it (h1…h6); 0 when unknown."""
    src: str = ""
    """Image source, already resolved against lazy-load attributes."""
    kicker: str = ""
    """引题 of a heading, when the page set one above it."""
    ordered: bool = False
    rows: list[list[str]] = field(default_factory=list)
    """Table cells, first row the header."""


@dataclass(slots=True)
class HtmlPage:
    """An HTML page's tree and what the HTML stages found in it, in the order they run."""

    root: _Element
    tags: Tagged | None = None
    """The tree's head tags as parsed (``tagged``), until ``stages.hidden`` changes it."""
    title_shown: bool = False
    """The page prints its title as a heading (not only in ``<title>``, which some sites
    fill with their own name)."""
    ld_date: str = ""
    """The JSON-LD article's date and authors, read before scripts are dropped."""
    ld_authors: list[str] = field(default_factory=list)
    names: PageNames | None = None
    """The class and id names left after invisible content is dropped, for the selectors."""
    held: list[_Element] = field(default_factory=list)
    """Every element left then: while held, lxml keeps their Python objects instead of
    making them anew on each walk (see ``stages.hidden``)."""
    body: list[_Element] = field(default_factory=list)
    """The element(s) holding the article."""
    stats: dict[_Element, Counts] | None = None
    """Characters and link characters of every element of the tree the body was found in."""


@dataclass(slots=True)
class CleanState:
    path: Path
    data: bytes
    profile: SiteProfile
    generic: SiteProfile
    text: str = ""
    """The decoded page."""
    encoding: str = ""
    is_html: bool = False
    html: HtmlPage | None = None
    """The page's tree while the HTML stages work on it; None for a text scrape."""
    url: str = ""
    title: str = ""
    subtitle: str = ""
    lead: str = ""
    byline: Byline = field(default_factory=Byline)
    fallback_date: str = ""
    """A date found without a label (``<meta>``, a bare date line, the URL): used only
    when no labelled byline gives one."""
    fallback_authors: list[str] = field(default_factory=list)
    """The name on a link to an author page: used only when no byline, reporter line or
    signature in the body names the authors."""
    blocks: list[RawBlock] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    """Warnings for the user: what was dropped or could not be kept."""
    images_dir: Path | None = None
    """Where saved images are copied (``content/images``); None: leave sources as found."""
    fetch_images: bool = False
    """``--fetch-images``: download images the scrape did not save (opt-in)."""
    markdown_dir: Path | None = None
    """The folder the article's Markdown goes to, for relative image paths."""
