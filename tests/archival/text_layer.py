#!/usr/bin/env python3
"""The text layer of a PDF made by folio, as a search engine reads it:

  text_layer.py FOLIO OUTDIR NAME SOURCE... [-- FOLIO_OPTION...]

- pdftotext has no U+00AD inside a line (one at a line end is the PDF way
  to mark a hyphen a reader may rejoin), no U+200B, no U+FFFD;
- every word of the source's text and inline code (from `folio dump
  --json`; code blocks wrap anywhere) appears whole in pdftotext's text
  once line-end hyphens are rejoined;
- every emoji of the source comes back as its code points;
- every line of code comes back character for character (no code
  ligature: "->" stays two characters), spaces and hyphens aside, in one
  piece or two (a line wrapped at a page foot).
"""
import json
import re
import sys
import unicodedata

from checking import convert, fail, failures, run

# letters apart from digits: a note mark printed after a word ("Monde²⁶")
# comes out glued to it ("Monde26")
WORD = re.compile(r"[^\W\d_]+|\d+")
COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")


def found(compound, tokens, shy_ends, line_starts):
    """Whether every part of a word ("mi-février") is in the text: whole,
    or joined to its neighbour (pdftotext drops a hard hyphen at a line
    end: "mifévrier"), or split at a soft hyphen that ends a page's last
    line and resumes on the next page."""
    parts = compound.split("-")
    for i, w in enumerate(parts):
        if w in tokens or (i + 1 < len(parts) and w + parts[i + 1] in tokens) or \
                (i > 0 and parts[i - 1] + w in tokens):
            continue
        if not any(w[:k] in shy_ends and w[k:] in line_starts for k in range(1, len(w))):
            return False
    return True




def walk(node, words, codes, emoji):
    t = node.get("type")
    lit = node.get("literal", "")
    if t in ("text", "code"):
        # URLs wrap anywhere, without a hyphen
        prose = " ".join(w for w in lit.split() if "://" not in w and not w.startswith("www."))
        words += COMPOUND.findall(prose)
        emoji += [c for c in lit if unicodedata.category(c) == "So" and ord(c) >= 0x1F000]
    if t in ("code", "code_block"):
        codes.append(lit)
    for c in node.get("children", []):
        walk(c, words, codes, emoji)


def main():
    converted = convert(sys.argv[1:])
    if not converted:
        return 1
    folio, pdf, sources, extra = converted
    text = run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout.decode()
    for n, line in enumerate(text.splitlines(), 1):
        if "\u00ad" in line.rstrip("\u00ad"):
            fail("soft hyphen inside line %d: %r" % (n, line[:80]))
        for ch, what in (("\u200b", "zero-width space"), ("\ufffd", "replacement character")):
            if ch in line:
                fail("%s in line %d: %r" % (what, n, line[:80]))
    joined = re.sub(r"\u00ad\n\s*", "", text)
    joined = unicodedata.normalize("NFC", joined)
    tokens = set(WORD.findall(joined))
    lines = unicodedata.normalize("NFC", text).splitlines()
    shy_ends = {m.group(1) for l in lines for m in [re.search(r"(\w+)\u00ad$", l)] if m}
    line_starts = {m.group(1) for l in lines for m in [re.match(r"\s*(\w+)", l)] if m}
    flat = re.sub(r"[\s-]+", "", joined)
    for src in sources:
        tree = json.loads(run([folio, "dump", "--json", src] + [
            a for a in extra if a == "--fix-encoding"]).stdout)
        words, codes, emoji = [], [], []
        walk(tree["root"], words, codes, emoji)
        missing = sorted({w for w in words if not found(unicodedata.normalize("NFC", w), tokens,
                                                         shy_ends, line_starts)})
        if missing:
            fail("%s: %d words not found whole: %s" % (src, len(missing), missing[:12]))
        for e in emoji:
            if e not in joined:
                fail("%s: emoji U+%04X not in the text layer" % (src, ord(e)))
        for c in codes:
            for line in c.splitlines():
                # pdftotext drops a hyphen that ends a wrapped line; a line
                # wrapped at a page foot resumes after the notes and footer
                line = re.sub(r"[\s-]+", "", line)
                if not any(line[:k] in flat and line[k:] in flat for k in range(len(line) + 1)):
                    fail("%s: code not kept character for character: %r" % (src, line[:60]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
