# Symbolic links in a compilation folder. A link to nothing is skipped with
# a warning wherever it sorts (before: it broke the compilation when it
# sorted after a good file, and was skipped silently before one); a link to
# the folder itself is a loop, walked once with a warning (before: the same
# issue 33 times); two such links do not make 2^32 paths (before: endless).
mkdir -p c1 c2 c3
printf -- '---\ntitle: Bon\ndate: 2023-01-01\n---\nLe bon texte.\n' >c1/b.md
cp c1/b.md c2/b.md
cp c1/b.md c3/b.md
ln -s nowhere.md c1/a.md
ln -s nowhere.md c1/z.md
run c1 -o one.epub
expect_exit 0
expect_err 'c1/a.md: warning: a symbolic link to nothing; skipped'
expect_err 'c1/z.md: warning: a symbolic link to nothing; skipped'
ln -s . c2/self
run c2 -o two.epub
expect_exit 0
expect_err "c2/self: warning: the same folder as 'c2' (a symbolic link loop); skipped"
n=$(unzip -p one.epub '*.opf' | grep -c '<itemref')
[ "$(unzip -p two.epub '*.opf' | grep -c '<itemref')" = "$n" ] || fail "the issue was collected more than once"
ln -s . c3/again
ln -s . c3/self
run c3 -o three.epub
expect_exit 0
[ "$(unzip -p three.epub '*.opf' | grep -c '<itemref')" = "$n" ] || fail "two loops: the issue was collected more than once"
# The links to nothing under valgrind: no use of a stat that failed (before:
# st was read after a failed stat). Not in a sanitizer build (valgrind
# cannot run one).
if command -v valgrind >/dev/null && ! grep -q __asan_init "$FOLIO"; then
    valgrind -q --error-exitcode=99 --track-origins=yes "$FOLIO" check c1 </dev/null >/dev/null 2>vg.txt
    [ $? = 99 ] && { fail "valgrind found errors:"; head -30 vg.txt; }
fi
