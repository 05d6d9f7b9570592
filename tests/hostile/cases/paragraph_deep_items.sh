# Long paragraphs in list items opened four blanks in or more (a third
# level and deeper), and an item's second paragraph there: the pre-pass
# left them whole (an item's column four blanks in depends on the items
# around it) and md4c 0.4.8 looks for the line of each bracket pair from
# the paragraph's first line, so each grew with the square of its lines
# (80,000 lines: 1.1 s each, ×40 for eight times the lines). The pre-pass
# now follows the items open from the document's start (doc/parasplit.c,
# items_line) and cuts these as the others; the builder joins them again.
deep_doc() {
    awk -v n="$1" 'BEGIN {
        print "- a\n  - b\n    - [a] troisième niveau"; for (i = 0; i < n; i++) print "      [a] dedans " i
        print "\n- a\n  - b\n    - [a] paresseux"; for (i = 0; i < n; i++) print "[a] paresseuse " i
        print "\n- a\n\n  - b\n\n    - c\n\n      - [a] quatrième"; for (i = 0; i < n; i++) print "        [a] profond " i
        print "\n- a\n  - b\n    - c\n\n      [a] second paragraphe"; for (i = 0; i < n; i++) print "      [a] second " i
        print "\n[a]: https://example.org/a"
    }' >"$2"
}
deep_doc 120000 large.md
limit=10
sanitizer_build && limit=120
run_within "$limit" dump large.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
out=$work/out
[ "$(grep -c '^ *paragraph @' "$out")" = 14 ] || fail "want 14 paragraphs, $(grep -c '^ *paragraph @' "$out")"
[ "$(grep -c '^              paragraph @3$' "$out")" = 1 ] || fail "want the third level's paragraph"
[ "$(grep -c '^                  paragraph @240015$' "$out")" = 1 ] || fail "want the fourth level's paragraph"
[ "$(grep -c '^              paragraph @360021$' "$out")" = 1 ] || fail "want the second paragraph"
[ "$(grep -c 'soft_break' "$out")" = 480000 ] || fail "want 480,000 soft breaks, $(grep -c soft_break "$out")"
[ "$(grep -c 'link url="https://example.org/a"' "$out")" = 480004 ] || fail "want 480,004 links [a]"
[ "$(grep -c 'text literal=" paresseuse' "$out")" = 120000 ] || fail "want 120,000 lazy lines"
grep -q 'literal="!\|<!--' "$out" && fail "the pre-pass's escape or separator reached the model"

# Linear: eight times the lines may cost at most fourteen times the CPU.
deep_doc 15000 small.md
expect_growth 14 "15,000 → 120,000 lines" small.md large.md dump {}
