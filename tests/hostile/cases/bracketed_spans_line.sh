# A line full of pandoc bracketed spans, "x[a]{.b}" over and over: the
# attribute pass copied the rest of the text after each span (and looked
# for each "]{"'s opening bracket from the start of the text), so the time
# and the memory grew with the square of the line: 40,000 spans (320 KB)
# took 5.4 s and 6.1 GB. Now each span's rest is the text's own tail.
spans() {
    awk -v n="$1" -v m="$2" 'BEGIN {
        for (i = 0; i < n; i++) printf "x[a]{.b}"; print "\n"
        for (i = 0; i < m; i++) printf "a]{.b}"; print "\n"
        print "[*une*]{.c} fin"
    }' >"$3"
}
spans 40000 40000 large.md
# 0.16 s of CPU in a plain build, 5.7 s under ASan (linear as well)
limit=3
sanitizer_build && limit=30
run_within "$limit" dump large.md
expect_exit 0
[ "$(grep -c '^    span class="b"' "$work/out")" = 40000 ] || fail "want 40,000 spans"
[ "$(grep -c '^    span class="c"' "$work/out")" = 1 ] || fail "want the span around emphasis"
# (the peak only once the time is right: before, it was gigabytes)
if [ "$rc" = 0 ] && ! sanitizer_build; then
    run_peak dump large.md
    [ "$kb" -lt 200000 ] || fail "peak RSS $kb KB for 40,000 spans (6.1 GB before)"
fi

# Spans with words in them, to the line's limit: each span measured the
# whole rest of its line again (strlen); four lines of 30,000 spans (960 KB
# each) took 8.4 times the CPU of four of 7,500 (1.35 s against 0.16 s;
# under ASan, whose strstr measures its whole text, 14 times: 54 s);
# now 4.2 times (0.55 s, a third of it the kernel's page faults).
words() {
    awk -v n="$1" 'BEGIN {
        for (l = 0; l < 4; l++) {
            for (i = 0; i < n; i++) printf "[Petites Capitales]{.smallcaps} "
            print "fin"
        }
    }' >"$2"
}
words 7500 small.md
words 30000 wide.md
run_within "$limit" dump wide.md
expect_exit 0
[ "$(grep -c '^    span class="smallcaps"' "$work/out")" = 120000 ] || fail "want 120,000 spans"
# the better of two runs each, against the noise of a shared machine
best() { a=$(cpu_ms dump "$1"); b=$(cpu_ms dump "$1"); [ "$a" -le "$b" ] && echo "$a" || echo "$b"; }
small=$(best small.md)
large=$(best wide.md)
[ "$large" -le $((small * 6)) ] || fail "7,500 → 30,000 spans a line: ${small} → ${large} ms of CPU (more than ×6)"
