# A table of 120 400 cells, over the 100 000-cell limit.
awk 'BEGIN { for (i = 0; i < 400; i++) printf "| a "; print "|"; for (i = 0; i < 400; i++) printf "|---"; print "|";
  for (r = 0; r < 300; r++) { for (i = 0; i < 400; i++) printf "| x "; print "|" } }' >table.md
run table.md -o out.pdf
expect_exit 1
expect_err 'table.md:1:1: error: table of 120400 cells exceeds the limit of 100000'
