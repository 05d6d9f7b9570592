# An alias to an anchor that does not exist: a front-matter error with its line.
printf -- '---\ntitle: *nowhere\n---\nx\n' >alias.md
run alias.md -o out.pdf
expect_exit 1
expect_err 'alias.md:2:'
expect_err 'error: front matter:'
