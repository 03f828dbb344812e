#!/bin/sh
# The peer to beat: pandoc → XeLaTeX with ctex, on the default book's article, A5, with
# the same faces as the book style (Noto Serif SC body, Noto Sans SC heads). Writes
# bench/out/peer.pdf and PNGs of its first pages beside ours (bench/out/ours-*.png) and
# times both. Not part of the test suite; needs TeX Live and pandoc from Debian:
#   apt-get install --no-install-recommends texlive-xetex texlive-lang-chinese \
#       texlive-latex-recommended texlive-fonts-recommended lmodern pandoc
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
ARTICLE="$ROOT/content/articles/000_67f8410aa76e5cfb.md"
command -v xelatex >/dev/null && command -v pandoc >/dev/null || {
    echo "needs xelatex and pandoc (see the comment at the top of $0)" >&2; exit 2; }

# pandoc's LaTeX template has no babel language for zh-CN: drop lang from the front matter.
sed '/^lang: /d' "$ARTICLE" > "$OUT/article.md"

start=$(date +%s.%N)
# An approximation of a tuned ctex setup: kaiming punctuation (half-width at line ends,
# compressed pairs), 五号 body, A5 with a 294pt (28 × 五号) text width, 1.3 × ctex's
# line spacing, 2em paragraph indent; xeCJK adds its Han–Latin glue by default. The
# zihao and textwidth options do not all take effect through pandoc's template (the
# output shows more than 28 characters a line); see README.
pandoc "$OUT/article.md" -o "$OUT/peer.pdf" --pdf-engine=xelatex \
    -V documentclass=ctexart -V classoption=punct=kaiming -V classoption=zihao=5 \
    -V geometry:paperwidth=148mm -V geometry:paperheight=210mm \
    -V geometry:textwidth=294pt -V geometry:vmargin=20mm \
    -V linestretch=1.3 -V indent=true \
    -V CJKmainfont=NotoSerifSC-Regular.ttf \
    -V "CJKoptions=Path=$ROOT/fonts/,BoldFont=NotoSerifSC-Bold.ttf"
end=$(date +%s.%N)
echo "pandoc → xelatex: $(echo "$end - $start" | bc) s, $(pdfinfo "$OUT/peer.pdf" | awk '/^Pages/ {print $2}') pages"

start=$(date +%s.%N)
"$ROOT/.venv/bin/publish" -q build --format pdf -o "$OUT"
end=$(date +%s.%N)
echo "publish build:     $(echo "$end - $start" | bc) s, $(pdfinfo "$OUT/dangqi-gaoyang.pdf" | awk '/^Pages/ {print $2}') pages"

pdftoppm -r 100 -png -f 1 -l 2 "$OUT/peer.pdf" "$OUT/peer"
pdftoppm -r 100 -png -f 5 -l 6 "$OUT/dangqi-gaoyang.pdf" "$OUT/ours"
"$ROOT/.venv/bin/publish" check "$OUT/peer.pdf" || true
echo "PNGs in $OUT"
