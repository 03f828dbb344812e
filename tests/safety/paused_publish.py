"""``publish`` with every output paused half-written, for tests that interrupt a build.

Run as ``python -m tests.safety.paused_publish build …``: when an output's temporary file
holds its bytes but is not yet synced or renamed, it prints PAUSED and sleeps, so the
test can send SIGINT or SIGKILL at exactly that moment. ``PAUSE_AT=n`` lets the first
n - 1 outputs through and pauses on the n-th; ``PAUSE_S`` is how long it sleeps (120 s by
default), for a test that lets the paused write finish. In ``publish clean``'s pool
every worker counts its own writes.
"""

from __future__ import annotations

import os
import sys
import time

_fsync = os.fsync
_writes = [0]


def _paused_fsync(fd: int) -> None:
    _writes[0] += 1
    if _writes[0] >= int(os.environ.get("PAUSE_AT", "1")):
        print("PAUSED", flush=True)
        time.sleep(float(os.environ.get("PAUSE_S", "120")))
    _fsync(fd)


if __name__ == "__main__":
    os.fsync = _paused_fsync
    from publish.cli import main

    sys.argv = ["publish", *sys.argv[1:]]
    main()
