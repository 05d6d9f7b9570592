# A _variables.yml that is a FIFO is refused, never opened (before: the
# read blocked forever); a bad one is one error, with no "no _variables.yml
# found" after it.
mkfifo _variables.yml || skip "mkfifo failed"
printf 'Texte {{< var x >}}.\n' >a.md
run a.md -o out.pdf
expect_exit 1
expect_err_re '/_variables.yml: error: cannot read: not a regular file$'
rm _variables.yml
mkdir bad && printf 'x: [unclosed\n' >bad/_variables.yml
printf 'Texte {{< var x >}} et {{< var y >}}.\n' >bad/a.md
run bad/a.md -o out.pdf
expect_exit 1
expect_err_re '/_variables.yml:1:4: error: variables: while parsing a flow sequence'
expect_no_err 'no _variables.yml found'
expect_no_err 'no such variable'
[ "$(wc -l <"$work/err")" = 1 ] || { fail "want one diagnostic:"; cat "$work/err"; }
