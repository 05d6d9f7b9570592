# A long paragraph of "[ (](" over and over: each "](" opens a link's
# "(address title)", which md4c 0.4.8 may read on the next lines. The
# pre-pass kept a part open while any "(" after a "](" was, so such a
# paragraph was read in parts of 4,096 lines only (with a warning), each
# costing the square of its lines in md4c: 500 → 4,000 lines of 2,000
# bytes took 0.11 → 3.3 s (×30). It now reads each "(" as md4c does
# (parasplit.c, spec_step): this one is no link, the parts end quietly.
parens() {
    awk -v n="$1" 'BEGIN {
        for (i = 0; i < n; i++) { for (k = 0; k < 400; k++) printf "[ (]("; print "" }
    }' >"$2"
}
parens 4000 large.md
limit=3
sanitizer_build && limit=60
run_within "$limit" dump large.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
[ "$(grep -c '^  paragraph' "$work/out")" = 1 ] || fail "want one paragraph"
[ "$(grep -c '^    soft_break' "$work/out")" = 3999 ] || fail "want 3,999 soft breaks"
[ "$(grep -c 'link' "$work/out")" = 0 ] || fail "want no link"

# Linear: eight times the lines may cost at most fourteen times the CPU.
parens 500 small.md
expect_growth 14 "500 → 4,000 lines" small.md large.md dump {}

# What md4c reads across lines stays whole where a part would end (a
# paragraph's 256th line): a link whose address, title and ")" are on the
# next lines; one whose "<address with blanks>" is on the next line; a
# title in parentheses that a "(" on the next line ends (no link: the part
# ends before that line); a Hugo formula \( … \) (it was cut through on
# main, and shown as text).
awk 'BEGIN {
    for (p = 0; p < 6; p++) {
        k = p < 4 ? p % 2 : 2 # the shape: link, formula, <address>
        for (i = 0; i < 300; i++) {
            if (k != 1 && i == 255) print "un [lien]("
            else if (k == 0 && i == 256) print "https://example.org/" p
            else if (k == 0 && i == 257) print "\"titre"
            else if (k == 0 && i == 258) print "sur deux lignes\""
            else if (k == 0 && i == 259) print ") et [pas un lien](b (t"
            else if (k == 0 && i == 260) print "(u)) fin"
            else if (k == 1 && i == 255) print "puis \\( x +"
            else if (k == 1 && i == 256) print "[a] y"
            else if (k == 1 && i == 257) print "z \\) fin"
            else if (k == 2 && i == 256) print "<https://example.org/a b> \"t\") fin"
            else print "[a] mot " i
        }
        print ""
    }
    print "[a]: https://example.org/a"
}' >spans.md
run dump spans.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
[ "$(grep -c '^  paragraph' "$work/out")" = 6 ] || fail "want six paragraphs"
[ "$(grep -c 'link url="https://example.org/a b" title="t"' "$work/out")" = 2 ] ||
    fail "want 2 links with an address between < and > on the next line"
[ "$(grep -c 'link url="https://example.org/[02]" title="titre.nsur deux lignes"' "$work/out")" = 2 ] ||
    fail "want 2 links across five lines"
[ "$(grep -c 'literal=" et \[pas un lien\](b (t"' "$work/out")" = 2 ] || fail "want 2 titles ended by a '('"
[ "$(grep -c '^    math literal="  x + \[a\] y z  "' "$work/out")" = 2 ] || fail "want 2 formulas"
[ "$(grep -c '^    soft_break' "$work/out")" = 1778 ] || fail "want 1,778 soft breaks"
grep -q 'literal="!\|<!--' "$work/out" && fail "the pre-pass's escape or separator reached the model"
