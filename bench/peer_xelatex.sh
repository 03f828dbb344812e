#!/bin/sh
# The peer to beat (issue 4): pandoc → XeLaTeX with ctex, tuned (bench/peer-ctex.tex),
# on the seed book and the ten-article book, with the faces of our book style (Noto
# Serif SC body, Noto Sans SC heads). For each book it writes to bench/out/:
#   peer-NAME.pdf, ours-NAME.pdf        both PDFs (ours: publish build --no-cache)
#   peer-NAME-N.png, ours-NAME-N.png    the first two text pages of each, 100 dpi
#   NAME.tsv                            build seconds, pages, and our checker's counts
# then prints the tables docs/print.md shows. Needs TeX Live and pandoc: `make peer`.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/bench/out"
PY="$ROOT/.venv/bin/python"
mkdir -p "$OUT"
command -v xelatex >/dev/null && command -v pandoc >/dev/null || {
    echo "needs xelatex and pandoc: run \`make peer\`" >&2; exit 2; }

now() { date +%s.%N; }

run_book() {  # NAME BOOK.toml
    name=$1 book=$2
    "$PY" "$ROOT/bench/peer_markdown.py" "$book" > "$OUT/$name.md"
    sed "s|\\\\FONTDIR|$ROOT/fonts/|" "$ROOT/bench/peer-ctex.tex" > "$OUT/peer-ctex.tex"
    start=$(now)
    pandoc "$OUT/$name.md" -o "$OUT/peer-$name.pdf" --pdf-engine=xelatex \
        -V documentclass=ctexart -V classoption=punct=kaiming -V classoption=zihao=5 -V indent=true -V linestretch=1.31 \
        -V CJKmainfont=NotoSerifSC-Regular.ttf \
        -V "CJKoptions=Path=$ROOT/fonts/,BoldFont=NotoSerifSC-Bold.ttf,Scale=1" \
        -H "$OUT/peer-ctex.tex"
    peer_s=$(echo "$(now) - $start" | bc)
    start=$(now)
    "$ROOT/.venv/bin/publish" -q build -b "$book" --format pdf --no-cache -o "$OUT/ours-$name"
    ours_s=$(echo "$(now) - $start" | bc)
    cp "$OUT/ours-$name"/*.pdf "$OUT/ours-$name.pdf"
    "$PY" "$ROOT/bench/peer_measure.py" "$OUT" "$name" "$peer_s" "$ours_s"
}

run_book seed "$ROOT/content/book.toml"
run_book ten "$ROOT/tests/books/ten/book.toml"
"$PY" "$ROOT/bench/peer_measure.py" "$OUT" --table seed ten
