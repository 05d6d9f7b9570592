#!/bin/sh
# Runs one fuzz target for a given time: tests/fuzz/run.sh TARGET SECONDS
# [LIBFUZZER-FLAG...] (e.g. -runs=1000000 to stop after 1M execs). TARGET
# is parse, epub, pdf or image. Builds build-fuzz/ (clang, -DFOLIO_FUZZ=ON)
# when needed, fuzzes with the corpus in build-fuzz/corpus/TARGET seeded
# from the same files ctest replays, and leaves crashers in
# build-fuzz/crashes/TARGET/. Copy each one into tests/fuzz/regress/TARGET/
# once fixed.
set -eu
target=${1:?usage: run.sh parse|epub|pdf|image SECONDS}
seconds=${2:?usage: run.sh parse|epub|pdf|image SECONDS}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}

# libFuzzer's timeout is wall-clock time: on a shared machine (a load of
# 24 on 2 cores) a niced run took 13 s for a JPEG that needs 0.3 s alone,
# so the timeouts leave room for that (a hang still ends the run).
case $target in
parse | epub) max_len=65536; timeout=60 ;;
pdf) max_len=16384; timeout=90 ;;
image) max_len=65536; timeout=60 ;;
*) echo "run.sh: unknown target '$target' (parse, epub, pdf, image)" >&2; exit 2 ;;
esac

if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=${CC:-clang} cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFOLIO_FUZZ=ON
fi
cmake --build "$build" -j2 --target "fuzz_$target"

corpus=$build/corpus/$target
crashes=$build/crashes/$target
seeds=$build/seeds/$target
mkdir -p "$corpus" "$crashes" "$seeds"
# The seeds: what ctest replays (regressions, fixtures, examples).
case $target in
image)
  for f in "$here"/tree/* "$root"/tests/image/*; do
    case $f in *.c | *.py | *.md | *.yml) ;; *) [ -f "$f" ] && cp "$f" "$seeds/" ;; esac
  done ;;
*)
  for f in "$here"/seeds/markdown/* "$root"/tests/golden/*.md "$root"/tests/golden/*.qmd \
           $(find "$root/examples" -name '*.md' -o -name '*.qmd' 2>/dev/null); do
    [ -f "$f" ] && cp "$f" "$seeds/$(echo "$f" | tr / _)"
  done ;;
esac
# The epub target was split from parse: it replays parse's crashers too.
regress=$target
case $target in epub) regress="epub parse" ;; esac
for dir in $regress; do
  if [ -d "$here/regress/$dir" ]; then
    cp "$here/regress/$dir"/* "$seeds/" 2>/dev/null || true
  fi
done

# No allocation stacks while fuzzing (recording one per malloc was 13% of
# the pdf target's CPU): a crasher is replayed with them afterwards.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:malloc_context_size=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if [ -f "$root/tests/lsan.supp" ]; then
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
fi
# The Markdown targets know folio's syntax from a dictionary.
dict=
case $target in parse | epub | pdf) dict=-dict=$here/parse.dict ;; esac
# The entropic scheduler's bookkeeping of tens of thousands of features
# (UpdateFeatureFrequency) took 61% of the parse target's CPU (perf: 40 →
# 128 execs/s without it) and 3x folio's own work in the pdf target: every
# target fuzzes without it. pdf: every input grows Pango's and cairo's
# caches, so libFuzzer's leak check (a second run and a full LeakSanitizer
# scan) ran after nearly every input; it fuzzes without it, then checks
# the corpus it grew for leaks, input by input.
fast=
case $target in pdf) fast="-detect_leaks=0" ;; esac
cd "$build"
fuzz="./tests/fuzz/fuzz_$target"
"$fuzz" -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
  -rss_limit_mb=2048 -entropic=0 $dict $fast \
  -artifact_prefix="$crashes/" -print_final_stats=1 "$@" "$corpus" "$seeds"
if [ -n "$fast" ]; then
  echo "run.sh: the corpus checked for leaks" >&2
  "$fuzz" -runs=0 -detect_leaks=1 -max_len="$max_len" -timeout="$timeout" \
    -rss_limit_mb=2048 -artifact_prefix="$crashes/" "$corpus"
fi
