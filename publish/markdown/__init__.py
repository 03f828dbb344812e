"""Article ⇄ Markdown: the editable source of truth between cleaner and renderers."""

from __future__ import annotations

from publish.markdown.read import from_markdown
from publish.markdown.write import to_markdown

__all__ = ["from_markdown", "to_markdown"]
