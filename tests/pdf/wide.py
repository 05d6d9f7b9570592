#!/usr/bin/env python3
"""A table too wide for the page even in its smallest font, checked on the
PDF:

  wide.py FOLIO OUTDIR SOURCE

- the table goes on a landscape page of its own (pdfinfo: wider than
  high), the pages before and after it stay portrait;
- that page's text (pdftotext -raw, upright) holds every cell whole, row
  after row in the source's order;
- the paragraph after it that fits under the text before it fills that
  page first (as a figure's would); the heading after it is on the
  portrait page that follows;
- a link in a cell keeps its annotation (folio refuses to write one that
  is not over its words); qpdf --check is clean.

Exits 1 on a failure."""
import re

from pdftest import fail, folio, main, out, pdftotext, qdf, run


def cell_text(cell):
    return re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", cell).strip()


def check(binary, outdir, src):
    source = open(src, encoding="utf-8").read()
    rows = [[cell_text(c) for c in line.strip().strip("|").split("|")]
            for line in source.splitlines()
            if line.startswith("|") and not re.match(r"^\|[-|: ]+\|$", line)]
    pdf = "%s/wide_%s.pdf" % (outdir, re.sub(r".*/|\.md$", "", src))
    folio(binary, src, "-o", pdf, "-q")
    qpdf = run(["qpdf", "--check", pdf], ok=(0, 1, 2, 3))
    if qpdf.returncode != 0:
        fail("qpdf --check: %s" % qpdf.stdout[-400:])
    sizes = [(float(w), float(h)) for w, h in re.findall(
        r"^Page +\d+ size: +([\d.]+) x ([\d.]+)", out(["pdfinfo", "-f", "1", "-l", "999", pdf]),
        re.M)]
    landscape = [i + 1 for i, (w, h) in enumerate(sizes) if w > h]
    if len(landscape) != 1:
        fail("%d landscape pages (%r), not one" % (len(landscape), sizes))
        return
    page = landscape[0]
    text = pdftotext(pdf, "-raw", first=page, last=page)
    tokens, at = text.split(), 0
    for row in rows:  # every cell whole (a note's mark may follow), in order
        for word in " ".join(row).split():
            while at < len(tokens) and not tokens[at].startswith(word):
                at += 1
            if at == len(tokens):
                fail("page %d: %r (row %r) not found whole in order" % (page, word, row[0]))
                break
            at += 1
    before = pdftotext(pdf, first=page - 1, last=page - 1)
    after = pdftotext(pdf, first=page + 1, last=page + 1)
    if "Voisin" in before or not sizes[page - 2][1] > sizes[page - 2][0]:
        fail("the page before the table is not a portrait page of text alone")
    if "remplit la page avant lui" not in " ".join(before.split()):
        fail("the paragraph after the table did not fill the page before it")
    if page >= len(sizes) or "La suite" not in after or sizes[page][0] > sizes[page][1]:
        fail("the heading after the table is not on the portrait page after it")
    links = re.findall(rb"/Subtype\s*/Link", qdf(pdf))
    if len(links) < 1:
        fail("the cell's link has no annotation")
    print("%s: table on landscape page %d of %d (%gx%g), %d rows in order" %
          (src, page, len(sizes), sizes[page - 1][0], sizes[page - 1][1], len(rows)))


main(check)
