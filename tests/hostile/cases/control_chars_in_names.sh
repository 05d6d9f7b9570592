# File names and source text with control characters cannot forge a
# diagnostic line or drive the terminal: newlines, ESC sequences, C1
# controls and bidirectional overrides are printed escaped, everywhere.
nl=$(printf 'evil\nfake.md:1:1: error: forged')
esc=$(printf 'red\033[31m')
bidi=$(printf 'bidi\342\200\256dm.txt')
mkdir -p "c/$nl" "c/$esc"
printf -- '---\ntitle: A\ndate: 2023-01-01\n---\nTexte {{< var nope >}}.\n' >"c/$nl/index.md"
printf -- '---\ntitle: B\ndate: 2023-02-01\n---\nTexte {{< var nope >}}.\n' >"c/$esc/index.md"
ln -s nowhere "c/$bidi.md"
printf 'Texte {{< var %s >}}.\n' "$(printf 'k\033]0;title\007')" >"c/key.md"
run -v c -o out.pdf
expect_exit 0
grep -q "$(printf '\033')" "$work/err" && fail "stderr holds a raw ESC"
grep -q "$(printf '\342\200\256')" "$work/err" && fail "stderr holds a raw bidi override"
grep -q '^fake.md' "$work/err" && fail "a file name forged a diagnostic line"
expect_err 'c/evil\nfake.md:1:1: error: forged/index.md:5:7: warning: {{< var nope >}}'
expect_err 'c/red\x1B[31m/index.md:5:7: warning:'
expect_err 'c/bidi\u202Edm.txt.md: warning: a symbolic link to nothing; skipped'
# the controls of a source's text are removed, each warned about (issue 9)
expect_err 'c/key.md:1:16: warning: unprintable character U+001B (a control character); removed'
expect_err 'c/key.md:1:25: warning: unprintable character U+0007 (a control character); removed'
expect_err 'c/key.md:1:7: warning: {{< var k]0;title >}}'
expect_err 'folio: parsed c/red\x1B[31m/index.md'
run "$(printf 'x\033[2J.md')" -o out.pdf
expect_exit 1
expect_err 'x\x1B[2J.md: error: cannot read input'
run --title "$(printf 't\033')" --bogus"$(printf '\033')" a.md -o out.pdf
expect_exit 2
expect_err "unknown option '--bogus\\x1B'"
