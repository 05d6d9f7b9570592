#!/usr/bin/env python3
"""Every figure tells a reader who cannot see it what it shows:

  described.py FOLIO OUTDIR FIXTURE_DIR IMAGE_DIR

The fixture (described/) holds an image without alt text nor caption, one
with a caption only (an HTML figure), one with alt text, one more without
either in an included file, and a featured image in the front matter. In
the tagged PDF each Figure's /Alt is its alt text, else its caption, else
its file name; the featured image's is the issue's title. The conversion
and `folio check` both warn, once and at the same place, of each image
with neither alt text nor caption — and of nothing else.
"""
import os
import shutil
import sys
import tempfile

from checking import Pdf, fail, failures, run, text

WANT_ALT = ["Des images décrites", "page.png", "Une capture de page", "Une page blanche",
            "page.png"]
WANT_WARNINGS = [
    "index.qmd:9: warning: image 'page.png' has neither alt text nor caption: a reader who "
    "cannot see it is told only its file name",
    "_inclus.qmd:3: warning: image 'page.png' has neither alt text nor caption: a reader who "
    "cannot see it is told only its file name",
]


def figures(pdf):
    out = []

    def walk(v, depth):
        if isinstance(v, list):
            for c in v:
                walk(c, depth)
            return
        o = pdf.get(v)
        if not isinstance(o, dict) or "/S" not in o or depth > 100:
            return
        if o["/S"] == "/Figure":
            out.append(text(o.get("/Alt")))
        walk(o.get("/K"), depth + 1)
    cat = pdf.get(pdf.trailer["/Root"])
    walk(pdf.get(cat["/StructTreeRoot"]).get("/K"), 0)
    return out


def warnings(stderr):
    return [l for l in stderr.decode().splitlines() if ": warning: " in l]


def main():
    folio, outdir, fixture, images = sys.argv[1:5]
    with tempfile.TemporaryDirectory() as tmp:
        for d, names in ((fixture, os.listdir(fixture)), (images, ["page.png", "photo.jpg"])):
            for name in names:
                shutil.copy(os.path.join(d, name), tmp)
        pdf_path = os.path.join(os.path.abspath(outdir), "described.pdf")
        # relative paths in the diagnostics: run from the folder
        os.chdir(tmp)
        conv = run([folio, "index.qmd", "-o", pdf_path])
        check = run([folio, "check", "index.qmd"], ok=(1,))  # 1: it found something
    for what, p in (("the conversion", conv), ("folio check", check)):
        if warnings(p.stderr) != WANT_WARNINGS:
            fail("%s warns %r, not %r" % (what, warnings(p.stderr), WANT_WARNINGS))
    if not failures:
        alts = figures(Pdf(pdf_path))
        if alts != WANT_ALT:
            fail("the figures' /Alt are %r, not %r" % (alts, WANT_ALT))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
