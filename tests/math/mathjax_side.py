#!/usr/bin/env python3
"""The formula fixture beside MathJax, to look at (run by hand, not a test):

  mathjax_side.py FOLIO MATHJAX_DIR OUTDIR [N...]

MATHJAX_DIR holds node_modules/mathjax-full (npm install mathjax-full@3).
Writes OUTDIR/side.pdf: formula N of tests/math/formulas.tex as folio sets
it in a sentence, then MathJax's SVG of it (red) at the same size, then
renders its pages (pdftoppm -r 110) to OUTDIR/side-*.png. Only formulas N
when given. The fixture's display formulas are set inline by folio here.
"""
import os
import re
import subprocess
import sys

JS = r"""
const fs = require('fs');
const {mathjax} = require('mathjax-full/js/mathjax.js');
const {TeX} = require('mathjax-full/js/input/tex.js');
const {SVG} = require('mathjax-full/js/output/svg.js');
const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
const {AllPackages} = require('mathjax-full/js/input/tex/AllPackages.js');
const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const doc = mathjax.document('', {InputJax: new TeX({packages: AllPackages}),
                                  OutputJax: new SVG({fontCache: 'none'})});
const out = JSON.parse(fs.readFileSync(0, 'utf8')).map(([tex, display]) =>
  adaptor.innerHTML(doc.convert(tex, {display})));
process.stdout.write(JSON.stringify(out));
"""


def main():
    folio, mathjax, outdir = sys.argv[1:4]
    want = {int(a) for a in sys.argv[4:]}
    fixture = os.path.join(os.path.dirname(os.path.abspath(__file__)), "formulas.tex")
    fs = [l.rstrip("\n") for l in open(fixture, encoding="utf-8") if l.strip() and not l.startswith("#")]
    fs = [(k, l[2:] if l.startswith("$$") else l, l.startswith("$$")) for k, l in enumerate(fs, 1)
          if not want or k in want]
    import json
    js = os.path.join(outdir, "tex2svg.js")
    open(js, "w").write(JS)
    p = subprocess.run(["node", js], input=json.dumps([[t, d] for _, t, d in fs]), text=True,
                       capture_output=True, env=dict(os.environ, NODE_PATH=os.path.join(mathjax, "node_modules")))
    if p.returncode != 0:
        sys.exit("node: " + p.stderr[-1000:])
    size = 12.5  # folio sets math at the text's x-height: about 12.5 pt beside 10 pt text
    md = ["---", 'title: "folio beside MathJax"', "---", ""]
    for (k, tex, _), svg in zip(fs, json.loads(p.stdout)):
        if "merror" in svg:
            print("%d: MathJax cannot read %r" % (k, tex))
        vb = [float(x) for x in re.search(r'viewBox="([^"]*)"', svg).group(1).split()]
        svg = re.sub(r' style="[^"]*"', "", svg, count=1)
        svg = re.sub(r'width="[^"]*ex"', 'width="%.2fpt"' % (vb[2] / 1000 * size), svg, count=1)
        svg = re.sub(r'height="[^"]*ex"', 'height="%.2fpt"' % (vb[3] / 1000 * size), svg, count=1)
        path = os.path.join(outdir, "mj%03d.svg" % k)
        open(path, "w").write(svg.replace("currentColor", "#900"))
        md += ["**%d** folio: $%s$ — MathJax:" % (k, tex), "", "![MathJax %d](%s)" % (k, os.path.basename(path)), ""]
    src = os.path.join(outdir, "side.md")
    open(src, "w", encoding="utf-8").write("\n".join(md) + "\n")
    pdf = os.path.join(outdir, "side.pdf")
    subprocess.run([folio, src, "-o", pdf], check=True)
    subprocess.run(["pdftoppm", "-png", "-r", "110", pdf, os.path.join(outdir, "side")], check=True)
    print(pdf)


if __name__ == "__main__":
    main()
