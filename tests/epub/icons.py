#!/usr/bin/env python3
"""Font Awesome icons in the EPUB: only the fonts the book uses are
packaged (in the manifest as font/ttf, each with its @font-face), each cut
down to the book's icons: a book with one icon carries a few KB, not the
426 KB of the solid font.

  icons.py FOLIO OUTDIR SOURCE   (SOURCE: tests/golden/icons.qmd)
"""
import os
import subprocess
import sys
import zipfile


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def build(folio, src, epub):
    r = subprocess.run([folio, src, "-o", epub], capture_output=True, text=True)
    if r.returncode:
        fail(r.stderr)
    with zipfile.ZipFile(epub) as z:
        fonts = {n[len("EPUB/"):]: z.getinfo(n).file_size for n in z.namelist()
                 if n.startswith("EPUB/fonts/")}
        return fonts, z.read("EPUB/package.opf").decode(), z.read("EPUB/css/style.css").decode()


folio, out, src = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
all_styles = {"fonts/fa-solid-900.ttf", "fonts/fa-regular-400.ttf", "fonts/fa-brands-400.ttf"}
fonts, opf, css = build(folio, src, os.path.join(out, "icons.epub"))
if set(fonts) != all_styles:
    fail(f"the fonts of the three styles the book uses, none other: {fonts}")
for f, size in fonts.items():
    if size > 16384:
        fail(f"{f} is {size} bytes: not cut down to the book's icons")
    if f'href="{f}" media-type="font/ttf"' not in opf:
        fail(f"{f} not in the manifest as font/ttf")
    if f'url("../{f}")' not in css:
        fail(f"{f} has no @font-face")

one = os.path.join(out, "one_icon.md")
with open(one, "w") as f:
    f.write("---\ntitle: One\n---\n\nSur GitHub {{< icon name=\"github\" pack=\"fab\" >}}.\n")
fonts, opf, css = build(folio, one, os.path.join(out, "one_icon.epub"))
if list(fonts) != ["fonts/fa-brands-400.ttf"] or fonts["fonts/fa-brands-400.ttf"] > 4096:
    fail(f"one brand icon: the brands font alone, a few KB: {fonts}")
if "fa-solid" in css:
    fail("CSS rules for a style the book does not use")
