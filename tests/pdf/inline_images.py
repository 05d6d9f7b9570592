#!/usr/bin/env python3
"""Images among words (tests/pdf/inline_images.md) drawn where the author
put them: in their line, on its baseline, within their cell, each a
/Figure with its /Alt inside the element of its text; a tall one among
words still set apart as the paragraph's figure.

  inline_images.py FOLIO OUTDIR SOURCE
"""
import json
import os
import re

from pdftest import fail, folio, layout, main, out, pdftotext


def check(binary, outdir, src):
    pdf = os.path.join(outdir, "inline_images.pdf")
    err = folio(binary, src, "-o", pdf)
    # a missing image among words: warned once, however often its text is shaped
    warned = re.findall(r"image 'img/nowhere.png': not found; a placeholder is used", err)
    if len(warned) != 2:
        fail(f"{len(warned)} warnings for the 2 missing images:\n{err}")

    # the structure: each image a Figure with its /Alt, under its text's element
    objects = json.loads(out(["qpdf", "--json", "--json-key=qpdf", pdf]))["qpdf"][1]

    def value(ref):
        v = objects.get("obj:" + ref) if isinstance(ref, str) else None
        return v.get("value", v) if isinstance(v, dict) else None

    figures = {}

    def walk(e, parent):
        kids = e.get("/K", [])
        for r in kids if isinstance(kids, list) else [kids]:
            v = value(r)
            if not v or v.get("/Type") != "/StructElem":
                continue
            if v.get("/S") == "/Figure":
                figures[v.get("/Alt", "")[2:]] = e.get("/S")
            walk(v, e)

    for o in objects.values():
        o = o.get("value", o) if isinstance(o, dict) else o
        if isinstance(o, dict) and o.get("/Type") == "/StructTreeRoot":
            walk(o, None)
    want = {"small icon": "/P", "wide badge": "/P", "list icon": "/P", "cell picture": "/TD",
            "cell icon": "/TD", "link icon": "/Link", "heading icon": "/H2"}
    for alt, parent in want.items():
        if figures.get(alt) != parent:
            fail(f"image '{alt}': a Figure under {figures.get(alt)}, not under {parent}")
    # the words said in place of a missing one: a Figure described by them
    for alt, parent in (("gone icon", "/P"), ("gone picture", "/TD")):
        said = f"[image not available] {alt} (img/nowhere.png)"
        if figures.get(said) != parent:
            fail(f"missing image '{alt}': a Figure under {figures.get(said)}, not under {parent}: "
                 f"{figures}")
    if figures.get("big picture") in (None, "/P"):
        fail(f"the tall image among words is not a figure of its own: {figures}")

    # the layout: each small image inside its line, its foot on the baseline
    # (the dump gives a line's top and pitch; the baseline is within)
    boxes = layout(binary, src).splitlines()
    lines, images = [], {}
    for b in boxes:
        m = re.match(r'\s*(line|image) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (\S+ )?"(.*)"', b)
        if m:
            x, y, w, h = map(float, m.group(2, 3, 4, 5))
            if m.group(1) == "line":
                lines.append((x, y, w, h, m.group(7)))
            else:
                images[m.group(7)] = (x, y, w, h)
    for alt in want:
        if alt not in images:
            fail(f"image '{alt}' not in the layout: {sorted(images)}")
            continue
        x, y, w, h = images[alt]
        holder = [l for l in lines if "\ufffc" in l[4] and l[0] - 0.1 <= x
                  and x + w <= l[0] + l[2] + 0.1 and l[1] - 0.1 <= y and y + h <= l[1] + l[3] + 0.1]
        if not holder:
            fail(f"image '{alt}' at {x},{y} is in no line of text")
    # sizes: natural (16 px: 12 pt), width= (40 px: 30 pt), the cell's share
    if not {"small icon", "wide badge", "cell picture"} <= images.keys():
        return
    if abs(images["small icon"][2] - 12) > 0.1 or abs(images["wide badge"][2] - 30) > 0.1:
        fail(f"sizes: {images['small icon']}, {images['wide badge']}")
    count_x = [l[0] for l in lines if l[4] == "Count"] + [0]
    if images["cell picture"][0] + images["cell picture"][2] > count_x[0]:
        fail(f"the cell's picture passes its column: {images['cell picture']}, next at {count_x[0]}")

    # the words around an image stay on their line, in their order
    text = pdftotext(pdf, "-layout")
    for words in (r"Before\s+after, in the line", r"an item\s+with its icon", r"see\s+here",
                  r"A missing \[image not available\] gone icon \(img/nowhere.png\) image is said"):
        if not re.search(words, text):
            fail(f"'{words}' not on one line:\n{text}")
    # every image drawn: seven among words, one apart
    shown = [l for l in out(["pdfimages", "-list", pdf]).splitlines()[2:] if l.split()[2] == "image"]
    if len(shown) != 8:
        fail(f"{len(shown)} images drawn, not 8")


main(check)
