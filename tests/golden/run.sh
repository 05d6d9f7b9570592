#!/bin/sh
# Golden tests: `folio dump` of a fixture against FIXTURE.tree (stdout) and
# FIXTURE.err (stderr; absent when no warning is expected).
#   run.sh FOLIO DIR [FIXTURE...]     compare (all fixtures when none given)
#   UPDATE=1 run.sh FOLIO DIR         rewrite the expected files
set -u
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
dir=$2
shift 2
cd "$dir" || exit 2
[ $# -eq 0 ] && set -- *.md *.qmd
out=$(mktemp) && err=$(mktemp) || exit 2
trap 'rm -f "$out" "$err"' EXIT
status=0
for src in "$@"; do
    base=${src%.*}
    "$bin" dump "$src" >"$out" 2>"$err"
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL $src: folio dump exited with $rc"
        cat "$err"
        status=1
        continue
    fi
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$out" "$base.tree"
        if [ -s "$err" ]; then cp "$err" "$base.err"; else rm -f "$base.err"; fi
        echo "updated $base.tree"
        continue
    fi
    diff -u "$base.tree" "$out" || { echo "FAIL $src: tree differs (UPDATE=1 to accept)"; status=1; }
    if [ -f "$base.err" ]; then
        diff -u "$base.err" "$err" || { echo "FAIL $src: diagnostics differ"; status=1; }
    elif [ -s "$err" ]; then
        echo "FAIL $src: unexpected diagnostics:"
        cat "$err"
        status=1
    fi
done
exit $status
