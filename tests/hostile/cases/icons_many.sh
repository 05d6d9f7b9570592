# 100,000 Font Awesome icons (each of the 2,492 names and aliases 40
# times, shortcodes and raw <i>), in both outputs: linear, and every icon
# drawn (a plain build: dump 0.3 s, PDF 3 s, EPUB 0.5 s of CPU).
limit_pdf=15 limit=4
sanitizer_build && limit_pdf=120 limit=40
icons() {
    awk -v rep="$1" 'BEGIN {
        n = split("github house star heart arrow-right js-square gitlab python r-project file-arrow-down", names, " ")
        for (r = 0; r < rep; r++) {
            for (i = 1; i <= n; i++) {
                if (i % 2) printf "{{< fa %s >}} ", names[i]
                else printf "<i class=\"fa-solid fa-%s fa-lg\"></i> ", names[i]
            }
            printf "mot %d\n", r
            if (r % 10 == 9) print ""
        }
    }' >"$2"
}
icons 2500 small.md
icons 10000 many.md
run_within "$limit" dump many.md
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
[ "$(grep -c '^ *icon name=' "$work/out")" = 100000 ] || fail "want 100,000 icons in the model"
expect_growth 6 "25,000 → 100,000 icons" small.md many.md dump {}
run_within "$limit_pdf" many.md -o many.pdf
expect_exit 0
expect_has many.pdf 'github'
expect_has many.pdf 'mot 9999'
run_within "$limit" many.md -o many.epub
expect_exit 0
[ "$(unzip -p many.epub '*.xhtml' | grep -o '<span class="fa-icon' | wc -l)" = 100000 ] ||
    fail "want 100,000 icons in the EPUB"
