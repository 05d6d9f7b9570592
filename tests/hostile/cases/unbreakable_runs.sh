# Runs without a break opportunity, each in linear time (before: a 1M-letter
# word took more than 400 s, 100k combining marks 100 s, 200k "[" 69 s, as
# Pango shaped the rest of the run again for every line): runs are shaped
# in chunks cut at grapheme boundaries and broken where they overflow.
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "a"; print "" }' >letters.md
run_within 100 letters.md -o letters.pdf
expect_exit 0
n=$(pdftotext -q letters.pdf - | tr -cd 'a' | wc -c)
[ "$n" -ge 1000000 ] || fail "the PDF holds $n of the 1,000,000 letters"

awk 'BEGIN { printf "e"; for (i = 0; i < 100000; i++) printf "\314\201"; print " fin" }' >marks.md
# bounds well under the old times (100 s, 69 s), far over today's (0.2 s)
run_within 15 marks.md -o marks.pdf
expect_exit 0
expect_has marks.pdf 'fin'

awk 'BEGIN { for (i = 0; i < 200000; i++) printf "["; print "" }' >brackets.md
run_within 15 brackets.md -o brackets.pdf
expect_exit 0
n=$(pdftotext -q brackets.pdf - | tr -cd '[' | wc -c)
[ "$n" = 200000 ] || fail "the PDF holds $n of the 200,000 brackets"
