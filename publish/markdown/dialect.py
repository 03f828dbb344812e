"""The one MarkdownIt instance every reader uses, and why it is configured so.

The dialect is the one pandoc reads as

    commonmark+yaml_metadata_block+pipe_tables+attributes+footnotes+implicit_figures-raw_html

(``PANDOC_FORMAT``; tests/markdown/test_pandoc_parity.py holds the two readers to it):
CommonMark, YAML front matter, pipe tables, attributes (``{#id .class key="value"}`` on
the line before a block or at the end of a heading, and after inline code, links and
images), footnotes (``正文[^1]`` with ``[^1]: 注释。``) and implicit figures (an image alone
in its paragraph is a figure, its text the caption). It is a part of pandoc's
``commonmark_x``, which adds smart quotes, strikeout, math, task lists, definition lists,
fenced divs, spans, sub- and superscript, emoji and raw HTML: an article that uses those
is read differently by the two, and ``publish`` warns where it sees them.

Raw HTML is off: articles come from scraped pages, and an editor's ``<script>`` or
``<img src=file:///…>`` in a Markdown file must print as text, never reach a renderer
(markdown-it-py docs/security.md).
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from publish.markdown.heading_attrs import heading_attrs_plugin

PANDOC_FORMAT = (
    "commonmark+yaml_metadata_block+pipe_tables+attributes+footnotes+implicit_figures-raw_html"
)
"""The pandoc reader (``pandoc -f …``) that reads an article as ``markdown_parser`` does."""

INLINE_ATTRS_AFTER = ("image", "code_inline", "link_close")
"""Where pandoc's ``attributes`` extension reads ``{…}`` after an inline element and we
do too; the reader keeps none of them and warns (an id on a figure aside)."""


@cache
def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.use(front_matter_plugin)
    md.use(attrs_block_plugin)
    md.use(attrs_plugin, after=INLINE_ATTRS_AFTER)
    md.use(heading_attrs_plugin)
    # pandoc's commonmark ``footnotes`` has no inline notes (``^[…]``): neither do we.
    md.use(footnote_plugin, inline=False)
    return md
