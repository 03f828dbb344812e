"""How many cores this process may use: the pools of ``clean`` and ``build`` size by it.

``os.cpu_count()`` counts the machine's cores, not the ones a container or ``taskset``
leaves us; sizing a pool by it oversubscribes the cores we really have.
"""

from __future__ import annotations

import os


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
