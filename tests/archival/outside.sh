#!/bin/sh
# A bibliography named outside the folder (no project around it),
# or outside its project, is refused with a warning and never attached to
# the PDF/A-3: a source cannot smuggle a file of the machine into the
# deposit. One that is not there is said so (its citations stay as
# written); one inside is attached.
#   outside.sh FOLIO
set -u
folio=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '@misc{k, title = {secret}}\n' >"$work/secret.bib"
status=0

# convert NAME BIBLIOGRAPHY WANT_WARNING WANT_ATTACHED [PROJECT_BIBLIOGRAPHY]
convert() {
  dir="$work/$1"
  mkdir -p "$dir/issue"
  printf '@misc{k, title = {here}}\n' >"$dir/issue/here.bib"
  if [ -n "${5:-}" ]; then
    printf 'project:\n  type: website\nbibliography: %s\n' "$5" >"$dir/_quarto.yml"
    printf '@misc{k, title = {root}}\n' >"$dir/root.bib"
  fi
  printf -- '---\ntitle: Dehors\n%s---\n\nUn texte.\n' \
    "${2:+bibliography: $2
}" >"$dir/issue/index.qmd"
  if ! "$folio" "$dir/issue/index.qmd" -o "$dir/out.pdf" --attach-source 2>"$dir/err"; then
    echo "$1: folio failed"; cat "$dir/err"; status=1; return
  fi
  if [ -n "$3" ]; then
    grep -q "$3" "$dir/err" || { echo "$1: no warning '$3'"; cat "$dir/err"; status=1; }
  elif grep -q "warning" "$dir/err"; then
    echo "$1: unexpected warning"; cat "$dir/err"; status=1
  fi
  list=$(pdfdetach -list "$dir/out.pdf" | tail -n +2 | sed 's/^[0-9]*: //' | sort | tr '\n' ' ')
  [ "$list" = "$4" ] || { echo "$1: attached '$list', want '$4'"; status=1; }
}

convert inside here.bib "" "here.bib index.qmd "
convert parent ../../secret.bib "bibliography '../../secret.bib': outside" "index.qmd "
convert absolute /etc/passwd "bibliography '/etc/passwd': absolute path refused" "index.qmd "
convert missing missing.bib "bibliography 'missing.bib' not found; citations kept as text" "index.qmd "
convert project "" "" "index.qmd root.bib " root.bib
convert project_out "" "the project's bibliography '.*': outside the project folder" "index.qmd " ../secret.bib
exit $status
