# A set-extension underline ("---", "===") under a long paragraph makes all
# its lines a heading's: the pre-pass left such paragraphs whole, and md4c
# 0.4.8 looks for the line of each bracket pair from the first line, so they
# grew with the square of their lines (80,000 lines of "[a] b": 1.0 s, 16
# MiB of them an hour). Now they are cut as paragraphs are and the builder
# makes the parts one heading again (doc/parasplit.h).
heading_doc() {
    awk -v n="$1" 'BEGIN {
        for (i = 0; i < n; i++) print "[a] titre " i; print "==="
        print "\n> [a] citation"; for (i = 0; i < n; i++) print "> [a] cité " i; print "> ---"
        print "\n- [a] item"; for (i = 0; i < n; i++) print "  [a] dedans " i; print "  ---"
        print "\n[a]: https://example.org/a"
    }' >"$2"
}
heading_doc 160000 large.md
run_within 10 dump large.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
out=$work/out
[ "$(grep -c '^  heading @1 level=1' "$out")" = 1 ] || fail "want one heading of level 1 at the top"
[ "$(grep -c '^    heading @160003 level=2' "$out")" = 1 ] || fail "want one heading of level 2 in the quote"
[ "$(grep -c '^      heading @320006 level=2' "$out")" = 1 ] || fail "want one heading of level 2 in the item"
grep -q 'paragraph' "$out" && fail "a paragraph left: the parts were not joined into their heading"
[ "$(grep -c 'soft_break' "$out")" = 479999 ] || fail "want 479,999 soft breaks, $(grep -c soft_break "$out")"
[ "$(grep -c 'link url="https://example.org/a"' "$out")" = 480002 ] || fail "want 480,002 links [a]"
grep -q 'literal="!\|<!--' "$out" && fail "the pre-pass's escape or separator reached the model"

# Linear: eight times the lines may cost at most fourteen times the CPU.
heading_doc 20000 small.md
expect_growth 14 "20,000 → 160,000 lines" small.md large.md dump {}
