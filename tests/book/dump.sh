#!/bin/sh
# Golden `folio dump --book`: NAME.args holds the arguments (one a line,
# paths relative to tests/), NAME.book the expected output.
#   dump.sh FOLIO NAME        compare
#   UPDATE=1 dump.sh FOLIO NAME   rewrite NAME.book
set -u
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
base=$2
cd "$(dirname "$base")/.." || exit 2
name=$(basename "$base")
set --
while IFS= read -r arg; do [ -n "$arg" ] && set -- "$@" "$arg"; done <"book/$name.args"
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT
"$bin" dump --book "$@" >"$out" 2>/dev/null || { echo "FAIL: folio dump --book exited $?"; exit 1; }
if [ "${UPDATE:-0}" = 1 ]; then
    cp "$out" "book/$name.book"
    echo "updated book/$name.book"
    exit 0
fi
diff -u "book/$name.book" "$out" || { echo "FAIL: book differs (UPDATE=1 to accept)"; exit 1; }
