"""Nothing an editor wrote is lost to ``publish clean``: not a hand-edited ``NAME.md.new``,
not an article saved while clean is writing it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from publish.commands.clean import Outcome, run
from publish.markdown.stamp import stamp

PAGE = "sina.com.cn__0d931936.html"
EDIT = "\n编辑加的一段话。\n"


@pytest.fixture
def cleaned(corpus: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A page and its article, cleaned once; the article then edited by hand."""
    page = Path(shutil.copy(corpus / PAGE, tmp_path / PAGE))
    out = tmp_path / "articles"
    run([page], out, jobs=1)
    article = out / "sina.com.cn__0d931936.md"
    article.write_text(article.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
    return page, article


def _restamped(text: str) -> str:
    """``text`` as if an older cleaner had written it: changed, but not by hand."""
    head, rest = text.split("\nchecksum: ", 1)
    return stamp(head + "\n" + rest.split("\n", 1)[1])


def test_a_hand_edited_md_new_is_kept_and_the_page_skipped_saying_what_to_do(cleaned: tuple[Path, Path]) -> None:
    page, article = cleaned
    run([page], article.parent, jobs=1)  # writes NAME.md.new beside the edited article
    beside = article.with_name(article.name + ".new")
    beside.write_text(beside.read_text(encoding="utf-8") + "\n对新版本的修改。\n", encoding="utf-8")
    edited = beside.read_bytes()
    (result,) = run([page], article.parent, jobs=1).results
    assert beside.read_bytes() == edited
    assert result.outcome is Outcome.SKIPPED
    assert f"merge what you need of {beside.name} into {article.name}" in result.message


def test_an_md_new_that_clean_wrote_is_still_replaced_by_the_next_version(cleaned: tuple[Path, Path]) -> None:
    page, article = cleaned
    beside = article.with_name(article.name + ".new")
    run([page], article.parent, jobs=1)
    current = beside.read_text(encoding="utf-8")
    beside.write_text(_restamped(current.replace("\n---\n", "\nsubtitle: 旧版\n---\n", 1)), encoding="utf-8")
    (result,) = run([page], article.parent, jobs=1).results
    assert (result.outcome, result.beside) == (Outcome.CLEANED, True)
    assert beside.read_text(encoding="utf-8") == current


def test_an_edit_saved_while_the_article_is_being_written_is_kept(
    cleaned: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    page, article = cleaned
    article.write_text(_restamped(article.read_text(encoding="utf-8")), encoding="utf-8")  # to be replaced
    saved = article.read_text(encoding="utf-8") + "\n编辑在清理时保存的修改。\n"
    fsync = os.fsync

    def editor_saves_meanwhile(fd: int) -> None:
        article.write_text(saved, encoding="utf-8")
        fsync(fd)

    monkeypatch.setattr(os, "fsync", editor_saves_meanwhile)
    (result,) = run([page], article.parent, jobs=1).results
    assert article.read_text(encoding="utf-8") == saved
    assert result.outcome is Outcome.SKIPPED and "changed while it was being written" in result.message
    assert [p.name for p in article.parent.iterdir()] == [article.name]  # no part left behind
