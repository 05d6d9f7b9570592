#!/usr/bin/env python3
"""The PDF's prepared images (JPEG bytes of a photograph, samples folio
compressed, with their alpha) are kept in folio's cache folder and used
again only when they are these very ones and whole: the PDF is the same
bytes with the cache cold, warm, damaged, truncated, holding another
image's entry, or unwritable, with -j 1 or -j 2, as PDF and as PDF/A. A
JPEG the PDF takes as it is is not copied into the cache.

  cache.py FOLIO IMAGE_FIXTURES PDF_FIXTURES WORK_DIR [SAMPLES_DIR]
"""
import glob
import os
import random
import shutil
import struct
import subprocess
import zlib

from pdftest import fail, failures, main

IMAGES = ["rgba.png", "lossy.webp", "alpha.webp", "rotated.jpg", "photo.jpg", "palette.png",
          "frames.gif", "cmyk.jpg"]


def png(path, w, h, seed):
    """An opaque RGB PNG of noise: a photograph to folio (photo.c), so
    the PDF gets it as JPEG."""
    rnd = random.Random(seed)
    rows = b"".join(b"\0" + bytes(rnd.getrandbits(8) for _ in range(3 * w)) for _ in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def run_checks(folio, images, pdf_fixtures, work, samples=None):
    shutil.rmtree(work, ignore_errors=True)
    src = os.path.join(work, "src")
    os.makedirs(src)
    for name in IMAGES:
        shutil.copy(os.path.join(images, name), src)
    shutil.copy(os.path.join(pdf_fixtures, "img", "tall.png"), src)
    png(os.path.join(src, "noise.png"), 320, 240, 11)
    png(os.path.join(src, "small.png"), 320, 240, 12)
    doc = os.path.join(src, "index.md")
    with open(doc, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Images en cache\nlang: fr\n---\n\nUne page d'images.\n\n")
        for name in IMAGES:
            f.write("![%s](%s)\n\n" % (name, name))
        # and two reduced: the images kept are those at their printed size
        f.write("![réduite](tall.png){width=5%}\n\n![bruit](noise.png){width=40%}\n\n"
                "![bruit réduit](small.png){width=12%}\n")
    cache = os.path.join(work, "cache")
    folder = os.path.join(cache, "folio")
    said = {}

    def build(name, source=doc, args=(), cache_home=cache):
        out = os.path.join(work, name)
        env = dict(os.environ, XDG_CACHE_HOME=cache_home)
        p = subprocess.run([folio, source, "-o", out, "--fix-encoding"] + list(args), env=env,
                           capture_output=True, text=True)
        # the same words whatever the cache holds (diagnostics only: a
        # sanitizer build adds its own report)
        words = [l for l in p.stderr.splitlines() if ": warning: " in l or ": error: " in l]
        said.setdefault(source, words)
        if p.returncode != 0 or words != said[source]:
            fail("%s: exit %d, %s" % (name, p.returncode, p.stderr.strip()))
        return open(out, "rb").read() if os.path.exists(out) else b""

    def kept():
        return sorted(glob.glob(os.path.join(folder, "pdfimage-*")))

    def contents():
        return {path: open(path, "rb").read() for path in kept()}

    def check(ok, what):
        if not ok:
            fail(what)

    def body(entry):  # after blob_cache's header (a blank line)
        return entry.split(b"\n\n", 1)[1]

    # the PDF as folio makes it without a cache (the folder cannot be made)
    blocker = os.path.join(work, "not-a-folder")
    open(blocker, "w").close()
    plain = build("plain.pdf", cache_home=blocker)
    plain_a = build("plain-a.pdf", args=["--pdfa"], cache_home=blocker)
    check(not os.path.exists(os.path.join(blocker, "folio")), "no cache without a folder")

    cold = build("cold.pdf")
    first = contents()
    heads = [body(e).split(b"\n", 1)[0] for e in first.values()]
    check(any(h.startswith(b"jpeg ") for h in heads), "a photograph's JPEG kept: %s" % heads)
    check(any(h.startswith(b"samples ") for h in heads), "compressed samples kept: %s" % heads)
    jpeg = open(os.path.join(src, "photo.jpg"), "rb").read()
    check(not any(body(e).endswith(jpeg) for e in first.values()),
          "a JPEG taken as it is is not copied into the cache")
    check(cold == plain, "a cold build is the PDF made without a cache")
    check(build("warm.pdf") == cold, "a warm build is the same PDF")
    check(contents() == first, "a warm build stores nothing new")
    check(build("warm-j1.pdf", args=["-j", "1"]) == cold, "warm -j 1 is the same PDF")
    check(build("warm-j2.pdf", args=["-j", "2"]) == cold, "warm -j 2 is the same PDF")
    check(build("warm-a.pdf", args=["--pdfa"]) == plain_a, "a warm PDF/A is the same PDF/A")
    shutil.rmtree(cache)
    check(build("cold-j1.pdf", args=["-j", "1"]) == cold, "cold -j 1 is the same PDF")
    check(build("cold-a.pdf", args=["--pdfa"]) == plain_a, "a cold PDF/A is the PDF/A made without a cache")

    # damaged entries: one byte of the body changed, or cut short; not used,
    # made again, replaced
    for path in kept():
        with open(path, "r+b") as f:
            f.seek(-1, os.SEEK_END)
            last = f.read(1)
            f.seek(-1, os.SEEK_END)
            f.write(bytes([last[0] ^ 0xFF]))
    check(build("damaged.pdf") == cold, "damaged entries are not used")
    check(contents() == first, "damaged entries are replaced")
    for path in kept():
        with open(path, "r+b") as f:
            f.truncate(os.path.getsize(path) // 2)
    check(build("truncated.pdf") == cold, "truncated entries are not used")
    check(contents() == first, "truncated entries are replaced")
    # a whole entry, under another image's name: its key does not match
    paths = kept()
    for a, b in zip(paths, paths[1:] + paths[:1]):
        with open(a, "wb") as f:
            f.write(first[b])
    check(build("swapped.pdf") == cold, "another image's entry is not used")
    check(contents() == first, "misplaced entries are replaced")

    # eight uncached builds at once: heaps laid out differently, the same
    # bytes (ISA-L's igzip compressed the 4x4 and 8x8 images' samples three
    # ways in 32 such builds: 3 differed)
    env = dict(os.environ, XDG_CACHE_HOME=blocker)
    outs = [os.path.join(work, "concurrent-%d.pdf" % i) for i in range(8)]
    procs = [subprocess.Popen([folio, doc, "-o", out, "--fix-encoding"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for out in outs]
    check(all(p.wait() == 0 for p in procs), "concurrent builds succeed")
    check(all(open(out, "rb").read() == plain for out in outs),
          "eight concurrent uncached builds are one PDF")

    # real issues, when the samples are there: cold, warm and -j 1 the same
    for issue in sorted(glob.glob(os.path.join(samples or "/nonexistent", "*", "*", "index.*md")))[:3]:
        name = os.path.basename(os.path.dirname(issue))
        plain = build(name + "-plain.pdf", source=issue, cache_home=blocker)
        check(build(name + "-cold.pdf", source=issue) == plain, "%s: cold is the PDF without a cache" % name)
        check(build(name + "-warm.pdf", source=issue) == plain, "%s: warm is the same PDF" % name)
        check(build(name + "-warm-j1.pdf", source=issue, args=["-j", "1"]) == plain,
              "%s: warm -j 1 is the same PDF" % name)

    if not failures:
        print("cache: cold, warm, damaged, truncated, misplaced and uncached builds are one PDF;"
              " %d images kept" % len(first))


main(run_checks)
