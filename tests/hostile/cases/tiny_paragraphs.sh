# 40,000 one-line paragraphs (1,429 pages): past 1,000 pages the layout is
# painted page by page (laid out twice), cairo's PDF and folio's structure
# record pass through scratch files, the finisher streams. Peak: 408 MB
# (qpdf held both structure trees), then 136, 114, 82 (c6603e9), now 70 MB;
# the bound leaves room for a loaded machine's noise, the growth itself is
# tiny_paragraphs_growth's and tiny_paragraphs_pdf_side's. Every paragraph
# reaches the PDF, tagged. A sanitizer build (its own heap, ten times
# slower) runs 5,000 with no bound on the peak.
n=40000
asan=false
if sanitizer_build; then
    n=5000 asan=true
fi
awk -v n=$n 'BEGIN { for (i = 1; i <= n; i++) printf "Paragraphe %d.\n\n", i }' >tiny.md
run_peak tiny.md -o out.pdf
[ "$(pdftotext out.pdf - | grep -c '^Paragraphe [0-9]*\.$')" = $n ] || fail "want $n paragraphs in the text"
qpdf --check out.pdf >/dev/null 2>&1 || fail "qpdf --check: $(qpdf --check out.pdf 2>&1 | tail -3)"
# every paragraph a P element of the tree, with its marked content
[ "$(qpdf --qdf --object-streams=disable out.pdf - | grep -ac '^  /S /P$')" -ge $n ] ||
    fail "want $n P elements in the structure tree"
if ! $asan && [ "$kb" -gt 100000 ]; then
    fail "peak RSS $kb KB, more than 100 MB"
fi
