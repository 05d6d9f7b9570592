# SIGTERM (and SIGINT) in the middle of a long compilation: the previous
# output is untouched (or, had the signal come during the rename, replaced by
# the whole new one) and no temporary file is left, whenever it lands.
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
        if ! cmp -s out.pdf before.pdf; then
            # It finished first, or the signal waited for the rename: the
            # new output must then be whole. Put the old one back.
            expect_has out.pdf 'Paragraphe 5999'
            cp before.pdf out.pdf
        elif [ "$rc" = 0 ]; then
            fail "SIG$sig after ${delay}s: exit 0 but the output was not replaced"
        fi
        expect_no_temp .
    done
done
