# A source the user may not read (run as nobody): an error naming the file.
printf 'secret\n' >locked.md && chmod 000 locked.md
run_as_nobody locked.md -o out.pdf
expect_exit 1
expect_err 'locked.md: error: cannot read input: Permission denied'
