# An include climbing out of the source folder with ..
mkdir -p issue && printf 'secret\n' >private.md
printf 'Avant\n\n{{< include ../private.md >}}\n' >issue/index.md
run issue/index.md -o out.pdf
expect_exit 1
expect_err 'issue/index.md:3:1: error: cannot include "../private.md": outside the source folder'
