#!/bin/bash
# The folio command as a user meets it: usage errors, exit codes, messages,
# outputs that are never lost. Usage: run.sh FOLIO_BINARY
set -u
folio=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0 passes=0

ok() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect_exit CODE CMD... : runs CMD, checks its exit status
expect_exit() {
  local want=$1; shift
  "$@" >"$work/out" 2>"$work/err"; local got=$?
  if [ "$got" = "$want" ]; then ok; else fail "exit $got, want $want: $* ($(head -c 300 "$work/err"))"; fi
}
expect_err() { # pattern in the last command's stderr
  if grep -qE -- "$1" "$work/err"; then ok; else fail "stderr lacks /$1/: $(head -c 300 "$work/err")"; fi
}

cp "$here/ok.md" "$work/ok.md"

# --help and --version
expect_exit 0 "$folio" --help
grep -q 'Usage: folio' "$work/out" && ok || fail "--help prints no usage"
expect_exit 0 "$folio" --version
grep -qE '^folio [0-9]+\.[0-9]+' "$work/out" && ok || fail "--version: $(cat "$work/out")"

# usage errors: exit 2 with one clear line
expect_exit 2 "$folio"
expect_err 'no input'
expect_exit 2 "$folio" "$work/ok.md"
expect_err 'no output'
expect_exit 2 "$folio" "$work/ok.md" -o "$work/x.docx"
expect_err 'cannot tell the format'
expect_exit 2 "$folio" --bogus "$work/ok.md" -o "$work/x.pdf"
expect_err "unknown option '--bogus'"
expect_exit 2 "$folio" "$work/ok.md" -o "$work/x.pdf" --paper a3
expect_err 'unknown paper size'
expect_exit 2 "$folio" "$work/ok.md" -o
expect_err 'needs a value'
expect_exit 2 "$folio" check "$work/ok.md" -o "$work/x.pdf"

# archival output is a PDF (tests/archival checks what it holds)
expect_exit 2 "$folio" "$work/ok.md" -o "$work/x.epub" --pdfa
expect_err 'name the output .pdf'
[ ! -e "$work/x.epub" ] && ok || fail "--pdfa wrote an EPUB"
expect_exit 0 "$folio" "$work/ok.md" -o "$work/x.pdf" --attach-source
pdfdetach -list "$work/x.pdf" >"$work/out" && grep -q 'ok.md' "$work/out" && ok ||
  fail "--attach-source did not attach ok.md"
rm -f "$work/x.pdf"

# input errors: exit 1, file named
expect_exit 1 "$folio" "$work/missing.md" -o "$work/x.pdf"
expect_err "missing.md: error: cannot read input"
[ ! -e "$work/x.pdf" ] && ok || fail "a failed run left an output"
mkdir "$work/empty-dir"
expect_exit 1 "$folio" "$work/empty-dir" -o "$work/x.epub"
expect_err 'no Markdown sources'

# dump works on a file and on standard input, same model
expect_exit 0 "$folio" dump "$work/ok.md"
cp "$work/out" "$work/dump-file"
grep -q '^  title: "Bonjour"' "$work/dump-file" && ok || fail "dump lacks the title"
(cd "$work" && "$folio" dump - <ok.md >dump-stdin 2>"$work/err") && ok || fail "dump - failed"
diff <(sed 1,2d "$work/dump-file") <(sed 1,2d "$work/dump-stdin") >/dev/null && ok || fail "dump of stdin differs from dump of the file"
expect_exit 0 "$folio" dump --json "$work/ok.md"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["meta"]["title"]=="Bonjour"' "$work/out" && ok || fail "dump --json is not the JSON model"

# conversions: both formats, atomic replacement
for fmt in pdf epub; do
  expect_exit 0 "$folio" "$work/ok.md" -o "$work/ok.$fmt"
  [ -s "$work/ok.$fmt" ] && ok || fail "no $fmt written"
done
cp "$work/ok.pdf" "$work/before.pdf"
printf -- '---\ntitle: [unclosed\n---\ntext\n' >"$work/bad.md"
expect_exit 1 "$folio" "$work/bad.md" -o "$work/ok.pdf"
expect_err 'bad.md:2:[0-9]+: error:'
cmp -s "$work/ok.pdf" "$work/before.pdf" && ok || fail "a failed run changed the previous output"

# output errors: exit 3, message names the path, previous output kept, no temporary left
expect_exit 3 "$folio" "$work/ok.md" --to pdf -o /dev/full
expect_err '/dev/full: error: cannot write'
expect_exit 3 "$folio" "$work/ok.md" -o "$work/no/such/dir/x.pdf"
expect_err 'no/such/dir/x.pdf: error: cannot write'
mkdir "$work/ro" && cp "$work/before.pdf" "$work/ro/ok.pdf"
chmod 555 "$work/ro"
runner=()
# As root the folder's mode is no obstacle: run as nobody, with a data folder
# nobody can read (the source tree may be under /root).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  chmod 755 "$work" && chmod 644 "$work/ok.md"
  cp -r "$here/../../fonts" "$here/../../styles" "$work/" && chmod -R a+rX "$work/fonts" "$work/styles"
  cp "$folio" "$work/folio-nobody" && chmod a+rx "$work/folio-nobody"
  runner=(env FOLIO_DATA_DIR="$work" setpriv --reuid=nobody --regid=nogroup --clear-groups)
  nobody_folio="$work/folio-nobody"
fi
if [ "$(id -u)" != 0 ] || [ ${#runner[@]} -gt 0 ]; then
  expect_exit 3 "${runner[@]}" "${nobody_folio:-$folio}" "$work/ok.md" -o "$work/ro/ok.pdf"
  expect_err 'ro/ok.pdf: error: cannot write'
  cmp -s "$work/ro/ok.pdf" "$work/before.pdf" && ok || fail "read-only folder: previous output changed"
else
  echo "skip: read-only folder case (root without setpriv)"
fi
[ -z "$(ls -A "$work/ro" | grep -v '^ok.pdf$')" ] && ok || fail "temporary files left: $(ls -A "$work/ro")"
chmod 755 "$work/ro"

# A featured image the body already shows is printed once, not twice
cp "$here/../../examples/infolettre/adoption.png" "$work/"
printf -- '---\ntitle: Une\nimage: adoption.png\n---\n\n![Graphique](adoption.png)\n\nTexte.\n' >"$work/featured.md"
n=$("$folio" dump --layout "$work/featured.md" 2>/dev/null | grep -c '^ *image ')
[ "$n" = 1 ] && ok || fail "featured image shown by the body: $n image boxes, want 1"
printf -- '---\ntitle: Une\nimage: adoption.png\n---\n\nTexte.\n' >"$work/featured2.md"
n=$("$folio" dump --layout "$work/featured2.md" 2>/dev/null | grep -c '^ *image ')
[ "$n" = 1 ] && ok || fail "featured image alone: $n image boxes, want 1"

# A compilation without --title is named after the shared category and the
# years, the same in the PDF and the EPUB
mkdir -p "$work/book/a" "$work/book/b"
printf -- '---\ntitle: A\ndate: 2023-02-01\ncategories: [Gazette, Autre]\n---\n\nUn.\n' >"$work/book/a/index.md"
printf -- '---\ntitle: B\ndate: 2024-03-01\ncategories: [Gazette]\n---\n\nDeux.\n' >"$work/book/b/index.md"
"$folio" "$work/book" -o "$work/book.pdf" -q && "$folio" "$work/book" -o "$work/book.epub" -q
pdfinfo "$work/book.pdf" | grep -q '^Title: *Gazette 2023–2024$' && ok || fail "PDF book title: $(pdfinfo "$work/book.pdf" | grep Title)"
python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("EPUB/package.opf").decode())' "$work/book.epub" | grep -q '<dc:title[^>]*>Gazette 2023–2024<' && ok || fail "EPUB book title differs"

# An issue with no title goes by its file's name, the same in the PDF's title
# block, running head and the EPUB, never by the path it was given as
mkdir -p "$work/sub"
printf 'Sans titre.\n' >"$work/sub/notes-mai.md"
"$folio" "$work/sub/notes-mai.md" -o "$work/untitled.pdf" -q && "$folio" "$work/sub/notes-mai.md" -o "$work/untitled.epub" -q
t=$(pdftotext "$work/untitled.pdf" - 2>/dev/null)
! grep -q "$work" <<<"$t" && grep -qx 'notes-mai' <<<"$t" && ok || fail "untitled PDF: $(head -c 200 <<<"$t")"
x=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("EPUB/issue-01.xhtml").decode())' "$work/untitled.epub")
grep -q '<h1 id="folio-title">notes-mai<' <<<"$x" && ok || fail "untitled EPUB title differs"

# A compilation's inputs are parsed on the run's threads: each issue's
# messages still come in the issues' order, the same with -j 1 and -j 4, an
# issue that cannot be read (bad front matter) at its place
mkdir -p "$work/warn"
for i in 01 02 03 04 05 06 07 08; do
  printf -- '---\ntitle: N%s\ndate: 2023-01-%s\n---\n\nTexte [@cle%s] et [@autre%s].\n' $i $i $i $i >"$work/warn/n$i.md"
done
printf -- '---\ntitle: [N05\ndate: 2023-01-05\n---\n\nTexte [@cle05].\n' >"$work/warn/n05.md"
# the first issue long (its warnings come last in its parse): on threads the
# others' would be ready before them
{ printf -- '---\ntitle: N01\ndate: 2023-01-01\n---\n\n'
  for i in $(seq 1 3000); do printf 'Paragraphe %s, du texte pour que cette lecture dure un peu plus.\n\n' $i; done
  printf 'Texte [@cle01] et [@autre01].\n'; } >"$work/warn/n01.md"
for j in 1 4; do
  expect_exit 1 "$folio" "$work/warn"/n0*.md -o "$work/warn$j.pdf" -j $j
  cp "$work/err" "$work/warn$j.err"
done
grep -q 'n05.md:[0-9:]*: error: front matter' "$work/warn4.err" && ok || fail "bad front matter not reported: $(head -c 300 "$work/warn4.err")"
grep -o 'n0[0-9]\.md' "$work/warn1.err" | uniq | tr '\n' ' ' >"$work/order1"
[ "$(cat "$work/order1")" = "n01.md n02.md n03.md n04.md n05.md n06.md n07.md n08.md " ] && ok ||
  fail "messages of a compilation out of the inputs' order: $(cat "$work/order1")"
cmp -s "$work/warn1.err" "$work/warn4.err" && ok || fail "messages differ between -j 1 and -j 4: $(diff "$work/warn1.err" "$work/warn4.err" | head -5)"
[ "$(grep -c 'cle0' "$work/warn4.err")" = 7 ] && [ "$(grep -c 'autre0' "$work/warn4.err")" = 7 ] && ok ||
  fail "every issue's two warnings: $(head -c 300 "$work/warn4.err")"

# Warnings of one kind past the first 50 are counted, not shown: one line
# says how many more, after the run; other kinds are shown all the same,
# and folio check counts every one (its exit status unchanged)
{ printf -- '---\ntitle: Icônes\n---\n\n'
  for i in $(seq 1 100); do printf '{{< fa pas-une-icone-%s >}} mot\n\n' $i; done
  printf 'Texte [@cle].\n'; } >"$work/icons.md"
for run in "-o $work/icons.epub" "-o $work/icons.pdf" "check"; do
  if [ "$run" = check ]; then expect_exit 1 "$folio" check "$work/icons.md"
  else expect_exit 0 "$folio" "$work/icons.md" $run; fi
  [ "$(grep -c 'warning: {{< fa pas-une-icone-[0-9]* >}}: no such icon' "$work/err")" = 50 ] && ok ||
    fail "$run: want the first 50 unknown icons shown: $(grep -c 'no such icon' "$work/err")"
  grep -q "icons.md:5:1: warning: {{< fa pas-une-icone-1 >}}: no such icon" "$work/err" &&
    grep -q "icons.md:103:1: warning: {{< fa pas-une-icone-50 >}}: no such icon" "$work/err" && ok ||
    fail "$run: the first warnings moved: $(head -c 300 "$work/err")"
  grep -q '^.*icons.md: warning: … and 50 more like "{{< fa pas-une-icone-1 >}}: no such icon' "$work/err" && ok ||
    fail "$run: no count of the others: $(tail -c 300 "$work/err")"
  grep -q 'icons.md:205:8: warning: citation @cle' "$work/err" && ok || fail "$run: another kind was hidden"
done
grep -q '^folio: 0 errors, 101 warnings$' "$work/err" && ok || fail "check counts: $(tail -1 "$work/err")"
[ "$(tail -1 "$work/err")" = "folio: 0 errors, 101 warnings" ] && ok || fail "check: the count is not last"
expect_exit 0 "$folio" "$work/icons.md" -o "$work/icons.epub" -q
[ ! -s "$work/err" ] && ok || fail "-q printed: $(head -c 300 "$work/err")"

# -o - writes the file to standard output and nothing else
"$folio" "$work/ok.md" -o - >"$work/stdout.pdf" 2>"$work/err" && head -c 5 "$work/stdout.pdf" | grep -q '%PDF-' && ok || fail "-o - did not write a PDF to stdout"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
