#!/bin/bash
# Benchmarks (figures, not pass/fail) against the targets of issue 13:
# start-up, each sample issue to PDF against pandoc + WeasyPrint and to EPUB
# against pandoc, a year of 24 issues (wall, CPU, peak memory), a long text
# (pages per second, linearity) against Typst when installed. CPU time, medians
# of alternated runs: bench.py says how; then 1,000 formulas (math.sh).
# Usage: bench.sh [FOLIO] [SAMPLES_DIR]
here=$(cd "$(dirname "$0")" && pwd)
folio=${1:-$here/../../build/folio}
python3 "$here/bench.py" "$folio" "${2:-$here/../../../shared/samples}" ${3:+"$3"}
rc=$?
echo "== math: 1,000 formulas (math.sh; MATHJAX_DIR adds MathJax as the peer)"
"$here/math.sh" "$(dirname "$folio")" | sed 's/^/  /'
exit $rc
