#!/usr/bin/env python3
"""The leak test: what a reader sees never shows source syntax.

  leak.py FOLIO OUTDIR SOURCE...

Each source is converted to a PDF and to an EPUB; the PDF's text
(pdftotext) and the EPUB chapter's text (tags stripped, entities decoded)
must not contain any of the markers below, unless the source has that
marker inside code (a code span or block, where it is the author's text)
or a warning of the conversion quotes it (an unknown shortcode is kept as
text, and said so), or the source escapes it as Hugo does ({{</* x */>}}).
Exit 0 when clean, 1 with one line per leak.
"""
import html
import json
import os
import re
import subprocess
import sys
import zipfile

MARKERS = ["{{<", "{{%", ":::", "{#", "{width", "](", "![", "<br", "<details", "&nbsp;",
           "#|", "//|", "@tbl-", "@fig-", "\\frac", "\\text"]


def code_text(node, out):
    if node.get("type") in ("code", "code_block"):
        out.append(node.get("literal", ""))
    for c in node.get("children", []):
        code_text(c, out)


def run(args):
    return subprocess.run(args, capture_output=True)


def epub_text(path):
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.match(r"EPUB/issue-\d+\.xhtml$", n))
        raw = "".join(z.read(n).decode() for n in names)
    body = re.sub(r"(?s)<head>.*?</head>", "", raw)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def main():
    folio, outdir = sys.argv[1:3]
    os.makedirs(outdir, exist_ok=True)
    failures = 0
    for i, src in enumerate(sys.argv[3:]):
        name = "leak-%d-%s" % (i, os.path.basename(os.path.dirname(os.path.abspath(src))))
        dump = run([folio, "dump", "--json", "--fix-encoding", src])
        if dump.returncode != 0:
            print("FAIL %s: folio dump exited %d" % (src, dump.returncode))
            failures += 1
            continue
        code = []
        code_text(json.loads(dump.stdout)["root"], code)
        warned = [l for l in dump.stderr.decode().splitlines() if ": warning: " in l]
        allowed = {m for m in MARKERS if any(m in c for c in code + warned)}
        # Hugo's escape {{</* x */>}} is the author asking for {{< x >}}
        with open(src, encoding="utf-8", errors="replace") as f:
            source = f.read()
        allowed |= {m for m in ("{{<", "{{%") if m[:3] + "/*" in source}
        texts = {}
        for fmt in ("pdf", "epub"):
            out = os.path.join(outdir, name + "." + fmt)
            r = run([folio, "--fix-encoding", "--drafts", src, "-o", out])
            if r.returncode != 0:
                print("FAIL %s: folio -o .%s exited %d" % (src, fmt, r.returncode))
                failures += 1
                continue
            if fmt == "pdf":
                texts["PDF"] = run(["pdftotext", "-enc", "UTF-8", out, "-"]).stdout.decode()
            else:
                texts["EPUB"] = epub_text(out)
        for where, text in texts.items():
            for m in MARKERS:
                if m in allowed or m not in text:
                    continue
                at = text.index(m)
                context = " ".join(text[max(0, at - 40):at + 40].split())
                print("FAIL %s: %s shows %r: …%s…" % (src, where, m, context))
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
