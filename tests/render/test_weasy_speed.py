"""The cffi fix for WeasyPrint's font subsetting makes the same arrays, only faster."""

from __future__ import annotations

from weasyprint.text.ffi import ffi

from publish.render.weasy_speed import OpenArrays


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
