# Overlong and surrogate UTF-8 encodings (a classic filter bypass), to an EPUB.
printf 'Un slash \300\257 et un surrogate \355\240\200.\n' >bad.md
run bad.md -o out.epub
expect_exit 1
expect_err 'bad.md:1:10: error: invalid UTF-8'
