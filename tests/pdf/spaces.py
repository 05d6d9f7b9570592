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
import subprocess
import sys

KEPT = "Gardées\u00a0: a  b, 1\u00a0\u00a02 et 3\u202f\u202f4."


def main():
    folio, src = sys.argv[1:3]
    layout = subprocess.run([folio, "dump", "--layout", src], check=True,
                            capture_output=True).stdout.decode("utf-8")
    lines = [m.group(1) for m in re.finditer(r'^\s*line .* P "(.*)"$', layout, re.M)]
    code = [m.group(1) for m in re.finditer(r'^\s*line .* Code "(.*)"$', layout, re.M)]
    failures = []
    if KEPT not in lines:
        failures.append("the code span's or the no-break spaces changed: no line %r in %r"
                        % (KEPT, lines))
    lines = [line for line in lines if line != KEPT]
    if not lines:
        failures.append("no paragraph line in the layout")
    for line in lines:
        if "  " in line:
            failures.append("a run of spaces kept: %r" % line)
    if code != ["x  =  1"]:
        failures.append("the code block's spaces changed: %r" % code)
    body = open(src, encoding="utf-8").read().split("---", 2)[2]
    body = body.split("Gardées")[0]
    words = re.sub(r"[*_]", "", body).split()
    printed = " ".join(lines).split()
    if printed != words:
        failures.append("words differ: %r != %r" % (printed, words))
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
