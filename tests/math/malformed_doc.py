#!/usr/bin/env python3
"""Malformed formulas in a document, through both outputs:

  malformed_doc.py FOLIO MATHDIR OUTDIR

A document holds every formula of MATHDIR/malformed.tex in a sentence of
its own, then 10,000 nested groups and a formula past the size limit.
folio check, the PDF and the EPUB each:
- give exactly one warning per formula (folio check exits 1 for them, a
  conversion 0), at file:line:col where
  the formula goes wrong (its offset in malformed.check), naming what is
  wrong (malformed.check's message: the unknown command, the missing
  argument);
- show every formula as its TeX source, in code style: the PDF's text has
  it between its neighbours and the code font is embedded; the EPUB has it
  in <code> and no <math>; epubcheck passes; the words around are kept.
A formula with a character the math font lacks (\text{Жук}) is warned
about by folio check and the PDF (shown as TeX there), and is MathML in
the EPUB, where the reader's fonts have it.
"""
import html
import os
import re
import sys
import zipfile

from checks import epubcheck, fail, failures, run

DEEP = "{" * 10000 + "x" + "}" * 10000
LONG = "x+" * 40000 + "x"


def cases(mathdir):
    """(tex, offset, message) from malformed.tex and its check golden."""
    lines = open(os.path.join(mathdir, "malformed.tex"), encoding="utf-8").read().split("\n")
    out = []
    for row in open(os.path.join(mathdir, "malformed.check"), encoding="utf-8"):
        no, offset, msg = re.match(r"(\d+): (\d+): (.*)", row.rstrip("\n")).groups()
        out.append((lines[int(no) - 1], int(offset), msg))
    out.append((DEEP, 65, "formula nested deeper than 64 levels"))
    out.append((LONG, 0, "formula longer than 65536 bytes"))
    return out


def document(cs):
    """The Markdown, and where each formula's TeX starts (line, column)."""
    md = ["---", 'title: "Formules mal formées"', "lang: fr", "---", ""]
    at = []
    for k, (tex, _, _) in enumerate(cs, 1):
        lead = "Formule %d : $" % k
        at.append((len(md) + 1, len(lead) + 1))
        md += [lead + tex + "$ fin %d." % k, ""]
    return "\n".join(md) + "\n", at


def check_warnings(err, src, cs, at, what):
    lines = [l for l in err.splitlines() if not l.startswith("folio: 0 errors, ")]
    warnings = [l for l in lines if ": warning: " in l]
    if len(warnings) != len(cs) or len(lines) != len(cs):
        fail("%s: %d diagnostics for %d formulas:\n%s" % (what, len(err.splitlines()), len(cs), err[:2000]))
    for (tex, offset, msg), (line, col), w in zip(cs, at, warnings):
        want = "%s:%d:%d: warning: " % (src, line, col + offset)
        if not w.startswith(want) or "(%s)" % msg not in w or "shown as TeX" not in w:
            fail("%s: %r gives %r, not %s…(%s)" % (what, tex[:40], w[:200], want, msg))


def squeeze(s):
    return re.sub(r"\s+", "", s)


def check_pdf(pdf, cs):
    rc, out, err = run(["qpdf", "--check", pdf])
    if rc != 0:
        fail("qpdf --check: " + (out + err)[-300:])
    _, fonts, _ = run(["pdffonts", pdf])
    if "JetBrainsMono" not in fonts:
        fail("no code font in the PDF: the formulas are not in code style:\n" + fonts)
    _, text, _ = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    # the running head and page numbers between a long formula's pages
    text = squeeze(re.sub(r"(?m)^(Formules mal formées|\d+ / \d+)$", "", text.replace("\f", "\n")))
    for k, (tex, _, _) in enumerate(cs, 1):
        if squeeze("Formule %d : %s fin %d." % (k, tex, k)) not in text:
            fail("PDF: formula %d's TeX %r is not shown between its words" % (k, tex[:40]))


def check_epub(epub, cs):
    epubcheck(epub)
    z = zipfile.ZipFile(epub)
    xhtml = "".join(z.read(n).decode() for n in z.namelist()
                    if n.endswith(".xhtml") and "nav" not in n and "cover" not in n)
    if "<math" in xhtml:
        fail("EPUB: a malformed formula became MathML")
    codes = [html.unescape(c) for c in re.findall(r"<code[^>]*>(.*?)</code>", xhtml, re.S)]
    for k, (tex, _, _) in enumerate(cs, 1):
        if tex not in codes:
            fail("EPUB: formula %d's TeX %r is not in a <code>" % (k, tex[:40]))
        elif not re.search(r"Formule %d\s:\s<code[^>]*>[^<]*</code> fin %d\." % (k, k), xhtml):
            fail("EPUB: the words around formula %d are lost" % k)


def check_font_gap(folio, outdir):
    src = os.path.join(outdir, "glyph.md")
    with open(src, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Glyphes\n---\n\nEn japonais $\\text{Жук} + x$ fin.\n")
    want = "%s:5: warning: formula $\\text{Жук} + x$ cannot be typeset " \
           "(the math font has no glyph for character U+0416); it is shown as TeX" % src
    for args, rc_ok, warned in ((["check", src], 1, True),
                                ([src, "-o", os.path.join(outdir, "glyph.pdf")], 0, True),
                                ([src, "-o", os.path.join(outdir, "glyph.epub")], 0, False)):
        rc, _, err = run([folio] + args)
        got = [l for l in err.splitlines() if ": warning: " in l]
        if rc != rc_ok or got != ([want] if warned else []):
            fail("folio %s: exit %d, warnings %r" % (" ".join(args), rc, got))
    _, text, _ = run(["pdftotext", "-enc", "UTF-8", os.path.join(outdir, "glyph.pdf"), "-"])
    if "\\text{Жук} + x" not in text:
        fail("the PDF does not show the formula as TeX: " + text[:200])
    z = zipfile.ZipFile(os.path.join(outdir, "glyph.epub"))
    xhtml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
    if "<mtext>Жук</mtext>" not in xhtml:
        fail("the EPUB does not have the formula as MathML")


def main():
    folio, mathdir, outdir = sys.argv[1:4]
    cs = cases(mathdir)
    md, at = document(cs)
    src = os.path.join(outdir, "malformed.md")
    with open(src, "w", encoding="utf-8") as f:
        f.write(md)
    rc, _, err = run([folio, "check", src])
    if rc != 1 or "folio: 0 errors, %d warnings" % len(cs) not in err:
        fail("folio check: exit %d, not 1 with %d warnings" % (rc, len(cs)))
    check_warnings(err, src, cs, at, "folio check")
    for ext in ("pdf", "epub"):
        dest = os.path.join(outdir, "malformed." + ext)
        rc, _, err = run([folio, src, "-o", dest])
        if rc != 0:
            fail("folio -o %s: exit %d\n%s" % (dest, rc, err[-1000:]))
            continue
        check_warnings(err, src, cs, at, "folio -o " + ext)
        if ext == "pdf":
            check_pdf(dest, cs)
        else:
            check_epub(dest, cs)
    check_font_gap(folio, outdir)
    print("%d formulas: %s" % (len(cs), "FAILED" if failures else "one warning each, shown as TeX"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
