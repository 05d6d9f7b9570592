#!/bin/bash
# Math benchmark (a figure, not pass/fail): CPU time to parse and lay out
# 1,000 formulas of the fixture (target: under 100 ms), median of 5 runs;
# then the fixture as a whole document to PDF and to EPUB.
# Usage: math.sh [BUILD_DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
tool=$build/tests/math_tool
fixture=$here/../math/formulas.tex
font=$here/../../fonts/math/latinmodern-math.otf
[ -x "$tool" ] || { echo "math.sh: no math_tool in $build/tests"; exit 1; }
n=$(grep -vc '^#\|^$' "$fixture")
rounds=$(( (10000 + n - 1) / n )) # about 10,000 formulas a run
for _ in 1 2 3 4 5; do
  "$tool" bench "$fixture" "$font" "$rounds" | sed 's/.*CPU: \([0-9.]*\) ms.*/\1/'
done | sort -n | awk '{ v[NR] = $1 } END { printf "parse + layout: %.1f ms CPU per 1,000 formulas (median of %d runs)\n", v[int((NR + 1) / 2)], NR }'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$fixture" > "$work/formulas.md" <<'PY'
import sys
print('---\ntitle: "Formules"\nlang: fr\n---\n')
for l in open(sys.argv[1], encoding="utf-8"):
    l = l.rstrip("\n")
    if l and not l.startswith("#"):
        print("$$%s$$\n" % l[2:] if l.startswith("$$") else "Formule : $%s$.\n" % l)
PY
for ext in pdf epub; do
  cpu=$(/usr/bin/time -f '%U %S' "$build/folio" "$work/formulas.md" -o "$work/f.$ext" 2>&1 >/dev/null |
        tail -1 | awk '{ printf "%d", ($1 + $2) * 1000 }')
  echo "fixture ($n formulas) to $ext: $cpu ms CPU"
done
