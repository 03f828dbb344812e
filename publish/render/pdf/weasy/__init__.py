"""Every change this project makes to WeasyPrint's and pydyf's own code, in one place.

WeasyPrint's CSS cannot ask for what Chinese print needs (a second layout of an
over-stretched paragraph, a line-end mark set flush, a PDF text layer without the
justification spaces), and a book of parts needs to know its page numbers mid-layout. So a
few functions of WeasyPrint 70 and pydyf 0.13 are wrapped. They are internals, not API: a
new release may rename or change any of them, and a wrapper around a function nobody calls
any more does nothing, silently. Hence one registry (``HOOKS``: what each hook replaces and
whether the PDF depends on it) and one ``install`` that checks, before it puts any hook in,
that the versions are the ones the hooks were written for and that every function they
replace is still there. A hook the PDF depends on refuses the build otherwise; a time-only
one is left out, and the build says so.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from publish.errors import RenderError

WRITTEN_FOR = {"weasyprint": "70.", "pydyf": "0.13."}
"""Package → the version prefix the hooks were written and tested against (pyproject pins both)."""


@dataclass(frozen=True, slots=True)
class Hook:
    module: str
    """The module of this package whose ``install()`` puts the hook in."""
    targets: tuple[str, ...]
    """What it replaces, as ``module:attribute`` (``weasyprint.layout:make_margin_boxes``)."""
    purpose: str
    output: bool
    """Whether the PDF depends on it (True) or only the time it takes to make (False)."""

    @property
    def packages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(target.split(".")[0].split(":")[0] for target in self.targets))


HOOKS = (
    Hook("refit", ("weasyprint.layout.inline:justify_line", "weasyprint.layout:make_all_pages",
                   "weasyprint:HTML.render"), "a paragraph with an over-stretched line laid out again", True),
    Hook("line_end", ("weasyprint.layout.inline:text_align",), "a mark ending a justified line set flush", True),
    Hook("text_spaces", ("weasyprint.pdf.stream:Stream.show_text",), "the justification spaces out of the PDF's text", True),
    Hook("font_stubs", ("weasyprint.pdf.fonts:Font.subset",), "each face cut once for the whole book", True),
    Hook("pagination", ("weasyprint.layout:make_margin_boxes",), "a part's page numbers known before its folios", True),
    Hook("speedups", ("pydyf:Stream.data", "pydyf:PDF.write", "weasyprint.pdf.fonts:ffi",
                      "weasyprint.pdf.fonts:get_hb_object_data"), "the same PDF written faster", False),
)


class EngineMismatch(RenderError):
    """WeasyPrint or pydyf is not the version the hooks were written for."""


def _installed(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _resolves(target: str) -> bool:
    module_name, _, path = target.partition(":")
    try:
        found: object = importlib.import_module(module_name)
    except ImportError:
        return False
    for name in path.split("."):
        if not hasattr(found, name):
            return False
        found = getattr(found, name)
    return True


def problem(hook: Hook, *, resolve: bool = True) -> str | None:
    """Why ``hook`` cannot be trusted here, or None. ``resolve``: also look each replaced
    function up (imports WeasyPrint, about a second: the versions alone cost nothing)."""
    for package in hook.packages:
        have = _installed(package)
        if not have.startswith(WRITTEN_FOR[package]):
            return f"{package} {have} is installed, the hook was written for {WRITTEN_FOR[package]}x"
    missing = [target for target in hook.targets if resolve and not _resolves(target)]
    return f"{', '.join(missing)} no longer exists" if missing else None


def _decide(*, put_in: bool) -> tuple[str, ...]:
    notes: list[str] = []
    for hook in HOOKS:
        why = problem(hook, resolve=put_in)
        if why is None:
            if put_in:
                importlib.import_module(f"{__name__}.{hook.module}").install()
        elif hook.output:
            raise EngineMismatch(
                f"cannot lay the book out with this WeasyPrint: {why} ({hook.purpose})",
                hint="install the versions pyproject.toml pins: make setup, or pip install -e .",
            )
        else:
            notes.append(f"built without one speed-up ({hook.purpose}): {why}")
    return tuple(notes)


def check() -> tuple[str, ...]:
    """What ``install`` would refuse or note, from the installed versions alone: for a
    process that hands the layout to workers and must not import WeasyPrint itself."""
    return _decide(put_in=False)


_NOTES: tuple[str, ...] | None = None


def install() -> tuple[str, ...]:
    """Put every hook in (once per process); the notes say which were left out and why.

    Raises EngineMismatch when a hook the PDF depends on cannot be trusted: a book laid
    out without it would look right and be wrong."""
    global _NOTES
    if _NOTES is None:
        _NOTES = _decide(put_in=True)
    return _NOTES
