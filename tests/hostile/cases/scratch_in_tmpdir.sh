# The command makes a PDF in a scratch file of $TMPDIR (not tmpfile(),
# which ignores it) before it copies it to its place: with a $TMPDIR that
# cannot hold one, it says so before rendering and writes nothing.
printf 'Bonjour.\n' >a.md
TMPDIR=$PWD/missing run a.md -o out.pdf
expect_exit 3
expect_err 'out.pdf: error: cannot write the output: No such file or directory'
[ -e out.pdf ] && fail "an output was written"
expect_no_temp .
mkdir scratch
TMPDIR=$PWD/scratch run a.md -o out.pdf
expect_exit 0
expect_has out.pdf 'Bonjour.'
[ -z "$(ls -A scratch)" ] || fail "scratch files left in \$TMPDIR: $(ls -A scratch)"
