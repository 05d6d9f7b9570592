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
import subprocess
import sys
import zipfile

STRUCK = ["newsletter", "rayée"]
PLAIN = ["L’infolettre", "section", "droite", "rature"]
DPI = 150


def pgm(path):
    """The gray pixels of a binary PGM as (width, rows)."""
    data = open(path, "rb").read()
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(fields.group(1)), int(fields.group(2))
    pixels = data[fields.end():]
    return w, [pixels[y * w:(y + 1) * w] for y in range(h)]


def crossed(rows, box):
    """Whether some row of the word's box is ink from end to end."""
    x0, y0, x1, y1 = [int(round(v * DPI / 72)) for v in box]
    return any(all(p < 128 for p in row[x0 + 1:x1 - 1]) for row in rows[y0:y1 + 1])


def main():
    folio, outdir, src = sys.argv[1:4]
    os.makedirs(outdir, exist_ok=True)
    pdf = os.path.join(outdir, "toc_strike.pdf")
    epub = os.path.join(outdir, "toc_strike.epub")
    for out in (pdf, epub):
        subprocess.run([folio, src, "-o", out], check=True)
    failures = []
    # the contents: the first page's words (the headings follow on later pages
    # or below, each word's first box is its contents entry)
    xml = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    boxes = {}
    for m in re.finditer(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" '
                         r'yMax="([0-9.]+)">([^<]*)</word>', xml):
        boxes.setdefault(m.group(5), [float(v) for v in m.groups()[:4]])
    prefix = os.path.join(outdir, "toc_strike")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", "1", "-l", "1", pdf, prefix],
                   check=True)
    page = [p for p in os.listdir(outdir) if p.startswith("toc_strike-") and p.endswith(".pgm")]
    _, rows = pgm(os.path.join(outdir, sorted(page)[0]))
    for word in STRUCK + PLAIN:
        if word not in boxes:
            failures.append("%r not on the contents page" % word)
        elif crossed(rows, boxes[word]) != (word in STRUCK):
            failures.append("%r is %s in the PDF's contents" %
                            (word, "not struck" if word in STRUCK else "struck"))
    nav = zipfile.ZipFile(epub).read("EPUB/nav.xhtml").decode("utf-8")
    struck = re.findall(r"<s>([^<]*)</s>", nav)
    if struck != ["La newsletter", "rayée"]:
        failures.append("the nav strikes %r" % struck)
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
