#!/usr/bin/env python3
"""An emoji used many times is one image a use on its page, and the same
images on every page:

  emoji_reuse.py FOLIO OUTDIR

cairo 1.16 writes a page's resource twice when one surface is painted twice
on a page, so folio paints the nth use of an emoji on a page from its nth
surface (pdf/emoji.c). Those surfaces are shared by every page: a document
holds as many images of an emoji as its busiest page uses. Before, each
use after a page's first was an image of its own (116 images for the 48
uses of the busiest page of this text's three pages; 723 KB, now 322 KB).
Every use is still drawn, its characters in the text layer.

Exits 1 on a failure."""
import collections
import os

from pdftest import fail, folio, main, out, pdftotext, run, write

PARAGRAPHS = 40  # three pages


def check(binary, outdir):
    os.makedirs(outdir, exist_ok=True)
    src = write(os.path.join(outdir, "emoji_reuse.md"), "---\ntitle: Emoji\nlang: fr\n---\n\n" + "".join(
        "Paragraphe %d : un 😀 deux 😀 et 🎉. Lorem ipsum dolor sit amet, consectetur adipiscing "
        "elit, sed do eiusmod tempor incididunt ut labore.\n\n" % i for i in range(PARAGRAPHS)))
    pdf = os.path.join(outdir, "emoji_reuse.pdf")
    folio(binary, src, "-o", pdf)
    run(["qpdf", "--check", pdf])
    uses = collections.Counter()  # page → images painted
    objects = collections.defaultdict(set)  # page → image objects
    for line in out(["pdfimages", "-list", pdf]).splitlines()[2:]:
        f = line.split()
        if f[2] == "image":
            uses[int(f[0])] += 1
            objects[int(f[0])].add(int(f[10]))
    pages = int(next(l.split()[1] for l in out(["pdfinfo", pdf]).splitlines() if l.startswith("Pages:")))
    if pages < 2:
        fail("want the text on two pages or more, got %d" % pages)
    for page in range(1, pages + 1):
        text = pdftotext(pdf, first=page, last=page)
        want = text.count("😀") + text.count("🎉")
        if want == 0 or uses[page] != want:
            fail("page %d: %d emoji in the text layer, %d images painted" % (page, want, uses[page]))
    every = set().union(*objects.values()) if objects else set()
    busiest = max(uses.values()) if uses else 0
    if len(every) > busiest:
        fail("%d image objects for %d uses on the busiest page: pages do not share them"
             % (len(every), busiest))
    if pdftotext(pdf).count("😀") != 2 * PARAGRAPHS:
        fail("want %d 😀 in the text layer" % (2 * PARAGRAPHS))


if __name__ == "__main__":
    main(check)
