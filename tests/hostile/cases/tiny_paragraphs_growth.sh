# What each one-line paragraph costs at the peak, measured as the growth
# from 40,000 paragraphs to 80,000 (fixed costs cancel out): the document
# model (a dump), then the whole PDF (the model, the structure record and
# the painter's marks held to the finishing, the finishing itself). Before
# (26a6f88): 477 bytes a paragraph for the model (nodes of 144 bytes, every
# text copied twice more), 1,846 for the PDF (structure elements of 72
# bytes, every mark 56, both arrays zeroed to their doubled capacity); then
# 298 and 1,400. A sanitizer build has its own heap: no bound there.
command -v /usr/bin/time >/dev/null || skip "/usr/bin/time missing (Debian package time)"
nm "$FOLIO" 2>/dev/null | grep -q __asan_init && skip "sanitizer build: its heap is not folio's"
for n in 40000 80000; do
    awk -v n=$n 'BEGIN { for (i = 1; i <= n; i++) printf "Paragraphe %d.\n\n", i }' >tiny$n.md
done

# kb: the peak RSS (KB) of folio ARGS..., which must succeed
peak() {
    /usr/bin/time -f '%M' -o rss.txt "$FOLIO" "$@" </dev/null >"$work/out" 2>"$work/err"
    rc=$?
    check_sane "$@"
    expect_exit 0
    kb=$(tail -n 1 rss.txt)
}

peak dump tiny40000.md; m40=$kb
peak dump tiny80000.md; m80=$kb
per=$(((m80 - m40) * 1024 / 40000))
[ "$per" -le 400 ] ||
    fail "the document model grows by $per bytes a paragraph ($m40 KB, then $m80 KB), more than 400"

peak tiny40000.md -o out40.pdf; p40=$kb
peak tiny80000.md -o out80.pdf; p80=$kb
[ "$(pdftotext out80.pdf - | grep -c '^Paragraphe [0-9]*\.$')" = 80000 ] ||
    fail "want 80000 paragraphs in the text"
per=$(((p80 - p40) * 1024 / 40000))
[ "$per" -le 1650 ] ||
    fail "the PDF's peak grows by $per bytes a paragraph ($p40 KB, then $p80 KB), more than 1650"
