#!/usr/bin/env python3
"""Passages in another language than the document's, checked on the PDF:

  quote_lang.py FOLIO OUTDIR SOURCE

SOURCE is French (tests/golden/quote_lang.qmd) and quotes Einstein in
English, holds a German div and an English span:

- the text layer (pdftotext): no space of any kind before ';' or '!' in
  the English and German passages ("mathematics; I"), where the French
  lines around them have one ("s'applique ; ici") -- the same check run on
  the French text must find it, or it proves nothing;
- the structure (qpdf --qdf): the BlockQuote of the English quote says
  /Lang (en), the German div's Div /Lang (de), the raw HTML blockquote's
  /Lang (en-GB), the English span's Span /Lang (en), and no element says
  (fr), the document's own;
- hyphenation: an English quote of long words, on narrow pages, breaks
  its lines (folio dump --layout) in a French issue exactly as in an
  English one: English patterns, not French ones ("charac-teristically").

Exits 1 on a failure."""
import re

from pdftest import fail, folio, layout, layout_lines, main, pdftotext, qdf, space_before, write


def check(binary, outdir, src):
    pdf = "%s/quote_lang.pdf" % outdir
    folio(binary, src, "-o", pdf, "-q")
    lines = pdftotext(pdf).splitlines()

    for word, mark, french in (("mathematics", ";", False),
                               ("Semikolon", ";", False),
                               ("words", ";", False),
                               ("here", "!", False),
                               ("English\u201d", ";", False),
                               ("applique", ";", True),
                               ("milieu", ";", True)):
        sp = space_before(lines, word, mark)
        if sp is None:
            fail("no line holds %r then %r" % (word, mark))
        elif bool(sp) != french:
            fail("%s%r%s: %s" % (word, sp, mark, "no space" if french else "a space"))

    data = qdf(pdf).decode("latin-1")
    elems = [o for o in re.split(r"\nendobj", data) if "/Type /StructElem" in o]
    langs = sorted((re.search(r"/S /(\w+)", e).group(1), m.group(1))
                   for e in elems for m in [re.search(r"/Lang \(([^)]*)\)", e)] if m)
    want = [("BlockQuote", "en"), ("BlockQuote", "en-GB"), ("Div", "de"), ("Span", "en")]
    if langs != want:
        fail("elements with /Lang: %r, not %r" % (langs, want))
    if not re.search(r"/Lang \(fr\)", data):
        fail("the catalogue's /Lang (fr) is missing")

    # the same English quote in a French and in an English issue
    style = write("%s/quote_lang_narrow.yaml" % outdir,
                  "page:\n  width: 80mm\n  height: 200mm\n  margins: 8mm\n")
    quote = ("The internationalization of characteristically incomprehensible representations "
             "is unquestionably overwhelming, notwithstanding the extraordinarily comprehensive "
             "documentation that accompanies responsibilities.")
    lines = {}
    for lang in ("fr", "en"):
        md = write("%s/quote_lang_%s.md" % (outdir, lang),
                   "---\ntitle: Quote\nlang: %s\n---\n\n> %s\n" % (lang, quote))
        lines[lang] = layout_lines(layout(binary, "--style", style, md, "-q"), "P")
    if not any(h for _, h in lines["en"]):
        fail("the English quote has no hyphenated line: the check says nothing")
    if lines["fr"] != lines["en"]:
        fail("the English quote breaks otherwise in a French issue: %r, not %r"
             % (lines["fr"], lines["en"]))


main(check)
