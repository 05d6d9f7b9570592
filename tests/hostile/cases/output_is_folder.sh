# The output path names an existing folder: exit 3 naming it, folder kept.
printf 'Texte.\n' >a.md
mkdir out.pdf
run a.md -o out.pdf
expect_exit 3
expect_err 'out.pdf'
[ -d out.pdf ] || fail "the folder was replaced"
expect_no_temp .
