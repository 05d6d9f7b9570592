# A paragraph of 600 KB (6,000 source lines joined): every word of it is
# printed, the last one included (before: Pango collapsed such paragraphs
# and the PDF held only their start, exit 0). The text engine checks that
# every byte of a paragraph found a place on a line, else an error.
awk 'BEGIN {
    srand(1); split("statistique publique données modèle réseau territoire enquête publication", w, " ")
    printf "Début "
    for (i = 0; i < 6000; i++) {
        for (k = 0; k < 10; k++) printf "%s ", w[int(rand() * 8) + 1]
        if (i % 100 == 0) printf "Q%d ", i / 100
        printf "\n"
    }
    print "derniermot."
}' >long.md
run_within 100 long.md -o out.pdf
expect_exit 0
expect_has out.pdf 'Début'
expect_has out.pdf 'derniermot.'
marks=$(pdftotext -q out.pdf - | grep -oE 'Q[0-9]+' | tr '\n' ' ')
want=$(awk 'BEGIN { for (i = 0; i < 60; i++) printf "Q%d ", i }')
[ "$marks" = "$want" ] || fail "markers missing or out of order: $marks"
