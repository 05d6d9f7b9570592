# Dates folio cannot write: a front-matter date whose UTC instant is in the
# year 10000 is not a date (warning; before: dcterms:modified
# 10000-01-01T…, an invalid EPUB), and SOURCE_DATE_EPOCH that overflows or
# lies past 9999 is an error (before: a garbage date, exit 0).
printf -- '---\ntitle: Futur\ndate: 9999-12-31T23:30:00-01:00\n---\nTexte.\n' >a.md
run a.md -o out.epub
expect_exit 0
expect_err 'a.md:3:7: warning: front matter: "9999-12-31T23:30:00-01:00" is not a date (date); ignored'
expect_lacks out.epub '10000-'
printf -- '---\ntitle: Juste\ndate: 9999-12-31T23:30:00Z\n---\nTexte.\n' >b.md
run b.md -o out.epub
expect_exit 0
expect_has out.epub '9999-12-31T23:30:00Z'
for bad in 99999999999999999999 253402300800 -5 12abc; do
    export SOURCE_DATE_EPOCH=$bad
    run b.md -o bad.epub
    unset SOURCE_DATE_EPOCH
    expect_exit 2
    expect_err "folio: error: SOURCE_DATE_EPOCH='$bad' is not a number of seconds from 0 to 253402300799"
    [ ! -e bad.epub ] || fail "SOURCE_DATE_EPOCH=$bad: an output was written"
done
export SOURCE_DATE_EPOCH=253402300799
run b.md -o max.epub
unset SOURCE_DATE_EPOCH
expect_exit 0
expect_has max.epub '9999-12-31T23:59:59Z'
