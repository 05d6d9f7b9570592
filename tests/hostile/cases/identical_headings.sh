# 40,000 headings with the same text get ids titre, titre-1 … titre-39999
# from one counter per text: linear (before: every heading tried every
# suffix, allocating each try: 10,000 took 27 s and 821 MB; 40,000 would
# take about 16 times that).
awk 'BEGIN { print "# Titre {#titre-2}\n"; for (i = 0; i < 40000; i++) print "# Titre\n" }' >same.md
# ~430 s before, 0.1 s now
run_within 10 dump same.md
expect_exit 0
grep -q 'heading @3 level=1 id="titre"' "$work/out" || fail "first heading is not titre: $(grep -m2 heading "$work/out")"
grep -q 'heading @5 level=1 id="titre-1"' "$work/out" || fail "second heading is not titre-1"
grep -q 'heading @7 level=1 id="titre-3"' "$work/out" || fail "the third skips the author's titre-2: $(grep -m4 heading "$work/out" | tail -1)"
grep -q 'heading @80001 level=1 id="titre-40000"' "$work/out" || fail "last heading: $(grep heading "$work/out" | tail -1)"
[ "$(grep -o 'id="[^"]*"' "$work/out" | sort | uniq -d | head -1)" = "" ] || fail "duplicate ids"
