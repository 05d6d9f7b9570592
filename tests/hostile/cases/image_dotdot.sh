# An image climbing out of the source folder, by .. and by a symlink.
mkdir -p issue && cp "$IMAGES/rgba.png" secret.png
ln -s ../secret.png issue/link.png
printf '# Images\n\n![a](../secret.png)\n\n![b](link.png)\n\n![c](sub/../../secret.png)\n' >issue/index.md
run issue/index.md -o out.epub
expect_exit 0
expect_err_re "^issue/index.md:3: warning: image '\.\./secret.png': outside the source folder"
expect_err_re "^issue/index.md:5: warning: image 'link.png': outside the source folder"
expect_err_re "^issue/index.md:7: warning: image 'sub/\.\./\.\./secret.png': (not found|outside)"
[ "$(unzip -l out.epub | grep '\.png' | grep -vc cover)" = 0 ] || fail "an image from outside went into the EPUB"
