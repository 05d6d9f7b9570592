#!/usr/bin/env python3
"""Checks the rules of a page that keeps things together, on a `folio dump
--layout` file:

  keeps.py LAYOUT [SOURCE...]

- a heading is never the last line of a page, and the two lines (or the
  image) after it are on its page;
- a caption is on the page of its figure, right under it;
- a callout split across pages leaves its title with two lines (or the
  image) of its body;
- a callout or a quote of six lines or fewer is never split across pages
  (a frame's segment that goes on at the next page's top is one frame),
  unless moving it whole would leave a quarter of the page blank;
- a frame's bar (a callout's, a quote's, a <details>' body's) never
  stands at a page's foot with nothing beside it: what it frames starts on
  the page (a <details>' summary left alone above an empty sliver);
- a word is never cut between two pages: a page's last line of text does
  not end with a hyphen the line breaker added;
- with SOURCE files, figures come in the order of the sources.

Prints each violation; exits 1 when there is one."""
import re
import sys

from pdftest import fail, failures

BOX = re.compile(r'^  (\w+) (-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)(?: (\w+))?(?: "(.*)")?( hyphen)?')
HEADING = {"H1", "H2", "H3", "H4", "H5", "H6"}
def read(path):
    pages, page = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("page "):
                page = {"doc": int(line.split()[3]), "boxes": []}
                pages.append(page)
                continue
            m = BOX.match(line)
            if m and page is not None:
                kind, x, y, w, h, tag, text, hyphen = m.groups()
                if kind != "line":  # only lines carry a tag
                    text = (tag or "") + (" " + text if text else "") if tag else text
                    tag = None
                page["boxes"].append({"kind": kind, "x": float(x), "y": float(y),
                                      "w": float(w), "h": float(h), "tag": tag,
                                      "text": text or "", "hyphen": bool(hyphen)})
    return pages


def content(page):
    """The page's boxes in reading order, its notes and their rule left out."""
    out = []
    for b in page["boxes"]:
        if b["tag"] == "Note" or (b["kind"] == "rule" and b["h"] == 0.5):
            continue
        if b["kind"] in ("line", "image", "frame"):
            out.append(b)
    return out


def check_headings(pages):
    for i, p in enumerate(pages):
        c = content(p)
        last_page = i + 1 == len(pages) or pages[i + 1]["doc"] != p["doc"]
        for k, b in enumerate(c):
            if b["tag"] not in HEADING or (k + 1 < len(c) and c[k + 1]["tag"] in HEADING):
                continue
            after = c[k + 1:k + 3]
            enough = (len(after) >= 2 or any(a["kind"] == "image" for a in after)
                      or (last_page and k + 1 + len(after) == len(c)))
            if not enough:
                fail("page %d: heading %r with %d line(s) after it" % (i + 1, b["text"], len(after)))


def check_cut_words(pages):
    for i, p in enumerate(pages[:-1]):
        lines = [b for b in content(p) if b["kind"] == "line"]
        last = max(lines, key=lambda b: b["y"], default=None)
        if last and last["hyphen"]:
            fail("page %d: its last line %r cuts a word" % (i + 1, last["text"]))


def check_captions(pages):
    for i, p in enumerate(pages):
        c = content(p)
        for k, b in enumerate(c):
            if b["tag"] != "Caption" or (k > 0 and c[k - 1]["tag"] == "Caption"):
                continue
            if k == 0 or (c[k - 1]["kind"] not in ("image", "frame") and
                          c[k - 1]["tag"] != "Figure"):  # a placeholder's lines
                fail("page %d: caption %r not under its figure" % (i + 1, b["text"]))


def frames(page):
    """Callout (fill and bar) and quote (bar alone) segments of a page."""
    bars = [b for b in page["boxes"] if b["kind"] == "rule" and b["w"] == 3.0]
    out = []
    for bar in bars:
        lines = [b for b in page["boxes"] if b["kind"] in ("line", "image") and b["tag"] != "Note"
                 and b["x"] > bar["x"] and bar["y"] - 0.1 <= b["y"] < bar["y"] + bar["h"] - 0.1]
        callout = any(b["kind"] == "fill" and abs(b["x"] - bar["x"]) < 0.1
                      and abs(b["y"] - bar["y"]) < 0.1 for b in page["boxes"])
        out.append({"x": bar["x"], "y": bar["y"], "bottom": bar["y"] + bar["h"],
                    "lines": lines, "callout": callout})
    return out


def check_frames(pages):
    for i in range(len(pages) - 1):
        here, there = frames(pages[i]), frames(pages[i + 1])
        body_here = [b for b in content(pages[i])]
        body_there = [b for b in content(pages[i + 1])]
        if not here or not there or not body_here or not body_there:
            continue
        foot = max(b["y"] + b["h"] for b in body_here)
        top = min(b["y"] for b in body_there)
        head = min(b["y"] for b in body_here)
        for f in here:
            if f["bottom"] < foot - 1:
                continue  # ends before the page's foot: not continued
            if foot - f["y"] > 0.25 * (foot - head):
                continue  # moved whole, it would leave a quarter of the page blank
            for g in there:
                if abs(g["x"] - f["x"]) < 0.1 and g["y"] <= top + 1:
                    # an image counts as the lines it is tall
                    n = sum(1 if b["kind"] == "line" else int(b["h"] / 19.3) + 1
                            for b in f["lines"] + g["lines"]) - (1 if f["callout"] else 0)
                    if n <= 6:
                        first = (f["lines"] or g["lines"] or [{"text": ""}])[0]["text"]
                        fail("pages %d-%d: a frame of %d lines split (%r)" % (i + 1, i + 2, n, first))


def check_empty_frames(pages):
    for i, p in enumerate(pages):
        for f in frames(p):
            if not f["lines"]:
                above = [b for b in content(p) if b["kind"] == "line" and b["y"] < f["y"]]
                last = max(above, key=lambda b: b["y"], default={"text": ""})["text"]
                fail("page %d: a frame with nothing in it, under %r" % (i + 1, last))


def continued(here, there, f):
    """Whether frame f of page here goes on at the top of page there."""
    body_here, body_there = content(here), content(there)
    if not body_here or not body_there:
        return False
    foot = max(b["y"] + b["h"] for b in body_here)
    top = min(b["y"] for b in body_there)
    return f["bottom"] >= foot - 1 and any(
        abs(g["x"] - f["x"]) < 0.1 and g["y"] <= top + 1 for g in frames(there))


def check_callout_titles(pages):
    for i in range(len(pages) - 1):
        body = content(pages[i])
        head = min((b["y"] for b in body), default=0)
        for f in frames(pages[i]):
            if not f["callout"] or f["y"] <= head + 1 or not continued(pages[i], pages[i + 1], f):
                continue  # a quote, or the segment that goes on from the page before
            if len(f["lines"]) < 3 and not any(b["kind"] == "image" for b in f["lines"]):
                fail("page %d: a callout's title with %d line(s) of its body (%r)" %
                     (i + 1, len(f["lines"]) - 1, (f["lines"] or [{"text": ""}])[0]["text"]))


def check_figure_order(pages, sources):
    text = "".join(open(s, encoding="utf-8").read() for s in sources)
    pos = 0
    for i, p in enumerate(pages):
        for b in p["boxes"]:
            if b["kind"] != "image" or not b["text"]:
                continue
            at = text.find(b["text"], pos)
            if at < 0 and text.find(b["text"]) >= 0:
                fail("page %d: figure %r out of the sources' order" % (i + 1, b["text"]))
            elif at >= 0:
                pos = at


def main():
    pages = read(sys.argv[1])
    check_headings(pages)
    check_captions(pages)
    check_cut_words(pages)
    check_frames(pages)
    check_empty_frames(pages)
    check_callout_titles(pages)
    if len(sys.argv) > 2:
        check_figure_order(pages, sys.argv[2:])
    return 1 if failures else 0


sys.exit(main())
