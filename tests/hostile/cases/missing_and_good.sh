# A missing source among good ones: an error, no partial compilation written.
printf -- '---\ntitle: Bon\n---\nTexte.\n' >good.md
run good.md nowhere.md -o out.epub
expect_exit 1
expect_err 'nowhere.md: error: cannot read input: No such file or directory'
[ ! -e out.epub ] || fail "an EPUB was written despite the error"
