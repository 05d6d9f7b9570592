# 40,000 warnings (citations with no bibliography): stderr is unbuffered
# and each diagnostic went out in one write per piece, one per character
# of the file name: ~50 us of CPU each (40,000: 2 s). Now one write each.
awk 'BEGIN { for (i = 0; i < 40000; i++) print "[@cle" i "] x\n" }' >many.md
limit=1
sanitizer_build && limit=10
run_within "$limit" dump many.md
expect_exit 0
[ "$(grep -c '^many\.md:[0-9]*:2: warning: citation @cle[0-9]*: no bibliography' "$work/err")" = 40000 ] ||
    fail "want 40,000 warnings, one a line"
[ "$(wc -l <"$work/err")" = 40000 ] || fail "want nothing else on stderr"
