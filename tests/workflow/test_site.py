"""``publish build --format html``: the HTML edition as a static site in dist/<name>-html/."""

from __future__ import annotations

import re
from pathlib import Path

from publish.book import load_book
from publish.commands import build
from publish.render.html.write import SiteOptions, write_site


def test_the_site_has_an_index_a_page_per_article_and_a_stylesheet(book_copy: Path, tmp_path: Path) -> None:
    site = build.run(book_copy, tmp_path, ("html",)).outputs[0]
    assert site == tmp_path / "dangqi-gaoyang-html"
    assert sorted(p.name for p in site.iterdir()) == ["a1.html", "index.html", "style.css"]


def test_every_link_in_the_site_points_at_a_file_it_has(book_with_image: Path, tmp_path: Path) -> None:
    site = build.run(book_with_image, tmp_path, ("html",)).outputs[0]
    for page in site.glob("*.html"):
        for target in re.findall(r'(?:href|src)="([^"#]+)', page.read_text(encoding="utf-8")):
            assert (site / target).is_file(), f"{page.name} → {target}"


def test_figures_are_copied_into_the_site(book_with_image: Path, tmp_path: Path) -> None:
    site = build.run(book_with_image, tmp_path, ("html",)).outputs[0]
    images = list((site / "images").iterdir())
    assert len(images) == 1 and images[0].suffix == ".png"
    page = (site / "a1.html").read_text(encoding="utf-8")
    assert f'<img src="images/{images[0].name}" alt="为攻克深度贫困堡垒' in page


def test_the_site_has_the_same_repaired_text_as_the_epub(default_book) -> None:  # type: ignore[no-untyped-def]
    page = write_site(default_book, SiteOptions())["a1.html"].decode("utf-8")
    assert "“短短一个月，挣了近2万块钱，比去年全家收入还多。”" in page
    assert "发布时间：2021年1月27日 11:03" in page


def test_a_date_is_printed_as_the_sites_print_it_to_its_precision() -> None:
    from publish.render.xhtml import human_date

    assert human_date("2021-01-27T11:03:00+08:00") == "2021年1月27日 11:03"
    assert human_date("2021-01-27") == "2021年1月27日"
    assert human_date("2003-05") == "2003年5月"


def test_screen_text_has_no_print_justification_hints(default_book) -> None:  # type: ignore[no-untyped-def]
    page = write_site(default_book, SiteOptions())["a1.html"].decode("utf-8")
    assert "这一年，决战深贫，栉风沐雨、披荆斩棘；" in page  # print_html would space the Han text
    assert 'class="sp"' not in page


def test_the_stylesheet_is_the_styles_screen_css_not_print(default_book) -> None:  # type: ignore[no-untyped-def]
    css = write_site(default_book, SiteOptions())["style.css"].decode("utf-8")
    assert "max-width: 36em" in css  # styles/base/screen.css
    assert "@page" not in css and "string-set" not in css  # print.css stays on paper
    assert '"Publish Song", "Noto Serif CJK SC"' in css  # roles fall back to the reader's faces


def test_rebuilding_the_site_replaces_it_whole(book_copy: Path, tmp_path: Path) -> None:
    site = build.run(book_copy, tmp_path, ("html",)).outputs[0]
    (site / "left-over.html").write_text("old", encoding="utf-8")
    build.run(book_copy, tmp_path, ("html",))
    assert not (site / "left-over.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_article_pages_link_to_their_neighbours(book_copy: Path) -> None:
    from publish.commands import new

    new.run("乡村振兴的新答卷", book_copy, date="2021-02-01T09:00:00+08:00")
    site = write_site(load_book(book_copy), SiteOptions())
    first, second = site["a1.html"].decode(), site["a2.html"].decode()
    assert 'rel="next" href="a2.html">下一篇：乡村振兴的新答卷' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="a1.html">上一篇：2020年组织工作盘点' in second and 'rel="next"' not in second
