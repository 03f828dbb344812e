"""The checksum that tells a generated Markdown file from one an editor has changed.

``publish clean`` writes ``checksum: sha256:…`` into the front matter: the hash of the
file without that line. A file whose content no longer matches its checksum was edited
by hand, and re-cleaning must not overwrite it.
"""

from __future__ import annotations

import hashlib
import re

_LINE = re.compile(r"^checksum:.*\n", re.M)


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(_LINE.sub("", text, count=1).encode("utf-8")).hexdigest()


def stamp(markdown: str) -> str:
    """Add the checksum as the last front-matter line."""
    head, sep, rest = markdown.partition("\n---\n")
    if not sep or not head.startswith("---\n"):
        raise ValueError("Markdown without front matter cannot be stamped")
    return f"{head}\nchecksum: {_digest(markdown)}\n---\n{rest}"


def is_hand_edited(text: str) -> bool:
    """True when the file has no checksum or its content differs from what was stamped."""
    m = re.search(r"^checksum:\s*(\S+)\s*$", text, re.M)
    return m is None or m.group(1) != _digest(text)
