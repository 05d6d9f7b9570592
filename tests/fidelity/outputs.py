#!/usr/bin/env python3
"""What one fixture becomes in both outputs, checked against its .expect file.

  outputs.py FOLIO OUTDIR FIXTURE [-- OPTION...]

FIXTURE (a .md or .qmd) is converted to OUTDIR/NAME.pdf and OUTDIR/NAME.epub
(the caller runs epubcheck on the EPUB), with the OPTIONs given after --.
FIXTURE's .expect file (same name, .expect) holds one check a line:

  xhtml RE      the EPUB's chapters (issue-*.xhtml bodies) match RE
  text RE       the PDF's text (pdftotext, hyphens at line ends undone)
  layout RE     folio dump --layout
  !xhtml RE, !text RE, !layout RE    must not match
  warn LINE     a diagnostic of the conversion, exactly; the conversion
                prints these and no others, in this order (folio check
                prints the same, in any order)
  warn.pdf LINE, warn.epub LINE, warn.check LINE    a diagnostic of that
                run only, where what it says depends on the output
  options ARG…  command-line options of both conversions (split at blanks)

In xhtml and text, runs of white space are one space, so a RE may span
lines.  Blank lines and lines starting with # are comments.
Exit 0 when every check holds, 1 with a line per failure.
"""
import os
import re
import subprocess
import sys
import zipfile


def squeeze(s):
    return " ".join(s.split())


def epub_xhtml(path):
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.match(r"EPUB/issue-\d+\.xhtml$", n))
        raw = "".join(z.read(n).decode() for n in names)
    return squeeze(re.sub(r"(?s)<head>.*?</head>", "", raw))


def run(args, cwd):
    r = subprocess.run(args, capture_output=True, cwd=cwd)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def main():
    argv = sys.argv[1:]
    options = argv[argv.index("--") + 1:] if "--" in argv else []
    folio, outdir, fixture = [os.path.abspath(a) for a in argv[:3]]
    with open(os.path.splitext(fixture)[0] + ".expect", encoding="utf-8") as f:
        expect = f.read().splitlines()
    options += [a for l in expect if l.startswith("options ") for a in l.split()[1:]]
    os.makedirs(outdir, exist_ok=True)
    name = os.path.splitext(os.path.basename(fixture))[0]
    here = os.path.dirname(fixture)
    src = os.path.basename(fixture)
    failures = []
    outputs, said = {}, {}
    for fmt in ("pdf", "epub"):
        out = os.path.join(outdir, name + "." + fmt)
        rc, _, err = run([folio, src, *options, "-o", out], here)
        if rc != 0:
            print("FAIL %s: folio -o .%s exited %d\n%s" % (src, fmt, rc, err))
            return 1
        said[fmt] = [l for l in err.splitlines() if ": warning: " in l or ": error: " in l]
    # folio check says what the conversions say (issue 9, item 19), in its own order
    _, _, err = run([folio, "check", src, *options], here)
    said["check"] = [l for l in err.splitlines() if ": warning: " in l or ": error: " in l]
    pdftext = run(["pdftotext", "-enc", "UTF-8", os.path.join(outdir, name + ".pdf"), "-"], here)[1]
    outputs["text"] = squeeze(re.sub(r"-\n(?=\w)", "", pdftext))
    outputs["xhtml"] = epub_xhtml(os.path.join(outdir, name + ".epub"))
    outputs["layout"] = run([folio, "dump", "--layout", src, *options], here)[1]

    want = {run_: [] for run_ in said}
    for n, line in enumerate(expect, 1):
        if not line.strip() or line.startswith("#") or line.startswith("options "):
            continue
        kind, _, arg = line.partition(" ")
        if kind == "warn" or kind.startswith("warn."):
            for run_ in want:
                if kind in ("warn", "warn." + run_):
                    want[run_].append(arg)
            continue
        negate = kind.startswith("!")
        where = kind.lstrip("!")
        if where not in outputs:
            failures.append("expect line %d: unknown check %r" % (n, kind))
            continue
        found = re.search(arg, outputs[where]) is not None
        if found == negate:
            failures.append("%s %s %r (expect line %d)" %
                            (where, "matches" if negate else "does not match", arg, n))
    for run_, got in said.items():
        if (sorted(got) != sorted(want[run_])) if run_ == "check" else (got != want[run_]):
            failures.append("diagnostics of %s:\n  got:  %s\n  want: %s" %
                            (run_, "\n        ".join(got), "\n        ".join(want[run_])))
    for f in failures:
        print("FAIL %s: %s" % (src, f))
    if failures:
        for where in ("xhtml", "text"):
            print("--- %s:\n%s" % (where, outputs[where]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
