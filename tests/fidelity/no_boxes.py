#!/usr/bin/env python3
"""No missing-glyph box is ever painted (issue 9, item 15).

  no_boxes.py FOLIO OUTDIR FIXTURE

folio check names FIXTURE's unprintable characters (controls, characters no
bundled font has); the fixture's twin is the fixture without them (written
as themselves or as character references). Both become PDFs: each page of
the two must render to the same pixels (pdftoppm), so nothing at all was
drawn for those characters, neither a box with a hex code nor a .notdef.
Exit 0 when so, 1 with the reasons.
"""
import os
import re
import subprocess
import sys


def main():
    folio, outdir, fixture = [os.path.abspath(a) for a in sys.argv[1:4]]
    os.makedirs(outdir, exist_ok=True)
    for old in os.listdir(outdir):  # pages of an earlier run
        if old.endswith(".pgm"):
            os.unlink(os.path.join(outdir, old))
    here = os.path.dirname(fixture)
    err = subprocess.run([folio, "check", fixture], capture_output=True, text=True).stderr
    codes = {int(c, 16) for c in re.findall(r"warning: unprintable character U\+([0-9A-F]+)", err)}
    if len(codes) < 5:
        print("FAIL: folio check names %d unprintable characters, want 5 or more:\n%s"
              % (len(codes), err))
        return 1

    def reference(m):
        num = m.group(1)
        code = int(num[1:], 16) if num[0] in "xX" else int(num)
        return "" if code in codes else m.group(0)

    with open(fixture, encoding="utf-8") as f:
        source = f.read()
    twin = re.sub(r"&#([xX][0-9a-fA-F]+|[0-9]+);", reference, source)
    twin = "".join(c for c in twin if ord(c) not in codes)
    twin_path = os.path.join(here, ".twin-" + os.path.basename(fixture))
    with open(twin_path, "w", encoding="utf-8") as f:
        f.write(twin)
    failures = []
    try:
        pages = {}
        for name, src in (("with", fixture), ("without", twin_path)):
            pdf = os.path.join(outdir, name + ".pdf")
            r = subprocess.run([folio, src, "-o", pdf], capture_output=True, text=True)
            if r.returncode != 0:
                print("FAIL: folio -o %s exited %d\n%s" % (pdf, r.returncode, r.stderr))
                return 1
            prefix = os.path.join(outdir, name)
            subprocess.run(["pdftoppm", "-r", "100", "-gray", pdf, prefix], check=True)
            pages[name] = sorted(p for p in os.listdir(outdir)
                                 if p.startswith(name + "-") and p.endswith(".pgm"))
        if len(pages["with"]) != len(pages["without"]):
            failures.append("%d pages with the characters, %d without"
                            % (len(pages["with"]), len(pages["without"])))
        for a, b in zip(pages["with"], pages["without"]):
            with open(os.path.join(outdir, a), "rb") as fa, open(os.path.join(outdir, b), "rb") as fb:
                if fa.read() != fb.read():
                    failures.append("%s and %s differ: something is drawn for the characters" % (a, b))
    finally:
        os.unlink(twin_path)
    for f in failures:
        print("FAIL %s: %s" % (fixture, f))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
