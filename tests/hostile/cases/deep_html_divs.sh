# 100 000 nested raw HTML <div>s, one per line, to a PDF.
awk 'BEGIN { for (i = 0; i < 100000; i++) print "<div>"; print "fond"; for (i = 0; i < 100000; i++) print "</div>" }' >deep.md
run deep.md -o out.pdf
expect_exit 1
expect_err 'error: nesting deeper than 64 levels'
