#!/usr/bin/env python3
"""Page quality of a PDF as a reader sees it, measured on the PDF itself:

  pagereport.py PDF LAYOUT [--name NAME] [--max-gap F] [--verbose]

- blank gap: every page is rendered at 20 dpi in grey (pdftoppm) and the
  longest run of blank rows between the running head and the page number
  (house style margins) is measured, as a fraction of that height. The
  last page of each chapter (from the `folio dump --layout` file LAYOUT:
  "page N doc D"), cover pages (doc -1) and a wide table's landscape pages
  (which it has to itself) may end early; every other page
  over --max-gap (default 0.25) is counted.
- stretch: for every line of body text (pdftotext -bbox-layout; words
  whose box is as tall as the body font's), the median gap between words
  divided by the body font's natural space. 1.0 is a natural space; a
  justified loose line is above it.

Prints one summary line (NAME gaps N/PAGES worst-gap F worst-stretch S
(page P)) and, with --verbose, a line per page. Exits 1 when a page has a
gap over the bound."""
import argparse
import re
import statistics
import sys
import xml.etree.ElementTree as ET

from pdftest import grey_pages, pdftotext

DPI = 20
BODY_SIZE = 10.5           # house style, points
BODY_HEIGHT = 1.362        # Noto Serif ascender + descender, in em
NATURAL_SPACE = 0.260      # Noto Serif space advance, in em
MARGIN_TOP = 20 / 25.4 * 72
MARGIN_BOTTOM = 22 / 25.4 * 72


def page_docs(layout):
    """The document of each page, and the landscape pages."""
    docs, landscape = {}, set()
    with open(layout, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"page (\d+) doc (-?\d+)", line)
            if m:
                docs[int(m.group(1))] = int(m.group(2))
                if line.split()[4:].count("landscape"):
                    landscape.add(int(m.group(1)))
    return docs, landscape


def blank_gaps(pdf):
    gaps = {}
    for page, (_, rows) in enumerate(grey_pages(pdf, DPI), 1):
        h = len(rows)
        scale = DPI / 72
        # from under the running head to above the page number
        top = int((MARGIN_TOP / 2 + 4) * scale) + 1
        bottom = int((h / scale - MARGIN_BOTTOM / 2 - 8) * scale) - 1
        best = run = 0
        for r in range(top, bottom):
            if min(rows[r]) >= 250:
                run += 1
                best = max(best, run)
            else:
                run = 0
        gaps[page] = best / max(1, bottom - top)
    return gaps


def stretches(pdf):
    """Worst line stretch per page: {page: (stretch, line text)}."""
    xml = pdftotext(pdf, "-bbox-layout")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    root = ET.fromstring(xml)
    ns = "{http://www.w3.org/1999/xhtml}"
    body_h = BODY_SIZE * BODY_HEIGHT
    space = BODY_SIZE * NATURAL_SPACE
    worst = {}
    for number, page in enumerate(root.iter(ns + "page"), 1):
        for line in page.iter(ns + "line"):
            words = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "",
                      abs(float(w.get("yMax")) - float(w.get("yMin")) - body_h) < 0.3)
                     for w in line.iter(ns + "word")]
            # gaps between two body words (code chips, note marks set apart)
            gaps = [b[0] - a[1] for a, b in zip(words, words[1:])
                    if a[3] and b[3] and b[0] - a[1] >= 1.0]
            if len(gaps) < 2:
                continue
            s = statistics.median(gaps) / space
            if s > worst.get(number, (0, ""))[0]:
                worst[number] = (s, " ".join(w[2] for w in words))
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf")
    ap.add_argument("layout")
    ap.add_argument("--name", default=None)
    ap.add_argument("--max-gap", type=float, default=0.25)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    docs, landscape = page_docs(a.layout)
    last_of_doc = {}
    for page, doc in docs.items():
        last_of_doc[doc] = max(page, last_of_doc.get(doc, 0))
    exempt = {p for p, d in docs.items() if d < 0 or last_of_doc[d] == p} | landscape
    gaps = blank_gaps(a.pdf)
    worst = stretches(a.pdf)
    over = [p for p, g in gaps.items() if g > a.max_gap and p not in exempt]
    counted = [g for p, g in gaps.items() if p not in exempt]
    wp = max(worst, key=lambda p: worst[p][0]) if worst else 0
    if a.verbose:
        for p in sorted(gaps):
            s, text = worst.get(p, (0, ""))
            print("  page %3d gap %.2f%s stretch %.2f %s" %
                  (p, gaps[p], " (chapter end)" if p in exempt else "", s, text[:60]))
    print("%s: pages %d, gaps over %.0f%%: %d%s, worst gap %.2f, worst stretch %.2f (page %d)" %
          (a.name or a.pdf, len(gaps), a.max_gap * 100, len(over),
           " (pages %s)" % ", ".join(map(str, over)) if over else "",
           max(counted) if counted else 0, worst[wp][0] if wp else 0, wp))
    return 1 if over else 0


sys.exit(main())
