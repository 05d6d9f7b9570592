# --fetch-remote with slow hosts (a test server on 127.0.0.1 that answers
# after 2 s): the images of a run are downloaded several at a time (before:
# one after another, 30 s each at worst), every one arrives.
command -v python3 >/dev/null || skip "python3 missing"
for i in 1 2 3 4 5 6; do printf '![lent %s](BASE/wait/2/i%s.png)\n\n' $i $i; done >tmpl.md
cat >inner.sh <<'SH'
folio=$1 base=$2
sed "s|BASE|$base|g" tmpl.md >slow.md
XDG_CACHE_HOME=$PWD/cache "$folio" slow.md --fetch-remote --allow-private-hosts -o out.pdf \
    </dev/null >folio.out 2>folio.err
echo $? >folio.rc
python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1] + "/stats").read().decode())' "$base" >stats.txt
SH
python3 "$IMAGES/server.py" "$IMAGES" sh inner.sh "$FOLIO" || fail "the test server failed"
cp folio.err "$work/err"
rc=$(cat folio.rc)
check_sane slow.md
expect_exit 0
expect_no_err 'warning'
most=$(sed -n 's/.*max_inflight=\([0-9]*\).*/\1/p' stats.txt)
[ "${most:-0}" -ge 4 ] || fail "downloads were not made together: at most ${most:-?} at once ($(cat stats.txt))"
