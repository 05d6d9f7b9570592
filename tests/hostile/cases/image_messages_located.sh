# Image messages name the file and line the author wrote, an include's own
# (before: the main source's name with the include's line, and an SVG that
# failed to draw named its absolute path with no line).
mkdir parts
printf 'Avant.\n\n{{< include parts/b.md >}}\n' >a.md
printf 'Un.\n\nDeux.\n\n![manque](manque.png)\n' >parts/b.md
run a.md -o out.pdf
expect_exit 0
expect_err "parts/b.md:5: warning: image 'manque.png': not found; a placeholder is used"
expect_no_err "a.md:5"
# An SVG that cannot be drawn, in an include: its use there, not its path.
printf '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text y="50" font-size="1e30">x</text></svg>\n' >parts/huge.svg
printf 'Un.\n\n![immense](parts/huge.svg)\n' >parts/c.md
printf 'Avant.\n\n{{< include parts/c.md >}}\n' >svg.md
run svg.md -o out.pdf
expect_exit 0
expect_err "parts/c.md:3: warning: image 'parts/huge.svg': SVG text too large to draw"
expect_no_err "$PWD"
