# An image the user may not read (run as nobody): placeholder and warning.
cp "$IMAGES/rgba.png" locked.png && chmod 000 locked.png
printf '![ferme](locked.png)\n\nFin.\n' >img.md
chmod 644 img.md
chmod 777 .
run_as_nobody img.md -o out.pdf
expect_exit 0
expect_err_re "^img.md:1: warning: image '?locked.png'?: .*(unreadable|Permission denied|cannot read)"
