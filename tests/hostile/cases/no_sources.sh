# A folder with no Markdown source in it (only an image and a text file).
mkdir -p issue && cp "$IMAGES/rgba.png" issue/ && printf 'notes\n' >issue/notes.txt
run issue -o out.epub
expect_exit 1
expect_err 'issue: error: no Markdown sources (.md, .qmd) in this folder'
[ ! -e out.epub ] || fail "an EPUB was written"
