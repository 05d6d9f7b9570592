#!/bin/sh
# Reader facts on the real newsletters in ../shared/samples (skipped, exit
# 77, when that folder is absent: a fresh clone does not have it).
#   samples.sh FOLIO SAMPLES_DIR
set -u
bin=$1
dir=$2
if [ ! -d "$dir" ]; then
    echo "samples folder $dir not found: skipped"
    exit 77
fi
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
status=0
fail() {
    echo "FAIL $*"
    status=1
}

# Every sample dumps without an error, and with exactly the warnings its
# source deserves (paths relative to the samples folder): the seed's
# mojibake report, the <details> that issue 16 opens and never closes, the
# cells whose output folio cannot reproduce, the icon written in code, the
# link whose address has spaces, the C1 control before "États-Unis" in 21.
expected="seed/index.md:2:36: warning: repaired 147 mis-encoded characters (UTF-8 read as Mac Roman), e.g. \"premi√®re\" → \"première\"
quarto/infolettre_16/index.qmd:84:16: warning: {{< fa brands github >}} in code: an icon has no text to show there; left out
quarto/infolettre_16/_data.qmd:72:1: warning: <details> is not closed; closed at the end of its block
quarto/infolettre_16/_snippet_progress_participants.qmd:1: warning: the output of this {ojs} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_16/index.qmd:106: warning: the output of this {ojs} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_16/index.qmd:112: warning: the output of this {ojs} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_16/_snippet_lineplot.qmd:117: warning: the output of this {ojs} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_16/index.qmd:134: warning: the output of this {ojs} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_16/_snippet_progress_participants_objects.qmd:50: warning: the output of this {ojs} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_16/_data.qmd:100: warning: the output of this {ojs} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_16/_data.qmd:117: warning: the output of this {ojs} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_17/index.qmd:469:24: warning: the link address \"https://minio.lab.sspcloud.fr/ssphub/diffusion/website/2024-02-09-mauviere/_La dataviz pour donner du sens aux données et communiquer un message_ par Eric Mauvière.ics\" has spaces (not a link in CommonMark); read with them encoded as %20
quarto/infolettre_17/index.qmd:427: warning: the output of this {webr-r} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_17/index.qmd:437: warning: the output of this {webr-r} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_18/index.qmd:380: warning: the output of this {ojs} cell is not reproduced (folio runs no code); a note points to the online version
quarto/infolettre_18/index.qmd:389: warning: the code of this {ojs} cell is not shown (echo: false)
quarto/infolettre_18/index.qmd:394: warning: the code of this {ojs} cell is not shown (echo: false)
quarto/infolettre_21/index.qmd:128:149: warning: unprintable character U+0090 (a control character); removed"
: >"$work/all.err"
for src in "$dir"/seed/index.md "$dir"/hugo/*/index.md "$dir"/quarto/*/index.qmd; do
    name=$(echo "$src" | sed "s|^$dir/||; s|/index\.q*md$||; s|/|_|g")
    if ! "$bin" dump --fix-encoding "$src" >"$work/$name.tree" 2>"$work/$name.err"; then
        fail "$src: folio dump failed:"
        cat "$work/$name.err"
        continue
    fi
    sed "s|^$dir/||" "$work/$name.err" >>"$work/all.err"
    # folio check tells what a conversion tells (issue 9, item 19): the
    # parse's diagnostics, unresolved links, images, characters.
    "$bin" check --fix-encoding "$src" 2>&1 >/dev/null | grep -E ': (warning|error): ' |
        sort >"$work/$name.check"
    "$bin" --fix-encoding "$src" -o "$work/$name.epub" 2>&1 | grep -E ': (warning|error): ' |
        sort >"$work/$name.conv"
    cmp -s "$work/$name.check" "$work/$name.conv" ||
        fail "$src: check's diagnostics differ from the conversion's: $(diff "$work/$name.check" "$work/$name.conv")"
done
if [ "$(cat "$work/all.err")" != "$expected" ]; then
    fail "diagnostics differ from the expected ones:"
    printf '%s\n' "$expected" | diff - "$work/all.err"
fi

# count FILE PATTERN WANT: lines of the dump matching an extended regex.
count() {
    got=$(grep -cE "$2" "$work/$1.tree")
    [ "$got" = "$3" ] || fail "$1: $got lines match '$2', want $3"
}

# The seed: repaired title, one callout, the two <img> as figures, the
# lone <br> as vertical space, no mojibake left anywhere.
grep -qx '  title: "Infolettre Avril 2023, première quinzaine (#13)"' "$work/seed.tree" ||
    fail "seed: title not repaired: $(grep -m1 'title:' "$work/seed.tree")"
grep -q 'repaired .* mis-encoded' "$work/seed.err" || fail "seed: no repair reported"
count seed '√' 0
count seed '^  callout @[0-9]+ kind=note$' 1
count seed '^  figure @[0-9]+ src="treso.webp" alt="La Tréso" width=500px$' 1
count seed '^  vspace @' 1

# Hugo issues: callouts and raw <img> figures with their widths.
count hugo_infolettre_11 '^  callout @[0-9]+ kind=note$' 2
count hugo_infolettre_11 'figure @[0-9]+ src=.* width=[0-9]+px' 7
count hugo_infolettre_12 '^  callout @[0-9]+ kind=note$' 1

# Quarto 17: callout kinds (tip, collapsed tip, notes titled by their first
# heading), the <details> block, the columns, variables and executable cells.
count quarto_infolettre_17 'callout @[0-9]+ kind=tip$' 1
count quarto_infolettre_17 'callout @[0-9]+ kind=tip collapsed=true$' 1
count quarto_infolettre_17 'callout @[0-9]+ kind=note$' 5
count quarto_infolettre_17 'callout @[0-9]+ kind=note collapsed=true$' 1
count quarto_infolettre_17 '^ +details @[0-9]+$' 1
count quarto_infolettre_17 '^ +caption @.*' 10
count quarto_infolettre_17 'columns @' 2
count quarto_infolettre_17 'column @[0-9]+ width=50%$' 4
count quarto_infolettre_17 'figure @[0-9]+ src="robotroma.jfif" alt="" width=50% align=center$' 1
count quarto_infolettre_17 'link url="https://grist.numerique.gouv.fr/o/ssphub/forms/jSjAV3L2F8mmiRVuVEpfF7/103"' 1
count quarto_infolettre_17 'code_block @[0-9]+ lang="webr-r" executable=true' 2
count quarto_infolettre_17 '\{\{' 0

# Quarto 19: the interview table (2 columns, 1 header row, 5 body rows).
count quarto_infolettre_19 'table @[0-9]+ columns=2 align=default,default header_rows=1$' 1
count quarto_infolettre_19 '^    row @' 6
count quarto_infolettre_19 'link url="https://tchap.gouv.fr/#/room/#ssphub:agent.finances.tchap.gouv.fr"' 1

# Quarto 21: four notes numbered by first reference, the 2-column layout,
# superscripts.
count quarto_infolettre_21 'footnote_def @[0-9]+ label="[0-9]" number=[1-4]$' 4
count quarto_infolettre_21 'footnote_ref label="[0-9]" number=[1-4]$' 4
count quarto_infolettre_21 'footnote_ref label="4" number=2$' 1
count quarto_infolettre_21 '^  div @[0-9]+ class="layout"$' 1
count quarto_infolettre_21 '^ +sup$' 2
# Quarto 18: the four <details> blocks are disclosures titled by their
# <summary>, with the Markdown inside them read as Markdown (figures, emphasis).
count quarto_infolettre_18 '^ +details @[0-9]+$' 4
count quarto_infolettre_18 'callout @[0-9]+ kind=note collapsed=true' 0
count quarto_infolettre_18 '^    figure @171 src="https://mistral.ai/images/news/mistral-large/mistral-large-bar-plot.png"' 1
count quarto_infolettre_18 '^    figure @206 src=' 1
count quarto_infolettre_18 '^      image src="eval_llm_(generales|math).png"' 2
count quarto_infolettre_18 '^    paragraph @55$' 1
# its citation (twice) links to its entry in the References at the end
count quarto_infolettre_18 'link url="#ref-hendrycks2021measuring"' 2
count quarto_infolettre_18 '^    div @0 id="ref-hendrycks2021measuring" class="reference"$' 1
count quarto_infolettre_18 '@hendrycks' 0

# Quarto 16: includes expanded (nodes of the included files name them), the
# code folded in <details> blocks.
count quarto_infolettre_16 'details @[^ ]*/quarto/infolettre_16/_snippet_lineplot.qmd:[0-9]+$' 5
count quarto_infolettre_16 '^ +details @[^ ]+$' 16
count quarto_infolettre_16 'callout @[^ ]+ kind=note collapsed=true$' 1

# No sample shows Markdown or shortcode syntax as text.
for t in "$work"/*.tree; do
    name=$(basename "$t" .tree)
    count "$name" 'literal="[^"]*(\]\(|!\[|\{\{[<%])' 0
    count "$name" 'literal="(#|//)\|' 0
done
# Quarto 18: the hidden cells show no code; the one with output leaves a note
# with the page's address on the site.
count quarto_infolettre_18 'code_block @' 0
count quarto_infolettre_18 '^      link url="https://ssphub.netlify.app/infolettre_18/"$' 1

# The site's listing page (infolettre.qmd, sort: number desc) prints every
# issue beside it, newest number first, without a warning; check agrees.
listing=$dir/quarto/infolettre.qmd
if "$bin" "$listing" -o "$work/listing.pdf" 2>"$work/listing.err"; then
    [ -s "$work/listing.err" ] && fail "listing page: unexpected diagnostics: $(cat "$work/listing.err")"
    pdftotext "$work/listing.pdf" "$work/listing.txt"
    last=0
    for words in "Qui pour financer" "La rentrée 2025" "Sora, la nouvelle IA" "Le RAG pour limiter" \
                 "Rétrospective du réseau en 2023"; do
        at=$(grep -n -m1 -F "$words" "$work/listing.txt" | cut -d: -f1)
        if [ -z "$at" ] || [ "$at" -le "$last" ]; then
            fail "listing page: \"$words\" missing or out of number order (line ${at:-none} after $last)"
        else
            last=$at
        fi
    done
    grep -q "20 janvier 2024 · Lino Galiana" "$work/listing.txt" || fail "listing page: issue 17's date and author missing"
else
    fail "listing page: conversion failed: $(cat "$work/listing.err")"
fi
"$bin" check "$listing" 2>"$work/listing.check" || fail "listing page: check failed: $(cat "$work/listing.check")"
exit $status
