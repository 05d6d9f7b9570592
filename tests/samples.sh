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

# Every sample dumps without an error, and without a warning except the
# seed's mojibake report.
for src in "$dir"/seed/index.md "$dir"/hugo/*/index.md "$dir"/quarto/*/index.qmd; do
    name=$(echo "$src" | sed "s|^$dir/||; s|/index\.q*md$||; s|/|_|g")
    if ! "$bin" dump --fix-encoding "$src" >"$work/$name.tree" 2>"$work/$name.err"; then
        fail "$src: folio dump failed:"
        cat "$work/$name.err"
        continue
    fi
    if [ "$name" != seed ] && [ -s "$work/$name.err" ]; then
        fail "$src: unexpected diagnostics:"
        cat "$work/$name.err"
    fi
done

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
count quarto_infolettre_17 'callout @[0-9]+ kind=note collapsed=true$' 2
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
exit $status
