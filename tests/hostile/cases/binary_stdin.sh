# Binary junk on standard input, to an EPUB.
"$FOLIO" - -o out.epub <"$HOSTILE/junk.bin" >"$work/out" 2>"$work/err"
rc=$?
check_sane - -o out.epub
expect_exit 1
expect_err '<stdin>:1:'
expect_err 'error: invalid UTF-8'
