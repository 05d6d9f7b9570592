# The file system refuses to grow the output (RLIMIT_FSIZE, as a full disk
# would): exit 3 naming the path, previous output untouched, no temporary
# file, and no death by SIGXFSZ in the middle of the write.
printf -- '---\ntitle: Avant\n---\nAncien contenu.\n' >old.md
run old.md -o out.pdf
expect_exit 0
cp out.pdf before.pdf
awk 'BEGIN { print "# Nouveau"; for (i = 0; i < 400; i++) print "Un paragraphe de texte pour grossir le fichier.\n" }' >new.md
(ulimit -f 8 && exec "$FOLIO" new.md -o out.pdf) </dev/null >"$work/out" 2>"$work/err"
rc=$?
check_sane new.md -o out.pdf
expect_exit 3
expect_err 'out.pdf'
cmp -s out.pdf before.pdf || fail "the previous output changed"
expect_no_temp .
