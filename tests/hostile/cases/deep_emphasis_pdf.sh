# Emphasis 100 000 delimiters deep (***…x…***), to a PDF.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "*"; printf "x"; for (i = 0; i < 100000; i++) printf "*"; print "" }' >deep.md
run deep.md -o out.pdf
expect_exit 1
expect_err 'deep.md:1:1: error: nesting deeper than 64 levels'
