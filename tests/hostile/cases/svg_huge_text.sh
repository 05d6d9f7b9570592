# SVG text drawn absurdly large — a font size of 100,000 or 1e30, a
# transform of 1e30, a tiny viewBox printed full width, a size set by a
# <style> sheet or through <use> chains — is refused with a warning at the
# image's line (before: librsvg aborted the process, or cairo's PDF surface
# crashed writing the glyph: exit 134/139, nothing written). Ordinary SVG
# text is still drawn.
svg() { printf '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" %s</svg>\n' "$2" >"$1.svg"; }
svg size 'width="100" height="100"><text y="50" font-size="100000">x</text>'
svg huge 'width="100" height="100"><text y="50" font-size="1e30">x</text>'
svg scaled 'width="100" height="100"><g transform="scale(1e30)"><text font-size="1">x</text></g>'
svg tiny 'width="1" height="1" viewBox="0 0 1 1"><text y="1" font-size="1000">x</text>'
svg sheet 'width="100" height="100"><style>text { font: bold 1e29px serif }</style><text y="50">x</text>'
svg used 'width="100" height="100"><defs><g id="a"><text font-size="10">x</text></g><g id="b"><use xlink:href="#a" transform="scale(100)"/></g><g id="c"><use xlink:href="#b" transform="scale(100)"/></g></defs><use xlink:href="#c"/>'
svg fine 'width="200" height="50"><text x="5" y="30" font-size="20">Bonjour</text>'
for n in size huge scaled tiny sheet used; do printf '![%s](%s.svg){width=100%%}\n\n' $n $n; done >img.md
printf '![fine](fine.svg)\n\nFin du texte.\n' >>img.md
run img.md -o out.pdf
expect_exit 0
line=1
for n in size huge scaled tiny sheet used; do
    expect_err "img.md:$line: warning: image '$n.svg': SVG text too large to draw"
    line=$((line + 2))
done
expect_no_err "fine.svg"
expect_has out.pdf 'Bonjour'
expect_has out.pdf 'Fin du texte.'
# A tiny font under a huge transform (font-size 1, scale(400)): librsvg
# asks pango for a font of the size times the scale squared, which FreeType
# refuses; refused here too (before: folio crashed writing the PDF, or the
# whole PDF failed with "error occurred in libfreetype").
svg upscaled 'width="100" height="100"><g transform="scale(400)"><text font-size="1">x</text></g>'
printf 'Avant.\n\n![upscaled](upscaled.svg)\n\nFin du texte.\n' >up.md
run up.md -o up.pdf
expect_exit 0
expect_err "up.md:3: warning: image 'upscaled.svg': SVG text too large to draw"
expect_has up.pdf 'Fin du texte.'
run up.md -o up.epub
expect_exit 0
