#!/usr/bin/env python3
"""Font Awesome icons (tests/golden/icons.qmd) drawn, not printed by their
name: the three Font Awesome fonts embedded as subsets, each icon one glyph
as wide as a letter or two whose text (pdftotext, copy, search) is its
name, the unknown ones printed by their name with a warning naming them.

  icons.py FOLIO OUTDIR SOURCE
"""
import os
import re

from pdftest import fail, folio, main, out, qdf, words


def check(binary, outdir, src):
    pdf = os.path.join(outdir, "icons.pdf")
    err = folio(binary, src, "-o", pdf)
    if "printed by their name" in err or "no icon font" in err:
        fail(f"icons still printed by their name:\n{err}")
    for unknown in ("nosuchlogo", "orcid"):
        if not re.search(rf"{unknown}.*printed by its name", err):
            fail(f"no warning for the unknown icon {unknown}:\n{err}")
    if len(err.strip().splitlines()) != 2:
        fail(f"warnings other than the two unknown icons:\n{err}")

    fonts = {}
    for line in out(["pdffonts", pdf]).splitlines()[2:]:
        f = line.split()
        fonts[f[0].split("+")[-1]] = (f[-5], f[-4], "+" in f[0])  # emb, sub, tagged subset
    for name in ("FontAwesome6Brands-Regular", "FontAwesome6Free-Solid",
                 "FontAwesome6Free-Regular"):
        if fonts.get(name) != ("yes", "yes", True):
            fail(f"{name} not embedded as a subset: {fonts}")

    # the words and their widths; an icon's text is its name, its glyph one
    # letter or two wide, where the name printed in the text face is longer
    width = {}
    for w, (x0, _, x1, _) in words(pdf):
        width.setdefault(w.strip(".,()"), []).append(x1 - x0)
    text = width.get("GitHub", [0])[0]
    icon = min(width.get("github", [text]))
    if not text or icon > 0.5 * text:
        fail(f"the github icon is {icon:.1f} pt wide, the word GitHub {text:.1f} pt: "
             "its name is printed, not its glyph")
    for name in ("r-project", "python", "js-square", "heart", "download", "gitlab",
                 "file-arrow-down", "arrow-right"):
        if name not in width:
            fail(f"the icon {name} is missing from the text layer: {sorted(width)}")
    for unknown in ("nosuchlogo", "orcid"):
        if unknown not in width:
            fail(f"the unknown icon {unknown} is not printed by its name")

    # an icon is text of its line's element (its name an /ActualText), not an
    # element of its own: not a Formula as the formulas' boxes among words are
    body = qdf(pdf)
    if b"/S /Formula" in body:
        fail("an icon tagged as a Formula")
    github = "".join(f"{ord(c):04x}" for c in "\ufeffgithub").encode()
    if b"/ActualText <" + github + b">" not in body:
        fail("no /ActualText github over the github icon")


main(check)
