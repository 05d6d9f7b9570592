#!/bin/sh
# Title and summary with HTML and Markdown in them reach the PDF's Title and
# Subject and the EPUB's dc:title and dc:description as text, never as tags.
#   meta.sh FOLIO OUTDIR SOURCE
set -u
bin=$1 out=$2 src=$3
mkdir -p "$out"
status=0
"$bin" "$src" -o "$out/meta.pdf" && "$bin" "$src" -o "$out/meta.epub" || exit 1
info=$(pdfinfo "$out/meta.pdf")
echo "$info" | grep -qx 'Title: *Sum test' || { echo "FAIL PDF title: $info"; status=1; }
echo "$info" | grep -qx 'Subject: *Using observable and bold & a link' || { echo "FAIL PDF subject: $info"; status=1; }
opf=$(unzip -p "$out/meta.epub" EPUB/package.opf)
echo "$opf" | grep -qF '<dc:title>Sum test</dc:title>' || { echo "FAIL dc:title: $opf"; status=1; }
echo "$opf" | grep -qF '<dc:description>Using observable and bold &amp; a link</dc:description>' ||
    { echo "FAIL dc:description: $opf"; status=1; }
exit $status
