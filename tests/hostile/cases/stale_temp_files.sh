# Temporary files left by a killed run (kill -9 during a write) are removed
# by the next run for the same output: recognisable names
# (.NAME.folio-PID.XXXXXX), same owner, writer gone, older than the run.
# A live writer's file, a newer one and another output's are kept.
printf 'Texte.\n' >a.md
printf 'vieux' >.out.pdf.folio-2147483000.Ab12Cd
touch -d '1 hour ago' .out.pdf.folio-2147483000.Ab12Cd
printf 'vivant' >.out.pdf.folio-$$.Xy34Zw
touch -d '1 hour ago' .out.pdf.folio-$$.Xy34Zw
printf 'futur' >.out.pdf.folio-2147483001.Fu7ure
touch -d '1 hour' .out.pdf.folio-2147483001.Fu7ure
printf 'autre' >.other.pdf.folio-2147483000.Ot8her
touch -d '1 hour ago' .other.pdf.folio-2147483000.Ot8her
run a.md -o out.pdf
expect_exit 0
[ ! -e .out.pdf.folio-2147483000.Ab12Cd ] || fail "the stale temporary file was kept"
[ -e .out.pdf.folio-$$.Xy34Zw ] || fail "a live writer's temporary file was removed"
[ -e .out.pdf.folio-2147483001.Fu7ure ] || fail "a temporary file newer than the run was removed"
[ -e .other.pdf.folio-2147483000.Ot8her ] || fail "another output's temporary file was removed"
rm -f .out.pdf.folio-* .other.pdf.folio-*
# A real kill -9 while writing, then a new run: nothing left behind.
awk 'BEGIN { for (i = 0; i < 3000; i++) print "Paragraphe " i " avec assez de mots pour remplir une ligne.\n" }' >long.md
for delay in 0.2 0.5 1 1.5; do
    "$FOLIO" long.md -o out.pdf </dev/null >/dev/null 2>&1 &
    pid=$!
    sleep $delay
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
done
touch -d '1 minute ago' .out.pdf.* 2>/dev/null
run a.md -o out.pdf
expect_exit 0
expect_no_temp .
