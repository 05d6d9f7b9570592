#!/bin/sh
# valgrind over the sample newsletters, to PDF and to EPUB: any memory error
# or definite leak (outside tests/valgrind.supp's third-party entries) fails.
# Usage: tests/hostile/valgrind.sh FOLIO [SAMPLES_DIR]  (slow: about a minute
# per output; not part of ctest).
set -u
folio=$1
here=$(cd "$(dirname "$0")" && pwd)
samples=${2:-$here/../../../shared/samples}
[ -d "$samples" ] || { echo "skip: no samples folder at $samples"; exit 0; }
out=$(mktemp -d) || exit 2
trap 'rm -rf "$out"' EXIT
status=0
for src in $(find "$samples" -name index.md -o -name index.qmd | sort); do
    name=$(basename "$(dirname "$src")")
    for fmt in pdf epub; do
        if valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
            --errors-for-leak-kinds=definite --suppressions="$here/../valgrind.supp" \
            --num-callers=30 "$folio" --quiet "$src" -o "$out/$name.$fmt" 2>"$out/log"; then
            echo "ok $name.$fmt"
        else
            echo "FAIL $name.$fmt"
            grep -v '^[^=]' "$out/log" | head -60
            status=1
        fi
    done
done
exit $status
