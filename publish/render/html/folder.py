"""The HTML edition's folder on disk: replaced whole, never missing, two builds at once safe.

The new site is written into a hidden staging folder beside the target,
``.<name>.tmp-<pid>-<random>``, then swapped with the old one in one step: on Linux by
``renameat2(RENAME_EXCHANGE)``, so that a reader (a browser, a web server, a copy) finds
one whole site or the other at every moment; elsewhere by two renames, with the site
missing for the instant between them. The old site, now in the staging folder's place,
is removed. Two builds of one book swap in turn and both succeed (the later one's site
stays); a failure is a PublishError naming the folder. Staging folders left by a build
that was killed are swept by the next build: once their process is gone, or after
``STALE_AFTER_S`` (a process id can be reused).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

from publish.errors import PublishError
from publish.fsutil import process_alive, write_problem

STALE_AFTER_S = 300.0
"""A staging folder this old is a leftover, whoever made it: writing a site takes seconds."""
ATTEMPTS = 5
"""Swaps tried before giving up, when other builds keep removing and recreating the site."""
RENAME_EXCHANGE = 2
AT_FDCWD = -100
_UNSUPPORTED = frozenset({errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP})
"""renameat2's answers on a kernel or a file system without RENAME_EXCHANGE."""


def staging_prefix(target: Path) -> str:
    return f".{target.name}.tmp-"


def save_site(files: dict[str, bytes], target: Path) -> None:
    """Write the site as the folder ``target``, replacing the previous one whole."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        sweep_staging(target)
        staging = Path(tempfile.mkdtemp(prefix=f"{staging_prefix(target)}{os.getpid()}-", dir=target.parent))
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    try:
        _write_tree(files, staging)
        _install(staging, target)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    finally:
        _remove(staging)  # after a swap, the previous site


def _cannot_write(target: Path, exc: OSError) -> PublishError:
    words, hint = write_problem(exc, "the previous site")
    return PublishError(f"cannot write the HTML edition: {words}", path=target, hint=hint)


def _write_tree(files: dict[str, bytes], folder: Path) -> None:
    for rel, data in sorted(files.items()):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.chmod(path, 0o644)
    os.chmod(folder, 0o755)


def _install(staging: Path, target: Path) -> None:
    """Put ``staging`` in ``target``'s place; the previous site, if any, is left at
    ``staging``'s path for the caller to remove."""
    for _ in range(ATTEMPTS):
        swapped = exchange(staging, target)
        if swapped is None:
            swapped = _two_renames(staging, target)
        if swapped:
            return
        try:
            os.rename(staging, target)  # no site yet: nothing to swap with
            return
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            # another build put its site there since: swap with that one
    raise PublishError(
        "another build of this book kept replacing the site while this one wrote it", path=target,
        hint="run one build of a book at a time into one output folder",
    )


@cache
def _renameat2() -> Callable[..., int] | None:
    """libc's renameat2, or None (not Linux, or a libc older than glibc 2.28)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool | None:
    """Swap two paths in one step: True when swapped, False when ``b`` does not exist,
    None when this system cannot (then :func:`_two_renames` does it)."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return None
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code == errno.ENOENT:
        return False
    if code in _UNSUPPORTED:
        return None
    raise OSError(code, os.strerror(code), str(b))


def _two_renames(staging: Path, target: Path) -> bool:
    """The swap as two renames (the site missing in between); False when there is no
    site to swap with."""
    old = staging.with_name(staging.name + ".old")
    try:
        os.rename(target, old)
    except FileNotFoundError:
        return False
    try:
        os.rename(staging, target)
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise
        _remove(old)  # another build's site took the place: ours swaps with it next
        return False
    os.rename(old, staging)
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def sweep_staging(target: Path) -> list[Path]:
    """Remove the staging folders of ``target`` whose build is gone (or that are stale),
    and those earlier versions left (``.<name>.<random>.part``, ``.<name>.old``)."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except FileNotFoundError:
        return removed
    prefix = staging_prefix(target)
    now = time.time()
    for entry in entries:
        name = entry.name
        ours = name.startswith(prefix)
        earlier = name == f".{target.name}.old" or (name.startswith(f".{target.name}.") and name.endswith(".part")
                                                     and entry.is_dir(follow_symlinks=False))
        if not (ours or earlier):
            continue
        pid = name[len(prefix):].partition("-")[0] if ours else ""
        gone = pid.isdigit() and not process_alive(int(pid))
        try:
            stale = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S
        except FileNotFoundError:
            continue  # removed by another sweep
        if gone or stale:
            _remove(target.parent / name)
            removed.append(target.parent / name)
    return removed
