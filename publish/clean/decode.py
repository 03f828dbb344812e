"""Bytes → text for pages whose declared charset cannot be trusted.

Separate from reading because the web lies about encodings (corpus README): pages that
declare gb2312 but are UTF-8, GBK pages with bytes only GB18030 decodes, characters cut in
half. The order of trust: a BOM, then bytes that are valid UTF-8, then a declared charset
(the scraper's HTTP header or wrapper, then <meta>), then detection; and a page is always
decoded, with replacement characters where a byte is broken, never rejected for it.
"""

from __future__ import annotations

import codecs
import re

from publish.clean.state import CleanState
from publish.errors import CleanError

# Browsers decode every GB label as GB18030, its superset; Python's gb2312/gbk codecs
# reject characters real pages contain.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}

_DECLARED = (
    re.compile(rb"^content-type:[^\n]*charset=[\"']?([\w.:-]+)", re.I | re.M),
    re.compile(rb"<text\b[^>]*\bencoding=[\"']?([\w.:-]+)", re.I),
    re.compile(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", re.I),
)

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _normalise(label: str) -> str | None:
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_encoding(head: bytes) -> str | None:
    for pattern in _DECLARED:
        m = pattern.search(head)
        if m:
            enc = _normalise(m.group(1).decode("ascii", "replace"))
            if enc:
                return enc
    return None


def _detect(data: bytes) -> tuple[str, str | None]:
    """The encoding, and the text when finding the encoding decoded it already (UTF-8)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, None
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A page cut inside its last character is still UTF-8: the bad bytes are the
        # final one to three, the start of a character whose rest never arrived.
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return "utf-8", None
    declared = declared_encoding(data[:4096])
    if declared and declared != "utf-8":
        return declared, None
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return _normalise(best.encoding) or "gb18030", None
    return "gb18030", None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """The text of a page and the encoding it was read with."""
    encoding, text = _detect(data)
    if text is None:
        text = data.decode(encoding, errors="replace")
    if encoding == "gb18030":
        # GBK pages use 0xA3A0, a user-defined code, as the full-width space (as
        # Windows code page 936 does); GB18030 maps it to the Private Use Area.
        text = text.replace("\ue5e5", "\u3000")
    text = text.lstrip("\ufeff")
    if encoding not in _ASCII_COMPATIBLE or _has_control_bytes(data):
        text = _CONTROL.sub("", text)
    return text, encoding


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""C0 controls other than tab and line breaks: never text, and invalid in XML outputs."""
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_ASCII_COMPATIBLE = frozenset({"utf-8", "utf-8-sig", "gb18030"})
"""Encodings in which a byte below 0x80 only ever stands for that ASCII character (never
inside a multi-byte one): their text holds a control character only if the bytes do."""


def _has_control_bytes(data: bytes) -> bool:
    # Deleting bytes is a table look-up per byte, five times faster than a search for
    # the control characters in the decoded text.
    return len(data.translate(None, _CONTROL_BYTES)) != len(data)


def decode_page(state: CleanState) -> None:
    if not state.data.strip():
        raise CleanError("the file is empty", path=state.path, hint="re-run the scraper for it")
    if b"\x00" in state.data[:4096] and not state.data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise CleanError(
            "this is a binary file, not a scraped page", path=state.path,
            hint="pass .html, .htm or .txt scrapes",
        )
    state.text, state.encoding = decode_bytes(state.data)
    _drop_broken(state)


_TAG = re.compile(r"<[^>]*>|&\w+;")


def _drop_broken(state: CleanState) -> None:
    """A byte the page's encoding cannot decode is no character of the article: a book
    would print U+FFFD in a fallback face (the corpus's cl2000 page: ``开始\ufffd“形式”``).
    It is dropped, and the editor told where, to put the lost character back by hand."""
    broken = state.text.count("\ufffd")
    if not broken:
        return
    at = state.text.index("\ufffd")
    before = _TAG.sub("", state.text[max(0, at - 200) : at])[-12:]
    after = _TAG.sub("", state.text[at + 1 : at + 200])[:8]
    state.report.append(
        f"{broken} undecodable character{'s' if broken > 1 else ''} dropped (the page's bytes are broken there), "
        f"the first at “{before.strip()}□{after.strip()}”: put the character back by hand"
    )
    state.text = state.text.replace("\ufffd", "")
