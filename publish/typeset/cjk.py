"""Which characters are Chinese: the character classes the cleaner, the Markdown reader
and the checker share.

A module of its own so that reading a book's Markdown does not import the cleaner (its
pipeline compiles a few hundred patterns at import: a tenth of a second on every build).
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""Han ideographs: the unified blocks, extension A, compatibility, and the supplementary
planes (extensions B onwards)."""

WIDE = HAN + "\u3000-\u303f\uff01-\uff60\uffe0-\uffe6\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"
"""Characters that make their neighbourhood "Chinese": Han ideographs, CJK symbols and
punctuation, full-width forms, and the marks Chinese shares with Western text (curly
quotes, ellipsis, em dash) once they have been restored."""

_IS_WIDE = re.compile(f"[{WIDE}]").match


def is_wide(ch: str) -> bool:
    """Whether ``ch`` (one character, or empty) is Chinese text for spacing purposes: a
    line break or a space beside it is no word space."""
    return bool(ch) and _IS_WIDE(ch) is not None
