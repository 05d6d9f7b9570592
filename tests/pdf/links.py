#!/usr/bin/env python3
"""Links on paper, checked on the PDF a reader holds:

  links.py FOLIO OUTDIR SOURCE

- links: footnotes (the house style): the notes at each page foot are
  numbered in the order of their marks on that page (a URL cited again gets
  a note again); URLs are printed decoded ("Échelle_Réaumur", never
  "%C3%89") while each link annotation keeps the encoded URI;
- an internal link is followed by the page of its destination:
  "(voir p. 3)", forwards as backwards;
- a link's words that end in a space ("[voir ](u)"): the space goes after
  the note's mark, the URL or the page, never two spaces before them;
- links: qr: every URL note carries a QR code (folio dump --layout), and
  the codes read back from the rendered pages (zbarimg) are exactly the
  source's URLs, each as many times as it has a note.

Exits 1 on a failure (zbarimg missing is one)."""
import collections
import json
import os
import re
import shutil

from pdftest import (fail, folio, layout, layout_lines, layout_pages, main, out, pdftotext,
                     write)


def check(binary, outdir, src):
    if not shutil.which("zbarimg"):
        fail("zbarimg missing (zbar-tools, in .ci/packages.txt)")
        return
    name = os.path.splitext(os.path.basename(src))[0]
    urls = re.findall(r"\]\((https?://[^)\s]+)\)", open(src, encoding="utf-8").read())

    # the house style: URL notes
    pdf = os.path.join(outdir, "links_%s.pdf" % name)
    folio(binary, src, "-o", pdf, "-q")
    dump = layout(binary, src, "-q")
    for i, page in enumerate(layout_pages(dump), 1):
        numbers = [int(m.group(1)) for l in page
                   for m in [re.match(r'  line .* Note "(\d+)\.', l)] if m]
        if numbers != sorted(numbers):
            fail("page %d: notes out of order: %s" % (i, numbers))
    text = pdftotext(pdf)
    if "%C3%89" in text or "%C3%A0" in text:
        fail("a percent-encoded letter printed")
    if "https://fr.wikipedia.org/wiki/Échelle_Réaumur" not in text:
        fail("the Wikipédia URL is not printed decoded")
    if "%5B%22Initiation%20à%20Python%22%5D" not in text:
        fail("ASCII escapes are not kept in the catalogue's URL")
    qo = json.loads(out(["qpdf", "--json=2", "--json-key=qpdf", pdf]))
    uris = [o["value"]["/A"]["/URI"] for o in qo["qpdf"][1].values()
            if isinstance(o, dict) and isinstance(o.get("value"), dict)
            and o["value"].get("/Subtype") == "/Link" and "/URI" in o["value"].get("/A", {})]
    uris = [u[2:] if u.startswith("u:") else u for u in uris]
    if "https://fr.wikipedia.org/wiki/%C3%89chelle_R%C3%A9aumur" not in uris:
        fail("the link does not keep its encoded URI: %s" % uris)
    dests = {}
    for i, page in enumerate(layout_pages(dump), 1):
        for l in page:
            m = re.match(r'  dest .* "(.*)"', l)
            if m:
                dests.setdefault(m.group(1), i)
    flat = re.sub(r"\s+", " ", text)
    for link_text, anchor in re.findall(r"\[([^\]]+)\]\(#([^)]+)\)",
                                        open(src, encoding="utf-8").read()):
        want = "%s (voir p. %d)" % (link_text, dests.get(anchor, 0))
        if want not in flat:
            fail("no %r in the text" % want)
        else:
            print("%s: %r" % (name, want))
    print("%s: %d URL notes in order, URLs decoded for reading" % (name, len(urls)))

    # links: qr
    style = write(os.path.join(outdir, "links_qr.yaml"), "links: qr\n")
    pdf = os.path.join(outdir, "links_%s_qr.pdf" % name)
    folio(binary, src, "-o", pdf, "-q", "--style", style)
    dump = layout(binary, src, "-q", "--style", style)
    qrs = re.findall(r"^  qr .*", dump, re.M)
    notes = re.findall(r'^  line .* Note "\d+\.', dump, re.M)
    if len(qrs) != len(notes) or len(qrs) != len(urls):
        fail("%d QR codes for %d notes and %d links" % (len(qrs), len(notes), len(urls)))
    png = os.path.join(outdir, "links_%s_qr" % name)
    out(["pdftoppm", "-r", "300", "-gray", "-png", pdf, png])
    read = []
    for f in sorted(os.listdir(outdir)):
        if f.startswith(os.path.basename(png) + "-") and f.endswith(".png"):
            # exit 4: no code on the page
            read += out(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable",
                         os.path.join(outdir, f)], ok=(0, 4)).splitlines()
    if collections.Counter(read) != collections.Counter(urls):
        fail("the codes read back %s, the source has %s" % (sorted(read), sorted(urls)))
    print("%s: %d QR codes read back to the exact URLs" % (name, len(read)))

    # a link inside a footnote: a note has no notes, so its URL follows its
    # text in every style but links: none (it used to be lost on paper)
    doc = write(os.path.join(outdir, "links_in_note.md"),
                "---\ntitle: Note\nlang: fr\n---\n\nUn appel[^a].\n\n"
                "[^a]: Voir [le site](https://example.org/article) du jour.\n")
    for mode, shown in (("footnotes", True), ("qr", True), ("inline", True), ("none", False)):
        style = write(os.path.join(outdir, "links_%s.yaml" % mode), "links: %s\n" % mode)
        pdf = os.path.join(outdir, "links_in_note_%s.pdf" % mode)
        folio(binary, doc, "-o", pdf, "-q", "--style", style)
        flat = re.sub(r"\s+", " ", pdftotext(pdf))
        want = "Voir le site (https://example.org/article) du jour."
        if (want in flat) != shown:
            fail("links: %s: a footnote's link reads %r" % (mode, flat))
    print("links in notes: the URL after its text, none with links: none")

    # words that end in a space ("[voir ](u)"): the space goes after what the
    # link adds, as pandoc takes it out of the link; it printed two spaces
    # before a URL or a page, a mark a space away from its word
    doc = write(os.path.join(outdir, "links_spaced.md"),
                "---\ntitle: Espaces\nlang: fr\n---\n\n[voir ](https://x.org/a) la.\n\n"
                "[lire ](#fin) là.\n\n[*vu* ](https://x.org/b)là.\n\n## Fin {#fin}\n\nFin.\n")
    for mode, want in (("footnotes", ["voir1 la.", "lire (voir p.\u00a01) là.", "vu2 là."]),
                       ("inline", ["voir (https://x.org/a) la.", "lire (voir p.\u00a01) là.",
                                   "vu (https://x.org/b) là."])):
        style = write(os.path.join(outdir, "links_%s.yaml" % mode), "links: %s\n" % mode)
        got = [text for text, _ in layout_lines(layout(binary, "--style", style, doc, "-q"), "P")]
        if got[:3] != want:
            fail("links: %s: a link's words ending in a space print %r, not %r"
                 % (mode, got[:3], want))
    print("links ending in a space: one space after the mark, URL or page")


main(check)
