# The pre-pass looks for link addresses with spaces ("](https://a b)",
# read with %20): for each "](" it read the line on to the ")" closing it,
# so a line of "](" that none closes, or of nested ones, took the square
# of its length (40,000 "](b": 1.2 s; 100,000: 7.4 s; a line of 1 MiB a
# minute). Now the parentheses, blanks and backtick runs of the line are
# matched once.
awk 'BEGIN {
    for (i = 0; i < 100000; i++) printf "](b"; print "\n"
    for (i = 0; i < 50000; i++) printf "](/a"; for (i = 0; i < 50000; i++) printf ")"; print "\n"
    for (i = 1; i < 800; i++) { printf "a"; for (j = 0; j < i; j++) printf "`" }; print "\n"
    print "[un lien](https://example.org/a b) et `](/x y)` et [titre](/a \"b c\")"
}' >line.md
run_within 3 dump line.md
expect_exit 0
expect_err 'the link address "https://example.org/a b" has spaces'
[ "$(grep -c 'has spaces' "$work/err")" = 1 ] || fail "want one warning: $(cat "$work/err")"
grep -q 'link url="https://example.org/a%20b"' "$work/out" || fail "the spaced link is not read"
grep -q 'link url="/a" title="b c"' "$work/out" || fail "the titled link is not read"
