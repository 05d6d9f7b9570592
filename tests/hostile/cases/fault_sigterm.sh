# SIGTERM (and SIGINT) in the middle of a long compilation: the previous
# output is untouched and no temporary file is left, whenever the signal lands.
printf -- '---\ntitle: Avant\n---\nAncien contenu.\n' >old.md
run old.md -o out.pdf
expect_exit 0
cp out.pdf before.pdf
awk 'BEGIN { print "# Long"; for (i = 0; i < 6000; i++) print "Paragraphe " i " avec du texte *mis en forme* et assez de mots pour remplir des lignes justifiees.\n" }' >long.md
for sig in TERM INT TERM; do
    for delay in 0.05 0.3 0.8; do
        "$FOLIO" long.md -o out.pdf </dev/null >/dev/null 2>"$work/err" &
        pid=$!
        sleep $delay
        kill -$sig $pid 2>/dev/null
        wait $pid
        rc=$?
        grep -qE 'Sanitizer|runtime error:' "$work/err" && fail "sanitizer report after SIG$sig"
        if [ "$rc" = 0 ]; then
            # It finished first: the new output is whole, put the old one back.
            expect_has out.pdf 'Paragraphe 5999'
            cp before.pdf out.pdf
        else
            cmp -s out.pdf before.pdf || fail "SIG$sig after ${delay}s: the previous output changed"
        fi
        expect_no_temp .
    done
done
