"""What every pool worker of ours does first: die with its parent, leave Ctrl-C to it.

A worker of ``clean`` or ``build`` holds 100–200 MB. When the main process is killed
(``kill -9``, an editor closing the terminal), nothing tells a forked worker: it would
live on, blocked on its queue, until someone finds it. On Linux the kernel can send a
signal to a child when its parent thread dies (``PR_SET_PDEATHSIG``); we ask for SIGKILL,
since a worker holds nothing that needs flushing (outputs are written by temporary file
and rename). Elsewhere a daemon thread polls the parent's pid.

Ctrl-C reaches every process of the terminal's group. A worker that takes it raises
``KeyboardInterrupt`` in the middle of a page and prints its own traceback; the main
process is the one that says "interrupted" and exits 130, so workers ignore SIGINT and
the pool is shut down by the main process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_S = 0.5


def _ask_kernel_to_kill_us_with(parent: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    # The parent may have died before prctl ran: then we were already reparented.
    if os.getppid() != parent:
        os._exit(1)
    return True


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_S)
    os._exit(1)


def init_worker(parent: int | None = None) -> None:
    """Pool initializer: exit when ``parent`` (the pool's owner) dies; ignore SIGINT.

    ``parent`` is the owner's pid, passed from the owner (``os.getpid()`` there): read in
    the worker, ``os.getppid()`` may already be init's if the owner died at fork time.
    """
    parent = os.getppid() if parent is None else parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _ask_kernel_to_kill_us_with(parent):
        threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()
