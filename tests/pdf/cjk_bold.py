#!/usr/bin/env python3
"""Bold Chinese and Japanese are drawn bold:

  cjk_bold.py FOLIO OUTDIR SOURCE

The bundled CJK face has one weight; bold runs are emboldened (fonts.c's
font rules), so on the rendered page a bold word of the same characters
holds clearly more ink than the same word in regular beside it (before:
the same ink), and the text layer still reads every word.

Exits 1 on a failure."""
import os

from pdftest import fail, folio, grey_pages, main, pdftotext, words

DPI = 200


def ink(rows, box):
    x0, y0, x1, y1 = [int(round(v * DPI / 72)) for v in box]
    return sum(1 for row in rows[y0:y1] for p in row[x0:x1] if p < 128)


def check(binary, outdir, src):
    os.makedirs(outdir, exist_ok=True)
    pdf = os.path.join(outdir, "cjk_bold.pdf")
    folio(binary, src, "-o", pdf)
    layer = pdftotext(pdf)
    boxes = {}
    for word, box in words(pdf, first=1, last=1):
        boxes.setdefault(word, []).append(box)
    _, rows = grey_pages(pdf, DPI, first=1, last=1)[0]
    for word in ["粗体文字", "太字の文字"]:
        if layer.count(word) != 2 or len(boxes.get(word, [])) != 2:
            fail("want %r twice in the text layer, regular then bold: %d" % (word, layer.count(word)))
            continue
        regular, bold = (ink(rows, box) for box in boxes[word])
        if not bold > 1.15 * regular:
            fail("bold %r has %d dark pixels, regular %d: not bold" % (word, bold, regular))


if __name__ == "__main__":
    main(check)
