# A "$" or a Hugo "\(" that opens no formula on each line of one long
# paragraph: the pass that finds pandoc's formulas (doc/mathdelim.c) looked
# for the closer of each to the end of its paragraph (100,000 lines of "$a":
# 11 s; 300,000 about 100 s, and the bound fails that code ten times over).
# A search that failed is not made again for the openers it went past.
awk 'BEGIN { print "Prix"; for (i = 0; i < 300000; i++) print "$a" }' >dollars.md
run_within 10 dump dollars.md
expect_exit 0
[ "$(grep -c 'text literal="\$a"' "$work/out")" = 300000 ] || fail "want 300,000 \$a as text"
grep -q '^ *math' "$work/out" && fail "no formula here"
awk 'BEGIN { print "Texte"; for (i = 0; i < 300000; i++) print "\\(c" }' >parens.md
run_within 10 dump parens.md
expect_exit 0
[ "$(grep -c 'text literal="(c"' "$work/out")" = 300000 ] || fail "want 300,000 (c as text"
# in the next paragraph a formula is one again
printf 'Prix $a\n$a\n\nSoit $x+1$ et \\(y\\).\n' >closed.md
run dump closed.md
expect_exit 0
grep -q 'math literal="x+1"' "$work/out" || fail "the formula after the lone dollars is lost"
