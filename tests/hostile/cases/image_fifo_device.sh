# Images that are a FIFO, a device (by symlink) and a folder: placeholders, no hang.
mkfifo pipe.png || skip "mkfifo failed"
mkdir dir.png
printf '![a](pipe.png)\n\n![b](dir.png)\n\n![c](/dev/zero)\n' >img.md
run img.md -o out.pdf
expect_exit 0
expect_err_re "^img.md:1: warning: image '?pipe.png'?: not a regular file"
expect_err_re "^img.md:3: warning: image '?dir.png'?: not a regular file"
expect_err_re "^img.md:5: warning: image '?/dev/zero'?: absolute path refused"
