# An SVG of more than 100 000 elements: refused before librsvg parses it.
awk 'BEGIN { print "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"; for (i = 0; i < 100001; i++) print "<rect width=\"1\" height=\"1\"/>"; print "</svg>" }' >big.svg
printf '![lourd](big.svg)\n\nFin.\n' >img.md
run img.md -o out.pdf
expect_exit 0
expect_err "img.md:1: warning: image 'big.svg': SVG too complex"
