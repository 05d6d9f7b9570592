#!/bin/sh
# One hostile-input or fault case: run.sh FOLIO CASE
# cases/CASE.sh is sourced in a fresh empty folder (the current directory)
# with these helpers ($HOSTILE is this folder, $IMAGES tests/image/); it builds its inputs, runs folio and states what must
# come out. Whatever the case says, every folio run must end by itself
# (exit status below 128: no signal, no crash) and print no sanitizer report.
#   run ARGS...            runs folio (stdin from /dev/null), keeps $rc and err
#   run_within S ARGS...   the same, and fails when it has used more than S
#                          seconds of CPU or 5 S of clock (growth cases: sized
#                          so that the quadratic code they guard against
#                          needed many times longer)
#   run_as_nobody ARGS...  the same as the unprivileged user (skips when not root)
#   run_peak ARGS...       runs folio as run does, which must succeed, and sets
#                          $kb to its peak RSS in KB (skips without /usr/bin/time)
#   sanitizer_build        true when folio is built with ASan (its own heap:
#                          memory bounds do not apply, it runs ten times slower)
#   expect_exit N          the last run's exit status
#   expect_err TEXT        the last run's stderr holds TEXT (fixed string)
#   expect_err_re REGEX    ...holds a line matching REGEX (grep -E)
#   expect_no_err TEXT     ...does not hold TEXT
#   expect_lacks FILE TEXT FILE's readable text (PDF through pdftotext, EPUB
#                          unzipped, else the bytes) does not hold TEXT
#   expect_has FILE TEXT   ...holds TEXT
#   expect_no_temp DIR     no temporary output file (.NAME.XXXXXX) left in DIR
#   expect_epubcheck FILE  epubcheck finds no error nor warning in FILE
#   expect_growth K WHAT SMALL LARGE ARGS...  folio ARGS ({} the input) on
#                          LARGE costs at most K times its CPU on SMALL
#   skip REASON            the case cannot run here (ctest shows it skipped)
set -u
FOLIO=$1
name=$2
HOSTILE=$(cd "$(dirname "$0")" && pwd)
IMAGES=$HOSTILE/../image
work=$(mktemp -d) || exit 2
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work"' EXIT
failures=0
rc=0

fail() { echo "FAIL $name: $*"; failures=$((failures + 1)); }

skip() { echo "SKIP $name: $*"; exit 77; }

check_sane() {
    if [ "$rc" -ge 128 ]; then
        fail "folio $* ended with status $rc (a signal: crash or kill)"
    fi
    if grep -qE 'Sanitizer|runtime error:|Segmentation fault|Aborted' "$work/err"; then
        fail "folio $* printed a sanitizer report:"
        head -40 "$work/err"
    fi
}

run() {
    "$FOLIO" "$@" </dev/null >"$work/out" 2>"$work/err"
    rc=$?
    check_sane "$@"
}

run_within() {
    limit=$1
    shift
    # CPU seconds, so a loaded machine (or a sanitizer build) does not fail
    # a linear run; a wall-clock bound five times longer for a blocked one
    (ulimit -t "$limit"; exec timeout -s KILL "$((limit * 5))" "$FOLIO" "$@") </dev/null >"$work/out" 2>"$work/err"
    rc=$?
    case "$rc" in
    137 | 152) fail "folio $* did not end within $limit s of CPU ($((limit * 5)) s of clock)"; return ;;
    esac
    check_sane "$@"
}

run_peak() {
    command -v /usr/bin/time >/dev/null || skip "/usr/bin/time missing (Debian package time)"
    /usr/bin/time -f '%M' -o "$work/rss" "$FOLIO" "$@" </dev/null >"$work/out" 2>"$work/err"
    rc=$?
    check_sane "$@"
    expect_exit 0
    kb=$(tail -n 1 "$work/rss")
}

# cpu_ms ARGS...: the milliseconds of CPU (user + sys, at least 1) folio
# ARGS takes, its output dropped (a growth bound compares two sizes).
cpu_ms() {
    /usr/bin/time -f '%U %S' -o "$work/time" "$FOLIO" "$@" </dev/null >/dev/null 2>&1
    tail -n 1 "$work/time" | awk '{ printf "%d\n", ($1 + $2) * 1000 + 1 }'
}

# growth_ms FILE ARGS...: cpu_ms ARGS with each {} replaced by FILE, the
# better of two runs (a one-shot figure of 100 ms is read to 10 ms by time
# and moves with the machine's load: icons_many once read 91 → 561 ms).
growth_ms() {
    file=$1
    shift
    n=$#
    while [ "$n" -gt 0 ]; do
        a=$1
        shift
        [ "$a" = "{}" ] && a=$file
        set -- "$@" "$a"
        n=$((n - 1))
    done
    first=$(cpu_ms "$@")
    second=$(cpu_ms "$@")
    [ "$first" -le "$second" ] && echo "$first" || echo "$second"
}

# expect_growth FACTOR WHAT SMALL LARGE ARGS...: folio ARGS on the file
# LARGE (in the place of {}) costs at most FACTOR times the CPU it costs on
# SMALL: work that grows with the input, not with its square.
expect_growth() {
    factor=$1 what=$2 small_file=$3 large_file=$4
    shift 4
    small=$(growth_ms "$small_file" "$@")
    large=$(growth_ms "$large_file" "$@")
    [ "$large" -le $((small * factor)) ] ||
        fail "$what: ${small} → ${large} ms of CPU (more than ×$factor)"
}

sanitizer_build() { nm "$FOLIO" 2>/dev/null | grep -q __asan_init; }

run_as_nobody() {
    [ "$(id -u)" = 0 ] || skip "needs root to run as nobody"
    command -v setpriv >/dev/null || skip "setpriv missing"
    chmod 755 "$work"
    # The build tree may sit under a folder nobody cannot enter (/root):
    # nobody runs a copy of the command with a copy of its data.
    mkdir -p "$work/.nobody"
    cp "$FOLIO" "$work/.nobody/folio" &&
        cp -r "$HOSTILE/../../fonts" "$HOSTILE/../../styles" "$work/.nobody/" &&
        chmod -R a+rX "$work/.nobody"
    FOLIO_DATA_DIR="$work/.nobody" setpriv --reuid=nobody --regid=nogroup --clear-groups \
        "$work/.nobody/folio" "$@" </dev/null >"$work/out" 2>"$work/err"
    rc=$?
    check_sane "$@"
}

expect_exit() {
    [ "$rc" = "$1" ] || { fail "exit status $rc, want $1; stderr:"; head -20 "$work/err"; }
}

expect_err() {
    grep -qF -- "$1" "$work/err" || { fail "stderr lacks '$1'; it was:"; head -20 "$work/err"; }
}

expect_err_re() {
    grep -qE -- "$1" "$work/err" || { fail "stderr lacks /$1/; it was:"; head -20 "$work/err"; }
}

expect_no_err() {
    ! grep -qF -- "$1" "$work/err" || fail "stderr holds '$1'"
}

readable_text() {
    case $1 in
    *.pdf) pdftotext -q "$1" - ;;
    *.epub) unzip -p "$1" ;;
    *) cat "$1" ;;
    esac
}

expect_lacks() {
    [ -f "$1" ] || { fail "$1 was not written"; return; }
    ! readable_text "$1" | grep -qaF -- "$2" || fail "$1 holds '$2'"
}

expect_has() {
    [ -f "$1" ] || { fail "$1 was not written"; return; }
    readable_text "$1" | grep -qaF -- "$2" || fail "$1 lacks '$2'"
}

expect_no_temp() {
    left=$(find "$1" -maxdepth 1 -name '.*.??????' 2>/dev/null)
    [ -z "$left" ] || fail "temporary file left: $left"
}

expect_epubcheck() {
    command -v java >/dev/null && [ -f /usr/share/java/epubcheck.jar ] || skip "epubcheck missing"
    # C1 only and the serial collector: the JVM starts in half the time.
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /usr/share/java/epubcheck.jar \
        --failonwarnings "$1" >"$work/epubcheck" 2>&1 ||
        { fail "epubcheck $1:"; grep -E 'ERROR|WARNING' "$work/epubcheck" | head; }
}

mkdir "$work/case" && cd "$work/case" || exit 2
. "$HOSTILE/cases/$name.sh"
[ "$failures" = 0 ] || exit 1
echo "ok $name"
