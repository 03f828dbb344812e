#!/usr/bin/env bash
# Install the Debian packages listed in the given files (default: what building needs),
# only those that are missing. Usage: setup-system.sh [LIST...]
# Why a script and not a README step: a fresh machine must build the book with `make`
# alone (DEVELOPERS.md, "two commands"), and CI starts from such a machine.
set -euo pipefail
cd "$(dirname "$0")/.."

# package lists live in data files so `publish doctor` and this script agree
# (system-packages.txt for building, -test.txt for the tests, peer-packages.txt for `make peer`)
lists=("$@")
[ ${#lists[@]} -eq 0 ] && lists=(scripts/system-packages.txt)
mapfile -t wanted < <(cat "${lists[@]}" | grep -v -E '^\s*(#|$)')
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "setup: installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
