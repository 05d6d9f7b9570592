# 40,000 one-line paragraphs (1,429 pages): the structure tree is written
# into the file object by object, cairo's own tree is never loaded into
# qpdf, the PDF passes through scratch files instead of memory, and past
# 1,000 pages the layout is painted page by page (laid out twice). Before:
# 408 MB peak (qpdf's objects for both trees), then 136 MB (every page's
# layout and the PDF 3 times); now 114 MB (what is left grows with the
# document model, the structure tree and qpdf's page objects). Every
# paragraph reaches the PDF,
# tagged. A sanitizer build (its own heap, ten times slower) runs 5,000
# with no bound on the peak.
n=40000
asan=false
if nm "$FOLIO" 2>/dev/null | grep -q __asan_init; then
    n=5000 asan=true
fi
awk -v n=$n 'BEGIN { for (i = 1; i <= n; i++) printf "Paragraphe %d.\n\n", i }' >tiny.md
command -v /usr/bin/time >/dev/null || skip "/usr/bin/time missing (Debian package time)"
/usr/bin/time -f '%M' -o rss.txt "$FOLIO" tiny.md -o out.pdf </dev/null >"$work/out" 2>"$work/err"
rc=$?
check_sane tiny.md
expect_exit 0
[ "$(pdftotext out.pdf - | grep -c '^Paragraphe [0-9]*\.$')" = $n ] || fail "want $n paragraphs in the text"
qpdf --check out.pdf >/dev/null 2>&1 || fail "qpdf --check: $(qpdf --check out.pdf 2>&1 | tail -3)"
# every paragraph a P element of the tree, with its marked content
[ "$(qpdf --qdf --object-streams=disable out.pdf - | grep -ac '^  /S /P$')" -ge $n ] ||
    fail "want $n P elements in the structure tree"
peak=$(tail -n 1 rss.txt)
if ! $asan && [ "$peak" -gt 140000 ]; then
    fail "peak RSS $peak KB, more than 140 MB"
fi
