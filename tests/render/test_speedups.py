"""The cffi fix for WeasyPrint's font subsetting makes the same arrays, only faster."""

from __future__ import annotations

import io

import pytest
from weasyprint.text.ffi import ffi

from publish.render.pdf.weasy.speedups import OpenArrays


def test_a_sized_array_from_a_list_is_the_same_array() -> None:
    glyphs = [3, 17, 4242, 65535]
    made = OpenArrays(ffi).new(f"hb_codepoint_t[{len(glyphs)}]", glyphs)
    assert ffi.sizeof(made) == ffi.sizeof(ffi.new(f"hb_codepoint_t[{len(glyphs)}]", glyphs))
    assert list(made) == glyphs


def test_an_open_array_type_is_parsed_once_for_every_length() -> None:
    fast = OpenArrays(ffi)
    assert ffi.typeof(fast.new("hb_codepoint_t[2]", [1, 2])) is ffi.typeof(fast.new("hb_codepoint_t[5]", range(5)))


def test_a_sized_array_without_items_keeps_its_size() -> None:
    assert ffi.sizeof(OpenArrays(ffi).new("char[4]")) == 4


def test_other_attributes_are_cffi_s() -> None:
    assert OpenArrays(ffi).NULL == ffi.NULL


def seed_part_writer():  # type: ignore[no-untyped-def]
    """Writes a small part of the seed again and again with one set of loaded faces, as a
    worker of the per-article build does."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from publish.fonts import font_face_css

    config = FontConfiguration()
    sheets = [
        CSS(string=font_face_css(("song", "hei")), font_config=config),
        CSS(string='p { font-family: "Publish Song" } h1 { font-family: "Publish Hei" }', font_config=config),
    ]
    html = '<html lang="zh-CN"><h1>党旗高扬</h1><p>这一年，决战深贫，栉风沐雨、披荆斩棘；</p></html>'

    def write() -> bytes:
        document = HTML(string=html).render(stylesheets=sheets, font_config=config)
        return bytes(document.write_pdf(pdf_identifier=b"seed"))

    return write


def test_weasyprint_with_the_fixes_writes_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint.pdf.fonts as fonts

    from publish.render.pdf.weasy import speedups

    # WeasyPrint as it comes, even where an earlier build of this process installed the fixes
    plain_ffi = fonts.ffi.ffi if isinstance(fonts.ffi, speedups.OpenArrays) else fonts.ffi
    plain_copy = fonts.get_hb_object_data
    if isinstance(plain_copy, speedups.FaceBytes):
        plain_copy = plain_copy.original
    monkeypatch.setattr(fonts, "ffi", plain_ffi)
    monkeypatch.setattr(fonts, "get_hb_object_data", plain_copy)
    write = seed_part_writer()
    plain = write()
    speedups.install()
    assert isinstance(fonts.get_hb_object_data, speedups.FaceBytes)
    assert write() == plain
    faces = fonts.get_hb_object_data
    assert len(faces.copies) == 2, "Song and Hei"
    copied: list[int] = []
    real_ffi = faces.ffi

    class CountingFfi:
        def __getattr__(self, name: str) -> object:
            return getattr(real_ffi, name)

        def unpack(self, data: object, size: int) -> bytes:
            copied.append(size)
            return bytes(real_ffi.unpack(data, size))

    monkeypatch.setattr(faces, "ffi", CountingFfi())
    assert write() == plain, "with the face bytes kept from the first"
    assert not [size for size in copied if size >= speedups.KEPT_FROM], "no face copied again"


def test_a_pdf_with_an_identifier_compresses_each_stream_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import zlib

    import pydyf

    from publish.render.pdf.weasy import speedups

    def written() -> tuple[bytes, int]:
        pdf = pydyf.PDF()
        for text in (b"BT /F1 12 Tf (one) Tj ET", b"BT /F1 12 Tf (two) Tj ET"):
            pdf.add_object(pydyf.Stream([text], compress=True))
        compressions = [0]
        real = zlib.compressobj

        def counted(*args: object, **kwargs: object) -> object:
            compressions[0] += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(zlib, "compressobj", counted)
            out = io.BytesIO()
            pdf.write(out, identifier=b"book", compress=True)
        return out.getvalue(), compressions[0]

    # pydyf as it comes, even where an earlier build of this process installed the fix
    data, write = pydyf.Stream.data.fget, pydyf.PDF.write
    monkeypatch.setattr(pydyf.Stream, "data", property(getattr(data, "original", data)))
    monkeypatch.setattr(pydyf.PDF, "write", getattr(write, "original", write))
    plain, plain_count = written()
    speedups.install()
    fast, fast_count = written()
    assert fast == plain
    # two streams and the object stream, compressed twice by pydyf, once with the fix; the
    # cross-reference stream, made after the identifier, once either way
    assert (plain_count, fast_count) == (7, 4)
