# Front matter and no body: the title block alone, in both formats.
printf -- '---\ntitle: Seulement un titre\ndate: 2023-03-20\n---\n' >fm.md
run fm.md -o out.pdf
expect_exit 0
expect_has out.pdf 'Seulement un titre'
run fm.md -o out.epub
expect_exit 0
expect_has out.epub 'Seulement un titre'
