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
