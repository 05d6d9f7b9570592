# What each one-line paragraph ("Mot 1.", as issue 14 item 17 writes them)
# costs at the peak, measured as the growth between two sizes (fixed costs
# cancel out). The document model itself, held on the heap (no scratch
# file to be had): before (26a6f88) 477 bytes a paragraph (nodes of 144
# bytes, every text copied twice more); then 298; then (c6603e9) 283:
# nodes of 88 bytes, the dump held whole; now 242 (nodes of 80 bytes, the
# dump written as it is made, the parse no longer holding the input twice
# nor its buffers' doubled room), now 230 (the pre-pass's line origins as
# runs: 246 when they are a table again). With a scratch file, a long
# model lives in it (util/arena.h), so do md4c's text and the line starts,
# and only the part in use stays resident: the dump's peak is md4c's
# (its blocks, its reading of the whole text), 80 bytes a paragraph
# (90 with the text and the line starts on the heap), where 230 says the
# model is resident whole again. The whole PDF: 1,846 bytes a paragraph at 26a6f88 (its
# structure record on the heap, zeroed to its doubled capacity), 604 at
# c6603e9, 513 with a bounded hyphenation cache, ~200 with the structure
# record in scratch files, now ~30 with the model there too. A sanitizer
# build has its own heap: no bound there.
sanitizer_build && skip "sanitizer build: its heap is not folio's"
for n in 40000 80000 160000; do
    awk -v n=$n 'BEGIN { for (i = 1; i <= n; i++) printf "Mot %d.\n\n", i }' >tiny$n.md
done

was_tmpdir=${TMPDIR-}
TMPDIR=$work/none # no such folder: no scratch file, the model on the heap
export TMPDIR
run_peak dump tiny40000.md; m40=$kb
run_peak dump tiny160000.md; m160=$kb
if [ -n "$was_tmpdir" ]; then TMPDIR=$was_tmpdir; else unset TMPDIR; fi
per=$(((m160 - m40) * 1024 / 120000))
[ "$per" -le 240 ] ||
    fail "the document model grows by $per bytes a paragraph ($m40 KB, then $m160 KB), more than 240"

# A scratch file is had on a disk only (util/scratch.h): $TMPDIR, else
# the cache folder. With both on a tmpfs the model stays on the heap
# (there, a file would be memory all the same, only hidden from the peak):
# the dump is not measured again, and the PDF's bound counts the model's.
ram_fs() {
    d=$1
    while [ ! -e "$d" ]; do d=$(dirname "$d"); done
    [ "$(stat -f -c %T "$d")" = tmpfs ]
}
pdf_bound=150
if ram_fs "${TMPDIR:-/tmp}" && ram_fs "${XDG_CACHE_HOME:-${HOME:-/}/.cache}"; then
    echo "note: \$TMPDIR and the cache folder are on a tmpfs: the model is not spilled"
    pdf_bound=$((150 + 240))
else
    run_peak dump tiny40000.md; s40=$kb
    run_peak dump tiny160000.md; s160=$kb
    per=$(((s160 - s40) * 1024 / 120000))
    [ "$per" -le 120 ] ||
        fail "with a scratch file, the dump's peak grows by $per bytes a paragraph ($s40 KB, then $s160 KB), more than 120: the model is resident again?"
fi

run_peak tiny40000.md -o out40.pdf; p40=$kb
run_peak tiny80000.md -o out80.pdf; p80=$kb
[ "$(pdftotext out80.pdf - | grep -c '^Mot [0-9]*\.$')" = 80000 ] ||
    fail "want 80000 paragraphs in the text"
per=$(((p80 - p40) * 1024 / 40000))
[ "$per" -le "$pdf_bound" ] ||
    fail "the PDF's peak grows by $per bytes a paragraph ($p40 KB, then $p80 KB), more than $pdf_bound"
