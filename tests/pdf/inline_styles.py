#!/usr/bin/env python3
"""Inline styles the author wrote reach the page:

  inline_styles.py FOLIO OUTDIR SOURCE

SOURCE is tests/golden/inline_styles.qmd: <kbd> and Quarto's kbd
shortcode, <mark> and [x]{.mark}, <u>, <ins> and [x]{.underline}, <small>,
<samp>, <q>. On the rendered first page (pdftoppm, word boxes from
pdftotext -bbox):
- a highlighted word has a highlighter's yellow behind it, a plain one none;
- an underlined word has a row of ink across its whole width in the lower
  part of its box (a struck word has one in the middle only);
- a key has a frame: a row of ink along its top and one along its bottom,
  and a column at each end; the <samp> output beside it, monospaced too,
  has none;
- <small> words are shorter than their neighbours;
and the text layer reads every word, keys whole ("Shift-Command-P"), with
the shortcode's other systems and <q>'s quotation marks. Before folio
2026-12 these printed plain (the shortcode as written).

Exits 1 on a failure."""
import os

from pdftest import fail, folio, main, pdftotext, rgb_pages, words

DPI = 150


def px(box):
    return [int(round(v * DPI / 72)) for v in box]


def pixel(rows, x, y):
    return tuple(rows[y][x * 3:x * 3 + 3])


def ink(p):
    return sum(p) / 3 < 160


def yellow(p):
    r, g, b = p
    return r > 220 and g > 200 and b < 200


def yellow_share(rows, box):
    x0, y0, x1, y1 = px(box)
    cells = [pixel(rows, x, y) for y in range(y0, y1) for x in range(x0, x1)]
    return sum(map(yellow, cells)) / max(1, len(cells))


def full_row(rows, box, lo, hi):
    """Whether a row between the fractions lo and hi of the box's height is
    ink from end to end (of its first 85%: a comma after the word is in its
    box, not in its line)."""
    x0, y0, x1, y1 = px(box)
    h = y1 - y0
    return any(all(ink(pixel(rows, x, y)) for x in range(x0 + 1, x0 + int((x1 - x0) * 0.85)))
               for y in range(y0 + int(h * lo), y0 + int(h * hi) + 1))


def framed(rows, box):
    """A frame around the box (a few pixels of slack): rows of ink along its
    top and its bottom, columns at its two ends."""
    x0, y0, x1, y1 = px(box)
    m = 4

    def row_ink(y):
        return all(ink(pixel(rows, x, y)) for x in range(x0 + 2, x1 - 2))

    def col_ink(x):
        return sum(ink(pixel(rows, x, y)) for y in range(y0 + 2, y1 - 2)) >= (y1 - y0 - 4) * 0.9

    top = any(row_ink(y) for y in range(y0 - m, y0 + m))
    bottom = any(row_ink(y) for y in range(y1 - m, y1 + m))
    left = any(col_ink(x) for x in range(x0 - m, x0 + 2))
    right = any(col_ink(x) for x in range(x1 - 2, x1 + m))
    return top and bottom and left and right


def check(binary, outdir, src):
    os.makedirs(outdir, exist_ok=True)
    pdf = os.path.join(outdir, "inline_styles.pdf")
    folio(binary, src, "-o", pdf)
    text = pdftotext(pdf)
    layer = text.split()
    for want in ["Ctrl-V", "Shift-Ctrl-P", "Shift-Command-P)", "(macOS", "Cmd-Q", "(macOS),",
                 "Alt-F4", "(Windows)", "surligné,", "jaune,", "souligné,", "inséré,",
                 "supprimé.", "petits", "caractères,", "Erreur", "404", "«", "bonjour", "»",
                 "“hello", "‘world’”", "clignote."]:
        if want not in layer:
            fail("the text layer lacks %r" % want)
    for raw in ["{{<", "<kbd>", "kbd"]:
        if raw in text:
            fail("the text layer shows %r" % raw)
    boxes = {}
    for word, box in words(pdf, first=1, last=1):
        boxes.setdefault(word.rstrip(".,;:)"), box)
    _, rows = rgb_pages(pdf, DPI, first=1, last=1)[0]
    need = ["surligné", "jaune", "programme", "souligné", "aussi", "inséré", "supprimé",
            "gras", "Ctrl-V", "Alt-F4", "Erreur", "petits", "caractères", "d’un"]
    missing = [w for w in need if w not in boxes]
    if missing:
        fail("not on the first page: %r" % missing)
        return
    for word, marked in [("surligné", True), ("jaune", True), ("programme", False)]:
        share = yellow_share(rows, boxes[word])
        if (share > 0.3) != marked:
            fail("%r has %.0f%% of yellow behind it" % (word, share * 100))
    for word, under in [("souligné", True), ("aussi", True), ("inséré", True),
                        ("supprimé", False), ("gras", False)]:
        if full_row(rows, boxes[word], 0.7, 1.0) != under:
            fail("%r is %s" % (word, "not underlined" if under else "underlined"))
    for word, key in [("Ctrl-V", True), ("Alt-F4", True), ("Erreur", False)]:
        if framed(rows, boxes[word]) != key:
            fail("%r is %s" % (word, "not framed" if key else "framed"))
    small = boxes["petits"][3] - boxes["petits"][1]
    body = boxes["d’un"][3] - boxes["d’un"][1]
    if not small < 0.9 * body:
        fail("<small> words %.2f high, the text beside %.2f" % (small, body))


if __name__ == "__main__":
    main(check)
