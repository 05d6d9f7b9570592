# Values that contain themselves (a cyclic YAML graph): read one level deep,
# ignored with a warning, no endless walk.
printf -- '---\ntitle: &t [*t]\ntags: &g [a, *g]\nauthors: &p {name: *p}\nimage: &i {src: *i}\n---\nx\n' >alias.md
run alias.md -o out.epub
expect_exit 0
expect_err 'alias.md:2:8: warning: front matter: "title" should be text; ignored'
