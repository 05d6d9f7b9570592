# Old Mac files (a lone CR ends each line) and Windows files (CRLF), the
# source and an include: front matter read as such, every node and
# diagnostic at the line and column an editor shows.
printf -- '---\rtitle: Vieux Mac\r---\r# Titre\r\rTexte avec {{< var nope >}} ici.\r\r{{< include part.md >}}\r' >mac.md
printf 'Un\r\rDeux {{< var rien >}}\r' >part.md
run dump mac.md
expect_exit 0
grep -q '^  title: "Vieux Mac"' "$work/out" || fail "front matter not read: $(head -5 "$work/out")"
grep -q '^  heading @4 ' "$work/out" || fail "heading not at line 4: $(grep heading "$work/out")"
expect_err 'mac.md:6:12: warning: {{< var nope >}}: no such variable'
expect_err 'part.md:3:6: warning: {{< var rien >}}: no such variable'
printf -- '---\r\ntitle: Windows\r\n---\r\n# Titre\r\n\r\nTexte avec {{< var nope >}} ici.\r\n' >win.md
run dump win.md
expect_exit 0
grep -q '^  title: "Windows"' "$work/out" || fail "CRLF front matter not read"
grep -q '^  heading @4 ' "$work/out" || fail "CRLF heading not at line 4"
expect_err 'win.md:6:12: warning: {{< var nope >}}: no such variable'
run mac.md -o out.pdf
expect_exit 0
expect_lacks out.pdf 'title: Vieux'
expect_has out.pdf 'Deux'
