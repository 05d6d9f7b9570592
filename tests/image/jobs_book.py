#!/usr/bin/env python3
"""A compilation whose numbering crosses its chapters, the same bytes
whatever -j, and numbered right:

  jobs_book.py FOLIO

Three issues (French, French, English) with headings listed on the
contents page (the first issue ending with one), footnotes, URL links in notes, links across chapters
forwards and backwards and within one ("(voir p. N)" printed after each),
one image small in the first and large in the second, a list and a table:
everything whose page, structure element, link or note number runs on
from one chapter to the next. The PDF with -j 1, -j 2 and -j 3 must be the
same bytes; then, read back from it (qpdf, pdftotext, pdfinfo):
- every named destination is on the page whose text holds what it names
  (a heading's line) and among its chapter's pages, and each footnote on
  the page of its reference;
- every page printed after a link ("voir p. N") and on the contents page
  is its destination's page, every link annotation leads to a destination
  that exists;
- each chapter's article (Art) of the structure tree holds its own title
  and notes (/ID footnote-K-n) and only links painted on its own pages.
A layout that numbered a chapter's pages, elements, links or notes from
the wrong start fails one of these even when every -j agrees.
Exits 1 on a failure."""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def run(args):
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def stripes_png(path):
    """1600×400 stripes of four colours (folio compresses them itself)."""
    w, h = 1600, 400
    colours = [(200, 40, 40), (40, 160, 60), (30, 60, 200), (240, 200, 20)]
    rows = b"".join(b"\0" + bytes(c for x in range(w) for c in colours[(x // 37 + y // 29) % 4])
                    for y in range(h))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


LOREM = ("Le texte continue ici avec assez de mots pour remplir des lignes et des pages, "
         "afin que les numéros de page comptent vraiment dans ce livre d'essai. ") * 4


def para(note=None):
    return LOREM + ("Une note ici[^%s]. " % note if note else "")


def write_book(work):
    """The three issues; returns their index files in the book's order."""
    a = "## Début {#debut}\n\n" + "\n\n".join(para("a%d" % i if i % 2 else None)
                                              for i in range(6))
    a += ("\n\nVers la fin du livre : [cible-gamma](../c/index.md#suite).\n\n"
          "![Rayures en petit](stripes.png){width=20%}\n\n## Milieu\n\n")
    a += "\n\n".join(para() for _ in range(8)) + "\n\n## Dernier {#dernier}\n\n"
    a += "".join("[^a%d]: La note %d de l'issue a, avec [un lien](https://example.org/a%d).\n"
                 % (i, i, i) for i in range(1, 6, 2))
    b = ("## Ouverture\n\nRetour au début : [cible-alpha](../a/index.md#debut). "
         "Plus loin : [cible-fin](#fin).\n\n![Rayures en grand](stripes.png)\n\n")
    b += "\n\n".join(para("b%d" % i if i % 3 == 0 else None) for i in range(10))
    b += ("\n\n- un élément\n- deux éléments\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
          "## Fin {#fin}\n\nLa fin de bêta.\n\n")
    b += "".join("[^b%d]: La note %d de l'issue b.\n" % (i, i) for i in range(0, 10, 3))
    c = ("## Suite {#suite}\n\nThe end, back to [cible-beta-fin](../b/index.md#fin).\n\n"
         + "\n\n".join(para("c%d" % i if i == 2 else None) for i in range(5))
         + "\n\n## Epilogue\n\nLast words.\n\n[^c2]: A note of issue c.\n")
    files = []
    for name, title, date, lang, body in (("a", "Alpha", "2026-01-05", "fr", a),
                                          ("b", "Bêta", "2026-02-05", "fr", b),
                                          ("c", "Gamma", "2026-03-05", "en", c)):
        d = os.path.join(work, name)
        os.mkdir(d)
        stripes_png(os.path.join(d, "stripes.png"))
        f = os.path.join(d, "index.md")
        with open(f, "w", encoding="utf-8") as out:
            out.write('---\ntitle: "%s"\ndate: %s\nlang: %s\n---\n\n%s' % (title, date, lang, body))
        files.append(f)
    return files


def objects(pdf):
    return json.loads(run(["qpdf", "--json=2", "--json-key=qpdf", pdf]))["qpdf"][1]


def ref(v):
    return "obj:" + v if isinstance(v, str) and v.endswith(" R") else None


def dest_pages(objs, page_no):
    """Named destination → its 1-based page (the catalog's /Names /Dests tree)."""
    catalog = next(o["value"] for o in objs.values() if isinstance(o, dict)
                   and isinstance(o.get("value"), dict) and o["value"].get("/Type") == "/Catalog")
    names = objs[ref(catalog["/Names"])]["value"] if ref(catalog.get("/Names")) else catalog["/Names"]
    out = {}

    def walk(node):
        node = objs[ref(node)]["value"] if ref(node) else node
        for kid in node.get("/Kids", []):
            walk(kid)
        pairs = node.get("/Names", [])
        for name, d in zip(pairs[0::2], pairs[1::2]):
            d = objs[ref(d)]["value"] if ref(d) else d
            d = d["/D"] if isinstance(d, dict) else d
            out[name[2:]] = page_no[ref(d[0])]
    walk(names["/Dests"])
    return out


def main():
    folio = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="folio-jobs-book-") as work:
        files = write_book(work)
        pdfs = []
        for j in (1, 2, 3):
            pdf = os.path.join(work, "j%d.pdf" % j)
            r = subprocess.run([folio] + files + ["-o", pdf, "-j", str(j)], capture_output=True)
            if r.returncode != 0:
                fail("folio -j %d exit %d: %s" % (j, r.returncode, r.stderr.decode()))
                return 1
            pdfs.append(open(pdf, "rb").read())
        for j, data in ((2, pdfs[1]), (3, pdfs[2])):
            if data != pdfs[0]:
                fail("the book with -j %d differs from -j 1" % j)
        check(os.path.join(work, "j2.pdf"))
    return 1 if failures else 0


def check(pdf):
    subprocess.run(["qpdf", "--check", pdf], capture_output=True, check=True)
    objs = objects(pdf)
    n_pages = int(re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]), re.M).group(1))
    texts = [run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"])
             for p in range(1, n_pages + 1)]
    pages_tree = []  # the page objects in order (/Pages /Kids, flat or nested)

    def walk_pages(r):
        node = objs[r]["value"]
        if node.get("/Type") == "/Page":
            pages_tree.append(r)
        for kid in node.get("/Kids", []):
            walk_pages(ref(kid))
    catalog = next(o["value"] for o in objs.values() if isinstance(o, dict)
                   and isinstance(o.get("value"), dict) and o["value"].get("/Type") == "/Catalog")
    walk_pages(ref(catalog["/Pages"]))
    page_no = {r: i + 1 for i, r in enumerate(pages_tree)}
    if len(pages_tree) != n_pages:
        fail("%d page objects, pdfinfo says %d pages" % (len(pages_tree), n_pages))
    dests = dest_pages(objs, page_no)

    def lines(p):
        return [l.strip() for l in texts[p - 1].splitlines()]
    headings = {"i1-folio-title": "Alpha", "i1-debut": "Début", "i1-milieu": "Milieu",
                "i1-dernier": "Dernier",
                "i2-folio-title": "Bêta", "i2-ouverture": "Ouverture", "i2-fin": "Fin",
                "i3-folio-title": "Gamma", "i3-suite": "Suite", "i3-epilogue": "Epilogue"}
    for d, title in headings.items():
        if d not in dests:
            fail("no destination %s" % d)
        elif title not in lines(dests[d]):
            fail("destination %s on page %d, whose text has no heading %r"
                 % (d, dests[d], title))
    # each chapter's destinations on its own pages (a heading that ends
    # chapter 1 stays there, not on chapter 2's first page)
    starts = [dests.get("i%d-folio-title" % k, 0) for k in (1, 2, 3)] + [n_pages + 1]
    for d, page in dests.items():
        m = re.match(r"i(\d)-", d)
        if m and not starts[int(m.group(1)) - 1] <= page < starts[int(m.group(1))]:
            fail("destination %s of chapter %s on page %d, outside its pages [%d, %d)"
                 % (d, m.group(1), page, starts[int(m.group(1)) - 1], starts[int(m.group(1))]))
    for d, page in dests.items():
        m = re.fullmatch(r"(i\d+)-folio-fn-(\d+)", d)
        if m and dests.get("%s-folio-fnref-%s" % m.groups()) != page:
            fail("note %s on page %d, its reference on page %s"
                 % (d, page, dests.get("%s-folio-fnref-%s" % m.groups())))

    # pages printed after links and on the contents page
    targets = {"cible-gamma": "i3-suite", "cible-alpha": "i1-debut", "cible-fin": "i2-fin",
               "cible-beta-fin": "i2-fin"}
    text = "\n".join(texts)
    found = re.findall(r"(cible-[a-z-]+) \((?:voir|see) p\.\s(\d+)\)", text)
    if sorted(t for t, _ in found) != sorted(targets):
        fail("page references printed: %r" % found)
    for t, page in found:
        if dests.get(targets[t]) != int(page):
            fail("%s printed page %s, its destination is on page %s"
                 % (t, page, dests.get(targets[t])))
    toc = re.findall(r"^\s*(\S.*?)[ .]{2,}(\d+)\s*$", texts[1], re.M)
    toc = {title.strip(" ."): int(p) for title, p in toc}
    for d, title in headings.items():
        if toc.get(title) != dests.get(d):
            fail("contents page: %r on page %s, its heading on page %s"
                 % (title, toc.get(title), dests.get(d)))

    # link annotations: each leads to an existing destination; page of each
    annot_page = {}
    for r, p in page_no.items():
        for a in objs[r]["value"].get("/Annots", []):
            annot_page[ref(a)] = p
    internal = 0
    for r, p in annot_page.items():
        v = objs[r]["value"]
        if "/Dest" in v:
            internal += 1
            if v["/Dest"][2:] not in dests:
                fail("link on page %d to a destination that does not exist: %s" % (p, v["/Dest"]))
    if internal < len(headings) + len(targets):
        fail("%d internal links, fewer than the contents page's and the text's" % internal)

    # the structure tree: each chapter's Art holds its title, its notes and
    # the links of its own pages
    tree = run(["pdfinfo", "-struct-text", pdf])
    arts = re.split(r"^  Art\b.*$", tree, flags=re.M)[1:]
    if len(arts) != 3:
        fail("%d Art elements in the structure tree, 3 chapters" % len(arts))
        return
    for k, (art, title) in enumerate(zip(arts, ("Alpha", "Bêta", "Gamma")), 1):
        first = re.search(r'^\s+H1\b.*\n\s+"(.*)"', art, re.M)
        if not first or first.group(1) != title:
            fail("Art %d begins with %r, not its title %r" % (k, first and first.group(1), title))
        notes = re.findall(r"Note <footnote-(\d+)-\d+>", art)
        if not notes or set(notes) != {str(k)}:
            fail("Art %d holds the notes of chapters %r" % (k, sorted(set(notes))))
        for num in re.findall(r"^\s+Object (\d+) 0$", art, re.M):
            p = annot_page.get("obj:%s 0 R" % num)
            if p is None or not starts[k - 1] <= p < starts[k]:
                fail("Art %d holds a link painted on page %s, not on its pages [%d, %d)"
                     % (k, p, starts[k - 1], starts[k]))


if __name__ == "__main__":
    sys.exit(main())
