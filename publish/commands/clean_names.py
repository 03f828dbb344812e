"""The article names of a batch: one ``.md`` per page, and no two pages sharing one.

A page's article is named after the page (``sina__0d93.html`` → ``sina__0d93.md``), as
it always was. A mirrored site gives many pages the same name (``a/index.html``,
``b/index.html``…): each of those is named by its path from the folder the clashing
pages have in common instead (``a-index.md``, ``b-index.md``), with the suffix when
that is not enough (``page.html`` and ``page.txt`` → ``page-html.md``, ``page-txt.md``).
The names depend only on the batch's pages, so re-cleaning the same pages finds the
articles it wrote before. Names are compared case-folded: on macOS and Windows ``Index.md``
and ``index.md`` are one file.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path


def article_names(sources: Sequence[Path]) -> dict[Path, str]:
    """The stem of each source's article (``index`` → ``index.md``), all distinct."""
    names: dict[Path, str] = {}
    derived: list[Path] = []
    for group in _clashing(sources, lambda p: p.stem).values():
        if len(group) == 1:
            names[group[0]] = group[0].stem
        else:
            names.update(_by_path(group))
            derived += group
    return _numbered_where_still_clashing(names, derived)


def _clashing(paths: Iterable[Path], name: Callable[[Path], str]) -> dict[str, list[Path]]:
    """``paths`` grouped by their case-folded ``name``, in their order."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in paths:
        groups[name(path).casefold()].append(path)
    return groups


def _by_path(group: list[Path]) -> dict[Path, str]:
    """Each page named by its path from the pages' common folder, ``/`` as ``-``; the
    suffix is kept for pages still alike without it (``page.html``, ``page.txt``)."""
    base = Path(os.path.commonpath([p.absolute().parent for p in group]))
    relative = {p: p.absolute().relative_to(base) for p in group}

    def without_suffix(p: Path) -> str:
        return "-".join((*relative[p].parent.parts, relative[p].stem))

    names: dict[Path, str] = {}
    for alike in _clashing(group, without_suffix).values():
        for p in alike:
            if len(alike) == 1:
                names[p] = without_suffix(p)
            else:
                names[p] = "-".join((*relative[p].parent.parts, relative[p].name.replace(".", "-")))
    return names


def _numbered_where_still_clashing(names: dict[Path, str], derived: list[Path]) -> dict[Path, str]:
    """A derived name that is still another page's (``a/index.html`` beside a page named
    ``a-index.html``, or two names that differ only in case) gets ``-2``, ``-3``…, in the
    order of the pages' paths; a page's own name never changes."""
    taken = {name.casefold() for path, name in names.items() if path not in derived}
    for path in sorted(derived, key=lambda p: str(p.absolute())):
        name, n = names[path], 1
        while names[path].casefold() in taken:
            n += 1
            names[path] = f"{name}-{n}"
        taken.add(names[path].casefold())
    return names
