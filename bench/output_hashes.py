"""The outputs' fingerprints, for restructurings that must not change a byte.

A move or a split of modules is right only if every output stays what it was. This builds
the default book (content/) and the ten-article test book (tests/books/ten) in every style
and every edition (PDF, EPUB, HTML site), and cleans every page of the shared corpus and
the seed, then prints one sha256 per output.

``record`` writes them to .cache/output-hashes.json; ``check`` rebuilds and names each
output whose hash changed, exit 1 if any did. A change of behaviour that is intended is
recorded anew (and said in the commit). Runs take a few minutes: run it by hand around a
restructuring, not in CI.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUBLISH = [sys.executable, "-m", "publish", "--quiet"]
BOOKS = {"default": ROOT / "content" / "book.toml", "ten": ROOT / "tests" / "books" / "ten" / "book.toml"}
STYLES = ("book", "gongwen", "large", "vertical")
CORPUS = ROOT.parent / "shared" / "corpus"
SEED_RAW = ROOT / "content" / "raw"
DEFAULT = ROOT / ".cache" / "output-hashes.json"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_sha(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")


def book_hashes(env: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, toml in BOOKS.items():
        for style in STYLES:
            with tempfile.TemporaryDirectory() as tmp:
                args = [*PUBLISH, "build", "--book", str(toml), "--style", style, "-o", tmp,
                        "--no-cache"]
                for fmt in ("pdf", "epub", "html"):
                    _run([*args, "--format", fmt], env)
                for path in sorted(Path(tmp).iterdir()):
                    key = f"{name}/{style}/{path.name}"
                    out[key] = _tree_sha(path) if path.is_dir() else _sha(path.read_bytes())
                    print(f"{out[key][:16]}  {key}", flush=True)
    return out


def clean_hashes(env: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    pages = sorted(CORPUS.glob("*.htm*")) + sorted(SEED_RAW.glob("*"))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([*PUBLISH, "clean", *map(str, pages), "-o", tmp], env=env,
                       capture_output=True, cwd=ROOT)
        for path in sorted(Path(tmp).rglob("*")):
            if path.is_file():
                key = f"clean/{path.relative_to(tmp)}"
                out[key] = _sha(path.read_bytes())
    print(f"{len(out)} cleaned files", flush=True)
    return out


def hashes() -> dict[str, str]:
    env = {**os.environ, "PUBLISH_CACHE": tempfile.mkdtemp(prefix="hashes-cache-")}
    return {**book_hashes(env), **clean_hashes(env)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("--file", type=Path, default=DEFAULT)
    args = parser.parse_args()
    now = hashes()
    if args.action == "record":
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(json.dumps(now, indent=1, sort_keys=True), encoding="utf-8")
        print(f"recorded {len(now)} outputs in {args.file}")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in changed:
        print(f"CHANGED {key}: {before.get(key, '(none)')[:16]} → {now.get(key, '(none)')[:16]}")
    print(f"{len(now) - len(changed)} of {len(now)} outputs unchanged")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
