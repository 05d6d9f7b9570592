# An include of /etc/passwd, straight and through a symlink in the folder.
printf 'Avant\n\n{{< include /etc/passwd >}}\n' >abs.md
run abs.md -o out.pdf
expect_exit 1
expect_err 'abs.md:3:1: error: cannot include "/etc/passwd": absolute path refused'
ln -s /etc/passwd notes.md
printf 'Avant\n\n{{< include notes.md >}}\n' >link.md
run link.md -o out.epub
expect_exit 1
expect_err 'link.md:3:1: error: cannot include "notes.md": outside the source folder'
