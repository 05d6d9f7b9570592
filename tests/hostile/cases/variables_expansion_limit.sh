# {{< var >}} expansions count against the 16 MiB input limit, as includes
# do: a 1 MB value used 20 times is an error at the use that crosses it
# (before: any size, 1,000 uses made a 1 GB dump and 3.9 GB of memory).
awk 'BEGIN { printf "big: \""; for (i = 0; i < 1000000; i++) printf "x"; print "\"" }' >_variables.yml
awk 'BEGIN { for (i = 1; i <= 20; i++) print "Ligne " i " {{< var big >}}\n" }' >a.md
run dump a.md
expect_exit 1
expect_err 'a.md:33:10: error: {{< var big >}}: the document with its variables expanded exceeds the limit of 16777216 bytes'
[ ! -s "$work/out" ] || fail "a model was printed"
# Below the limit it works.
awk 'BEGIN { for (i = 1; i <= 3; i++) print "Ligne " i " {{< var big >}}\n" }' >b.md
run b.md -o out.epub
expect_exit 0
