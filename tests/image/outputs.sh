#!/bin/sh
# Every kind of image through the folio command into a PDF and an EPUB:
# the EPUB passes epubcheck with no error or warning (WebP became PNG), the
# PDF passes qpdf --check, keeps the plain JPEG as DCT data and shows the
# EXIF-turned JPEG upright; the outputs are the same bytes whatever the
# number of threads (-j).
#   outputs.sh FOLIO FIXTURES_DIR
set -u
bin=$1
fixtures=$2
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
images="photo.jfif rotated.jpg cmyk.jpg rgba.png frames.gif lossy.webp alpha.webp shapes.svg"
for f in $images; do
    cp "$fixtures/$f" "$work/" || exit 2
done
{
    printf -- '---\ntitle: "Images"\ndate: 2026-03-02\nlang: fr\n---\n\nToutes les sortes d’images.\n\n'
    for f in $images; do
        printf '![Image %s](%s)\n\n' "$f" "$f"
    done
} >"$work/index.md"

status=0
fail() { echo "FAIL: $*"; status=1; }

"$bin" "$work/index.md" -o "$work/out.epub" 2>"$work/epub.err" || fail "folio epub exit $?"
[ -s "$work/epub.err" ] && fail "folio epub warned: $(cat "$work/epub.err")"
"$bin" "$work/index.md" -o "$work/out.pdf" 2>"$work/pdf.err" || fail "folio pdf exit $?"
[ -s "$work/pdf.err" ] && fail "folio pdf warned: $(cat "$work/pdf.err")"

# Images are prepared on worker threads: the files must not change.
for j in 1 3; do
    "$bin" "$work/index.md" -o "$work/j$j.pdf" -j $j 2>/dev/null || fail "folio pdf -j $j exit $?"
    cmp -s "$work/out.pdf" "$work/j$j.pdf" || fail "PDF with -j $j differs from the default"
    "$bin" "$work/index.md" -o "$work/j$j.epub" -j $j 2>/dev/null || fail "folio epub -j $j exit $?"
    cmp -s "$work/out.epub" "$work/j$j.epub" || fail "EPUB with -j $j differs from the default"
done

if command -v qpdf >/dev/null; then
    qpdf --check "$work/out.pdf" >"$work/qpdf.out" 2>&1 || fail "qpdf --check: $(tail -3 "$work/qpdf.out")"
fi
if command -v pdfimages >/dev/null; then
    pdfimages -list "$work/out.pdf" >"$work/images.txt" 2>&1
    # The 64×48 plain JPEG is embedded as DCT; the turned and the CMYK ones are not.
    grep -Eq ' 64 +48 +rgb +3 +8 +jpeg ' "$work/images.txt" || fail "photo.jfif not DCT: $(cat "$work/images.txt")"
    grep -Eq ' 48 +64 .* image ' "$work/images.txt" || fail "rotated.jpg not upright: $(cat "$work/images.txt")"
    # Other pixels are folio's own XObjects (pdf/ximage.h): the partly clear
    # 16×8 PNG with its soft mask, and no 1×1 stand-in left behind.
    grep -Eq ' 16 +8 +rgb +3 +8 +image ' "$work/images.txt" &&
        grep -Eq ' smask +16 +8 +gray +1 +8 +image ' "$work/images.txt" ||
        fail "rgba.png without its soft mask: $(cat "$work/images.txt")"
    grep -Eq ' 1 +1 +(gray|rgb) ' "$work/images.txt" && fail "a stand-in was left: $(cat "$work/images.txt")"
fi
if [ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null; then
    java -jar /usr/share/java/epubcheck.jar "$work/out.epub" >"$work/check.out" 2>&1 ||
        fail "epubcheck: $(grep -E 'ERROR|WARNING|FATAL' "$work/check.out" | head -5)"
    grep -Eq '(ERROR|WARNING)\(' "$work/check.out" && fail "epubcheck: $(grep -E 'ERROR|WARNING' "$work/check.out" | head -5)"
    unzip -l "$work/out.epub" | grep -q '\.webp' && fail "a WebP was packaged"
else
    echo "epubcheck not installed: EPUB not checked"
fi
[ $status = 0 ] && echo "images: PDF and EPUB outputs check out"
exit $status
