"""Print text hints: they change the layout, never the text a reader sees."""

from __future__ import annotations

from pathlib import Path

from publish.typeset.hints import DASH, JOINER, QUARTER, QUARTER_BREAK, plain_text, print_html

SEED = Path(__file__).resolve().parents[2] / "content" / "articles" / "000_67f8410aa76e5cfb.md"


def test_hints_leave_the_seed_text_unchanged() -> None:
    for line in SEED.read_text(encoding="utf-8").splitlines():
        assert plain_text(print_html(line)) == line


def test_a_number_is_set_off_by_quarter_ems_and_kept_with_its_unit() -> None:
    """A line may break before 182 (the quarter-em then goes), never between 182 and 名."""
    assert print_html("遴选182名优秀队员").startswith(f"遴 选{QUARTER_BREAK}182{QUARTER}名 优")


def test_last_two_characters_are_joined_so_no_line_holds_one() -> None:
    assert print_html("有效增强精准扶贫能力。").endswith(f"能{JOINER}力。")


def test_double_dash_is_wrapped_for_full_width_glyphs_and_never_split() -> None:
    html = print_html("各地——分别")
    assert DASH in html and "— —" not in html


def test_a_left_set_mark_before_an_opening_mark_is_set_half_width() -> None:
    assert '调<span class="half">： </span>“' in print_html("习近平总书记强调：“到2020年")


def test_chws_keeps_the_pairs_after_a_closing_mark() -> None:
    assert '<span class="half">' not in print_html("“引文”。“下文”")


def test_a_line_with_latin_breaks_after_a_half_width_colon_not_before_the_verb(tmp_path: Path) -> None:
    """The break after ：(set half-width, before “) sits inside its span: after the span
    WeasyPrint missed it and set “Gweilo　感　慨” alone, stretched over the whole measure."""
    from publish.check.lines import read_lines
    from publish.commands import build

    text = "Gweilo感慨说：“大家看起来都很灵巧，不仅是年轻人，连老年人都非常有活力。”"  # sina.com.cn__gne-sina-1
    (tmp_path / "a.md").write_text(f"---\ntitle: 试验\nlang: zh-CN\n---\n\n{text}\n", encoding="utf-8")
    (tmp_path / "book.toml").write_text(
        '[book]\nname = "t"\ntitle = "试验"\nauthors = ["x"]\npublisher = "x"\ndate = "2026-01-01"\n'
        'style = "book"\narticles = ["a.md"]\n', encoding="utf-8")
    pdf = build.run(tmp_path / "book.toml", tmp_path / "out", ("pdf",)).outputs[0]
    first = next(line for line in read_lines(pdf) if line.text.startswith("Gweilo"))
    assert "说：“大家看起来" in first.text.replace(" ", "")


def test_a_paragraph_is_wrapped_for_squeezing_but_its_last_line_or_so() -> None:
    """span.fit holds the paragraph; span.tail, its last FIT_ZONE_EM, never squeezes
    unless the second layout pass asks for it."""
    from publish.typeset.hints import FIT_OPEN, FIT_ZONE_EM, TAIL_OPEN

    line = next(ln for ln in SEED.read_text(encoding="utf-8").splitlines() if len(ln) > 200)
    html = print_html(line)
    assert html.startswith(FIT_OPEN) and html.count(TAIL_OPEN) == 1
    head, tail = html.split(TAIL_OPEN)
    assert len(plain_text(tail)) >= FIT_ZONE_EM  # Han text: one em a character
    assert not head.endswith(" ")  # never right after a justification point


def test_headings_and_short_runs_are_not_wrapped_for_squeezing() -> None:
    from publish.typeset.hints import heading_html

    assert "fit" not in heading_html("2020年组织工作盘点·抓党建促脱贫攻坚——党旗高扬　决战决胜")
    assert "fit" not in print_html("遴选182名优秀队员")


def test_a_latin_word_may_end_a_line_but_a_number_keeps_its_unit() -> None:
    text = "人工智能公司DeepMind开发出182名队员"
    html = print_html(text)
    assert f"Mind{QUARTER_BREAK}开" in html and f"182{QUARTER}名" in html


def test_latin_words_of_five_letters_may_hyphenate_at_syllables() -> None:
    from publish.typeset.hints import SOFT_HYPHEN

    html = print_html("英文单词“impossible”和DeepMind、AI")
    assert f"im{SOFT_HYPHEN}pos{SOFT_HYPHEN}si{SOFT_HYPHEN}ble" in html and f"Deep{SOFT_HYPHEN}Mind" in html
    assert f"A{SOFT_HYPHEN}" not in html
    assert plain_text(html) == "英文单词“impossible”和DeepMind、AI"


def test_the_closing_marks_that_end_a_paragraph_are_marked_for_half_width() -> None:
    text = "“今年，共享充电宝头部企业加速了市场开拓的步伐”，设备成本和渠道成本几乎各占一半”。"
    assert print_html(text).endswith('<span class="end">”。</span></span></span>')


def test_hints_leave_the_ten_article_book_unchanged() -> None:
    for path in sorted((SEED.parents[2] / "tests" / "books" / "ten" / "articles").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            html = print_html(line)
            assert plain_text(html) == line
            assert html.count("<span") == html.count("</span>")


def test_a_title_phrase_of_up_to_sixteen_characters_is_kept_whole_where_the_style_allows() -> None:
    """外国专家：/中美合作共赢符合国际社会利益 — not …国际社/会利益 (the ten-article book)."""
    from publish.typeset.hints import heading_html

    html = heading_html("外国专家：中美合作共赢符合国际社会利益")
    assert '<span class="nobr">外' in html
    assert plain_text(html.split('<span class="nobr-title">', 1)[1]).startswith("中美合作共赢符合国际社会利益")


def test_a_phrase_longer_than_any_measure_may_break_anywhere() -> None:
    from publish.typeset.hints import heading_html

    html = heading_html("在决战决胜脱贫攻坚座谈会上的重要讲话精神传达学习：全面落实")
    assert html.startswith("在") and plain_text(html).startswith("在决战决胜脱贫攻坚座谈会上的重要讲话精神传达学习：全面落实")
    assert html.index('<span class="nobr">') > html.index("：")


def test_byline_items_are_separated_by_a_breakable_gap() -> None:
    """A byline longer than the measure wraps between its items, never inside one."""
    from publish.model import Document, Meta
    from publish.render.xhtml import BYLINE_GAP, RenderContext, byline

    doc = Document(Meta(title="t", source="云南日报", authors=("胡晓蓉",), editor="孙重远",
                        date="2022-02-13T04:22:00+08:00"), ())
    ctx = RenderContext(text=lambda t: t, image_src=lambda s: None, anchor="a1")
    html = byline(doc, ctx)
    assert html.count("</span>" + BYLINE_GAP + "<span>") == 3
    assert "<span>来源：云南日报</span>" + BYLINE_GAP + "<span>作者：胡晓蓉</span>" in html


def test_an_interpunct_between_han_characters_is_set_in_a_full_width_span() -> None:
    """间隔号 in a transliterated name (clreq §3.1: one em, centred); the joiner before
    it keeps the face change from becoming a break before the dot."""
    assert f'德{JOINER}<span class="dot">· </span>泰' in print_html("主任哈立德·泰穆尔指出")


def test_an_interpunct_between_latin_letters_is_left_alone() -> None:
    assert "dot" not in print_html("记者A·B报道")


def test_an_interpunct_takes_one_em_in_the_printed_line(tmp_path: Path) -> None:
    """The song face draws U+00B7 a third of an em wide; printed, the dot and the
    characters either side of it each take a whole em (a little more where the line is
    justified), and no line starts with it."""
    import pdfplumber

    from publish.check import check_pdf
    from publish.commands import build

    text = "巴基斯坦人类命运共同体研究中心主任哈立德·泰穆尔·阿克拉姆指出，中美元首旧金山会晤为改善两国关系带来希望。"  # chinadaily.com.cn__np4k-001
    (tmp_path / "a.md").write_text(f"---\ntitle: 试验\nlang: zh-CN\n---\n\n{text}\n", encoding="utf-8")
    (tmp_path / "book.toml").write_text(
        '[book]\nname = "t"\ntitle = "试验"\nauthors = ["x"]\npublisher = "x"\ndate = "2026-01-01"\n'
        'style = "book"\narticles = ["a.md"]\n', encoding="utf-8")
    pdf = build.run(tmp_path / "book.toml", tmp_path / "out", ("pdf",), cache=False).outputs[0]
    with pdfplumber.open(pdf) as doc:
        chars = [c for page in doc.pages for c in page.chars if c["text"].strip()]
    gaps = [
        ((dot["x0"] - before["x0"]) / dot["size"], (after["x0"] - dot["x0"]) / dot["size"])
        for before, dot, after in zip(chars, chars[1:], chars[2:], strict=False)
        if dot["text"] == "·" and before["text"] in "德尔" and after["text"] in "泰阿"
    ]
    assert len(gaps) == 2
    assert all(0.98 < a < 1.1 and 0.98 < b < 1.1 for a, b in gaps), gaps
    assert check_pdf(pdf) == []
