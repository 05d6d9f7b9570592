# One paragraph of bare-address fragments, 100,000 of each kind: scheme
# without a domain, "_www.a" (each one a candidate whose domain fails, with
# underscores), "a@" (each '@' a candidate e-mail), and 40,000 addresses that
# do link. md4c 0.4.8's own permissive autolinks took 25 s of CPU on the
# "_www.a" line alone; folio's scan (src/doc/autolink.c) reads each byte a
# bounded number of times: 0.2 s for the whole paragraph.
awk 'BEGIN {
    for (k = 0; k < 40; k++) {
        for (i = k * 1000; i < k * 1000 + 1000; i++) printf "(http://x%d.org) ", i
        printf "\n"
    }
    for (i = 0; i < 100000; i++) printf "http://"
    printf "\n"
    for (i = 0; i < 100000; i++) printf "_www.a"
    printf "\n"
    for (i = 0; i < 100000; i++) printf "a@"
    print " a@b.c"
}' >bare.md
run_within 10 dump bare.md
expect_exit 0
[ "$(grep -c '^    link url="http://x[0-9]*\.org"$' "$work/out")" = 40000 ] ||
    fail "want 40000 links to http://xN.org"
grep -q '^    link url="mailto:a@b\.c"$' "$work/out" || fail "the address a@b.c is not linked"
