# _variables.yml is looked for from the source's folder up to the project
# root (the nearest folder with _quarto.yml, a Hugo config or .git; else the
# source's folder alone), never above it, and a symbolic link out of the
# project is refused (before: every parent up to / was searched, links
# followed, so a planted file in a shared parent published its values).
printf 'secret: PLANTED\n' >_variables.yml
mkdir -p proj/posts/a && printf 'project:\n  type: website\n' >proj/_quarto.yml
printf 'Valeur {{< var secret >}}.\n' >proj/posts/a/index.qmd
run proj/posts/a/index.qmd -o out.pdf
expect_exit 0
expect_err "{{< var secret >}}: no such variable"
expect_lacks out.pdf 'PLANTED'
printf 'secret: PROJET\n' >proj/_variables.yml
run proj/posts/a/index.qmd -o out.pdf
expect_exit 0
expect_has out.pdf 'Valeur PROJET.'
# No project: the source's folder only.
mkdir -p plain/sub && printf 'Valeur {{< var secret >}}.\n' >plain/sub/a.md
printf 'secret: PARENT\n' >plain/_variables.yml
run plain/sub/a.md -o out.pdf
expect_exit 0
expect_lacks out.pdf 'PARENT'
# A link out of the project: refused.
mkdir -p linked/.git linked/doc && printf 'Valeur {{< var secret >}}.\n' >linked/doc/a.md
ln -s ../../_variables.yml linked/doc/_variables.yml
run linked/doc/a.md -o out.pdf
expect_exit 1
expect_err_re 'linked/doc/_variables.yml: error: cannot read: a symbolic link out of the project folder'
expect_no_err 'PLANTED'
