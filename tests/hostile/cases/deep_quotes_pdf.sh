# 100 000 nested block quotes, to a PDF: refused at the nesting limit.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "> "; print "fond" }' >deep.md
run deep.md -o out.pdf
expect_exit 1
expect_err 'deep.md:1:1: error: nesting deeper than 64 levels'
