# An include naming a FIFO: refused, not read (a read would block forever).
mkfifo part.md || skip "mkfifo failed"
printf 'Avant\n\n{{< include part.md >}}\n' >a.md
run a.md -o out.pdf
expect_exit 1
expect_err 'a.md:3:1: error: cannot include "part.md": not a regular file'
