# What each one-line paragraph ("Mot 1.", as issue 14 item 17 writes them)
# costs at the peak, measured as the growth between two sizes (fixed costs
# cancel out): the document model (a dump: the model and what parsing holds
# next to it), then the whole PDF (the model, the structure record and the
# painter's marks held to the finishing, the finishing itself). Before
# (26a6f88): 477 bytes a paragraph for the model (nodes of 144 bytes, every
# text copied twice more), 1,846 for the PDF (structure elements of 72
# bytes, every mark 56, both arrays zeroed to their doubled capacity); then
# 298 and 1,400; then (c6603e9) 283 and 604: nodes of 88 bytes, the dump
# held whole, the hyphenation cache keeping every distinct word; now 242
# and 513 (nodes of 80 bytes, the dump written as it is made, the cache
# bounded, the parse no longer holding the input twice nor its buffers'
# doubled room). A sanitizer build has its own heap: no bound there.
sanitizer_build && skip "sanitizer build: its heap is not folio's"
for n in 40000 80000 160000; do
    awk -v n=$n 'BEGIN { for (i = 1; i <= n; i++) printf "Mot %d.\n\n", i }' >tiny$n.md
done

run_peak dump tiny40000.md; m40=$kb
run_peak dump tiny160000.md; m160=$kb
per=$(((m160 - m40) * 1024 / 120000))
[ "$per" -le 260 ] ||
    fail "the document model grows by $per bytes a paragraph ($m40 KB, then $m160 KB), more than 260"

run_peak tiny40000.md -o out40.pdf; p40=$kb
run_peak tiny80000.md -o out80.pdf; p80=$kb
[ "$(pdftotext out80.pdf - | grep -c '^Mot [0-9]*\.$')" = 80000 ] ||
    fail "want 80000 paragraphs in the text"
per=$(((p80 - p40) * 1024 / 40000))
[ "$per" -le 560 ] ||
    fail "the PDF's peak grows by $per bytes a paragraph ($p40 KB, then $p80 KB), more than 560"
