"""The book's own text files (book.toml, articles, style sheets): regular files of bounded size.

A path in book.toml or on the command line can name anything: ``/dev/zero`` (read until
memory runs out), a FIFO (read forever), a folder, a 10 GB log. A source is opened without
blocking (a FIFO would wait for a writer), checked on the open file to be a regular file
no larger than ``LIMITS.source_bytes``, and read to at most one byte more than that, so a
file that grows while it is read is refused too. Anything else is a ConfigError naming it.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from publish.errors import ConfigError
from publish.limits import LIMITS

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)
_HINT = "name a regular text file (not a device, pipe or folder) of at most {limit}"


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _problem(st: os.stat_result, limit: int) -> str:
    """Why a file of this status is not a source ('' when it is one)."""
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        return f"is {kind}, not a regular file"
    if st.st_size > limit:
        return f"is {_megabytes(st.st_size)}, more than the {_megabytes(limit)} limit"
    return ""


def _refusal(path: Path, problem: str, limit: int) -> ConfigError:
    return ConfigError(f"{path.name} {problem}", path=path, hint=_HINT.format(limit=_megabytes(limit)))


def check_source(path: Path, limit: int = LIMITS.source_bytes) -> None:
    """ConfigError unless ``path`` (symlinks followed) is a regular file within ``limit``."""
    try:
        st = path.stat()
    except OSError as exc:
        raise ConfigError(f"cannot read {path.name}: {exc.strerror}", path=path) from exc
    problem = _problem(st, limit)
    if problem:
        raise _refusal(path, problem, limit)


def read_source(path: Path, limit: int = LIMITS.source_bytes) -> str:
    """``path``'s UTF-8 text, newlines read as ``Path.read_text`` reads them.

    ConfigError for anything but a regular file within ``limit``; OSError when it cannot
    be opened and UnicodeDecodeError when it is not UTF-8, as ``read_text`` raises them.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:  # the file checked is the file read
        problem = _problem(os.fstat(fd), limit)
    except BaseException:
        os.close(fd)
        raise
    if problem:
        os.close(fd)
        raise _refusal(path, problem, limit)
    with open(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _refusal(path, f"grew past the {_megabytes(limit)} limit while it was read", limit)
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()
