#!/bin/bash
# Benchmarks (figures, not pass/fail) against the targets of issue 13:
# start-up, each sample issue to PDF against pandoc + WeasyPrint and to EPUB
# against pandoc, a year of 24 issues (wall, CPU, peak memory), a long text
# (pages per second, linearity) against Typst when installed. CPU time, medians
# of alternated runs: bench.py says how. Usage: bench.sh [FOLIO] [SAMPLES_DIR]
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/bench.py" "${1:-$here/../../build/folio}" "${2:-$here/../../../shared/samples}" ${3:+"$3"}
