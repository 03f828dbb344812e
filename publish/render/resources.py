"""The one resource policy of every edition and of ``publish preview``.

What a build may read, whatever the book, its articles or its style sheets name:

- images: from the book's own folder (a style's images from its folders), and only
  files that are images by name and by content (``publish.limits``);
- style sheets: from the style's folders, and the user's ``--css`` files themselves —
  not the rest of the folder a ``--css`` file sits in (it may be a home folder);
- fonts: from the installed font folders, and only font files.

An article's figures are narrowed further, to images in the book's folder only
(``Sandbox.narrowed``). Everything else is refused and reported (``publish.fetcher``).
"""

from __future__ import annotations

from pathlib import Path

from publish.fetcher import Sandbox
from publish.fonts import font_roots
from publish.styles import Style


def book_sandbox(book_root: Path, style: Style) -> Sandbox:
    """The sandbox every edition and the preview read through."""
    return Sandbox.policy(
        images=(book_root, *style.folders),
        sheets=(*style.folders, *style.user_css),
        fonts=font_roots(),
    )

