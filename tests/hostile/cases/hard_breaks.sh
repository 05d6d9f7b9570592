# One paragraph of 20,000 lines ended by hard breaks (a backslash): every
# line is printed, in linear time (before: each line was looked up from the
# paragraph's first, and the PDF held only the paragraph's start).
awk 'BEGIN { print "Début\\"; for (i = 0; i < 20000; i++) printf "ligne %d\\\n", i; print "derniereligne" }' >breaks.md
run_within 100 breaks.md -o out.pdf
expect_exit 0
lines=$(pdftotext -q out.pdf - | grep -cE '^ligne [0-9]+$')
[ "$lines" = 20000 ] || fail "the PDF holds $lines of the 20,000 lines"
expect_has out.pdf 'derniereligne'
