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
import re
import subprocess
import sys


def main():
    folio, outdir, src = sys.argv[1:4]
    os.makedirs(outdir, exist_ok=True)
    pdf = os.path.join(outdir, "smallcaps.pdf")
    subprocess.run([folio, src, "-o", pdf], check=True)
    xml = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    widths = [float(m.group(2)) - float(m.group(1)) for m in re.finditer(
        r'<word xMin="([0-9.]+)" [^>]*xMax="([0-9.]+)"[^>]*>(?:mots|MOTS)</word>', xml)]
    words = re.findall(r'>(mots|MOTS)</word>', xml)
    failures = []
    if words != ["mots", "mots", "MOTS", "mots", "mots"]:
        failures.append("the words read %r" % words)
    else:
        lower, small, upper, lower_it, small_it = widths
        if not lower * 1.02 < small < upper:
            failures.append("upright small capitals %.2f wide, not between the lower case "
                            "%.2f and the capitals %.2f" % (small, lower, upper))
        if not lower_it * 1.02 < small_it:
            failures.append("italic small capitals %.2f wide, the lower case %.2f"
                            % (small_it, lower_it))
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
