"""One hierarchy of errors a user can act on; only the CLI turns them into exit codes.

Each error names the file it concerns and says what to do, because the people who see
them are editors, not programmers. Library code raises; it never exits or prints.

A few exceptions stand outside this hierarchy on purpose: they are the library's own
control flow, caught where they are raised and never shown to a user as they are —
``fetcher.RefusedResource`` (becomes a "refused resource" warning),
``clean.images.ImageRefused`` (an image dropped with a warning), ``pdf.weasy.harfbuzz.Unavailable``
(the faces kept as they are), ``pdf.fonts.Conflict`` (a face kept per part),
``pdf.weasy.refit.Undecided`` (the book laid out again), and the private ``_Again`` and
``_Changed``. A new exception a user may see is a ``PublishError``.
"""

from __future__ import annotations

from pathlib import Path


class PublishError(Exception):
    """An error the user can fix; the CLI prints it without a traceback."""

    def __init__(self, message: str, *, path: Path | str | None = None, hint: str = "") -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path is not None else ""
        hint = f"\n  → {self.hint}" if self.hint else ""
        return f"{where}{self.message}{hint}"


class ConfigError(PublishError):
    """book.toml, a style or a site profile is wrong."""


class CleanError(PublishError):
    """A scraped page cannot be turned into an article (not an article, undecodable…)."""


class RenderError(PublishError):
    """A book cannot be rendered (missing font, unreadable article…)."""


class FontError(RenderError):
    """A face a style needs is not installed."""
