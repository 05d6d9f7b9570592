# 50000×50000 (and larger) image headers: refused from the header, before
# any pixel is allocated, in both formats.
for fmt in png jpg webp gif; do cp "$IMAGES/huge.$fmt" huge.$fmt; done
printf '![a](huge.png)\n\n![b](huge.jpg)\n\n![c](huge.webp)\n\n![d](huge.gif)\n\nFin.\n' >img.md
for out in out.pdf out.epub; do
    run img.md -o $out
    expect_exit 0
    expect_err_re "^img.md:1: warning: image 'huge.png': too many pixels \(image pixel limit\)"
    expect_err_re "^img.md:3: warning: image 'huge.jpg': too many pixels \(image pixel limit\)"
    expect_err_re "^img.md:5: warning: image 'huge.webp': too many pixels \(image pixel limit\)"
    expect_err_re "^img.md:7: warning: image 'huge.gif': too many pixels \(image pixel limit\)"
done
