# 4 KB of random bytes as a Markdown source.
cp "$HOSTILE/junk.bin" junk.md
run junk.md -o out.pdf
expect_exit 1
expect_err 'junk.md:1:'
expect_err 'error: invalid UTF-8'
[ ! -e out.pdf ] || fail "a PDF was written for binary junk"
