#!/usr/bin/env python3
"""Checks a PDF made by folio the way a reader would, with the poppler and
qpdf tools rather than by reading PDF bytes:

  check.py FOLIO OUTDIR NAME [--golden FILE] SOURCE...

- folio SOURCE... -o OUTDIR/NAME.pdf exits 0;
- qpdf --check is clean; pdffonts lists only bundled fonts, all embedded;
- pdftotext finds the words of every paragraph, heading, cell and code
  block in order (and every footnote's words);
- the outline lists the book's table of contents (`folio dump --book`), in
  order; every TOC entry's printed page number is the page where pdftotext
  finds its heading; a contents page is printed when asked for and only
  with three entries or more;
- link annotations: one per link the book resolved, footnote reference and
  note (its number links back), TOC
  entry and card;
- JPEG images stay DCT-encoded (pdfimages -list);
- French: in pdftotext -layout, no line begins with ; : ! ? or », no line
  break parts a number from its %, € or month, and some line ends are
  hyphenated;
- with --golden, `folio dump --layout` equals FILE (UPDATE=1 rewrites it).
"""
import json
import os
import re
import unicodedata

from pdftest import fail, main, out, pdftotext, run

BUNDLED = ("NotoSerif", "NotoSans", "JetBrainsMono", "NotoColorEmoji", "LatinModernMath",
           "FontAwesome6")  # fonts/icons: Font Awesome Free
def squash(text):
    """Letters and digits only, lower case: what survives line breaks,
    hyphenation, justification and superscript marks."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


def nodigits(text):
    return re.sub(r"[0-9]", "", text)


def find_word(stream, w, pos):
    """Where w is next found from pos: (start, end), or (-1, -1). A word
    hyphenated across a page break has the page's notes, running header
    and footer between its halves."""
    at = stream.find(w, pos)
    if 0 <= at < pos + 100:
        return at, at + len(w)
    best = (at, at + len(w)) if at >= 0 else (-1, -1)
    for k in range(1, len(w)):
        i = stream.find(w[:k], pos, pos + 40 + k)
        if i >= 0:
            j = stream.find(w[k:], i + k, i + k + 4000)
            if j >= 0 and (best[0] < 0 or j + len(w) - k < best[1]):
                best = (i, j + len(w) - k)
    return best


def walk(node, out, in_note=False):
    """Word runs of the tree in reading order: (kind, text)."""
    t = node.get("type")
    if t == "footnote_def":
        note = []
        for c in node.get("children", []):
            walk(c, note, True)
        out.append(("note", " ".join(x for _, x in note)))
        return
    if t in ("text", "code"):
        out.append(("text", node.get("literal", "")))
    elif t == "code_block":
        out.append(("text", node.get("literal", "")))
    for c in node.get("children", []):
        walk(c, out, in_note)


def plain(node):
    """fnode_plain_text: what the outline shows for a heading."""
    s = ""
    for c in node.get("children", []):
        t = c.get("type")
        if t in ("text", "code"):
            s += c.get("literal", "")
        elif t == "math":
            s += c.get("literal", "")
        elif t in ("soft_break", "line_break"):
            s += " "
        elif t == "image":
            s += c.get("alt", "")
        elif t == "footnote_ref":
            pass
        else:
            s += plain(c)
    return s


def nodes(node, t, skip_notes=True):
    if skip_notes and node.get("type") == "footnote_def":
        return
    if node.get("type") == t:
        yield node
    for c in node.get("children", []):
        yield from nodes(c, t, skip_notes)


def check(folio, outdir, name, *rest):
    rest = list(rest)
    golden = None
    if rest[:1] == ["--golden"]:
        golden, rest = rest[1], rest[2:]
    sources = rest
    pdf = os.path.join(outdir, name + ".pdf")
    run([folio] + sources + ["-o", pdf])

    trees = [json.loads(out([folio, "dump", "--json", s])) for s in sources]
    layout = out([folio, "dump", "--layout"] + sources)
    book = out([folio, "dump", "--book"] + sources)

    # the file itself
    run(["qpdf", "--check", pdf])
    fonts = out(["pdffonts", pdf]).splitlines()[2:]
    for line in fonts:
        cols = line.split()
        family = cols[0].split("+", 1)[-1]
        if not family.startswith(BUNDLED):
            fail("font not bundled: " + cols[0])
        if "yes" not in cols[-5:-2][:1]:
            fail("font not embedded: " + line)

    # text in order
    n_pages = int(re.search(r"^pages (\d+)", layout, re.M).group(1))
    pages = [pdftotext(pdf, "-raw", first=i, last=i)
             for i in range(1, n_pages + 1)]
    stream = squash("".join(pages))
    missing = 0
    for tree in trees:
        runs = []
        walk(tree["root"], runs)
        pos = 0
        for kind, text in runs:
            for word in re.findall(r"\w+", text):
                w = squash(word)
                if not w:
                    continue
                start = 0 if kind == "note" else pos
                at, end = find_word(stream, w, start)
                if at < 0:
                    missing += 1
                    if missing <= 5:
                        fail("word not found in order: %r (%s)" % (word, text[:60]))
                    break
                if kind != "note":
                    pos = end

    # the outline mirrors the headings
    qj = json.loads(out(["qpdf", "--json=2", "--json-key=outlines", pdf]))

    def titles(items):
        for it in items:
            yield it["title"]
            yield from titles(it.get("kids", []))
    got = list(titles(qj.get("outlines", [])))
    want = [json.loads(t) for t in
            re.findall(r'^  \d+ (?:part|chapter|section) (".*") -> \S+$', book, re.M)]
    if got != want:
        fail("outline %r != the book's contents %r" % (got[:8], want[:8]))
    contents_page = "\n  contents-page yes\n" in book
    # a contents page where asked for (front matter, a compilation), and
    # never for fewer than three entries
    asked = len(trees) > 1 or any(t.get("meta", {}).get("toc") is True for t in trees)
    if contents_page != (asked and len(want) >= 3):
        fail("contents page %s with %d entries (asked: %s)" % (contents_page, len(want), asked))

    linked_headings = {plain(h) for tree in trees for h in nodes(tree["root"], "heading")
                       if any(True for _ in nodes(h, "link"))}

    # TOC numbers: the page pdftotext finds the heading on
    toc_pages = set()
    page = 0
    for line in layout.splitlines():
        if line.startswith("page "):
            page = int(line.split()[1])
        elif line.startswith("  tocnum "):
            toc_pages.add(page)
    layout_text = {p: pdftotext(pdf, "-layout", first=p, last=p) for p in toc_pages}
    entries = re.findall(r'^outline -?\d+ page (\d+) ', layout, re.M)
    if len(entries) != len(want):
        fail("%d layout outline entries, %d in the book's contents" % (len(entries), len(want)))
    for page, title in zip(entries, want):
        page = int(page)
        in_toc = contents_page
        key = squash(title)[:25]
        page_text = squash(pages[page - 1]) if 1 <= page <= len(pages) else ""
        if title in linked_headings:
            # a link in a heading prints its note number after the words
            key, page_text = nodigits(key), nodigits(page_text)
        need = 1 + (page in toc_pages and bool(in_toc))
        if page < 1 or page_text.count(key) < need:
            fail("heading %r not on page %d" % (title, page))
        if in_toc and toc_pages:
            if not any(squash(title) + str(page) in squash(layout_text[p]) for p in toc_pages):
                fail("TOC line for %r does not say page %d" % (title, page))

    # one annotation per link
    qo = json.loads(out(["qpdf", "--json=2", "--json-key=qpdf", pdf]))
    annots = sum(1 for o in qo["qpdf"][1].values()
                 if isinstance(o, dict) and isinstance(o.get("value"), dict)
                 and o["value"].get("/Subtype") == "/Link")
    want_links = len(re.findall(r"^  tocnum ", layout, re.M))
    want_links += len(re.findall(r'^  link ".*" (?:web ".*"|-> \S+)$', book, re.M))
    for tree in trees:
        want_links += sum(1 for r in nodes(tree["root"], "footnote_ref", False) if "def" not in r
                          or r.get("def") is not None)
        # a printed note's number links back to where it is cited
        want_links += sum(1 for d in nodes(tree["root"], "footnote_def", False)
                          if d.get("number", 0) > 0)
    # (a link continued on the next page is one annotation per page)
    if not want_links <= annots <= want_links + n_pages - 1:
        fail("%d link annotations, %d links" % (annots, want_links))

    # JPEG kept as DCT
    jpegs = [s for t, src in zip(trees, sources) for s in
             (n.get("src", "") for k in ("image", "figure") for n in nodes(t["root"], k))
             if re.search(r"\.(jpe?g|jfif)$", s, re.I) and not re.match(r"https?:", s)
             and os.path.exists(os.path.join(os.path.dirname(src), s))]
    if jpegs:
        listing = out(["pdfimages", "-list", pdf])
        if not re.search(r"\bjpeg\b", listing):
            fail("no DCT image although the source has " + jpegs[0])

    # French punctuation never starts a line
    if any(t.get("lang", "").startswith("fr") for t in trees):
        text = pdftotext(pdf, "-layout")
        lines = [l.strip() for l in text.splitlines()]
        # code keeps its own punctuation where it wraps
        code = "\n".join(squash(n.get("literal", "")) for t in trees
                         for k in ("code_block", "code") for n in nodes(t["root"], k, False))
        for s in lines:
            if s[:1] in (";", ":", "!", "?", "»") and not (squash(s) and squash(s) in code):
                fail("line begins with %r: %r" % (s[:1], s[:60]))
        # a number keeps its unit or month: "10 / %" or "30 / mars" never
        # split at a line end (outside code, which wraps anywhere)
        months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                  "septembre", "octobre", "novembre", "décembre")
        for a, b in zip(lines, lines[1:]):
            if re.search(r"\d$", a) and (b[:1] in ("%", "€") or b.split(" ")[0] in months) \
                    and not (squash(a + b) and squash(a + b) in code):
                fail("a number split from its unit: %r / %r" % (a[-20:], b[:20]))
        # justified French text breaks words at the dictionary's points
        hyphenated = sum(1 for a, b in zip(lines, lines[1:])
                         if a[-1:] in ("\u00ad", "-") and a[-2:-1].isalpha() and b[:1].islower())
        if len(lines) > 60 and hyphenated == 0:
            fail("no hyphenated line end in %d lines of French" % len(lines))

    if golden:
        if os.environ.get("UPDATE"):
            with open(golden, "w") as f:
                f.write(layout)
        else:
            with open(golden) as f:
                want = f.read()
            if want != layout:
                got_path = os.path.join(outdir, name + ".layout")
                with open(got_path, "w") as f:
                    f.write(layout)
                print(out(["diff", "-u", golden, got_path], ok=(1,))[-4000:])
                fail("layout differs from %s (see %s; UPDATE=1 rewrites)" % (golden, got_path))


main(check)
