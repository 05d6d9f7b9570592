#!/usr/bin/env python3
"""Parity: the same sources through both backends tell the reader the same
book. `folio dump --book` says what the book is; the PDF and the EPUB are
read back as a reader's tools see them (qpdf, pdftotext, the EPUB's files):

  parity.py FOLIO OUTDIR NAME [--opt OPTION]... SOURCE...   one book of the sources
  parity.py FOLIO OUTDIR --each SOURCE...                    each source alone

- titles: the PDF's Title, the EPUB's dc:title and the book's are one;
- contents: the PDF outline and the EPUB nav list the book's entries, in
  order, at the book's levels, each leading to the book's target;
- generated words: every phrase the book lists (dates, "Numéro 13", callout
  titles, card labels, "5 numéros", "Sommaire") is found in both outputs,
  as often as the book lists it, in its chapter for the EPUB;
- links: every link the book resolved leads to the same place in both (an
  internal link to the same chapter and anchor, an external one to the same
  URL, compared percent-decoded), and no PDF link points at a destination
  the PDF lacks.
"""
import collections
import html
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from urllib.parse import unquote

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def run(args):
    p = subprocess.run(args, capture_output=True)
    if p.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(args), p.returncode,
                                   p.stderr.decode(errors="replace")[-600:]))
    return p.stdout


def squash(text):
    """Letters and digits only, lower case: what survives line breaks,
    hyphenation and spacing in both outputs."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


def parse_book(text):
    book = {"title": None, "toc": [], "phrases": [], "links": collections.defaultdict(list)}
    chapter = 0
    for line in text.splitlines():
        m = re.match(r'^book (".*")$', line)
        if m:
            book["title"] = json.loads(m.group(1))
        m = re.match(r'^chapter (\d+) ', line)
        if m:
            chapter = int(m.group(1))
        m = re.match(r'^  (\d+) (part|chapter|section) (".*") -> (\d+)(?:#(\S+))?$', line)
        if m:
            book["toc"].append((int(m.group(1)), m.group(2), json.loads(m.group(3)),
                                (int(m.group(4)), m.group(5))))
        m = re.match(r'^  (book|\d+) (\S+) (".*")$', line)
        if m:
            where = 0 if m.group(1) == "book" else int(m.group(1))
            book["phrases"].append((where, m.group(2), json.loads(m.group(3))))
        m = re.match(r'^  link ".*" (?:web (".*")|-> (\d+)(?:#(\S+))?)$', line)
        if m:
            target = ("web", unquote(json.loads(m.group(1)))) if m.group(1) else \
                ("in", int(m.group(2)), m.group(3))
            book["links"][chapter].append(target)
    return book


def pdf_target(dest, n_chapters):
    """A named destination as (chapter, anchor); a part page as ("part", k).
    (The PDF writes a name's bytes other than letters, digits, '.', '-' and
    ':' as "_XX".)"""
    dest = re.sub(r"_([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), dest)
    m = re.match(r"^folio-part-(\d+)$", dest)
    if m:
        return ("part", int(m.group(1)))
    if n_chapters > 1:
        m = re.match(r"^i(\d+)-(.*)$", dest)
        if not m:
            return ("?", dest)
        chapter, anchor = int(m.group(1)), m.group(2)
    else:
        chapter, anchor = 1, dest
    return (chapter, None if anchor == "folio-title" else anchor)


def epub_target(href, here):
    """An EPUB href as (chapter, anchor) or ("web", url)."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
        return ("web", unquote(href))
    path, _, frag = href.partition("#")
    m = re.match(r"^issue-0*(\d+)\.xhtml$", path) if path else None
    chapter = int(m.group(1)) if m else here
    return (chapter, None if frag in ("", "folio-title") else frag)


def text_of(xhtml):
    """The words of an XHTML page a reader sees, and its images' alt text."""
    xhtml = re.sub(r"<head>.*?</head>", " ", xhtml, flags=re.S)
    alts = " ".join(re.findall(r'alt="([^"]*)"', xhtml))
    return html.unescape(re.sub(r"<[^>]+>", " ", xhtml) + " " + alts)


def nav_entries(nav):
    """(depth, title, href) of the nav's table of contents, in order."""
    toc = re.search(r'<nav epub:type="toc".*?</nav>', nav, re.S).group(0)
    entries, depth = [], 0
    for tok in re.finditer(r"<ol>|</ol>|<a href=\"([^\"]*)\">(.*?)</a>", toc, re.S):
        if tok.group(0) == "<ol>":
            depth += 1
        elif tok.group(0) == "</ol>":
            depth -= 1
        else:
            entries.append((depth, html.unescape(re.sub(r"<[^>]+>", "", tok.group(2))),
                            html.unescape(tok.group(1))))
    return entries


def outline_entries(pdf, named):
    """(depth, title, destination name) of the PDF outline, in order (qpdf
    gives each destination as the page and place the name stands for)."""
    qj = json.loads(run(["qpdf", "--json=2", "--json-key=outlines", pdf]))
    out = []

    def walk(items, depth):
        for it in items:
            out.append((depth, it["title"], named.get(json.dumps(it.get("dest")))))
            walk(it.get("kids", []), depth + 1)
    walk(qj.get("outlines", []), 1)
    return out


def dest_name(dest):
    if isinstance(dest, str):
        return dest[2:] if dest.startswith("u:") else dest
    return None


def pdf_links(pdf):
    """The targets of the PDF's link annotations, and its named destinations
    (name by the place it stands for, as JSON)."""
    qj = json.loads(run(["qpdf", "--json=2", "--json-key=qpdf", pdf]))
    objs = qj["qpdf"][1]
    links, names, every = [], {}, set()
    for o in objs.values():
        v = o.get("value") if isinstance(o, dict) else None
        if not isinstance(v, dict):
            continue
        if isinstance(v.get("/Names"), list):
            pairs = v["/Names"]
            for k, place in zip(pairs[0::2], pairs[1::2]):
                names[json.dumps(place)] = dest_name(k)
                every.add(dest_name(k))  # two names may stand for one place
        if v.get("/Subtype") != "/Link":
            continue
        if "/Dest" in v:
            links.append(("dest", dest_name(v["/Dest"])))
        elif isinstance(v.get("/A"), dict):
            a = v["/A"]
            if "/URI" in a:
                links.append(("web", unquote(dest_name(a["/URI"]))))
            elif "/D" in a:
                links.append(("dest", dest_name(a["/D"])))
    return links, names, every


def contains(have, want):
    """Whether the multiset have holds every element of want as often."""
    missing = collections.Counter(want) - collections.Counter(have)
    return list(missing.elements())


def check(folio, outdir, name, opts, sources):
    os.makedirs(outdir, exist_ok=True)
    before = len(failures)
    pdf = os.path.join(outdir, name + ".pdf")
    epub = os.path.join(outdir, name + ".epub")
    book = parse_book(run([folio, "dump", "--book"] + opts + sources).decode())
    run([folio, "--quiet"] + opts + sources + ["-o", pdf])
    run([folio, "--quiet"] + opts + sources + ["-o", epub])
    if len(failures) > before:
        return
    z = zipfile.ZipFile(epub)
    files = {n: z.read(n).decode() for n in z.namelist() if n.endswith((".xhtml", ".opf"))}
    chapters = sorted((n for n in files if re.search(r"/issue-\d+\.xhtml$", n)),
                      key=lambda n: int(re.search(r"(\d+)\.xhtml$", n).group(1)))
    n = len(chapters)

    # titles
    info = run(["pdfinfo", pdf]).decode()
    m = re.search(r"^Title:\s*(.*)$", info, re.M)
    pdf_title = m.group(1).strip() if m else None
    epub_title = html.unescape(re.search(r"<dc:title[^>]*>(.*?)</dc:title>",
                                         files["EPUB/package.opf"], re.S).group(1))
    if not (pdf_title == epub_title == book["title"]):
        fail("titles: PDF %r, EPUB %r, book %r" % (pdf_title, epub_title, book["title"]))

    # contents: same entries, levels and targets
    want = [(lvl, title) for lvl, _, title, _ in book["toc"]]
    targets = [(c, a) for _, kind, _, (c, a) in book["toc"]]
    links, named, names = pdf_links(pdf)
    outline = outline_entries(pdf, named)
    if [(d, t) for d, t, _ in outline] != want:
        fail("PDF outline %r != book %r" % (outline[:6], want[:6]))
    nav = nav_entries(files["EPUB/nav.xhtml"])
    if [(d, t) for d, t, _ in nav] != want:
        fail("EPUB nav %r != book %r" % (nav[:6], want[:6]))
    for (kind, (c, a)), (_, title, dest), (_, _, href) in zip(
            [(k, t) for _, k, _, t in book["toc"]], outline, nav):
        got_pdf = pdf_target(dest or "", n)
        if kind != "part" and got_pdf != (c, a):
            fail("outline %r leads to %r, the book says %r" % (title, got_pdf, (c, a)))
        if epub_target(href, 0) != (c, a):
            fail("nav %r leads to %r, the book says %r" % (title, href, (c, a)))

    # generated words
    pdf_text = squash(run(["pdftotext", pdf, "-"]).decode())
    epub_text = {i + 1: squash(text_of(files[c])) for i, c in enumerate(chapters)}
    epub_text[0] = squash(text_of(files.get("EPUB/cover.xhtml", "")) +
                          text_of(files["EPUB/nav.xhtml"]))
    per_where = collections.Counter((w, squash(t)) for w, _, t in book["phrases"])
    for (where, s), count in per_where.items():
        if not s:
            continue
        if epub_text.get(where, "").count(s) < count:
            fail("EPUB %s: %r found %d times, the book writes it %d" % (
                "chapter %d" % where if where else "cover/nav", s,
                epub_text.get(where, "").count(s), count))
    for s, count in collections.Counter(squash(t) for _, _, t in book["phrases"]).items():
        found = pdf_text.count(s)
        if s and found < count:
            fail("PDF: %r found %d times, the book writes it %d" % (s, found, count))

    # links
    dangling = sorted({d for k, d in links if k == "dest" and d not in names})
    if dangling:
        fail("PDF links to missing destinations: %r" % dangling[:5])
    pdf_have = [("web", d) if k == "web" else pdf_target(d, n) for k, d in links]
    want_all = []
    for c, ts in book["links"].items():
        want_c = [("web", t[1]) if t[0] == "web" else (t[1], t[2]) for t in ts]
        want_all += want_c
        hrefs = [html.unescape(h) for h in
                 re.findall(r'<a [^>]*?href="([^"]*)"', files[chapters[c - 1]])]
        epub_have = [epub_target(h, c) for h in hrefs]
        missing = contains(epub_have, want_c)
        if missing:
            fail("EPUB chapter %d lacks links to %r" % (c, missing[:5]))
    missing = contains(pdf_have, want_all)
    if missing:
        fail("PDF lacks links to %r" % missing[:5])

    print("%s: %d contents entries, %d phrases, %d links%s" % (
        name, len(want), len(book["phrases"]), len(want_all),
        " agree" if len(failures) == before else ": %d failures" % (len(failures) - before)))


def main():
    folio, outdir = sys.argv[1:3]
    if sys.argv[3] == "--each":
        for src in sys.argv[4:]:
            name = re.sub(r"[^A-Za-z0-9_.-]", "_", os.path.relpath(src, os.path.dirname(
                os.path.dirname(os.path.abspath(src)))))
            check(folio, outdir, name, [], [src])
    else:
        name, rest, opts = sys.argv[3], sys.argv[4:], []
        while rest[:1] == ["--opt"]:
            opts.append(rest[1])
            rest = rest[2:]
        check(folio, outdir, name, opts, rest)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
