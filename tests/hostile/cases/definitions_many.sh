# Definition lists: 100,000 terms in one list (linear: the dump of four
# times as many costs at most six times the CPU; a plain build: 0.2 s,
# then 1.1 s), both outputs; raw <dl> nested 30 deep (60 levels) printed
# whole, 10,000 deep stopped at the nesting limit with an error.
limit=5
sanitizer_build && limit=60
terms() {
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "Terme %d\n: Définition %d\n\n", i, i }' >"$2"
}
terms 25000 small.md
terms 100000 many.md
run_within "$limit" dump many.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
[ "$(grep -c '^  definition_list' "$work/out")" = 1 ] || fail "want one definition list"
[ "$(grep -c '^    definition @' "$work/out")" = 100000 ] || fail "want 100,000 definitions"
expect_growth 6 "25,000 → 100,000 terms" small.md many.md dump {}
run_within "$limit" many.md -o many.epub
expect_exit 0
[ "$(unzip -p many.epub '*.xhtml' | grep -c '<dd')" = 100000 ] || fail "want 100,000 <dd> in the EPUB"
terms 10000 ten.md
run_within "$((limit * 2))" ten.md -o ten.pdf
expect_exit 0
expect_has ten.pdf 'Définition 9999'

nest() {
    awk -v n="$1" 'BEGIN {
        for (i = 0; i < n; i++) printf "<dl><dt>terme%d</dt><dd>", i
        printf "fond"
        for (i = 0; i < n; i++) printf "</dd></dl>"
        print ""
    }' >"$2"
}
nest 30 deep.md
run_within "$limit" deep.md -o deep.pdf
expect_exit 0
expect_has deep.pdf 'terme29'
expect_has deep.pdf 'fond'
run_within "$limit" deep.md -o deep.epub
expect_exit 0
expect_epubcheck deep.epub
nest 10000 deeper.md
run_within "$limit" deeper.md -o deeper.pdf
expect_exit 1
expect_err 'deeper.md:1:1: error: nesting deeper than 64 levels'
