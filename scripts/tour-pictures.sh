#!/usr/bin/env bash
# Remake the pictures of docs/tour.md from the default book, with the tools the tour
# shows: `publish proof` for the pages and the contact sheet, `publish preview` and
# headless Chromium for the screen edition. Run it after changing a style.
set -euo pipefail
cd "$(dirname "$0")/.."
publish=.venv/bin/publish
work=.cache/tour
rm -rf "$work" && mkdir -p "$work" docs/img

"$publish" --quiet proof --pages 1-8 --dist "$work" -o "$work/proof" --rebuild
cp "$work/proof/dangqi-gaoyang-sheet.png" docs/img/contact-sheet.png
cp "$work/proof/dangqi-gaoyang-p005.png" docs/img/page-5.png

"$publish" preview > "$work/preview.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 50); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/preview.log" || true)
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { echo "tour-pictures: the preview did not start" >&2; cat "$work/preview.log" >&2; exit 1; }
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/chromium" --hide-scrollbars --window-size=900,1000 \
  --virtual-time-budget=5000 --screenshot="$PWD/docs/img/preview.png" "${url}a1.html" 2>/dev/null
echo "wrote docs/img/contact-sheet.png docs/img/page-5.png docs/img/preview.png"
