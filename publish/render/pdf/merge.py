"""Join the per-part PDFs into the book: pages, bookmarks and named destinations.

Separate from the renderer because it works on finished PDFs with pikepdf. The first part
(the front matter) gives the document its metadata; each later part's pages are appended,
its bookmarks re-pointed at the appended pages, and its named destinations (the anchors the
目录's links name) merged into one name tree, so the links of the front matter land on the
articles' pages as in a one-pass build. Then the parts' subsets of each face become one
(``pdf.fonts``), so the book embeds each face once, as a one-pass build does.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from publish.render.cache import RenderCache
from publish.render.pdf.fonts import share_faces


@dataclass(frozen=True, slots=True)
class PartPdf:
    data: bytes
    drop_last: bool = False
    """Drop the part's last page (the blank verso after the book's last article)."""


def _page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: i for i, page in enumerate(pdf.pages)}


def _moved(dest: object, index: dict[tuple[int, int], int], out: pikepdf.Pdf, base: int) -> pikepdf.Array | None:
    if not isinstance(dest, pikepdf.Array) or len(dest) == 0:
        return None
    target = index.get(dest[0].objgen)
    if target is None or base + target >= len(out.pages):
        return None
    return pikepdf.Array([out.pages[base + target].obj, *list(dest)[1:]])


def _copy_outline(
    items: list[pikepdf.OutlineItem], index: dict[tuple[int, int], int], out: pikepdf.Pdf, base: int
) -> list[pikepdf.OutlineItem]:
    copied = []
    for item in items:
        dest = _moved(item.destination, index, out, base) if item.destination is not None else None
        new = pikepdf.OutlineItem(item.title, dest)
        new.is_closed = item.is_closed
        new.children.extend(_copy_outline(list(item.children), index, out, base))
        copied.append(new)
    return copied


def merge(parts: Sequence[PartPdf], font_files: Sequence[Path] = (), cache: RenderCache | None = None) -> bytes:
    """One PDF of the parts' pages in order, with their bookmarks and named destinations,
    each face embedded once (cut from its file among ``font_files``; the cut faces kept in
    ``cache``)."""
    first, *rest = parts
    out = pikepdf.open(io.BytesIO(first.data))
    outline: list[pikepdf.OutlineItem] = []
    names: dict[str, pikepdf.Array] = {}
    sources = [out]
    try:
        for number, part in enumerate(parts):
            src = out if number == 0 else pikepdf.open(io.BytesIO(part.data))
            if number:
                sources.append(src)
            base = 0 if number == 0 else len(out.pages)
            index = _page_index(src)
            if number:
                out.pages.extend(src.pages)
            with src.open_outline() as tree:
                outline.extend(_copy_outline(list(tree.root), index, out, base))
            if "/Names" in src.Root and "/Dests" in src.Root.Names:
                for name, dest in pikepdf.NameTree(src.Root.Names.Dests).items():
                    moved = _moved(dest, index, out, base)
                    if moved is not None:
                        names[name] = moved
            if part.drop_last:
                del out.pages[-1]
        tree_obj = pikepdf.NameTree.new(out)
        for name in sorted(names):
            tree_obj[name] = names[name]
        if "/Names" not in out.Root:
            out.Root.Names = pikepdf.Dictionary()
        out.Root.Names.Dests = tree_obj.obj
        with out.open_outline() as tree:
            tree.root.clear()
            tree.root.extend(outline)
        share_faces(out, font_files, cache)
        return saved_bytes(out)
    finally:
        for src in reversed(sources):
            src.close()


def saved_bytes(pdf: pikepdf.Pdf, *, version: str | None = None) -> bytes:
    """The PDF written compressed and with an ID made from its content: the same input
    gives the same bytes, build after build. With ``version`` (PDF/A-1 is ``1.4``) the
    file is that version, without the object streams that came with 1.5."""
    out = io.BytesIO()
    streams = pikepdf.ObjectStreamMode.generate if version is None else pikepdf.ObjectStreamMode.disable
    pdf.save(out, compress_streams=True, deterministic_id=True, object_stream_mode=streams, force_version=version or "")
    return out.getvalue()
