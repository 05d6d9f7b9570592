# 100 000 nested flow sequences in front matter, a style and _variables.yml:
# one YAML loader stops at the 64th level as the events arrive (before: 46 s
# in libyaml's document loader, then "too many nodes" without a column).
deep=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]" }')
printf -- '---\ntitle: %s\n---\nx\n' "$deep" >deep.md
run deep.md -o out.pdf
expect_exit 1
expect_err 'deep.md:2:71: error: front matter: nested deeper than 64 levels'

printf 'Texte.\n' >a.md
printf 'fonts: %s\n' "$deep" >deep.yaml
run --style deep.yaml a.md -o out.pdf
expect_exit 1
expect_err 'deep.yaml:1:71: error: style: nested deeper than 64 levels'

mkdir v && printf 'key: %s\n' "$deep" >v/_variables.yml
printf 'Texte {{< var key >}}.\n' >v/a.md
run v/a.md -o out.pdf
expect_exit 1
expect_err_re '_variables.yml:1:69: error: variables: nested deeper than 64 levels'
