# Long paragraphs in containers that hostile.paragraph_containers does not
# reach: an item indented, a nested item (and its lazy lines), an item's
# second paragraph, a quote in an item, an item in a quote. The pre-pass
# left them whole and md4c 0.4.8 looks for the line of each bracket pair
# from the paragraph's first line, so each grew with the square of its
# lines (80,000 lines: 1.0 s each, ×35 to ×40 for eight times the lines).
# Now they are cut too (doc/parasplit.h) and the builder joins them again.
nested_doc() {
    awk -v n="$1" 'BEGIN {
        print " - [a] item indenté"; for (i = 0; i < n; i++) print "   [a] dedans " i
        print "\n- haut\n\n  - [a] item imbriqué"; for (i = 0; i < n; i++) print "[a] paresseuse " i
        print "\n- haut\n\n  [a] second paragraphe"; for (i = 0; i < n; i++) print "  [a] second " i
        print "\n- haut\n\n  > [a] citation"; for (i = 0; i < n; i++) print "  > [a] citée " i
        print "\n> - [a] item cité"; for (i = 0; i < n; i++) print ">   [a] dans la citation " i
        print "\n[a]: https://example.org/a"
    }' >"$2"
}
nested_doc 120000 large.md
run_within 10 dump large.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
out=$work/out
[ "$(grep -c '^ *paragraph @' "$out")" = 8 ] || fail "want 8 paragraphs, $(grep -c '^ *paragraph @' "$out")"
[ "$(grep -c '^          paragraph @120005$' "$out")" = 1 ] || fail "want the nested item's paragraph"
[ "$(grep -c '^        paragraph @360013$' "$out")" = 1 ] || fail "want the quote's paragraph in the item"
[ "$(grep -c 'soft_break' "$out")" = 600000 ] || fail "want 600,000 soft breaks, $(grep -c soft_break "$out")"
[ "$(grep -c 'link url="https://example.org/a"' "$out")" = 600005 ] || fail "want 600,005 links [a]"
[ "$(grep -c 'text literal=" paresseuse' "$out")" = 120000 ] || fail "want 120,000 lazy lines"
grep -q 'literal="!\|<!--' "$out" && fail "the pre-pass's escape or separator reached the model"

# Linear: eight times the lines may cost at most fourteen times the CPU.
nested_doc 15000 small.md
expect_growth 14 "15,000 → 120,000 lines" small.md large.md dump {}
