# Code annotations in bulk: 200,000 marked lines of code (each number
# from <1> to <9999>, the most a marker has, used 20 times) before a list
# of 9,999 notes. Each item looked through all the markers, and each
# marker through the markers before it to warn once a number: 4.7 s of
# CPU for 100,000 lines, four times that for these; now 0.15 s.
awk 'BEGIN {
    print "```python"
    for (i = 0; i < 200000; i++) printf "x = %d  # <%d>\n", i, i % 9999 + 1
    print "```\n"
    for (i = 1; i <= 9999; i++) printf "%d. note %d\n", i, i
}' >many.md
run_within 5 dump many.md
expect_exit 0
expect_no_err 'has no'
grep -q '^  code_block @1 lang="python" literal="x = 0\\nx = 1\\n.*annotations=1:1,2:2,' "$work/out" ||
    fail "the markers are not taken out of the code"
grep -q '^  list @200004 kind=ordered start=1 tight=true annotations=true$' "$work/out" ||
    fail "the list is not the code's notes"
# What is missing on either side is said once a number, not once a marker.
awk 'BEGIN {
    print "```python"
    for (i = 0; i < 200000; i++) printf "x = %d  # <%d>\n", i, i % 9999 + 1
    print "```\n"
    for (i = 1; i <= 9999; i++) printf "%d. note %d\n", i + 1, i
}' >off.md
run_within 5 dump off.md
expect_exit 0
expect_err 'off.md:200004: warning: code annotation <1> has no note 1 in the list after its code'
[ "$(grep -c 'code annotation <1> has no note' "$work/err")" = 1 ] || fail "<1> is warned more than once"
expect_err 'warning: note 10000 of a code annotation list has no <10000> in the code before it'
# 10,000 markers in both outputs.
awk 'BEGIN {
    print "```r"
    for (i = 1; i <= 10000; i++) printf "f(%d) # <%d>\n", i, i % 9999 + 1
    print "```\n"
    for (i = 1; i <= 9999; i++) printf "%d. note %d\n", i, i
}' >ten.md
run_within 40 ten.md -o ten.pdf
expect_exit 0
expect_lacks ten.pdf '# <'
expect_has ten.pdf 'note 9999'
run_within 20 ten.md -o ten.epub
expect_exit 0
[ "$(unzip -p ten.epub '*.xhtml' | grep -c 'class="code-annotation" href="#folio-annote-1-')" = 10000 ] ||
    fail "want 10,000 numbers linking to their notes in the EPUB"
