#!/usr/bin/env python3
"""A document painted in parts (limits.max_surface_pages) and merged into
one file by the finisher (src/pdf/chunks.c), checked against the same
document painted whole:

  parts.py PARTS_FOLIO OUTDIR SOURCE

PARTS_FOLIO is tests/pdf/parts_folio.c (folio's command line painting
three pages a part; --parts 0: the library's default, one part here).

- the parts were merged: the files differ, and the parted one carries a
  font subset a part (more font objects);
- qpdf --check is clean, plain and PDF/A, parts of three pages and of two;
  pdfinfo counts the same pages, of the same sizes (one landscape);
- pdftotext reads the same text;
- pdffonts: every font embedded;
- every link annotation leads where the whole file's leads (its named
  destination resolves, to the same page and place), and so does every
  outline entry (same titles, in order, same pages).
Exits 1 on a failure."""
import os
import sys

from pdftest import fail, folio, main, out, pdftotext, run

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "archival"))
from checking import Pdf, text  # noqa: E402


BUNDLED = ("NotoSerif", "NotoSans", "JetBrainsMono", "NotoColorEmoji", "LatinModernMath")


def dests(pdf):
    """Named destination → (page index, the destination's array after its page)."""
    page_of = {ref: i for i, ref in enumerate(pdf.pages())}
    cat = pdf.get(pdf.trailer["/Root"])
    found = {}

    def walk(node, depth=0):
        node = pdf.get(node) or {}
        items = node.get("/Names", [])
        for k, v in zip(items[::2], items[1::2]):
            v = pdf.get(v)
            v = v.get("/D") if isinstance(v, dict) else v
            found[text(k)] = (page_of.get(v[0]), v[1:]) if isinstance(v, list) and v else None
        for kid in node.get("/Kids", []) if depth < 20 else []:
            walk(kid, depth + 1)
    walk((pdf.get(cat.get("/Names")) or {}).get("/Dests"))
    return found


def target(pdf, d, names):
    """Where a /Dest (a name or an explicit array) leads: (page, rest)."""
    if isinstance(d, list):
        return ({ref: i for i, ref in enumerate(pdf.pages())}.get(d[0]), d[1:])
    name = text(d)
    if name not in names or names[name] is None:
        fail("%s: the destination %r does not resolve" % (pdf.path, name))
        return None
    return names[name]


def links(pdf):
    """Each page's link annotations: (URI, or where the link leads)."""
    names = dests(pdf)
    got = []
    for i, ref in enumerate(pdf.pages()):
        for a in (pdf.get(pdf.get(ref).get("/Annots")) or []):
            a = pdf.get(a)
            if a.get("/Subtype") != "/Link":
                continue
            action = pdf.get(a.get("/A")) or {}
            if "/URI" in action:
                got.append((i, text(action["/URI"])))
            else:
                got.append((i, target(pdf, a.get("/Dest"), names)))
    return got


def outline(pdf):
    names = dests(pdf)
    cat = pdf.get(pdf.trailer["/Root"])
    got = []

    def walk(ref, depth=0):
        while ref and depth < 20:
            item = pdf.get(ref)
            got.append((depth, text(item.get("/Title")), target(pdf, item.get("/Dest"), names)))
            walk(item.get("/First"), depth + 1)
            ref = item.get("/Next")
    walk((pdf.get(cat.get("/Outlines")) or {}).get("/First"))
    return got


def font_objects(path):
    return out(["pdffonts", path]).splitlines()[2:]


def check(binary, outdir, src):
    parted = os.path.join(outdir, "parts.pdf")
    # parts of two pages: other pages begin a part (the landscape one)
    parted2 = os.path.join(outdir, "parts2.pdf")
    whole = os.path.join(outdir, "parts_whole.pdf")
    pdfa = os.path.join(outdir, "parts_a2b.pdf")  # (not pdf.parts.pdfa's file)
    folio(binary, src, "-o", parted)
    folio(binary, "--parts", "0", src, "-o", whole)
    folio(binary, src, "-o", pdfa, "--pdfa")
    folio(binary, "--parts", "2", src, "-o", parted2)
    if open(parted, "rb").read() == open(whole, "rb").read():
        fail("the document painted in parts is the one painted whole: no parts")
    fonts, whole_fonts = font_objects(parted), font_objects(whole)
    if len(fonts) <= len(whole_fonts):
        fail("%d font objects in parts, %d whole: one subset a part expected"
             % (len(fonts), len(whole_fonts)))
    for line in fonts:
        cols = line.split()
        if len(cols) < 6 or cols[-5] != "yes":
            fail("a font not embedded: " + line)
        elif not cols[0].split("+")[-1].startswith(BUNDLED):
            fail("a font not of folio's: " + line)
    for path in (parted, pdfa, parted2):
        run(["qpdf", "--check", path])
    pages = [out(["pdfinfo", "-f", "1", "-l", "9999", p]) for p in (parted, whole, pdfa, parted2)]
    counts = [[l for l in p.splitlines() if l.startswith("Pages:")] for p in pages]
    if any(c != counts[1] for c in counts):
        fail("pages: parts %s, whole %s, PDF/A %s, parts of two %s" % tuple(counts))
    sizes = [[l for l in p.splitlines() if l.startswith("Page ") and " size: " in l] for p in pages]
    if any(s != sizes[1] for s in sizes) or len(set(l.split(":", 1)[1] for l in sizes[1])) < 2:
        fail("the pages' sizes differ from the whole file's (or no landscape page):\n%s"
             % "\n".join(map(str, sizes)))
    if int(counts[1][0].split()[1]) < 7:
        fail("%s: the document should be more than two parts of three pages" % counts[1])
    for p in (parted, pdfa, parted2):
        if pdftotext(p) != pdftotext(whole):
            fail("%s: pdftotext does not read the text of the whole file" % p)
    a, b = Pdf(parted), Pdf(whole)
    la, lb = links(a), links(b)
    if not lb or la != lb or links(Pdf(parted2)) != lb:
        fail("links differ from the whole file's:\n%s\n%s" % (la, lb))
    if sum(1 for _, t in la if isinstance(t, tuple) and t[0] is not None and t[0] > 3) < 3:
        fail("too few internal links lead past the first part: %s" % la)
    oa, ob = outline(a), outline(b)
    if not ob or oa != ob:
        fail("the outline differs from the whole file's:\n%s\n%s" % (oa, ob))


main(check)
