#!/bin/sh
# Project discovery on two small sites: a Quarto project (_quarto.yml and
# its profile file _quarto-fr.yml) and a Hugo site (config/_default/, author
# pages). The dumps are golden files (UPDATE=1 rewrites them); folio check
# tells which images the project's boundary lets in.
#   run.sh FOLIO DIR
set -u
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
dir=$2
golden=$dir/../golden/run.sh
status=0
fail() {
    echo "FAIL $*"
    status=1
}
sh "$golden" "$bin" "$dir/quarto/issue_1" index.qmd || status=1
sh "$golden" "$bin" "$dir/hugo/content/post/first" index.md || status=1

# An image in another folder of the project is the issue's; one outside the
# project is refused, as a path from the site's root never escapes it.
out=$("$bin" check "$dir/quarto/issue_1/index.qmd" 2>&1)
echo "$out" | grep -q "image" && fail "issue_1: $out"
out=$("$bin" check "$dir/quarto/issue_2.qmd" 2>&1)
[ $? -eq 1 ] || fail "issue_2: check should fail"
echo "$out" | grep -q "issue_2.qmd:8:.*'../outside.png'.*outside the project folder" ||
    fail "issue_2: the image outside the project is not reported: $out"
[ "$(echo "$out" | grep -c ": warning:")" = 1 ] || fail "issue_2: one warning expected: $out"
# A Hugo site configured in TOML: its top-level keys and [languages.en].
out=$("$bin" dump "$dir/toml/post/index.md" 2>&1) || fail "toml: $out"
for want in 'lang en-gb' '  title: "TOML Site"' '  site-url: "https://toml.example.org/"' '  emoji: true'; do
    echo "$out" | grep -qxF "$want" || fail "toml: no line '$want' in: $out"
done

# A malformed project file is a warning: the issue converts all the same.
out=$("$bin" dump "$dir/broken/issue/index.qmd" 2>&1 >/dev/null) || fail "broken: $out"
echo "$out" | grep -q "_quarto.yml:2:10: warning: site settings: .*; the file is ignored" ||
    fail "broken: $out"
exit $status
