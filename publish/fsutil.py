"""Writing files so that an interrupted run never leaves a half-written output.

Every output goes to a temporary file in the target's folder and is renamed into place
(rename is atomic on one file system), so Ctrl-C, a kill or a full disk leaves the
previous version whole. The temporary file is ``.<name>.<pid>.<random>.part``: hidden,
never ending in an output's suffix, so nothing mistakes it for output. Ctrl-C and errors
remove it; only SIGKILL or a power cut can leave one behind, and the next write of the
same target removes it once the process that made it is gone.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from publish.errors import PublishError

PART_SUFFIX = ".part"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def sweep_stale_parts(path: Path) -> list[Path]:
    """Remove temporary files of ``path`` left by writers that were killed."""
    removed = []
    for part in path.parent.glob(f".{path.name}.*{PART_SUFFIX}"):
        pid = part.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            part.unlink(missing_ok=True)
            removed.append(part)
    return removed


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all or nothing; a failure names the file and the cause."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_stale_parts(path)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=PART_SUFFIX, dir=path.parent
        )
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PublishError(
                f"cannot write: {exc.strerror or exc}", path=path,
                hint="free some disk space or choose another output folder; "
                "the previous version of the file is unchanged",
            ) from exc
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
