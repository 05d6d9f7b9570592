#!/bin/sh
# Bad input: each CASE.expect holds the exit status ("exit N") and the one
# diagnostic line `folio dump` must print. The input is CASE.md or CASE.qmd
# beside it, or what CASE.sh writes (big generated inputs), or nothing at
# all (a missing file).
#   run.sh FOLIO DIR CASE         check one case
#   UPDATE=1 run.sh FOLIO DIR CASE   rewrite CASE.expect
set -u
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
dir=$(cd "$2" && pwd) || exit 2
name=$3
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
cd "$dir" || exit 2
input=$name.md
[ -f "$name.qmd" ] && input=$name.qmd
if [ -f "$name.sh" ]; then
    sh "$name.sh" >"$work/$input" || exit 2
    cd "$work" || exit 2
fi
"$bin" dump "$input" >"$work/out" 2>"$work/err"
rc=$?
if [ "${UPDATE:-0}" = 1 ]; then
    { echo "exit $rc"; cat "$work/err"; } >"$dir/$name.expect"
    cat "$dir/$name.expect"
    exit 0
fi
want_rc=$(sed -n '1s/^exit //p' "$dir/$name.expect")
sed -n '2,$p' "$dir/$name.expect" >"$work/want"
status=0
if [ "$rc" != "$want_rc" ]; then
    echo "FAIL $name: exit status $rc, want $want_rc"
    status=1
fi
if [ "$(wc -l <"$work/err")" -ne 1 ]; then
    echo "FAIL $name: want exactly one diagnostic line, got:"
    cat "$work/err"
    status=1
fi
diff -u "$work/want" "$work/err" || status=1
if [ -s "$work/out" ]; then
    echo "FAIL $name: printed a model for bad input"
    status=1
fi
exit $status
