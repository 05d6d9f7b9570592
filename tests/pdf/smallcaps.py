#!/usr/bin/env python3
"""pandoc's [words]{.smallcaps} in small capitals on paper:

  smallcaps.py FOLIO OUTDIR SOURCE

SOURCE has five paragraphs: "mots" in lower case, in a smallcaps span, in
capitals, then in italics and in an italic smallcaps span. In the PDF
(pdftotext -bbox) a small-capital word is wider than its lower-case
letters and narrower than its capitals, upright and in italics; and it
still reads "mots" (the text layer keeps the author's letters). Before
folio 2026-12 the class was ignored: the word printed in lower case.

Exits 1 on a failure."""
import os

from pdftest import fail, folio, main, words


def check(binary, outdir, src):
    os.makedirs(outdir, exist_ok=True)
    pdf = os.path.join(outdir, "smallcaps.pdf")
    folio(binary, src, "-o", pdf)
    found = [(w, x1 - x0) for w, (x0, _, x1, _) in words(pdf) if w in ("mots", "MOTS")]
    if [w for w, _ in found] != ["mots", "mots", "MOTS", "mots", "mots"]:
        fail("the words read %r" % [w for w, _ in found])
        return
    lower, small, upper, lower_it, small_it = [width for _, width in found]
    if not lower * 1.02 < small < upper:
        fail("upright small capitals %.2f wide, not between the lower case %.2f and the "
             "capitals %.2f" % (small, lower, upper))
    if not lower_it * 1.02 < small_it:
        fail("italic small capitals %.2f wide, the lower case %.2f" % (small_it, lower_it))


main(check)
