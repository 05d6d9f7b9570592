# The output folder is checked before rendering: a folder the user cannot
# write is exit 3 right after parsing, naming the output (no render warning
# about the missing image: the document was never rendered), nothing left;
# "-o ." says the output is a folder.
printf 'Texte.\n\n![absente](absente.png)\n' >a.md
mkdir locked
run_as_nobody a.md -o locked/out.pdf
expect_exit 3
expect_err 'locked/out.pdf: error: cannot write the output: Permission denied'
expect_no_err 'absente.png'
[ -z "$(ls -A locked)" ] || fail "files left in the locked folder: $(ls -A locked)"
run a.md -t pdf -o .
expect_exit 3
expect_err '.: error: cannot write the output: it is a folder'
