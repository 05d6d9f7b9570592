# A bracket pair on each line of one long paragraph: md4c 0.4.8 looks for
# the line of every pair from the paragraph's first line, so the time grew
# with the square of the lines, links or not (200,000 lines of "[a]":
# 9.5 s; 400,000 of them about 38 s, and the bound fails that code four
# times over). The pre-pass reads such a paragraph in parts that the
# builder joins again: the same document, in linear time.
awk 'BEGIN {
    for (i = 0; i < 400000; i++) {
        if (i % 4 == 0) print "[a]"
        else if (i % 4 == 1) print "[lien](https://example.org/" i ")"
        else if (i % 4 == 2) print "[r] et [r][]"
        else printf "ligne %d\\\n", i
    }
    print "\n[r]: https://example.org/r"
}' >brackets.md
run_within 10 dump brackets.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
[ "$(grep -c '^  paragraph' "$work/out")" = 1 ] || fail "want one paragraph"
[ "$(grep -c 'text literal="\[a\]"' "$work/out")" = 100000 ] || fail "want 100,000 [a]"
[ "$(grep -c 'link url="https://example.org/r"' "$work/out")" = 200000 ] || fail "want 200,000 reference links"
[ "$(grep -c 'link url="https://example.org/[0-9]*"' "$work/out")" = 100000 ] || fail "want 100,000 links"
[ "$(grep -c '^    line_break' "$work/out")" = 99999 ] || fail "want 99,999 hard breaks"
[ "$(grep -c '^    soft_break' "$work/out")" = 300000 ] || fail "want 300,000 soft breaks"
# the backslash of a hard break is not text, but at the paragraph's end it is
[ "$(grep -cF '\\"' "$work/out")" = 1 ] || fail "want one backslash shown, the last line's"
grep -qF 'literal="ligne 399999\\"' "$work/out" || fail "the last line lost its backslash"

# Where a part cannot end without cutting through something md4c reads
# across lines (here an emphasis never closed), the paragraph is cut
# anyway every few thousand lines, with a warning, and keeps every word.
awk 'BEGIN { for (i = 0; i < 400000; i++) print "*[a]" }' >stars.md
run_within 10 dump stars.md
expect_exit 0
expect_err_re '^stars\.md:4096: warning: a paragraph of more than 4096 lines is read in parts'
[ "$(grep -c '^  paragraph' "$work/out")" = 1 ] || fail "want one paragraph of stars"
[ "$(grep -c 'text literal="\*\[a\]"' "$work/out")" = 400000 ] || fail "want 400,000 *[a]"

# Below that, nothing is cut through: an emphasis from the first line of a
# long paragraph to its last stays one, as do a code span and a link.
awk 'BEGIN { print "*début"; for (i = 0; i < 3000; i++) print "[a] `x"; print "y` [lien"; for (i = 0; i < 600; i++) print "mot"; print "](https://example.org/l) fin*" }' >spans.md
run dump spans.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
[ "$(grep -c '^  paragraph' "$work/out")" = 1 ] || fail "want one paragraph with spans"
[ "$(grep -c '^    emph' "$work/out")" = 1 ] || fail "want one emphasis around it all"
grep -q 'link url="https://example.org/l"' "$work/out" || fail "the link across 600 lines is lost"

# The same right after a heading, and in a block quote.
awk 'BEGIN { print "# Titre"; for (i = 0; i < 200000; i++) print "[a]"
    print ""; for (i = 0; i < 200000; i++) print "> [lien](https://example.org/" i ")" }' >quoted.md
run_within 10 dump quoted.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
[ "$(grep -c '^  paragraph' "$work/out")" = 1 ] || fail "want one paragraph after the heading"
[ "$(grep -c '^    paragraph' "$work/out")" = 1 ] || fail "want one paragraph in the quote"
[ "$(grep -c '^      link url=' "$work/out")" = 200000 ] || fail "want 200,000 links in the quote"
[ "$(grep -c 'soft_break' "$work/out")" = 399998 ] || fail "want 399,998 soft breaks"
grep -q 'folio-\|<!--' "$work/out" && fail "a separator reached the model"
