# A truncated jpg in a document: a placeholder and a warning, in both formats.
cp "$IMAGES/trunc.jpg" cut.jpg
printf '# Image coupée\n\n![coupée](cut.jpg)\n\nLa suite.\n' >img.md
run img.md -o out.pdf
expect_exit 0
expect_err "img.md:3: warning: image"
expect_err "cut.jpg"
expect_has out.pdf 'La suite.'
run img.md -o out.epub
expect_exit 0
expect_err "cut.jpg"
expect_has out.epub 'La suite.'
