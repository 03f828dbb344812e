"""Each site profile on a page that mimics the site: what the Markdown has and lacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from publish.clean import clean_file
from publish.markdown import to_markdown

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("*/*.html"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_site_page_cleans_to_its_expectations(page: Path, tmp_path: Path) -> None:
    expect = json.loads(page.with_suffix(".expect.json").read_text(encoding="utf-8"))
    out_dir = tmp_path / "articles"
    result = clean_file(page, out_dir)
    markdown = to_markdown(result.document)
    meta = result.document.meta
    for key, value in expect.get("meta", {}).items():
        got = list(getattr(meta, key)) if key == "authors" else getattr(meta, key)
        assert got == value, key
    for snippet in expect["with"]:
        assert snippet in markdown, snippet
    body = markdown.split("\n---\n", 1)[1]
    for snippet in expect["without"]:
        assert snippet not in body, snippet


def test_every_site_profile_has_a_fixture() -> None:
    sites = {p.stem for p in (Path(__file__).parents[2] / "publish/clean/sites").glob("*.toml")}
    assert sites - {"generic"} <= {p.parent.name for p in PAGES}


def test_saved_image_is_copied_into_the_images_folder_by_content_hash(tmp_path: Path) -> None:
    page = FIXTURES / "12371" / "dangqi.html"
    out_dir = tmp_path / "articles"
    doc = clean_file(page, out_dir).document
    figure_src = next(b.src for b in doc.blocks if getattr(b, "src", ""))
    assert figure_src.startswith("../images/") and figure_src.endswith(".png")
    assert (out_dir.parent / figure_src.removeprefix("../")).read_bytes() == (page.parent / "images" / "wagu.jpg").read_bytes()
