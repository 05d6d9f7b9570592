# An output that is one of the run's own inputs is refused (exit 2), compared
# by device and inode: the source itself, a hard link or a symlink to it, an
# include, _variables.yml, a compilation's source; a Markdown name is never an
# output (it would be read as a source next time). Every input stays intact.
printf -- '---\ntitle: Meme\n---\nTexte {{< var v >}}.\n\n{{< include part.md >}}\n' >same.md
printf 'Partie incluse.\n' >part.md
printf 'v: valeur\n' >_variables.yml
cp same.md same.orig; cp part.md part.orig; cp _variables.yml vars.orig
run same.md -t pdf -o same.md
expect_exit 2
expect_err "same.md"
ln same.md hard.pdf
run same.md -o hard.pdf
expect_exit 2
expect_err 'hard.pdf: error: the output is a file this run reads (same.md); refusing to overwrite it'
ln -s part.md inc.pdf
run same.md -o inc.pdf
expect_exit 2
expect_err 'the output is a file this run reads'
run same.md -t pdf -o _variables.yml
expect_exit 2
expect_err 'the output is a file this run reads'
mkdir -p content/a content/b
printf -- '---\ntitle: A\ndate: 2023-01-01\n---\nUn.\n' >content/a/index.md
printf -- '---\ntitle: B\ndate: 2023-02-01\n---\nDeux.\n' >content/b/index.md
cp content/a/index.md a.orig
ln -s a/index.md content/out.epub
run content -o content/out.epub
expect_exit 2
expect_err 'the output is a file this run reads'
run content -t epub -o content/new.md
expect_exit 2
expect_err "a Markdown name"
[ ! -e content/new.md ] || fail "content/new.md was written"
cmp -s same.md same.orig || fail "same.md was changed"
cmp -s part.md part.orig || fail "part.md was changed"
cmp -s _variables.yml vars.orig || fail "_variables.yml was changed"
cmp -s content/a/index.md a.orig || fail "content/a/index.md was changed"
expect_no_temp .
# Another name for a file nobody reads is fine.
# A name that does not say the format needs -t
run same.md -o out.bin
expect_exit 2
expect_err "cannot tell the format of 'out.bin'"
run same.md -t pdf -o out.bin
expect_exit 0
