# 40,000 warnings (citations with no bibliography): stderr is unbuffered
# and each diagnostic went out in one write per piece, one per character
# of the file name: ~50 us of CPU each (40,000: 2 s). Now one write each,
# and the command shows the first 50 of one kind, then how many more.
awk 'BEGIN { for (i = 0; i < 40000; i++) print "[@cle" i "] x\n" }' >many.md
limit=1
sanitizer_build && limit=10
run_within "$limit" dump many.md
expect_exit 0
[ "$(grep -c '^many\.md:[0-9]*:2: warning: citation @cle[0-9]*: no bibliography' "$work/err")" = 50 ] ||
    fail "want the first 50 warnings, one a line"
expect_err 'many.md:99:2: warning: citation @cle49: no bibliography'
expect_err 'many.md: warning: … and 39950 more like "citation @cle0: no bibliography'
[ "$(wc -l <"$work/err")" = 51 ] || fail "want nothing else on stderr"
