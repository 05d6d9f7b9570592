# Long paragraphs that the pre-pass could not read in parts (doc/parasplit.h):
# md4c 0.4.8 looks for the line of every bracket pair from its paragraph's
# first line, so each grew with the square of its lines (80,000 lines of
# each: 1.5 to 1.9 s, ×45 to ×60 for eight times the lines):
#   "[x]: y" lines (a part opening with one would define a reference),
#   the lazy lines of a list item and of a block quote, the lines of a list
#   item, and lines over a "--|--" that only a one-line paragraph makes a
#   table. Now they are cut too, and the builder joins them again.
pattern_doc() {
    awk -v n="$1" 'BEGIN {
        print "Début"; for (i = 0; i < n; i++) print "[x]: y " i " fin"
        print "\n- item"; for (i = 0; i < n; i++) print "[a] paresseuse " i
        print "\n> citation"; for (i = 0; i < n; i++) print "[a] paresseuse " i
        print "\n1. item"; for (i = 0; i < n; i++) print "   [a] dedans " i
        print "\n[a] b"; for (i = 0; i < n; i++) print "[a] | b " i; print "--|--"
        print "\n[x]: https://example.org/x"
    }' >"$2"
}
pattern_doc 160000 large.md
run_within 10 dump large.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
out=$work/out
[ "$(grep -c '^  paragraph' "$out")" = 2 ] || fail "want two paragraphs at the top"
[ "$(grep -c '^    paragraph' "$out")" = 1 ] || fail "want one paragraph in the quote"
[ "$(grep -c '^      paragraph' "$out")" = 2 ] || fail "want one paragraph in each item"
[ "$(grep -c 'soft_break' "$out")" = 800001 ] || fail "want 800,001 soft breaks, $(grep -c soft_break "$out")"
[ "$(grep -c 'link url="https://example.org/x"' "$out")" = 160000 ] || fail "want 160,000 links [x]"
[ "$(grep -c 'text literal="\[a\] paresseuse' "$out")" = 320000 ] || fail "want 320,000 lazy lines"
[ "$(grep -c 'text literal="\[a\] dedans' "$out")" = 160000 ] || fail "want 160,000 item lines"
grep -q 'literal="!\|folio-\|<!--' "$out" && fail "the pre-pass's escape or separator reached the model"

# Linear: eight times the lines may cost at most fourteen times the CPU
# (×50 before; about ×9 now).
pattern_doc 20000 small.md
expect_growth 14 "20,000 → 160,000 lines" small.md large.md dump {}
