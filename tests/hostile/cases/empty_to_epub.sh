# An empty source and a blank one given together: both reported, nothing written.
: >empty.md
printf '\n  \n\t\n' >blank.md
run empty.md blank.md -o out.epub
expect_exit 1
expect_err 'empty.md: error: the file is empty: nothing to convert'
expect_err 'blank.md: error: the file is empty: nothing to convert'
[ ! -e out.epub ] || fail "an EPUB was written"
