#!/usr/bin/env python3
"""Font Awesome icons (tests/golden/icons.qmd) drawn, not printed by their
name: the three Font Awesome fonts embedded as subsets, each icon one glyph
as wide as a letter or two whose text (pdftotext, copy, search) is its
name, the unknown ones printed by their name with a warning naming them.

  icons.py FOLIO OUTDIR SOURCE
"""
import os
import re
import subprocess
import sys


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def run(args):
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode:
        fail(f"{' '.join(args)}: {r.stderr}")
    return r.stdout


folio, out, src = sys.argv[1:4]
pdf = os.path.join(out, "icons.pdf")
r = subprocess.run([folio, src, "-o", pdf], capture_output=True, text=True)
if r.returncode:
    fail(r.stderr)
if "printed by their name" in r.stderr or "no icon font" in r.stderr:
    fail(f"icons still printed by their name:\n{r.stderr}")
for unknown in ("nosuchlogo", "orcid"):
    if not re.search(rf"{unknown}.*printed by its name", r.stderr):
        fail(f"no warning for the unknown icon {unknown}:\n{r.stderr}")
if len(r.stderr.strip().splitlines()) != 2:
    fail(f"warnings other than the two unknown icons:\n{r.stderr}")

fonts = {}
for line in run(["pdffonts", pdf]).splitlines()[2:]:
    f = line.split()
    fonts[f[0].split("+")[-1]] = (f[-5], f[-4], "+" in f[0])  # emb, sub, tagged subset
for name in ("FontAwesome6Brands-Regular", "FontAwesome6Free-Solid", "FontAwesome6Free-Regular"):
    if fonts.get(name) != ("yes", "yes", True):
        fail(f"{name} not embedded as a subset: {fonts}")

# the words and their widths; an icon's text is its name, its glyph one
# letter or two wide, where the name printed in the text face is longer
words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<',
                   run(["pdftotext", "-bbox", pdf, "-"]))
width = {}
for x0, x1, w in words:
    width.setdefault(w.strip(".,()"), []).append(float(x1) - float(x0))
text = width.get("GitHub", [0])[0]
icon = min(width.get("github", [text]))
if not text or icon > 0.5 * text:
    fail(f"the github icon is {icon:.1f} pt wide, the word GitHub {text:.1f} pt: "
         "its name is printed, not its glyph")
for name in ("r-project", "python", "js-square", "heart", "download", "gitlab", "file-arrow-down",
             "arrow-right"):
    if name not in width:
        fail(f"the icon {name} is missing from the text layer: {sorted(width)}")
for unknown in ("nosuchlogo", "orcid"):
    if unknown not in width:
        fail(f"the unknown icon {unknown} is not printed by its name")

# an icon is text of its line's element (its name an /ActualText), not an
# element of its own: not a Formula as the formulas' boxes among words are
qdf = os.path.join(out, "icons_qdf.pdf")
run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf])
with open(qdf, "rb") as f:
    body = f.read()
if b"/S /Formula" in body:
    fail("an icon tagged as a Formula")
github = "".join(f"{ord(c):04x}" for c in "\ufeffgithub").encode()
if b"/ActualText <" + github + b">" not in body:
    fail("no /ActualText github over the github icon")
