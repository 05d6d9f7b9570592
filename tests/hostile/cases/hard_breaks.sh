# One paragraph of 64,000 lines ended by hard breaks (a backslash): every
# line is printed, in linear time (before: each line was looked up from the
# paragraph's first: 20,000 lines took 11 s of CPU, 64,000 more than 600 s).
awk 'BEGIN { print "Début\\"; for (i = 0; i < 64000; i++) printf "ligne %d\\\n", i; print "derniereligne" }' >breaks.md
run_within 100 breaks.md -o out.pdf
expect_exit 0
lines=$(pdftotext -q out.pdf - | grep -cE '^ligne [0-9]+$')
[ "$lines" = 64000 ] || fail "the PDF holds $lines of the 64,000 lines"
expect_has out.pdf 'derniereligne'
