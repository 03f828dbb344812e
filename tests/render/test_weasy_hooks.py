"""The WeasyPrint and pydyf hooks: put in only where they can be trusted, and in effect once put in.

What each hook changes is pinned by the tests of its own module (refit: test_refit_*,
line_end: typography/test_line_end, text_spaces: test_text_spaces, font_stubs:
test_pdf_fonts, pagination: here and test_pdf_parallel, speedups: test_speedups); these
pin the gate in front of them."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from publish.render.pdf import weasy
from publish.render.pdf.weasy import pagination

ROOT = Path(__file__).resolve().parents[2]

@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process whose hooks are not decided yet."""
    monkeypatch.setattr(weasy, "_NOTES", None)

def _versions(monkeypatch: pytest.MonkeyPatch, **found: str) -> None:
    real = weasy._installed
    monkeypatch.setattr(weasy, "_installed", lambda package: found.get(package) or real(package))

def test_install_replaces_every_function_each_hook_names() -> None:
    script = (
        "from publish.render.pdf import weasy\n"
        "def look(t):\n"
        "    import importlib, inspect\n"
        "    m, _, path = t.partition(':')\n"
        "    found = importlib.import_module(m)\n"
        "    for name in path.split('.'):\n"
        "        found = inspect.getattr_static(found, name)\n"
        "    return found\n"
        "targets = [t for h in weasy.HOOKS for t in h.targets]\n"
        "before = {t: look(t) for t in targets}\n"
        "weasy.install()\n"
        "print([t for t in targets if look(t) is before[t]])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]", f"hooks that replaced nothing: {done.stdout}"

def test_the_versions_the_hooks_were_written_for_are_the_ones_installed() -> None:
    assert all(weasy.problem(hook) is None for hook in weasy.HOOKS)

def test_another_weasyprint_stops_the_build_saying_what_to_install(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _versions(monkeypatch, weasyprint="71.0")
    with pytest.raises(weasy.EngineMismatch) as raised:
        weasy.install()
    assert "weasyprint 71.0 is installed" in raised.value.message
    assert "pyproject.toml" in raised.value.hint

def test_another_pydyf_builds_without_the_speed_ups_and_says_so(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _versions(monkeypatch, pydyf="0.14.0")
    notes = weasy.check()
    assert len(notes) == 1 and "speed-up" in notes[0] and "pydyf 0.14.0" in notes[0]

def test_a_function_gone_from_weasyprint_stops_the_build_naming_it(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = weasy.Hook("pagination", ("weasyprint.layout:make_margin_boxes_v2",), "page numbers", True)
    monkeypatch.setattr(weasy, "HOOKS", (gone,))
    with pytest.raises(weasy.EngineMismatch, match="make_margin_boxes_v2 no longer exists"):
        weasy.install()

def test_checking_the_versions_does_not_import_weasyprint() -> None:
    script = "import sys\nfrom publish.render.pdf import weasy\nweasy.check()\nprint('weasyprint' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"

def test_a_part_numbered_on_paginated_prints_its_folios_from_there() -> None:
    from weasyprint import HTML

    weasy.install()
    css = "@page { size: A7; @bottom-center { content: counter(page) } } p { break-after: page }"
    html = HTML(string=f"<style>{css}</style>" + "<p>一</p>" * 3)
    with pagination.on_paginated(lambda context: pagination.shift_page_counter(context, 40)):
        pdf = html.write_pdf()

    folios = [page.extract_text().split()[-1] for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert folios == ["41", "42", "43"]
