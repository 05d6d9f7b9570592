#!/bin/sh
# A listing page on paper: its entries in the order asked, with the words
# each shows, drafts left out; what cannot be printed warned of, in check as
# in a conversion; a compilation of the folder leaves the page out.
#   check.sh FOLIO LISTING_DIR
set -u
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
cd "$2" || exit 2
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
status=0
fail() {
    echo "FAIL $*"
    status=1
}

# site: sort "number desc" puts issue 2 (March) before issue 1 (May); the
# draft (3) is not listed; the titles link to the issues' pages on the site.
(cd site && "$bin" issues.qmd -o "$work/site.pdf") 2>"$work/site.err" || fail "site: conversion failed"
[ -s "$work/site.err" ] && fail "site: unexpected diagnostics: $(cat "$work/site.err")"
pdftotext "$work/site.pdf" "$work/site.txt"
winter=$(grep -n -m1 -F "Winter notes" "$work/site.txt" | cut -d: -f1)
spring=$(grep -n -m1 -F "Spring: the first issue" "$work/site.txt" | cut -d: -f1)
[ -n "$winter" ] && [ -n "$spring" ] && [ "$winter" -lt "$spring" ] ||
    fail "site: issue 2 (line ${winter:-none}) not before issue 1 (line ${spring:-none})"
for words in "March 15, 2024 · Grace Hopper" "May 1, 2024 · Ada Lovelace" \
             "Issue of March 2024, written before the first one was sent." \
             "https://letter.example.org/issue-2/" "https://letter.example.org/issue-1/"; do
    grep -q -F "$words" "$work/site.txt" || fail "site: \"$words\" not on the page"
done
grep -q -F "Summer draft" "$work/site.txt" && fail "site: the draft is listed"

# broken: a bad front matter leaves its entry out (the others stay), the
# missing picture is a placeholder, and what paper cannot do is said.
expected="index.qmd:9:32: warning: listing field 'reading-time' is not printed: folio does not count the words of the listed documents
index.qmd:11:3: warning: listing option 'template' is not applied on paper
index.qmd:6:7: warning: listing contents 'missing': no document there
bad/index.qmd:2:8: warning: front matter: while scanning a quoted scalar found unexpected end of stream; left out of the listing
lost/index.qmd:5: warning: image 'lost/gone.png': not found; a placeholder is used"
(cd broken && "$bin" index.qmd -o "$work/broken.pdf") 2>"$work/broken.err" || fail "broken: conversion failed"
[ "$(cat "$work/broken.err")" = "$expected" ] ||
    fail "broken: diagnostics differ: $(printf '%s\n' "$expected" | diff - "$work/broken.err")"
(cd broken && "$bin" check index.qmd) 2>&1 | grep -E ': (warning|error): ' >"$work/broken.check"
[ "$(cat "$work/broken.check")" = "$expected" ] ||
    fail "broken: check differs: $(printf '%s\n' "$expected" | diff - "$work/broken.check")"
pdftotext "$work/broken.pdf" "$work/broken.txt"
good=$(grep -n -m1 -F "Le bon numéro" "$work/broken.txt" | cut -d: -f1)
lost=$(grep -n -m1 -F "L’image perdue" "$work/broken.txt" | cut -d: -f1)
end=$(grep -n -m1 -F "Fin de la liste." "$work/broken.txt" | cut -d: -f1)
[ -n "$good" ] && [ -n "$lost" ] && [ -n "$end" ] && [ "$good" -lt "$lost" ] && [ "$lost" -lt "$end" ] ||
    fail "broken: entries not in date order inside the #listing div ($good, $lost, $end)"
grep -q -F "1er février 2024 · number : 7" "$work/broken.txt" || fail "broken: the number field is not printed"

# A compilation of the site leaves the listing page out, and reads none of it.
"$bin" site -o "$work/book.pdf" 2>"$work/book.err" || fail "compilation failed: $(cat "$work/book.err")"
[ -s "$work/book.err" ] && fail "compilation: unexpected diagnostics: $(cat "$work/book.err")"
pdftotext "$work/book.pdf" "$work/book.txt"
grep -q -F "All issues" "$work/book.txt" && fail "compilation: the listing page is a chapter"
grep -q -F "No picture in this one." "$work/book.txt" || fail "compilation: issue 2 missing"
exit $status
