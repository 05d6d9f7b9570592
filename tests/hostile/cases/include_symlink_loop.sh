# An include that is a symbolic link loop is said to be one (before: "not
# found"); so is an image.
ln -s loop.md loop.md
printf 'Avant\n\n{{< include loop.md >}}\n' >a.md
run a.md -o out.pdf
expect_exit 1
expect_err 'a.md:3:1: error: cannot include "loop.md": a symbolic link loop'
ln -s boucle.png boucle.png
printf 'Texte.\n\n![boucle](boucle.png)\n' >img.md
run img.md -o out.pdf
expect_exit 0
expect_err "img.md:3: warning: image 'boucle.png': a symbolic link loop"
