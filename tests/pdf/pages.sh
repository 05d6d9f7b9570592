#!/bin/sh
# Pages as a reader holds them, for each fixture or sample given: the keep
# rules (keeps.py on the layout: headings with what follows, captions with
# their figure, short callouts and quotes whole, figures in order) and the
# page report (pagereport.py on the PDF: no page but a chapter's last with
# a blank gap over 25% of its height; the worst inter-word stretch), one
# line per document. pages.sh FOLIO OUTDIR [--book] SOURCE... (a folder:
# every issue below it; with --book: the folder as one compilation); exit
# 77 when a folder given is missing.
folio=$1 out=$2
shift 2
here=$(dirname "$0")
status=0
book=
if [ "$1" = --book ]; then
  book=1
  shift
fi
for arg in "$@"; do
  if [ -d "$arg" ] && [ -n "$book" ]; then
    set -- "$arg"
  elif [ -d "$arg" ]; then
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
    [ -d "$src" ] && name=book_$name
    pdf=$out/pages_$name.pdf layout=$out/pages_$name.layout
    if ! "$folio" "$src" -o "$pdf" -q --fix-encoding ||
       ! "$folio" dump --layout "$src" -q --fix-encoding >"$layout"; then
      echo "pages: $src: folio failed"
      status=1
      continue
    fi
    # the figures' order is checked against one source (a book's chapters
    # go in date order)
    order=$src
    [ -d "$src" ] && order=
    python3 "$here/keeps.py" "$layout" $order || status=1
    python3 "$here/pagereport.py" "$pdf" "$layout" --name "$name" || status=1
  done
done
exit $status
