# One paragraph citing 64,000 external links: each gets its note, numbered
# in order, in linear time (before: every note was looked for among all the
# notes before it, 58 s: the bound fails that code twice over).
awk 'BEGIN {
    for (k = 0; k < 6400; k++) {
        for (i = k * 10; i < k * 10 + 10; i++) printf "[lien %d](https://example.org/page/%d) ", i, i
        printf "\n"
    }
}' >links.md
run_within 25 dump --layout links.md
expect_exit 0
grep -q '"64000\.[^h]*https://example.org/page/63999"' "$work/out" ||
    fail "the 64,000th note is not 'https://example.org/page/63999'"
