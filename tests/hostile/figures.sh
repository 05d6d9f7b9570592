#!/bin/sh
# Figures for the hang and memory cases of issue 14 (not a test: it prints,
# it never fails): each input at the issue's size, folio's CPU time
# (user + system) and peak RSS now, beside the figure the issue measured
# before the fix. Usage: tests/hostile/figures.sh [FOLIO] [CASE...]
# Every run is capped (FIGURES_LIMIT seconds, 120 by default).
set -u
here=$(cd "$(dirname "$0")" && pwd)
folio=${1:-$here/../../build/folio}
[ $# -gt 0 ] && shift
limit=${FIGURES_LIMIT:-120}
[ -x "$folio" ] || { echo "figures: no folio binary at $folio"; exit 2; }
folio=$(cd "$(dirname "$folio")" && pwd)/$(basename "$folio")
[ -x /usr/bin/time ] || { echo "figures: /usr/bin/time missing (Debian package time)"; exit 2; }
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

# measure NAME BEFORE ARGS...: one folio run, its figures in a table row.
measure() {
    name=$1 before=$2
    shift 2
    rm -f out.pdf out.epub
    /usr/bin/time -f '%U %S %M' -o time.txt timeout -s KILL "$limit" "$folio" "$@" \
        </dev/null >out.txt 2>err.txt
    rc=$?
    after=$(tail -n 1 time.txt | awk -v rc="$rc" -v lim="$limit" '{
        if (rc == 137) printf "killed after %d s", lim
        else printf "%.2f s, %.0f MB (exit %d)", $1 + $2, $3 / 1024, rc }')
    for out in out.pdf out.epub; do
        [ -f $out ] && after="$after, $out $(($(wc -c <$out) / 1024)) KB"
    done
    printf '%-34s | %-28s | %s\n' "$name" "$before" "$after"
}

want() { [ -z "$cases" ] || case " $cases " in *" $1 "*) ;; *) return 1 ;; esac; }
cases="$*"

printf '%-34s | %-28s | %s\n' "case (issue 14 item)" "before (issue 14)" "now: CPU, peak RSS"
printf '%s\n' "-----------------------------------+------------------------------+------------------------"

if want word; then
    for n in 20000 80000 1000000; do
        awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) printf "a"; print "" }' >word.md
        case $n in 20000) b="3.5 s" ;; 80000) b="27 s" ;; *) b="> 400 s" ;; esac
        measure "7: word of $n letters, PDF" "$b" word.md -o out.pdf
    done
fi
if want marks; then
    awk 'BEGIN { printf "e"; for (i = 0; i < 100000; i++) printf "\314\201"; print "" }' >marks.md
    measure "7: 100k combining marks, PDF" "100 s" marks.md -o out.pdf
fi
if want brackets; then
    awk 'BEGIN { for (i = 0; i < 200000; i++) printf "["; print "" }' >brackets.md
    measure "7: 200k '[', PDF" "69 s" brackets.md -o out.pdf
fi
if want breaks; then
    awk 'BEGIN { for (i = 0; i < 64000; i++) printf "ligne %d\\\n", i; print "fin" }' >breaks.md
    measure "2, 8: 64k hard breaks, PDF" "35 s, lines lost" breaks.md -o out.pdf
fi
if want paragraph; then
    awk 'BEGIN { srand(1); split("statistique publique données modèle réseau territoire", w, " ")
        for (i = 0; i < 5000; i++) { for (k = 0; k < 10; k++) printf "%s ", w[int(rand() * 6) + 1]; printf "\n" } }' >para.md
    measure "2: one paragraph of $(($(wc -c <para.md) / 1024)) KB, PDF" "truncated, exit 0" para.md -o out.pdf
fi
if want rows; then
    awk 'BEGIN { print "| n |"; print "|---|"; for (i = 0; i < 50000; i++) print "| ligne " i " |" }' >rows.md
    measure "9: table of 50k rows, EPUB" "31 s" rows.md -o out.epub
fi
if want headings; then
    awk 'BEGIN { for (i = 0; i < 10000; i++) print "# Titre\n" }' >same.md
    measure "10: 10k identical headings, dump" "27 s, 821 MB" dump same.md
fi
if want links; then
    awk 'BEGIN { for (k = 0; k < 6400; k++) { for (i = k * 10; i < k * 10 + 10; i++)
        printf "[lien %d](https://example.org/page/%d) ", i, i; printf "\n" } }' >links.md
    # the notes' layout is what the item was about; the whole PDF adds the
    # painting of every page, held in memory until the end (item 17)
    measure "11: 64k external links, layout" "58 s" dump --layout links.md
fi
if want bracket_lines; then
    # md4c 0.4.8 looks for the line of every bracket pair from its
    # paragraph's first line: the pre-pass cuts long paragraphs in parts
    # (doc/parasplit.c) that the builder joins again.
    for n in 100000 200000; do
        awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) print "[a]" }' >brackets.md
        case $n in 100000) b="2.4 s (26a6f88)" ;; *) b="9.5 s (26a6f88)" ;; esac
        measure "[a] on each of $n lines, dump" "$b" dump brackets.md
    done
fi
if want line_patterns; then
    # md4c's other marks over the lines of one paragraph (none grew but
    # "$", in folio's own formula pass, and quotes, before they were cut)
    for p in '[a](b)' '[r]' '*a' '_a_' '`a' '<a' '<http://x.org>' '&x' '$a' '\\(a' '~a' '> [a]'; do
        for n in 100000 200000; do
            awk -v n=$n -v p="$p" 'BEGIN { print "Début"; for (i = 0; i < n; i++) print p
                print "\n[r]: https://example.org/" }' >pattern.md
            case "$p/$n" in
                '$a/100000') b="11 s (26a6f88)" ;; '> [a]/100000') b="1.7 s (26a6f88)" ;;
                '> [a]/200000') b="6.8 s (26a6f88)" ;; '[a](b)/100000') b="1.7 s (26a6f88)" ;; *) b="-" ;;
            esac
            measure "$p on each of $n lines, dump" "$b" dump pattern.md
        done
    done
fi
if want loops; then
    mkdir -p loops/a
    printf -- '---\ntitle: Seul\ndate: 2023-01-01\n---\nTexte.\n' >loops/a/index.md
    ln -s . loops/a/self && ln -s . loops/a/again
    measure "12: two links to '.', EPUB" "never ends (2^32 paths)" loops -o out.epub
fi
if want fifo; then
    mkdir fifo && mkfifo fifo/_variables.yml && printf 'Texte {{< var x >}}.\n' >fifo/a.md
    measure "13: _variables.yml a FIFO, PDF" "blocks forever" fifo/a.md -o out.pdf
fi
if want deep; then
    awk 'BEGIN { printf "---\ntitle: "; for (i = 0; i < 100000; i++) printf "[";
        for (i = 0; i < 100000; i++) printf "]"; print "\n---\nx" }' >deep.md
    measure "14: YAML 100k levels deep, PDF" "49 s" deep.md -o out.pdf
fi
if want wide; then
    awk 'BEGIN { printf "---\ntitle: ["; for (i = 0; i < 8000000; i++) printf "a,"; print "a]\n---\nx" }' >wide.md
    measure "14: YAML flow of 8M items, PDF" "1.33 GB" wide.md -o out.pdf
fi
if want vars; then
    mkdir vars
    awk 'BEGIN { printf "big: \""; for (i = 0; i < 1000000; i++) printf "x"; print "\"" }' >vars/_variables.yml
    awk 'BEGIN { for (i = 1; i <= 1000; i++) print "L " i " {{< var big >}}\n" }' >vars/a.md
    measure "15: 1 MB variable used 1000x, dump" "3.9 GB (1 GB dump)" dump vars/a.md
fi
if want tiny; then
    for mib in 1 2; do
        awk -v n=$((mib * 1048576)) 'BEGIN { while (b < n) { s = sprintf("Paragraphe %d.\n\n", ++i); printf "%s", s; b += length(s) } }' >tiny.md
        case $mib in 1) b="5.9 s, 540 MB (95f9143)" ;; *) b="12.4 s, 1050 MB (95f9143)" ;; esac
        measure "17: $mib MiB of tiny paragraphs, PDF" "$b" tiny.md -o out.pdf
    done
fi
if want refs; then
    awk 'BEGIN { for (i = 0; i < 1000; i++) print "Voir [le site][r] et [encore][r]."
        printf "\n[r]: https://example.org/"; for (i = 0; i < 500000; i++) printf "a"; print "" }' >huge.md
    measure "16: 500 KB URL used 2000x, EPUB" "3.0 GB" huge.md -o out.epub
    measure "16: 500 KB URL used 2000x, PDF" "2.2 GB, 1 GB file" huge.md -o out.pdf
    awk 'BEGIN { for (i = 0; i < 1000; i++) print "Voir [le site][r] et [encore][r]."
        printf "\n[r]: https://example.org/"; for (i = 0; i < 60000; i++) printf "b"; print "" }' >long.md
    measure "16: 60 KB URL used 2000x, EPUB" "385 MB (28ed91e)" long.md -o out.epub
    measure "16: 60 KB URL used 2000x, PDF" "6.8 GB (28ed91e)" long.md -o out.pdf
    # md4c (libmd4c, md_build_attribute) scans a reference's address again
    # at every use: the pre-pass hands long ones to the builder (before
    # that: uses x length).
    for n in 1000 4000; do
        awk -v n=$n 'BEGIN { for (i = 0; i < n / 10; i++) print "[a][r] [b][r] [c][r] [d][r] [e][r] [f][r] [g][r] [h][r] [i][r] [j][r]"
            printf "\n[r]: https://example.org/"; for (i = 0; i < 1000000; i++) printf "a"; print "" }' >uses.md
        case $n in 1000) b="1.5 s (5e700e5)" ;; *) b="6.0 s (5e700e5)" ;; esac
        measure "16: 1 MB URL used ${n}x, dump" "$b" dump uses.md
    done
    awk 'BEGIN { for (i = 0; i < 400000; i++) print "[a][r]\n"; printf "[r]: https://example.org/"; for (i = 0; i < 60000; i++) printf "b"; print "" }' >uses.md
    measure "16: 60 KB URL used 400,000x, dump" "37 s (5e700e5)" dump uses.md
fi
