#!/usr/bin/env python3
"""lang= on a callout, a heading ({lang=en}, <h3 lang>) and <details lang>
sets that block's language as a div's does:

  block_lang.py FOLIO OUTDIR SOURCE

SOURCE is French (tests/golden/block_lang.md). Checked:

- the model (folio dump --json) gives each of them its lang; an invalid one
  is warned about and ignored;
- the PDF's text layer: no space before ';' or '!' in the English and German
  blocks, one in the French ones (the check must see it, or it proves
  nothing); a callout's generated title is in its language ("Note");
- the PDF's structure: the H2, the two callouts' and the details' Div and
  the H3 carry /Lang, nothing says (fr), the document's own;
- the EPUB: lang (and xml:lang) on the h2, the asides, the details, the h3.

Exits 1 on a failure."""
import json
import re
import zipfile

from pdftest import fail, failures, folio, main, pdftotext, qdf, run, space_before


def langs_of(node, found):
    if node.get("type") in ("heading", "callout", "details"):
        found.append((node["type"], node.get("lang")))
    for k in node.get("children", []):
        langs_of(k, found)
    return found


def check(binary, outdir, src):
    dump = run([binary, "dump", "--json", src])
    got = langs_of(json.loads(dump.stdout)["root"], [])
    want = [("heading", "en"), ("callout", "en"), ("callout", "de"), ("details", "en"),
            ("heading", "de"), ("heading", "fr"), ("callout", None)]
    if got != want:
        fail("model languages %r, not %r" % (got, want))
    if 'lang="pas une langue" is not a language tag' not in dump.stderr:
        fail("no warning for the invalid lang: %r" % dump.stderr)

    pdf = "%s/block_lang.pdf" % outdir
    folio(binary, src, "-o", pdf, "-q")
    lines = pdftotext(pdf).splitlines()
    for word, mark, french in (("English", ";", False), ("semicolon", ";", False),
                               ("Hinweis", ";", False), ("hier", "!", False),
                               ("this semicolon", "!", False), ("Überschrift", ";", False),
                               ("applique", ";", True), ("français", ";", True),
                               ("pas une", ";", True)):
        sp = space_before(lines, word, mark)
        if sp is None:
            fail("no line holds %r then %r" % (word, mark))
        elif bool(sp) != french:
            fail("%s%r%s: %s" % (word, sp, mark, "no space" if french else "a space"))
    text = "\n".join(lines)
    if "Note" not in text or "Remarque" in text or "Avertissement" not in text:
        fail("the English callout's title is not 'Note' (the French one's 'Avertissement')")

    data = qdf(pdf).decode("latin-1")
    elems = [o for o in re.split(r"\nendobj", data) if "/Type /StructElem" in o]
    langs = sorted((re.search(r"/S /(\w+)", e).group(1), m.group(1))
                   for e in elems for m in [re.search(r"/Lang \(([^)]*)\)", e)] if m)
    want = sorted([("H2", "en"), ("Div", "en"), ("Div", "de"), ("Div", "en"), ("H3", "de")])
    if langs != want:
        fail("elements with /Lang: %r, not %r" % (langs, want))

    epub = "%s/block_lang.epub" % outdir
    folio(binary, src, "-o", epub, "-q")
    with zipfile.ZipFile(epub) as z:
        x = z.read("EPUB/issue-01.xhtml").decode()
    for pattern in (r'<h2 [^>]*lang="en"', r'<aside [^>]*class="callout callout-note"[^>]*lang="en"',
                    r'<aside [^>]*lang="de"', r'<details [^>]*lang="en"', r'<h3 [^>]*lang="de"'):
        if not re.search(pattern, x):
            fail("the EPUB lacks %s" % pattern)
    if not failures:
        print("ok: callouts, headings and details in their own language")


main(check)
