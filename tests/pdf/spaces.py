#!/usr/bin/env python3
"""Spaces as a browser shows them, checked on the PDF's layout:

  spaces.py FOLIO SOURCE

The source has runs of two and three spaces between words (and two
before a line end): every line of its paragraphs (`dump --layout`) has
single spaces only, and holds the source's words in order. Quarto and
Hugo print HTML, where such a run is one space; before folio 2026-12 the
PDF kept the run, a wider gap in the middle of a justified line.
What HTML keeps is kept: the spaces of a code span and of a code block,
and no-break spaces (U+00A0, U+202F), which are no run of spaces.

Exits 1 on a failure."""
import re

from pdftest import fail, layout, layout_lines, main

KEPT = "Gardées\u00a0: a  b, 1\u00a0\u00a02 et 3\u202f\u202f4."


def check(binary, src):
    dump = layout(binary, src)
    lines = [text for text, _ in layout_lines(dump, "P")]
    code = [text for text, _ in layout_lines(dump, "Code")]
    if KEPT not in lines:
        fail("the code span's or the no-break spaces changed: no line %r in %r"
             % (KEPT, lines))
    lines = [line for line in lines if line != KEPT]
    if not lines:
        fail("no paragraph line in the layout")
    for line in lines:
        if "  " in line:
            fail("a run of spaces kept: %r" % line)
    if code != ["x  =  1"]:
        fail("the code block's spaces changed: %r" % code)
    body = open(src, encoding="utf-8").read().split("---", 2)[2]
    body = body.split("Gardées")[0]
    words = re.sub(r"[*_]", "", body).split()
    printed = " ".join(lines).split()
    if printed != words:
        fail("words differ: %r != %r" % (printed, words))


main(check)
