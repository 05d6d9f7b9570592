#!/usr/bin/env python3
"""The formula fixture typeset in both outputs, checked as a reader would:

  outputs.py FOLIO MATH_TOOL MATHDIR OUTDIR

A document holds every formula of MATHDIR/formulas.tex (inline ones in a
sentence, display ones in paragraphs of their own) and the newsletter's
sentences with dollars that are not math. Then:
- folio makes the PDF and the EPUB without a single warning (every
  formula typeset);
- PDF: qpdf --check is clean, the math font is embedded, pdftotext gives
  every formula's linear form (math_tool linear) in order, no TeX, and the
  dollars of "25$ pour 1$";
- EPUB: epubcheck passes, the chapter has one <math> per formula (display
  ones with display="block", each with its TeX as alttext), its manifest
  item says properties="mathml", and the dollars are text.
"""
import html
import os
import re
import sys
import zipfile

from checks import epubcheck, fail, failures, run


def formulas(path):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            display = line.startswith("$$")
            out.append((line[2:] if display else line, display))
    return out


def document(fs):
    md = ["---", 'title: "Formules"', "lang: fr", "---", "",
          "Le café coûte 25$ pour 1$ de pourboire; texte $\\to$ image.", ""]
    for k, (tex, display) in enumerate(fs, 1):
        if display:
            md += ["Formule %d :" % k, "", "$$%s$$" % tex, ""]
        else:
            md += ["Formule %d : $%s$ dans le texte." % (k, tex), ""]
    return "\n".join(md) + "\n"


def squeeze(s):
    return re.sub(r"\s+", " ", s)


def check_pdf(folio, pdf, linear):
    rc, _, err = run(["qpdf", "--check", pdf])
    if rc != 0:
        fail("qpdf --check: " + err[-300:])
    rc, fonts, _ = run(["pdffonts", pdf])
    if not re.search(r"LatinModernMath\S*\s.*\byes\s+yes\s+yes", fonts):
        fail("the math font is not embedded (pdffonts):\n" + fonts)
    rc, text, _ = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    text = squeeze(text)
    at = 0
    for k, lin in enumerate(linear, 1):
        i = text.find(squeeze(lin), at)
        if i < 0:
            fail("formula %d: %r not in the PDF text after offset %d" % (k, lin, at))
        else:
            at = i + len(lin)
    for tex in ("\\frac", "\\text", "\\to", "$$"):
        if tex in text:
            fail("TeX %r printed in the PDF" % tex)
    for words in ("25$ pour 1$", "texte → image", "king − man + woman ≈ queen",
                  "cos(θ) = (u · v)/(‖u‖ ‖v‖)"):
        if words not in text:
            fail("%r not in the PDF text" % words)


def check_epub(epub, fs):
    epubcheck(epub)
    z = zipfile.ZipFile(epub)
    opf = next(n for n in z.namelist() if n.endswith(".opf"))
    manifest = z.read(opf).decode()
    chapters = [n for n in z.namelist() if n.endswith(".xhtml") and "nav" not in n and "cover" not in n]
    xhtml = "".join(z.read(n).decode() for n in chapters)
    maths = re.findall(r'<math xmlns="http://www.w3.org/1998/Math/MathML"( display="block")? alttext="([^"]*)"', xhtml)
    if len(maths) != len(fs) + 1:
        fail("%d <math> elements for %d formulas" % (len(maths), len(fs) + 1))
    for (tex, display), (block, alt) in zip(fs, maths[1:]):
        if html.unescape(alt) != tex or bool(block) != display:
            fail("formula %r: <math%s alttext=%r>" % (tex, block, alt))
    for ch in chapters:
        name = os.path.basename(ch)
        if not re.search(r'<item[^>]*href="[^"]*%s"[^>]*properties="mathml"' % re.escape(name), manifest):
            fail("%s is not declared properties=\"mathml\" in the manifest" % name)
    if "25$ pour 1$" not in xhtml:
        fail("the dollars of '25$ pour 1$' are not text in the EPUB")
    if "\\frac" in re.sub(r'alttext="[^"]*"', "", xhtml):
        fail("TeX printed in the EPUB")


def main():
    folio, tool, mathdir, outdir = sys.argv[1:5]
    fs = formulas(os.path.join(mathdir, "formulas.tex"))
    src = os.path.join(outdir, "formulas.md")
    with open(src, "w", encoding="utf-8") as f:
        f.write(document(fs))
    rc, out, _ = run([tool, "linear", os.path.join(mathdir, "formulas.tex")])
    linear = ["→"] + out.splitlines()
    for ext in ("pdf", "epub"):
        dest = os.path.join(outdir, "formulas." + ext)
        rc, _, err = run([folio, src, "-o", dest])
        if rc != 0 or err:
            fail("folio %s -o %s: exit %d, diagnostics:\n%s" % (src, dest, rc, err))
            continue
        if ext == "pdf":
            check_pdf(folio, dest, linear)
        else:
            check_epub(dest, fs)
    print("%d passed, %d failed" % (0 if failures else 1, 1 if failures else 0))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
