# A reference definition's address is read once, not at every use (md4c
# reads it again at each: the pre-pass hands long ones to the builder).
# Before: a 1 MB address used 100,000 times took ~150 s of CPU, a 60 KB one
# used 400,000 times 37 s; now about a second each.
awk 'BEGIN { for (i = 0; i < 100000; i++) print "Voir [le site][r].\n"; printf "[r]: <https://example.org/"; for (i = 0; i < 1000000; i++) printf "a"; print "> \"Titre\"" }' >huge.md
run_within 15 dump huge.md
expect_exit 0
expect_err 'huge.md:200001:6: warning: link address of 1000020 bytes is longer than 64 KiB; the text is kept without the link wherever it is used'
[ "$(grep -c 'longer than 64 KiB' "$work/err")" = 1 ] || fail "want one warning for the address"
[ "$(grep -c 'text literal="le site"' "$work/out")" = 100000 ] || fail "want the 100,000 link texts"
grep -q 'link url=' "$work/out" && fail "no link should be left"
# Below the cap the address is a link, decoded as md4c decodes it (the
# input limit cuts the uses past 16 MiB of addresses).
awk 'BEGIN { for (i = 0; i < 400000; i++) print "[a][r]\n"; printf "[r]: https://example.org/\\_&amp;"; for (i = 0; i < 60000; i++) printf "b"; print " '"'"'T'"'"'" }' >long.md
run_within 15 dump long.md
expect_exit 0
expect_err 'warning: link addresses used here and before add up to more than the input limit'
[ "$(grep -c 'link url="https://example.org/_&bbbb' "$work/out")" = 279 ] ||
    fail "want 279 links to the decoded address, got $(grep -c 'link url="https://example.org/_&bbbb' "$work/out")"
[ "$(grep -c 'text literal="a"' "$work/out")" = 400000 ] || fail "want the 400,000 link texts"
grep -q 'folio-reference' "$work/out" && fail "the placeholder reached the model"
# The placeholder is out of band: typed by an author it is an address like
# any other, and a definition-like line in code or a paragraph is left alone.
awk 'BEGIN { printf "[a][r] [b][s]\n\n[s]: #folio-reference\n\n    [c]: https://example.org/"; for (i = 0; i < 300; i++) printf "c"; printf "\n\nTexte\n[d]: https://example.org/"; for (i = 0; i < 300; i++) printf "d"; printf "\n\n[r]: https://example.org/"; for (i = 0; i < 300; i++) printf "r"; print "" }' >typed.md
run dump typed.md
expect_exit 0
grep -q 'link url="#folio-reference"' "$work/out" || fail "a typed placeholder is a link to itself"
grep -q 'link url="https://example.org/rrrr' "$work/out" || fail "the long address of [r] is lost"
grep -q 'literal="\[c\]: https://example.org/cccc' "$work/out" || fail "code lost its text"
grep -q 'literal="\[d\]: "' "$work/out" && grep -q 'literal="https://example.org/dddd' "$work/out" ||
    fail "a paragraph lost its text"
