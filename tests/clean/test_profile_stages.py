"""A site profile switches the cleaner's stages by name and tunes their settings."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish.clean import clean_bytes, profiles
from publish.clean.byline import bare_name
from publish.clean.profiles import load_profile
from publish.errors import ConfigError
from publish.markdown import to_markdown

PROSE = "习近平总书记强调，脱贫攻坚是一场硬仗，越到最后越要紧绷这根弦，不能停顿、不能大意、不能放松。"
LINKS = "".join(f"<li><a href='/n{i}.html'>其他新闻标题第{i}条</a></li>" for i in range(6))


def _page(host: str, body: str) -> bytes:
    return (
        f"<html><head><title>一篇文章的标题</title><link rel='canonical' href='http://{host}/a.html'></head>"
        f"<body><h1>一篇文章的标题</h1><div class='content'>{body}</div></body></html>"
    ).encode()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A sites folder with generic.toml and, written by the test, example.toml (example.org)."""
    sites = tmp_path / "sites"
    sites.mkdir()
    shutil.copy(profiles.SITES_DIR / "generic.toml", sites)
    monkeypatch.setattr(profiles, "SITES_DIR", sites)
    profiles.all_profiles.cache_clear()
    yield sites / "example.toml"
    profiles.all_profiles.cache_clear()


def _markdown(host: str, body: str) -> str:
    return to_markdown(clean_bytes(_page(host, body), Path("page.html")).document)


def test_a_profile_disabling_a_stage_keeps_what_the_stage_drops(site: Path) -> None:
    site.write_text('name = "例站"\nhosts = ["example.org"]\n[stages]\ndisable = ["links"]\n', encoding="utf-8")
    body = f"<p>{PROSE}</p><p>{PROSE}</p><ul>{LINKS}</ul>"
    assert "其他新闻标题第3条" not in _markdown("example.com", body)
    assert "其他新闻标题第3条" in _markdown("example.org", body)


def test_a_profile_tuning_a_threshold_changes_what_the_stage_does(site: Path) -> None:
    site.write_text('name = "例站"\nhosts = ["example.org"]\n[stages.mark_captions]\ncaption_max = 5\n', encoding="utf-8")
    body = f"<p>{PROSE}</p><p><img src='http://example.org/a.jpg'></p><p>图为村民在新修的路上。</p><p>{PROSE}</p>"
    assert "![图为村民在新修的路上。]" in _markdown("example.com", body)
    assert "![图为村民在新修的路上。]" not in _markdown("example.org", body)


def test_a_profile_raising_the_icon_size_drops_an_image_generic_keeps(site: Path) -> None:
    site.write_text('name = "例站"\nhosts = ["example.org"]\n[stages.emit]\nicon_max_px = 60\n', encoding="utf-8")
    body = f"<p>{PROSE}</p><p><img src='http://example.org/a.jpg' width='50'></p><p>{PROSE}</p>"
    assert "a.jpg" in _markdown("example.com", body)
    assert "a.jpg" not in _markdown("example.org", body)


def test_a_profile_adding_a_surname_makes_a_bare_line_of_it_a_name(site: Path) -> None:
    site.write_text('name = "例站"\n[stages.lift_byline]\nsurnames = "戊"\n', encoding="utf-8")
    tuned = load_profile(site, profiles.generic()).settings.lift_byline
    assert bare_name("戊戌") == ""
    assert bare_name("戊戌", tuned) == "戊戌"


def test_a_site_profile_inherits_the_generic_settings_it_does_not_change(site: Path) -> None:
    site.write_text('name = "例站"\n[stages.body]\nsibling_share = 0.3\n', encoding="utf-8")
    generic = profiles.generic().settings
    tuned = load_profile(site, profiles.generic()).settings
    assert tuned.body.sibling_share == 0.3 and tuned.body.min_paragraph == generic.body.min_paragraph
    assert tuned.links == generic.links


@pytest.mark.parametrize(
    ("stages", "named"),
    [
        ('[stages.body]\nmin_paragraph = "ten"\n', "min_paragraph"),
        ("[stages.body]\nmin_paragrap = 10\n", "min_paragrap"),
        ("[stages.bodies]\nmin_paragraph = 10\n", "stages.bodies"),
        ('[stages]\ndisable = ["linkz"]\n', "linkz"),
        ("[stages.lead]\nkicker_class = '(yinti'\n", "kicker_class"),
        ("[stages.page_byline]\nnear_lines = -1\n", "near_lines"),
        ("[stages.page_title]\nsite_name_max = 1\n", "site_name_max"),
        ('[stages.lift_byline]\nsection_words = "前言"\n', "section_words"),
        ("[stages.lift_byline]\ncompound_surnames = ['欧阳', '']\n", "compound_surnames"),
        ("[stages.page_byline]\nmeta_dates = ['pubDate']\n", "meta_dates"),
        ("[stages.lift_byline]\nforum_marks = '本贴|('\n", "forum_marks"),
    ],
)
def test_a_bad_stage_setting_is_an_error_naming_the_file_and_key(site: Path, stages: str, named: str) -> None:
    site.write_text(f'name = "例站"\n{stages}', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_profile(site, profiles.generic())
    assert named in caught.value.message and caught.value.path == site
