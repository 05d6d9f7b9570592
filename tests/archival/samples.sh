#!/bin/sh
# Runs one archival check on every sample newsletter, or (--book) once on
# all of them as a compilation (exit 77, skipped, without
# ../shared/samples: a fresh clone does not have it).
#   samples.sh [--book] CHECK FOLIO OUTDIR SAMPLES_DIR [-- FOLIO_OPTION...]
book=
if [ "$1" = --book ]; then book=1; shift; fi
check=$1 folio=$2 out=$3 samples=$4
shift 4
if [ ! -d "$samples" ]; then
  echo "$samples not found, skipped"
  exit 77
fi
sources=
for src in "$samples"/seed/index.md "$samples"/*/*/index.md "$samples"/*/*/index.qmd; do
  [ -f "$src" ] && sources="$sources $src"
done
# check NAME SOURCE...: one conversion checked, its errors shown
check() {
  name=$1
  shift
  if ! python3 "$check" "$folio" "$out" "$name" "$@" 2>"$out/$name.err"; then
    echo "$name failed:"
    grep -v ': warning: ' "$out/$name.err"
    return 1
  fi
}
status=0
if [ -n "$book" ]; then
  # shellcheck disable=SC2086 # the sample paths have no blanks
  check sample_book $sources "$@" || status=1
else
  for src in $sources; do
    check "sample_$(basename "$(dirname "$src")")" "$src" "$@" || status=1
  done
fi
exit $status
