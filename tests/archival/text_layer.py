#!/usr/bin/env python3
"""The text layer of a PDF made by folio, as a search engine reads it:

  text_layer.py FOLIO OUTDIR NAME SOURCE... [-- FOLIO_OPTION...]

- pdftotext has no U+00AD, no U+200B, no U+FFFD: a hyphen drawn where a
  word was cut extracts as "-", which pdftotext rejoins (run_text.h);
- every word of the source's text and inline code (from `folio dump
  --json`; code blocks wrap anywhere) appears whole in pdftotext's text
  (a word of a script without spaces, Chinese or Thai, across a line end),
  but for a word cut at the last line of what pdftotext reads as one flow
  of text (a page's or a column's end: it rejoins only inside a flow),
  whose end "diffu-" ends that flow and whose rest "sion" starts a line;
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

# letters apart from digits: a superscript or subscript comes out glued to
# its word ("mc2", "H2O"); a note mark does not (a number before one stays
# whole: "2022 26", pdf/run_text.h)
WORD = re.compile(r"[^\W\d_]+|\d+")
UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")


def found(compound, tokens, cut_ends, line_starts):
    """Whether every part of a word ("mi-février") is in the text: whole,
    or joined to its neighbour (pdftotext drops a hard hyphen at a line
    end: "mifévrier"), or cut at a hyphen that ends a flow and resumed at
    the start of a line."""
    parts = compound.split("-")
    for i, w in enumerate(parts):
        if w in tokens or (i + 1 < len(parts) and w + parts[i + 1] in tokens) or \
                (i > 0 and parts[i - 1] + w in tokens):
            continue
        if not any(w[:k] in cut_ends and w[k:] in line_starts for k in range(1, len(w))):
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
        for ch, what in (("\u00ad", "soft hyphen"), ("\u200b", "zero-width space"),
                         ("\ufffd", "replacement character")):
            if ch in line:
                fail("%s in line %d: %r" % (what, n, line[:80]))
    joined = unicodedata.normalize("NFC", text)
    # a script written without spaces (Chinese, Japanese, Thai) breaks a
    # line between two letters of a word, with no hyphen
    tokens = set(WORD.findall(joined)) | set(
        WORD.findall(re.sub(r"(?<=[%s])\n(?=[%s])" % (UNSPACED, UNSPACED), "", joined)))
    lines = joined.split("\n")
    # a flow ends with an empty line, a page with a form feed
    cut_ends = {m.group(1) for i, l in enumerate(lines[:-1])
                for m in [re.search(r"(\w+)-$", l)]
                if m and lines[i + 1].strip("\f ") == ""}
    line_starts = {m.group(1) for l in lines for m in [re.match(r"[\s\f]*(\w+)", l)] if m}
    flat = re.sub(r"[\s-]+", "", joined)
    for src in sources:
        tree = json.loads(run([folio, "dump", "--json", src] + [
            a for a in extra if a == "--fix-encoding"]).stdout)
        words, codes, emoji = [], [], []
        walk(tree["root"], words, codes, emoji)
        missing = sorted({w for w in words if not found(unicodedata.normalize("NFC", w), tokens,
                                                         cut_ends, line_starts)})
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
