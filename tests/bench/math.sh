#!/bin/bash
# Math benchmark (figures, not pass/fail), CPU time (user + system):
# - parse + layout of 1,000 formulas of the fixture (target: under 100 ms),
#   median of 5 runs of math_tool bench;
# - a document of 1,000 formulas (the fixture cycled, inline and display)
#   to PDF and to EPUB against the same document with a word in place of
#   each formula: the formulas' share, median of 5 alternated runs;
# - the peer, when MATHJAX_DIR names a folder holding node_modules/mathjax-full
#   (npm install mathjax-full@3): MathJax's TeX to SVG for the same 1,000.
# Usage: math.sh [BUILD_DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
tool=$build/tests/math_tool
folio=$build/folio
fixture=$here/../math/formulas.tex
font=$here/../../fonts/math/latinmodern-math.otf
[ -x "$tool" ] && [ -x "$folio" ] || { echo "math.sh: no math_tool or folio in $build"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
cpu_ms() { /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%d", ($1 + $2) * 1000 }'; }

n=$(grep -vc '^#\|^$' "$fixture")
rounds=$(( (10000 + n - 1) / n )) # about 10,000 formulas a run
t=$(for _ in 1 2 3 4 5; do
  "$tool" bench "$fixture" "$font" "$rounds" | sed 's/.*CPU: \([0-9.]*\) ms.*/\1/'
done | median)
echo "parse + layout: $t ms CPU per 1,000 formulas (median of 5 runs; target < 100)"

# the 1,000-formula document and its twin with words instead
python3 - "$fixture" "$work" <<'PY'
import sys
fs = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
head = '---\ntitle: "Formules"\nlang: fr\n---\n\n'
with_math, without = [head], [head]
for k in range(1000):
    l = fs[k % len(fs)]
    if l.startswith("$$"):
        with_math.append("Formule %d :\n\n$$%s$$\n\n" % (k, l[2:]))
        without.append("Formule %d :\n\nformule\n\n" % k)
    else:
        with_math.append("Formule %d : $%s$ dans le texte.\n\n" % (k, l))
        without.append("Formule %d : formule dans le texte.\n\n" % k)
open(sys.argv[2] + "/math.md", "w", encoding="utf-8").write("".join(with_math))
open(sys.argv[2] + "/words.md", "w", encoding="utf-8").write("".join(without))
PY
for ext in pdf epub; do
  : > "$work/m" && : > "$work/w"
  for _ in 1 2 3 4 5; do # alternated: the machine's load falls on both alike
    cpu_ms "$folio" "$work/math.md" -o "$work/m.$ext" >> "$work/m"; echo >> "$work/m"
    cpu_ms "$folio" "$work/words.md" -o "$work/w.$ext" >> "$work/w"; echo >> "$work/w"
  done
  m=$(median < "$work/m") w=$(median < "$work/w")
  echo "1,000 formulas to $ext: $m ms CPU, the same with words $w ms: the formulas $((m - w)) ms"
done

if [ -n "${MATHJAX_DIR:-}" ] && [ -d "$MATHJAX_DIR/node_modules/mathjax-full" ] && command -v node >/dev/null; then
  cat > "$work/mj.js" <<'JS'
const fs = require('fs');
const {mathjax} = require('mathjax-full/js/mathjax.js');
const {TeX} = require('mathjax-full/js/input/tex.js');
const {SVG} = require('mathjax-full/js/output/svg.js');
const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
const {AllPackages} = require('mathjax-full/js/input/tex/AllPackages.js');
const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const doc = mathjax.document('', {InputJax: new TeX({packages: AllPackages}), OutputJax: new SVG({fontCache: 'none'})});
const fsx = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(l => l && !l.startsWith('#'));
const t0 = process.cpuUsage();
for (let k = 0; k < 1000; k++) {
  const l = fsx[k % fsx.length], display = l.startsWith('$$');
  adaptor.innerHTML(doc.convert(display ? l.slice(2) : l, {display}));
}
const t = process.cpuUsage(t0);
console.log(((t.user + t.system) / 1000).toFixed(1));
JS
  mj=$(for _ in 1 2 3; do NODE_PATH="$MATHJAX_DIR/node_modules" node "$work/mj.js" "$fixture"; done | median)
  echo "peer: MathJax 3 TeX to SVG, 1,000 formulas: $mj ms CPU (median of 3, after its start-up); folio's parse + layout: $t ms"
fi
