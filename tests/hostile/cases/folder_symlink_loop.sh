# A folder holding a symlink to its parent: collected once, no endless walk.
mkdir -p content/a && ln -s .. content/a/up
printf -- '---\ntitle: Seul\ndate: 2023-01-01\n---\nLe texte.\n' >content/a/index.md
run content -o out.epub
expect_exit 0
[ "$(unzip -l out.epub | grep -c 'xhtml')" -le 3 ] || fail "the same source was collected more than once"
