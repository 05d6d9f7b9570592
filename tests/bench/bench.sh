#!/bin/bash
# Benchmarks (figures, not pass/fail): folio against pandoc + WeasyPrint on
# the sample issues, a year of ~24 issues to PDF and EPUB, peak memory, and
# how time grows with input size. Usage: bench.sh [FOLIO_BINARY] [SAMPLES_DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
folio=${1:-$here/../../build/folio}
samples=${2:-$here/../../../shared/samples}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x "$folio" ] || { echo "bench: no folio binary at $folio"; exit 1; }
[ -d "$samples" ] || { echo "bench: no samples at $samples"; exit 1; }

# best of N runs: "WALL_MS CPU_MS" (CPU = user + system). The machine is
# shared, so CPU time is the steadier figure; wall time is what users feel.
best_ms() {
  local n=$1; shift
  local best= best_cpu=
  for _ in $(seq "$n"); do
    local t0 t1 cpu
    t0=$(date +%s%N)
    cpu=$(/usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%d", ($1 + $2) * 1000 }')
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    if [ -z "$best_cpu" ] || [ "$cpu" -lt "$best_cpu" ]; then best_cpu=$cpu; fi
  done
  echo "$best $best_cpu"
}
peak_kb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

sources=("$samples"/seed/index.md "$samples"/hugo/*/index.md "$samples"/quarto/*/index.qmd)

echo "== one issue to PDF: folio vs pandoc --pdf-engine=weasyprint (best of 5 / of 2, ms)"
have_pandoc=0
command -v pandoc >/dev/null && command -v weasyprint >/dev/null && have_pandoc=1
for src in "${sources[@]}"; do
  name=$(basename "$(dirname "$src")")
  read -r f fcpu < <(best_ms 5 "$folio" "$src" -o "$work/$name.pdf" --fix-encoding)
  if [ $have_pandoc = 1 ]; then
    read -r p pcpu < <(cd "$(dirname "$src")" && best_ms 2 pandoc "$src" --pdf-engine=weasyprint -o "$work/$name-pandoc.pdf")
    ratio=$(awk -v p="$p" -v f="$f" 'BEGIN { printf "%.0f", p / (f > 0 ? f : 1) }')
    printf '  %-16s folio %5d ms (cpu %4d)   pandoc+weasyprint %6d ms (cpu %5d)   %sx faster\n' \
      "$name" "$f" "$fcpu" "$p" "$pcpu" "$ratio"
  else
    printf '  %-16s folio %5d ms (cpu %4d)   (pandoc/weasyprint not installed)\n' "$name" "$f" "$fcpu"
  fi
done

echo "== a year: 24 issues (the samples repeated with 2023 dates)"
mkdir -p "$work/year"
i=0
while [ $i -lt 24 ]; do
  for src in "${sources[@]}"; do
    [ $i -lt 24 ] || break
    d="$work/year/issue_$(printf %02d $i)"
    mkdir -p "$d"
    cp -r "$(dirname "$src")"/. "$d"/
    [ -f "$samples/quarto/_variables.yml" ] && cp "$samples/quarto/_variables.yml" "$d/"
    month=$(( i / 2 + 1 ))
    sed -i "0,/^date:.*/s//date: '2023-$(printf %02d $month)-$(( i % 2 * 14 + 1 ))'/" "$d"/index.*
    i=$((i + 1))
  done
done
read -r pdf_ms pdf_cpu < <(best_ms 3 "$folio" "$work/year" -o "$work/year.pdf" --fix-encoding -q)
read -r epub_ms epub_cpu < <(best_ms 3 "$folio" "$work/year" -o "$work/year.epub" --fix-encoding -q)
echo "  year to PDF:  $pdf_ms ms (cpu $pdf_cpu)  (target < 1000)   $(pdfinfo "$work/year.pdf" 2>/dev/null | grep Pages)"
echo "  year to EPUB: $epub_ms ms (cpu $epub_cpu)  (target < 200)"
echo "  peak memory, year to PDF:  $(( $(peak_kb "$folio" "$work/year" -o "$work/year.pdf" --fix-encoding -q) / 1024 )) MB (target < 150)"
echo "  peak memory, year to EPUB: $(( $(peak_kb "$folio" "$work/year" -o "$work/year.epub" --fix-encoding -q) / 1024 )) MB"

echo "== time against input size (one body repeated 1x and 10x)"
src="$samples/quarto/infolettre_19/index.qmd"
cp -r "$(dirname "$src")" "$work/x1" && cp -r "$(dirname "$src")" "$work/x10"
body=$(awk 'BEGIN{n=0} /^---/{n++; next} n>=2' "$src")
{ awk 'BEGIN{n=0} {print} /^---/{n++; if(n==2) exit}' "$src"; for _ in $(seq 10); do printf '%s\n\n' "$body"; done; } >"$work/x10/index.qmd"
for fmt in pdf epub; do
  read -r t1 c1 < <(best_ms 5 "$folio" "$work/x1/index.qmd" -o "$work/x1.$fmt" -q)
  read -r t10 c10 < <(best_ms 5 "$folio" "$work/x10/index.qmd" -o "$work/x10.$fmt" -q)
  echo "  $fmt: 1x $t1 ms (cpu $c1), 10x $t10 ms (cpu $c10), ratio $(awk -v a="$t1" -v b="$t10" 'BEGIN { printf "%.1f", b / (a > 0 ? a : 1) }') (target <= 10.5)"
done
if command -v valgrind >/dev/null; then
  for n in x1 x10; do
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$n" "$folio" "$work/$n/index.qmd" -o "$work/$n.pdf" -q >/dev/null 2>"$work/cg.$n.log"
    eval "ir_$n=$(grep -oE 'refs: +[0-9,]+' "$work/cg.$n.log" | tr -dc 0-9)"
  done
  echo "  pdf instructions (callgrind): 1x $ir_x1, 10x $ir_x10, ratio $(awk -v a="$ir_x1" -v b="$ir_x10" 'BEGIN { printf "%.2f", b / a }')"
fi
