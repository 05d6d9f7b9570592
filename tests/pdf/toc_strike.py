#!/usr/bin/env python3
"""Struck-through words of a heading stay struck in the contents:

  toc_strike.py FOLIO OUTDIR SOURCE

SOURCE (toc: true) has headings with ~~words~~ (infolettre_19's
"~~La newsletter~~ L'infolettre est morte"). In the PDF's contents page
(pdftoppm, word boxes from pdftotext -bbox) a struck word has a row of
ink across its whole width, a word left alone has none; in the EPUB's
nav the same words are in <s>, and no other. OUTDIR/toc_strike.epub is
left for epubcheck. Before folio 2026-12 both printed the contents plain.

Exits 1 on a failure."""
import os
import re
import zipfile

from pdftest import fail, folio, grey_pages, main, words

STRUCK = ["newsletter", "rayée"]
PLAIN = ["L’infolettre", "section", "droite", "rature"]
DPI = 150


def crossed(rows, box):
    """Whether some row of the word's box is ink from end to end."""
    x0, y0, x1, y1 = [int(round(v * DPI / 72)) for v in box]
    return any(all(p < 128 for p in row[x0 + 1:x1 - 1]) for row in rows[y0:y1 + 1])


def check(binary, outdir, src):
    os.makedirs(outdir, exist_ok=True)
    pdf = os.path.join(outdir, "toc_strike.pdf")
    epub = os.path.join(outdir, "toc_strike.epub")
    for out in (pdf, epub):
        folio(binary, src, "-o", out)
    # the contents: the first page's words (the headings follow on later pages
    # or below, each word's first box is its contents entry)
    boxes = {}
    for word, box in words(pdf, first=1, last=1):
        boxes.setdefault(word, box)
    _, rows = grey_pages(pdf, DPI, first=1, last=1)[0]
    for word in STRUCK + PLAIN:
        if word not in boxes:
            fail("%r not on the contents page" % word)
        elif crossed(rows, boxes[word]) != (word in STRUCK):
            fail("%r is %s in the PDF's contents" %
                 (word, "not struck" if word in STRUCK else "struck"))
    nav = zipfile.ZipFile(epub).read("EPUB/nav.xhtml").decode("utf-8")
    struck = re.findall(r"<s>([^<]*)</s>", nav)
    if struck != ["La newsletter", "rayée"]:
        fail("the nav strikes %r" % struck)


main(check)
