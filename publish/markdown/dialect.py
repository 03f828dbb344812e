"""The one MarkdownIt instance every reader uses, and why it is configured so.

CommonMark plus GFM tables, YAML front matter and block attributes (``{kicker="…"}`` on
the line before a heading). Raw HTML is off: articles come from scraped pages, and an
editor's ``<script>`` or ``<img src=file:///…>`` in a Markdown file must print as text,
never reach a renderer (markdown-it-py docs/security.md).
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


@cache
def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.use(front_matter_plugin)
    md.use(attrs_block_plugin)
    return md
