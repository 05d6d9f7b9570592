# Aliases in _variables.yml: a small one is read through (b.x is a.x), a
# doubling chain of 40 levels (2^40 paths) stops at the node limit instead
# of walking forever.
printf 'a: &a {x: un}\nb: *a\n' >_variables.yml
printf 'Valeur {{< var b.x >}}.\n' >a.md
run a.md -o out.pdf
expect_exit 0
expect_has out.pdf 'Valeur un.'

mkdir bomb
awk 'BEGIN { print "l0: &l0 {x: 1}"; for (i = 1; i < 40; i++) printf "l%d: &l%d {a: *l%d, b: *l%d}\n", i, i, i - 1, i - 1 }' >bomb/_variables.yml
printf 'Valeur {{< var l3.a.b.x >}}.\n' >bomb/a.md
run bomb/a.md -o out.pdf
expect_exit 1
expect_err_re '_variables.yml:[0-9]+:[0-9]+: error: variables: too many values \(more than 20000, aliases included\)'
