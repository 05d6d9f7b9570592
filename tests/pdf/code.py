#!/usr/bin/env python3
"""Code on paper, checked on the PDF and its layout:

  code.py FOLIO OUTDIR SOURCE

- never hyphenated: a line of the PDF's text that ends in a hyphen is the
  author's (its characters, spaces left out, are in the source);
- a code line the width broke goes on after a hook arrow in the margin:
  one `continued` box per code line of the layout beyond the source's;
- an identifier the width broke stays whole in the text layer: pdftotext
  (reading order and -raw) gives every identifier of the code whole, and
  no piece of one;
- the code's text comes out once, in order, with its words parted as the
  author parted them (a line the width broke at a blank: no word of the
  next line glued to the line before it, none doubled).
(No ligature in code: unit.test_text_paragraph counts the glyphs.)

Exits 1 on a failure."""
import re

from pdftest import fail, folio, layout, main, pdftotext


def squash(s):
    return re.sub(r"\s+", "", s.replace("\u00ad", "-"))


def check(binary, out, src):
    source = open(src, encoding="utf-8").read()
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", source, re.M | re.S)
    source_lines = sum(len(b.splitlines()) for b in blocks)
    pdf = "%s/code_%s.pdf" % (out, re.sub(r".*/|\.md$", "", src))
    folio(binary, src, "-o", pdf, "-q")
    dump = layout(binary, src, "-q")
    text = pdftotext(pdf, "-raw")
    flat = squash(source)
    for line in text.splitlines():
        if line.rstrip().endswith(("-", "\u00ad")) and squash(line) not in flat:
            fail("a hyphen added: %r" % line)
    ident = r"[A-Za-z_$][\w$]*"
    names = set(re.findall(ident, "".join(blocks)))
    prose = set(re.findall(ident, re.sub(r"^```.*?^```", "", source, flags=re.M | re.S)))
    for mode in ([], ["-raw"]):
        got = pdftotext(pdf, *mode)
        tokens = set(re.findall(ident, got))
        for name in sorted(names - tokens):
            fail("pdftotext %s: identifier %r not whole" % (" ".join(mode), name))
        for piece in sorted(t for t in tokens - names - prose
                            if any(t in n and t != n for n in names)):
            fail("pdftotext %s: a piece of an identifier: %r" % (" ".join(mode), piece))
        for block in blocks:
            want = block.split()
            start = got.find(want[0])
            end = got.find(want[-1], start)
            region = got[start:end + len(want[-1])] if start >= 0 and end >= 0 else ""
            if squash(region) != squash(block):
                fail("pdftotext %s: the code's text not given once, in order: %r" %
                     (" ".join(mode), region))
            for glued in (w for w in region.split() if w not in block):
                fail("pdftotext %s: %r, words the author parted" % (" ".join(mode), glued))
    code_lines = len(re.findall(r"^  line .* Code ", dump, re.M))
    marks = len(re.findall(r"^  continued ", dump, re.M))
    if code_lines <= source_lines:
        fail("the fixture's long lines did not wrap (%d lines)" % code_lines)
    if marks != code_lines - source_lines:
        fail("%d continuation marks for %d code lines from %d source lines" %
             (marks, code_lines, source_lines))
    print("%s: %d code lines from %d, %d continuation marks, no hyphen added, %d identifiers "
          "whole" % (src, code_lines, source_lines, marks, len(names)))


main(check)
