#!/usr/bin/env python3
"""The compilation's cover is one picture in both outputs: the EPUB's cover
image and the PDF's first page, rasterised by poppler at the image's size,
differ by a few levels of grey on average (antialiasing of two painters),
while the PDF's second page (the contents) differs from it by far more.

  cover.py FOLIO OUTDIR [OPTION...] SOURCE...   (options and sources go to folio)
"""
import os
import subprocess
import sys
import zipfile


def ppm_pixels(data):
    """(width, height, rows of RGB bytes) of a binary PPM (pdftoppm's, djpeg's)."""
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    w, h = int(fields[1]), int(fields[2])
    return w, h, [data[pos + y * w * 3:pos + (y + 1) * w * 3] for y in range(h)]


def mean_difference(a, b):
    """Mean absolute difference of two pictures of one size, per channel (0-255)."""
    total = sum(sum(abs(x - y) for x, y in zip(ra, rb)) for ra, rb in zip(a[2], b[2]))
    return total / (a[0] * a[1] * 3)


def page(pdf, number, w, h):
    return ppm_pixels(subprocess.run(
        ["pdftoppm", "-f", str(number), "-l", str(number), "-scale-to-x", str(w),
         "-scale-to-y", str(h), pdf], check=True, capture_output=True).stdout)


def main():
    folio, outdir, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    pdf, epub = os.path.join(outdir, "cover.pdf"), os.path.join(outdir, "cover.epub")
    for out in (pdf, epub):
        subprocess.run([folio, "--quiet"] + sources + ["-o", out], check=True)
    # a JPEG (the title's edges stay clean at its quality), decoded by djpeg
    cover = ppm_pixels(subprocess.run(["djpeg", "-ppm"], check=True, capture_output=True,
                                      input=zipfile.ZipFile(epub).read("EPUB/images/cover.jpg")).stdout)
    w, h = cover[0], cover[1]
    first, second = page(pdf, 1, w, h), page(pdf, 2, w, h)
    if (first[0], first[1]) != (w, h):
        print("FAIL: the PDF's first page is %dx%d at the cover's scale, the cover %dx%d"
              % (first[0], first[1], w, h))
        return 1
    same, other = mean_difference(cover, first), mean_difference(cover, second)
    print("cover %dx%d: %.2f from the PDF's first page, %.2f from its second" % (w, h, same, other))
    if same > 4 or other < 5 * same:
        print("FAIL: the EPUB's cover is not the PDF's first page")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
