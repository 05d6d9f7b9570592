# Two files including each other, to a PDF.
printf 'A\n\n{{< include b.md >}}\n' >a.md
printf 'B\n\n{{< include a.md >}}\n' >b.md
run a.md -o out.pdf
expect_exit 1
expect_err 'b.md:3:1: error: {{< include a.md >}} includes itself (an include cycle)'
