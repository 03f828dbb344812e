"""Writing files so that an interrupted run never leaves a half-written output.

Every output goes to a temporary file in the target's folder and is renamed into place
(rename is atomic on one file system), so Ctrl-C, a kill or a full disk leaves the
previous version whole. The temporary file is ``.<name>.<pid>.<random>.part``: hidden,
never ending in an output's suffix, so nothing mistakes it for output. Ctrl-C and errors
remove it; only SIGKILL or a power cut can leave one behind, and the next write of the
same target removes it once the process that made it is gone.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from publish.errors import PublishError

PART_SUFFIX = ".part"

_FULL = (errno.ENOSPC, errno.EDQUOT)
_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)
_IN_THE_WAY = (errno.EEXIST, errno.ENOTDIR)
ERROR_WORDS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.EISDIR: "a folder has that name",
    errno.ENOTDIR: "a file is in the way of its folder",
    errno.ENAMETOOLONG: "file name too long",
    errno.EIO: "input/output error (a failing disk or a lost network drive?)",
}
"""A failed write's cause in words a user can act on, by errno (else the system's)."""


def error_words(exc: OSError) -> str:
    return ERROR_WORDS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


def write_problem(exc: OSError, kept: str) -> tuple[str, str]:
    """What a failed write was, and what to do, by its cause: a full disk asks for
    space, a permission error for another folder, a file in a folder's place to move it.
    ``kept``: what the failure left as it was ("the previous site")."""
    if exc.errno in _FULL:
        return "the disk is full", f"free some disk space and run it again; {kept} is unchanged"
    if exc.errno in _DENIED:
        words = "read-only file system" if exc.errno == errno.EROFS else "permission denied"
        return words, f"choose an output folder you can write to (-o); {kept} is unchanged"
    if exc.errno in _IN_THE_WAY:
        return "a file is in the way of a folder", f"remove or rename that file, or choose another output folder (-o); {kept} is unchanged"
    return error_words(exc), f"choose another output folder (-o); {kept} is unchanged"


def check_output_folder(folder: Path) -> None:
    """Refuse, before any work, an output folder that is a file, sits under a file, or
    cannot be written: one message naming it, instead of a traceback after the render."""
    for part in (folder, *folder.parents):
        if part.exists():
            if not part.is_dir():
                raise PublishError(
                    "is a file, not a folder: the output cannot go there", path=part,
                    hint="choose an output folder with -o, or move that file away",
                )
            if not os.access(part, os.W_OK | os.X_OK):
                raise PublishError(
                    "the output folder cannot be written (permission denied)", path=part,
                    hint="choose an output folder you can write to with -o",
                )
            return


def process_alive(pid: int) -> bool:
    """Whether the process that left a temporary file (its pid in the name) still runs:
    this one, another user's, or a number that is no pid at all count as alive, so only
    the leftovers of a dead writer are swept."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):  # another user's process; nonsense
        return True
    return True


def sweep_stale_parts(path: Path) -> list[Path]:
    """Remove temporary files of ``path`` left by writers that were killed."""
    return _sweep(path.parent, path.name)


def sweep_stale_parts_in(folder: Path) -> list[Path]:
    """Remove the temporary files left in ``folder`` by writers that were killed, whatever
    their target: one listing for a batch of writes into the folder, which then need not
    list it each (a listing per write costs the square of the batch: 0.8 s of CPU for
    1,000 articles in one folder)."""
    return _sweep(folder, None)


def _sweep(folder: Path, target: str | None) -> list[Path]:
    """Parts ``.<target>.<pid>.<random>.part`` in ``folder`` (of ``target``, or of any target)
    whose writer is gone, removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(PART_SUFFIX)):
            continue
        fields = name[1 : -len(PART_SUFFIX)].rsplit(".", 2)  # target (may hold dots), pid, random
        if len(fields) != 3 or (target is not None and fields[0] != target):
            continue
        pid = fields[1]
        if pid.isdigit() and not process_alive(int(pid)) and entry.is_file():
            part = folder / name
            part.unlink(missing_ok=True)
            removed.append(part)
    return removed


def atomic_write_bytes(
    path: Path, data: bytes, *, sweep: bool = True, before_replace: Callable[[], None] | None = None
) -> None:
    """Write ``data`` to ``path`` all or nothing; a failure names the file and the cause.

    ``sweep=False`` when the folder was swept for the whole batch (``sweep_stale_parts_in``).
    ``before_replace`` runs when the new file is whole, just before it replaces ``path``:
    an exception it raises leaves ``path`` as it is (``publish clean`` checks there that
    an editor did not save the file meanwhile).
    """
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if sweep:
            sweep_stale_parts(path)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=PART_SUFFIX, dir=path.parent
        )
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            words, hint = write_problem(exc, "the previous version of the file")
            raise PublishError(f"cannot write: {words}", path=path, hint=hint) from exc
        raise


def atomic_write_text(
    path: Path, text: str, *, sweep: bool = True, before_replace: Callable[[], None] | None = None
) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), sweep=sweep, before_replace=before_replace)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_states(paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """(size, mtime) of each file that exists, read without opening any: what a watcher
    compares to tell that an editor saved. A file being replaced by a save is skipped."""
    found: dict[Path, tuple[int, int]] = {}
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        found[path] = (st.st_size, st.st_mtime_ns)
    return found


def files_under(folder: Path, skip: frozenset[Path] = frozenset()) -> Iterator[Path]:
    """Every file under ``folder``, in name order, but hidden ones (``.cache/render``,
    editors' swap files) and the folders in ``skip`` (the output folder)."""
    if not folder.is_dir() or folder in skip:
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path in skip:
            continue
        if path.is_dir():
            yield from files_under(path, skip)
        elif path.is_file():
            yield path
