# One paragraph of 64,000 lines ended by hard breaks (a backslash): every
# line is printed, in linear time (before: each line was looked up from the
# paragraph's first: 20,000 lines took 11 s of CPU, 64,000 more than 600 s).
awk 'BEGIN { print "Début\\"; for (i = 0; i < 64000; i++) printf "ligne %d\\\n", i; print "derniereligne" }' >breaks.md
run_within 100 breaks.md -o out.pdf
expect_exit 0
lines=$(pdftotext -q out.pdf - | grep -cE '^ligne [0-9]+$')
[ "$lines" = 64000 ] || fail "the PDF holds $lines of the 64,000 lines"
expect_has out.pdf 'derniereligne'

# Linear, whatever the build: eight times the lines may cost at most
# fourteen times the CPU. A per-line walk over the paragraph's items (the
# line-leaf check of c9df04e) gave 8,000 → 64,000 lines ×27 (1.4 s became
# 7.1 s at 64,000); linear code gives about ×8.
awk 'BEGIN { print "Début\\"; for (i = 0; i < 8000; i++) printf "ligne %d\\\n", i; print "derniereligne" }' >breaks8k.md
expect_growth 14 "8,000 → 64,000 hard breaks" breaks8k.md breaks.md -q {} -o "$work/t.pdf"
