# A NUL byte in the middle of a paragraph, to a PDF.
printf '# Titre\n\nUn texte\000 coupé.\n' >nul.md
run nul.md -o out.pdf
expect_exit 1
expect_err 'nul.md:3:9: error: invalid UTF-8: NUL byte'
