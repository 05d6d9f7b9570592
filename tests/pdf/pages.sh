#!/bin/sh
# Pages as a reader holds them, for each fixture or sample given: the keep
# rules (keeps.py on the layout: headings with what follows, captions with
# their figure, short callouts and quotes whole, figures in order) and the
# page report (pagereport.py on the PDF: no page but a chapter's last with
# a blank gap over 25% of its height; the worst inter-word stretch), one
# line per document. pages.sh FOLIO OUTDIR SOURCE... (a folder: every
# issue below it); exit 77 when a folder given is missing.
folio=$1 out=$2
shift 2
here=$(dirname "$0")
status=0
for arg in "$@"; do
  if [ -d "$arg" ]; then
    set -- $(find "$arg" -name index.md -o -name index.qmd | sort)
  elif [ ! -f "$arg" ]; then
    echo "pages: $arg not found, skipped"
    exit 77
  else
    set -- "$arg"
  fi
  for src in "$@"; do
    name=$(basename "$src" | sed 's/\.[^.]*$//')
    [ "$name" = index ] && name=$(basename "$(dirname "$src")")
    pdf=$out/pages_$name.pdf layout=$out/pages_$name.layout
    if ! "$folio" "$src" -o "$pdf" -q --fix-encoding ||
       ! "$folio" dump --layout "$src" -q --fix-encoding >"$layout"; then
      echo "pages: $src: folio failed"
      status=1
      continue
    fi
    python3 "$here/keeps.py" "$layout" "$src" || status=1
    python3 "$here/pagereport.py" "$pdf" "$layout" --name "$name" || status=1
  done
done
exit $status
