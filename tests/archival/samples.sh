#!/bin/sh
# Runs one archival check on every sample newsletter (exit 77, skipped,
# without ../shared/samples: a fresh clone does not have it).
#   samples.sh CHECK FOLIO OUTDIR SAMPLES_DIR [-- FOLIO_OPTION...]
check=$1 folio=$2 out=$3 samples=$4
shift 4
if [ ! -d "$samples" ]; then
  echo "$samples not found, skipped"
  exit 77
fi
status=0
for src in "$samples"/seed/index.md "$samples"/*/*/index.md "$samples"/*/*/index.qmd; do
  [ -f "$src" ] || continue
  name=sample_$(basename "$(dirname "$src")")
  if ! python3 "$check" "$folio" "$out" "$name" "$src" "$@" 2>"$out/$name.err"; then
    echo "$src failed:"
    grep -v ': warning: ' "$out/$name.err"
    status=1
  fi
done
exit $status
