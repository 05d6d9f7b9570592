# A source over the 16 MiB input limit (short lines), and /dev/zero.
awk 'BEGIN { for (i = 0; i < 320000; i++) print "Une ligne de texte ordinaire, assez longue pour peser." }' >big.md
run big.md -o out.epub
expect_exit 1
expect_err 'big.md: error: input exceeds the limit of 16777216 bytes'
run /dev/zero -o out.pdf
expect_exit 1
expect_err '/dev/zero: error: input exceeds the limit of 16777216 bytes'
