#!/usr/bin/env bash
# Install the Debian packages the toolchain needs, only those that are missing.
# Why a script and not a README step: a fresh machine must build the book with `make`
# alone (DEVELOPERS.md, "two commands"), and CI starts from such a machine.
set -euo pipefail
cd "$(dirname "$0")/.."

# package list lives in one data file so `publish doctor` and this script agree; another
# list may be named (scripts/peer-packages.txt for `make peer`)
list=${1:-scripts/system-packages.txt}
mapfile -t wanted < <(grep -v -E '^\s*(#|$)' "$list")
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
