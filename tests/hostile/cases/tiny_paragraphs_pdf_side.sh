# What the PDF side holds for each one-line paragraph at the peak: the
# growth of the PDF's peak from 80,000 paragraphs to 160,000 (past the
# pages the first pass holds, and past a part of painted pages:
# limits.max_surface_pages, 1024), beside the growth of the model's (a
# dump). At c6603e9 the structure record and the finisher's tables were on
# the heap, cairo's tag tree kept by glibc under the finish, cairo's file
# resident as the finisher read its pages (pdfmem fixed those); what was
# left was cairo 1.16's tag tree (a node for every cairo_tag_begin, held to
# cairo_surface_finish): with the model spilled (util/spill), 105 bytes a
# paragraph painted in one surface (tests/pdf/parts_folio --parts
# 1000000000 on 36ce1e7), 0 now, cairo's tree bounded by a part. The text
# and tags are tiny_paragraphs' to check. A sanitizer build has its own
# heap: no bound there.
sanitizer_build && skip "sanitizer build: its heap is not folio's"
for n in 80000 160000; do
    awk -v n=$n 'BEGIN { for (i = 1; i <= n; i++) printf "Paragraphe %d.\n\n", i }' >tiny$n.md
done

run_peak dump tiny80000.md; m80=$kb
run_peak dump tiny160000.md; m160=$kb
run_peak tiny80000.md -o out80.pdf; p80=$kb
run_peak tiny160000.md -o out160.pdf; p160=$kb
per=$(((p160 - p80) * 1024 / 80000))
model=$(((m160 - m80) * 1024 / 80000))
[ "$per" -le 50 ] ||
    fail "the PDF's peak grows by $per bytes a paragraph (PDF $p80 KB, then $p160 KB; the model $model: $m80 KB, then $m160 KB), more than 50"
