#!/bin/sh
# Every sample newsletter to PDF, through the checks of check.py (no golden:
# the samples are not part of the project). Exit 77 (skipped) without them.
folio=$1 out=$2 samples=$3
if [ ! -d "$samples" ]; then
  echo "pdf.samples: $samples not found, skipped"
  exit 77
fi
here=$(dirname "$0")
status=0
for src in "$samples"/*/index.md "$samples"/*/*/index.md "$samples"/*/*/index.qmd; do
  [ -f "$src" ] || continue
  name=sample_$(basename "$(dirname "$src")")
  if ! python3 "$here/check.py" "$folio" "$out" "$name" "$src" 2>"$out/$name.err"; then
    echo "pdf.samples: $src failed:"
    grep -v ': warning: ' "$out/$name.err"
    status=1
  fi
done
exit $status
