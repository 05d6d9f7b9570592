# What the PDF side holds for each one-line paragraph at the peak, beyond
# the document model: the growth of the PDF's peak from 80,000 paragraphs
# to 160,000 (past the pages the first pass holds, so both peaks are the
# painting's or the finish's), less the growth of the model's (a dump). At
# c6603e9: 411 bytes a paragraph (the structure record and the finisher's
# tables on the heap, cairo's tag tree kept by glibc under the finish,
# cairo's file resident as the finisher read its pages); now 177, nearly
# all cairo 1.16's tag tree (a node for every cairo_tag_begin, held to
# cairo_surface_finish): the bound catches the structure record back on the
# heap (~100 bytes) or cairo's freed tree kept under the finish (~150). The
# text and tags are tiny_paragraphs' to check. A sanitizer build has its own
# heap: no bound there.
sanitizer_build && skip "sanitizer build: its heap is not folio's"
for n in 80000 160000; do
    awk -v n=$n 'BEGIN { for (i = 1; i <= n; i++) printf "Paragraphe %d.\n\n", i }' >tiny$n.md
done

run_peak dump tiny80000.md; m80=$kb
run_peak dump tiny160000.md; m160=$kb
run_peak tiny80000.md -o out80.pdf; p80=$kb
run_peak tiny160000.md -o out160.pdf; p160=$kb
per=$(((p160 - p80 - (m160 - m80)) * 1024 / 80000))
[ "$per" -le 240 ] ||
    fail "the PDF side holds $per bytes a paragraph beyond the model (PDF $p80 KB, then $p160 KB; model $m80 KB, then $m160 KB), more than 240"
