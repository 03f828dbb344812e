"""The cleaner's CLI output hashed: ``publish --quiet clean`` over the corpus and content/raw.

A quick byte-identity check for a restructuring of ``publish/clean/`` (bench/clean_golden.py
is the thorough one): ``record`` writes one sha256 per written file to
.cache/clean-hashes.json, ``check`` cleans again and names each file whose hash changed
(exit 1 if any did).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from output_hashes import clean_hashes  # noqa: E402

DEFAULT = ROOT / ".cache" / "clean-hashes.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("--file", type=Path, default=DEFAULT)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PUBLISH_CACHE": tempfile.mkdtemp(prefix="clean-hashes-")}
    now = clean_hashes(env)
    if args.action == "record":
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(json.dumps(now, indent=1, sort_keys=True), encoding="utf-8")
        print(f"recorded {len(now)} files in {args.file}")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in changed:
        print(f"CHANGED {key}")
    print(f"{len(now) - len(changed)} of {len(now)} files unchanged")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
