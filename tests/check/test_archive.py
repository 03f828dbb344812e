"""`publish check --pdfa`: the PDF/A and PDF/UA requirements we can read without a
validator. They hold for WeasyPrint's variants, and each one fails when its structure
is taken out."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from publish.check.archive import archive_findings, claimed_variants
from publish.cli import app
from publish.commands import build

pytestmark = pytest.mark.slow

BOOK = Path(__file__).resolve().parents[2] / "content" / "book.toml"


def _variant(variant: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("variant")
    return variant, build.run(BOOK, out, ("pdf",), pdf_variant=variant).outputs[0]


@pytest.fixture(scope="module")
def pdfa(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return _variant("pdf/a-3b", tmp_path_factory)


@pytest.fixture(scope="module")
def pdfua(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return _variant("pdf/ua-1", tmp_path_factory)


@pytest.fixture(params=["pdfa", "pdfua"])
def variant_pdf(request: pytest.FixtureRequest) -> tuple[str, Path]:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def _without(src: Path, dest: Path, key: str) -> Path:
    with pikepdf.open(src) as pdf:
        del pdf.Root[key]
        pdf.save(dest)
    return dest


def test_a_variant_identifies_itself_and_passes(variant_pdf: tuple[str, Path]) -> None:
    variant, pdf = variant_pdf
    assert claimed_variants(pdf) == [variant]
    assert archive_findings(pdf) == []


def test_a_document_without_a_language_fails(variant_pdf: tuple[str, Path], tmp_path: Path) -> None:
    _, pdf = variant_pdf
    kinds = [f.text for f in archive_findings(_without(pdf, tmp_path / "x.pdf", "/Lang"))]
    assert kinds == ["no document language (/Lang in the catalog)"]


def test_pdfa_needs_an_output_intent(pdfa: tuple[str, Path], tmp_path: Path) -> None:
    _, pdf = pdfa
    found = archive_findings(_without(pdf, tmp_path / "x.pdf", "/OutputIntents"))
    assert [f.kind for f in found] == ["pdfa"]


def test_pdfua_needs_a_structure_tree(pdfua: tuple[str, Path], tmp_path: Path) -> None:
    _, pdf = pdfua
    found = archive_findings(_without(pdf, tmp_path / "x.pdf", "/StructTreeRoot"))
    assert [f.text for f in found] == ["no structure tree (/StructTreeRoot)"]


def test_check_pdfa_fails_a_file_that_claims_no_variant(built_pdf: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--pdfa", str(built_pdf)])
    assert result.exit_code == 1
    assert "claims no PDF/A or PDF/UA variant" in result.output
