#!/bin/bash
# Byte-identical outputs: the same sources built twice — in two folders,
# under different TZ and LC_ALL, with the inputs of the compilation given
# in the other order and by another path — give the same sha256 for the
# PDF, the PDF/A-2b, the PDF/A-3b and the EPUB, of one issue and of a
# compilation; with SOURCE_DATE_EPOCH and without it (then the dates are
# the front matter's, never the clock's: checked in pdfinfo).
#   reproducible.sh FOLIO TESTS_DIR
set -u
folio=$(realpath "$1")
tests=$(realpath "$2")
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL $*"; status=1; }

for side in a b/deeper; do
    mkdir -p "$work/$side/src/pdf" "$work/$side/out"
    cp -r "$tests/archival/bundle" "$work/$side/src/"
    cp -r "$tests/pdf/issue_fr.md" "$tests/pdf/img" "$work/$side/src/pdf/"
done
# a locale with a decimal comma when there is one
other_locale=C.UTF-8
locale -a 2>/dev/null | grep -qi '^fr_FR.utf-\?8$' && other_locale=fr_FR.UTF-8

# build SIDE TZ LOCALE EPOCH ORDER: every output into $work/SIDE/out
build() {
    local side=$1 tz=$2 loc=$3 epoch=$4 order=$5
    local issue=src/bundle/index.qmd book=(src/bundle/index.qmd "$work/$side/src/pdf/issue_fr.md")
    [ "$order" = reverse ] && book=("$work/$side/src/pdf/issue_fr.md" src/bundle/index.qmd)
    (
        cd "$work/$side" || exit 1
        export TZ=$tz LC_ALL=$loc
        if [ -n "$epoch" ]; then export SOURCE_DATE_EPOCH=$epoch; else unset SOURCE_DATE_EPOCH; fi
        "$folio" "$issue" -o out/issue.pdf &&
        "$folio" "$issue" -o out/issue-a2.pdf --pdfa &&
        "$folio" "$issue" -o out/issue-a3.pdf --attach-source &&
        "$folio" "$issue" -o out/issue.epub &&
        "$folio" "${book[@]}" -o out/book.pdf &&
        "$folio" "${book[@]}" -o out/book-a3.pdf --attach-source &&
        "$folio" "${book[@]}" -o out/book.epub
    ) 2>"$work/err" || { fail "folio failed in $side:"; cat "$work/err"; }
}

for epoch in 1700000000 ""; do
    rm -f "$work"/a/out/* "$work"/b/deeper/out/*
    build a UTC C "$epoch" given
    build b/deeper Pacific/Auckland "$other_locale" "$epoch" reverse
    for f in issue.pdf issue-a2.pdf issue-a3.pdf issue.epub book.pdf book-a3.pdf book.epub; do
        sa=$(sha256sum <"$work/a/out/$f" | cut -c1-64)
        sb=$(sha256sum <"$work/b/deeper/out/$f" | cut -c1-64)
        if [ "$sa" = "$sb" ]; then
            echo "ok $f ${epoch:-front matter} $sa"
        else
            fail "$f differs between the two builds (SOURCE_DATE_EPOCH='$epoch')"
            cmp "$work/a/out/$f" "$work/b/deeper/out/$f" | head -1
        fi
    done
done
# without SOURCE_DATE_EPOCH the dates are the newest front-matter date
# (bundle: 2024-06-01; issue_fr: 2023-03-20), whatever the clock says
info=$(TZ=UTC pdfinfo "$work/a/out/book-a3.pdf")
echo "$info" | grep -q '^CreationDate: *Sat Jun  1 00:00:00 2024 UTC' ||
    fail "book dates are not the newest front-matter date: $(echo "$info" | grep Date)"
with=$(cd "$work/a" && SOURCE_DATE_EPOCH=1700000000 "$folio" src/bundle/index.qmd -o - --pdfa | TZ=UTC pdfinfo -)
echo "$with" | grep -q '^ModDate: *Tue Nov 14 22:13:20 2023 UTC' ||
    fail "SOURCE_DATE_EPOCH does not set the dates: $(echo "$with" | grep Date)"
# Chinese in a French text: Pango would take the language of its glyphs
# (a Chinese, Japanese or Korean face) from the reader's LANGUAGE
scripts=$tests/fidelity/outputs/scripts.md
plain=$(unset LANGUAGE PANGO_LANGUAGE; SOURCE_DATE_EPOCH=1700000000 "$folio" "$scripts" -o - | sha256sum)
for env in LANGUAGE=ja PANGO_LANGUAGE=zh-tw LANGUAGE=ko:fr; do
    got=$(env "$env" SOURCE_DATE_EPOCH=1700000000 "$folio" "$scripts" -o - | sha256sum)
    [ "$got" = "$plain" ] && echo "ok scripts.md with $env" ||
        fail "scripts.md differs with $env"
done
exit $status
