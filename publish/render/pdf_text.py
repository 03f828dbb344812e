"""Make the PDF's text read as it was written: take out the justification spaces.

Separate from ``pdf.py`` because it works on the finished PDF, not on the layout.
``publish.typography`` puts a U+0020 at every break between Chinese characters (and a
U+00A0 beside a Latin or digit run) that the style makes zero-width, so that WeasyPrint,
which justifies by stretching spaces only, sets every line flush. Those are layout
devices, not text: copied or searched, "决战深贫" must not read "决 战 深 贫".

WeasyPrint writes each space as a glyph in a ``TJ`` array followed by the displacement
that gives it its drawn width. The style draws the author's spaces (``span.sp``) 0.06em
wider than the face's space, the justification points at zero width and the breakable
quarter-em before a Latin run at 0.25em, each plus the line's justification stretch,
which every space of a line shares. So a space drawn narrower than its own width plus
0.03em is a layout device; it is replaced by the equivalent displacement, every glyph
stays exactly where it was, and text extraction no longer sees a space. (A quarter-em on
a line stretched by more than about 0.04em per gap stays a space in the text, as a
reader would read the gap; a justification point would need a quarter em of stretch.)
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pikepdf

SPACES = frozenset({" ", "\u00a0"})
"""Texts of the glyphs that may be layout devices."""
AUTHOR_MARK = 30
"""Half the 0.06em (in 1/1000 em) by which the style widens the author's spaces."""

_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


@dataclass(slots=True)
class FontSpaces:
    """One PDF font's space glyphs."""

    spaces: dict[int, int] = field(default_factory=dict)
    """Glyph id → advance width in 1/1000 em, for the font's space glyphs."""


def _widths(font: pikepdf.Object) -> dict[int, int]:
    """The /W array of a CID font as glyph id → width."""
    out: dict[int, int] = {}
    descendant = font.DescendantFonts[0]
    default = int(descendant.get("/DW", 1000))
    array = list(descendant.get("/W", []))
    i = 0
    while i < len(array):
        first = int(array[i])
        if isinstance(array[i + 1], pikepdf.Array):
            for k, width in enumerate(array[i + 1]):
                out[first + k] = int(width)
            i += 2
        else:
            last, same = int(array[i + 1]), int(array[i + 2])
            for gid in range(first, last + 1):
                out[gid] = same
            i += 3
    out.setdefault(-1, default)
    return out


def _space_glyphs(font: pikepdf.Object) -> FontSpaces:
    """The font's space glyphs and their widths, from its ToUnicode map."""
    found = FontSpaces()
    if font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
        return found
    widths = _widths(font)
    for code, dest in _BFCHAR.findall(font.ToUnicode.read_bytes()):
        text = bytes.fromhex(dest.decode()).decode("utf-16-be", errors="replace") if dest else ""
        if text in SPACES:
            gid = int(code, 16)
            found.spaces[gid] = widths.get(gid, widths[-1])
    return found


def _strip(operands: pikepdf.Object, spaces: dict[int, int]) -> pikepdf.Array | None:
    """A TJ array without its layout spaces, their advance kept as displacement."""
    items = list(operands)
    out: list[object] = []
    changed = False
    pending = Decimal(0)
    run = bytearray()

    def flush_run() -> None:
        nonlocal pending
        if run:
            if pending:
                out.append(pending)
                pending = Decimal(0)
            out.append(pikepdf.String(bytes(run)))
            run.clear()

    for index, item in enumerate(items):
        if not isinstance(item, pikepdf.String):
            flush_run()
            pending += Decimal(str(item))
            continue
        data = bytes(item)
        for k in range(0, len(data) - 1, 2):
            gid = (data[k] << 8) | data[k + 1]
            width = spaces.get(gid)
            if width is None:
                run += data[k : k + 2]
                continue
            last = k + 2 >= len(data)
            follower = items[index + 1] if last and index + 1 < len(items) else None
            shift = Decimal(str(follower)) if isinstance(follower, (int, Decimal)) else Decimal(0)
            if width - shift < width + AUTHOR_MARK:
                flush_run()
                pending -= width
                changed = True
            else:
                run += data[k : k + 2]
    flush_run()
    if pending:
        out.append(pending)
    return pikepdf.Array(out) if changed else None


@dataclass(slots=True)
class _Job:
    pdf: pikepdf.Pdf
    fonts: dict[tuple[int, int], FontSpaces] = field(default_factory=dict)
    seen: set[tuple[int, int]] = field(default_factory=set)
    """Form XObjects already rewritten (they may be shared by pages)."""

    def font(self, font: pikepdf.Object) -> FontSpaces:
        if font.objgen not in self.fonts:
            self.fonts[font.objgen] = _space_glyphs(font)
        return self.fonts[font.objgen]


def _strip_stream(owner: pikepdf.Object, job: _Job) -> None:
    """Rewrite one content stream (a page dictionary or a form XObject) in place."""
    resources: pikepdf.Object = owner.get("/Resources", pikepdf.Dictionary())
    local = {str(name): job.font(f) for name, f in resources.get("/Font", {}).items()}
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in job.seen:
            job.seen.add(xobject.objgen)
            _strip_stream(xobject, job)
    ops = pikepdf.parse_content_stream(owner)
    current: FontSpaces | None = None
    changed = False
    new_ops: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    for instruction in ops:
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            new_ops.append(instruction)  # an inline image: no text in it
            continue
        operands, operator = list(instruction.operands), instruction.operator
        if operator == pikepdf.Operator("Tf"):
            current = local.get(str(operands[0]))
        elif operator == pikepdf.Operator("TJ") and current is not None and current.spaces:
            stripped = _strip(operands[0], current.spaces)
            if stripped is not None:
                operands = [stripped]
                changed = True
        new_ops.append(pikepdf.ContentStreamInstruction(operands, operator))
    if changed:
        data = pikepdf.unparse_content_stream(new_ops)
        if owner.get("/Type") == "/Page":
            owner.Contents = job.pdf.make_stream(data)
        else:
            owner.write(data)


def strip_layout_spaces(pdf_bytes: bytes) -> bytes:
    """The PDF with its justification spaces taken out of the text (see module doc)."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        job = _Job(pdf)
        for page in pdf.pages:
            _strip_stream(page.obj, job)
        return saved_bytes(pdf)


def saved_bytes(pdf: pikepdf.Pdf, *, version: str | None = None) -> bytes:
    """The PDF written compressed and with an ID made from its content: the same input
    gives the same bytes, build after build. With ``version`` (PDF/A-1 is ``1.4``) the
    file is that version, without the object streams that came with 1.5."""
    out = io.BytesIO()
    if version is None:
        pdf.save(out, compress_streams=True, deterministic_id=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    else:
        pdf.save(out, compress_streams=True, deterministic_id=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable, force_version=version)
    return out.getvalue()
