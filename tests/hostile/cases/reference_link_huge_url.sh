# Reference links: an address defined once and used many times is one copy
# in the model, an address over 64 KiB is no link (its text is kept, with a
# warning at the definition), and every use counts against the input limit
# (past it, links keep their text). Before: a 500 KB address used 2,000
# times took 3.0 GB (EPUB) and wrote a 1 GB PDF. The time it takes:
# reference_link_many_uses.
awk 'BEGIN { for (i = 0; i < 400; i++) print "Voir [le site][r] et [encore][r]."; printf "\n[r]: https://example.org/"; for (i = 0; i < 100000; i++) printf "a"; print "" }' >huge.md
run huge.md -o out.epub
expect_exit 0
expect_err 'huge.md:402:6: warning: link address of 100020 bytes is longer than 64 KiB; the text is kept without the link wherever it is used'
run huge.md -o out.pdf
expect_exit 0
expect_has out.pdf 'Voir le site et encore.'
expect_lacks out.epub 'aaaaaaaaaa'
[ "$(grep -c 'longer than 64 KiB' "$work/err")" = 1 ] || fail "want one warning for the address"
# Below the cap, one copy of the address in the model however often it is used.
awk 'BEGIN { for (i = 0; i < 200; i++) print "Voir [le site][r]."; printf "\n[r]: https://example.org/"; for (i = 0; i < 60000; i++) printf "b"; print "" }' >long.md
run dump long.md
expect_exit 0
[ "$(grep -c 'link url=' "$work/out")" = 200 ] || fail "want 200 links in the model"
run long.md -o out.epub
expect_exit 0
# 300 uses of a 60 KB address add up to 18 MB, over the 16 MiB input limit:
# the 280th use and the next keep their text only, one warning.
awk 'BEGIN { for (i = 1; i <= 300; i++) print "Lien " i " [le site][r].\n"; printf "\n[r]: https://example.org/"; for (i = 0; i < 60000; i++) printf "b"; print "" }' >many.md
run dump many.md
expect_exit 0
expect_err 'many.md:559:10: warning: link addresses used here and before add up to more than the input limit of 16777216 bytes'
[ "$(grep -c 'link url=' "$work/out")" = 279 ] || fail "want 279 links in the model, got $(grep -c 'link url=' "$work/out")"
# Inline links and images over 64 KiB: their text, one warning each at the
# address, and no diagnostic quoting the megabyte (it named images whole).
awk 'BEGIN { printf "Voir ![img](https://example.org/"; for (i = 0; i < 900000; i++) printf "a"; printf ")\n\net [lien](https://x.org/"; for (i = 0; i < 900000; i++) printf "c"; print ")." }' >inline.md
run inline.md -o inline.pdf
expect_exit 0
expect_err 'inline.md:1:7: warning: image address of 900020 bytes is longer than 64 KiB; its description is kept as text'
expect_err 'inline.md:3:4: warning: link address of 900014 bytes is longer than 64 KiB; the text is kept without the link'
expect_has inline.pdf 'Voir img'
expect_has inline.pdf 'et lien.'
[ "$(wc -c <"$work/err")" -lt 1000 ] || fail "the diagnostics quote the address"
