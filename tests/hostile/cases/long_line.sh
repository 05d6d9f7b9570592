# A line one byte over the 1 MiB line limit.
awk 'BEGIN { s = "abcdefghijklmnop"; while (length(s) < 1048577) s = s s; print substr(s, 1, 1048577) }' >long.md
run long.md -o out.pdf
expect_exit 1
expect_err 'long.md:1: error: line of 1048577 bytes exceeds the limit of 1048576 bytes'
