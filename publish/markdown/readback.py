"""The read-back check made cheap: what markdown-it must still parse, and what it need not.

``publish clean`` checks that every article it writes reads back as the document it
wrote. A full parse costs a quarter of a page's cleaning, and almost all of it goes on
paragraphs whose Markdown cannot mean anything but their text. Such a paragraph is
*inert*: one line, escaped by ``write.escape`` (so no inline mark is live), whose first
and last characters are not white space (markdown-it strips those, Unicode spaces
included), with no control character (markdown-it rewrites NUL and line ends) and not
opening with ``{`` (a block attribute line). ``write`` already escapes block markers at
the line start. After a blank line, such a line starts a paragraph of its own whatever
precedes it, and it changes nothing before or after it.

So the check parses a *skeleton*: the file with each run of inert paragraphs replaced by
one short placeholder paragraph. Everything else (front matter, headings, lists, tables,
figures, paragraphs with marks) is parsed as written and in the same neighbourhood, so
the guarantee is the full parse's; the inert text is compared directly.
"""

from __future__ import annotations

import re

from publish.markdown.write import rendered_blocks
from publish.model import Block, Document, Paragraph, Text

PLACEHOLDER = "p"
"""The stand-in for a run of inert paragraphs: itself inert."""

_INERT = re.compile(r"[^\s{\x00-\x1f\x7f][^\x00-\x1f\x7f]*(?<=[^\s\x00-\x1f\x7f])|[^\s{\x00-\x1f\x7f]")


def is_inert(block: Block, line: str) -> bool:
    """A paragraph of plain text whose Markdown ``line`` (``write.rendered_blocks``'s) can
    only read back as that text."""
    if not isinstance(block, Paragraph) or len(block.children) != 1:
        return False
    text = block.children[0]
    if not isinstance(text, Text) or "\n" in text.text:
        return False
    return _INERT.fullmatch(line) is not None


def skeleton(markdown: str, doc: Document, parts: list[str] | None = None) -> tuple[str, Document] | None:
    """(the Markdown to parse, the document it must read back as), or None when
    ``markdown`` is not ``doc``'s blocks after its front matter (then parse it whole).
    ``parts``: ``rendered_blocks(doc.blocks)``, when the caller has them."""
    parts = rendered_blocks(doc.blocks) if parts is None else parts
    if len(parts) != len(doc.blocks):
        return None
    body = "\n\n".join(parts) + "\n"
    if not markdown.endswith(body):
        return None
    head = markdown[: len(markdown) - len(body)]
    if not head.endswith("---\n\n"):
        return None
    kept: list[str] = []
    expected: list[Block] = []
    in_run = False
    for part, block in zip(parts, doc.blocks):
        if is_inert(block, part):
            if not in_run:
                kept.append(PLACEHOLDER)
                expected.append(Paragraph((Text(PLACEHOLDER),)))
            in_run = True
            continue
        in_run = False
        kept.append(part)
        expected.append(block)
    return head + "\n\n".join(kept) + "\n", Document(meta=doc.meta, blocks=tuple(expected))
