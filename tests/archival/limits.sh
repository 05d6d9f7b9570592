#!/bin/sh
# PDF/A's limits (ISO 19005-2 6.1.13): a link to an address longer than a
# PDF string may be (32767 bytes) keeps its text, loses its link, and says
# so; the PDF/A passes every check of pdfa.py (which finds the long string
# in the plain PDF: the check can fail).
#   limits.sh FOLIO OUTDIR
set -u
folio=$1 out=$2
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
long=$(head -c 40000 /dev/zero | tr '\0' 'a')
printf -- '---\ntitle: Limites\nlang: fr\n---\n\nUn [lien court](https://example.org/) et un [lien long](https://example.org/%s).\n' \
  "$long" >"$work/index.md"
status=0
"$folio" "$work/index.md" -o "$work/out.pdf" --pdfa 2>"$work/err" || { cat "$work/err"; exit 1; }
grep -q "warning: the address 'https://example.org/aaa.*' is 40020 bytes long, more than a PDF/A string may hold (32767): its text is printed, not linked" "$work/err" ||
  { echo "no warning for the long address:"; cat "$work/err"; status=1; }
[ "$(grep -c warning "$work/err")" = 1 ] || { echo "one warning expected:"; cat "$work/err"; status=1; }
python3 "$here/pdfa.py" "$folio" "$out" limits "$work/index.md" -- --pdfa || status=1
# the short link is still a link, the long one is not
links=$(qpdf --qdf --object-streams=disable "$out/limits.pdf" - | grep -ac '/URI (')
[ "$links" = 1 ] || { echo "$links links with an address, 1 expected"; status=1; }
python3 "$here/pdfa.py" "$folio" "$out" limits_plain "$work/index.md" 2>"$work/plain"
grep -q "has a string of 40020 bytes" "$work/plain" || { echo "the plain PDF's long string not found"; status=1; }
exit $status
