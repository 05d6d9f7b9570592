#!/usr/bin/env python3
"""The EPUB's drawn cover and its converted images (here a WebP made a
JPEG) are kept in folio's cache folder and used again only when they are
these very ones and whole: the book is the same bytes with the cache cold,
warm, damaged or unwritable; other words make another cover.

  cache.py FOLIO HUGO_FIXTURE_DIR WORK_DIR
"""
import glob
import os
import shutil
import subprocess
import sys
import zipfile


def main():
    folio, fixture, work = sys.argv[1], sys.argv[2], sys.argv[3]
    shutil.rmtree(work, ignore_errors=True)
    src = os.path.join(work, "src")
    shutil.copytree(fixture, src)
    index = os.path.join(src, "index.md")
    text = open(index, encoding="utf-8").read()
    assert text.startswith("---\n")
    with open(index, "w", encoding="utf-8") as f:  # a photograph on the cover
        f.write("---\nimage: pixel.png\n" + text[4:])
    cache = os.path.join(work, "cache")
    failures = []
    said = {}

    def build(name, cache_home=cache):
        out = os.path.join(work, name)
        env = dict(os.environ, XDG_CACHE_HOME=cache_home)
        p = subprocess.run([folio, index, "-o", out], env=env, capture_output=True, text=True)
        # the same words whatever the cache holds, and none about the cover
        # (diagnostics only: a sanitizer build adds its own report)
        words = [l for l in p.stderr.splitlines() if ": warning: " in l or ": error: " in l]
        said.setdefault("first", words)
        if p.returncode != 0 or words != said["first"] or "cover image" in p.stderr:
            failures.append("%s: exit %d, %s" % (name, p.returncode, p.stderr.strip()))
        return open(out, "rb").read() if os.path.exists(out) else b""

    def kept(kind):
        return sorted(glob.glob(os.path.join(cache, "folio", kind + "-*")))

    def covers():
        return kept("cover")

    def damage(path):  # one byte of the body changed
        with open(path, "r+b") as f:
            f.seek(-1, os.SEEK_END)
            last = f.read(1)
            f.seek(-1, os.SEEK_END)
            f.write(bytes([last[0] ^ 0xFF]))

    def check(ok, what):
        if not ok:
            failures.append(what)

    cold = build("cold.epub")
    check(len(covers()) == 1, "one cover kept after a first build: %s" % covers())
    check(len(kept("image")) == 1, "the WebP's JPEG kept after a first build: %s" % kept("image"))
    cover = open(covers()[0], "rb").read() if covers() else b""
    image = open(kept("image")[0], "rb").read() if kept("image") else b""
    with zipfile.ZipFile(os.path.join(work, "cold.epub")) as z:
        jpeg = z.read("EPUB/images/cover.jpg")
        jpegs = [z.read(n) for n in z.namelist() if n.endswith(".jpg") and "cover" not in n]
    check(jpeg[:3] == b"\xff\xd8\xff" and cover.endswith(jpeg), "the cache holds the cover drawn")
    check(len(jpegs) == 1 and image.endswith(jpegs[0]), "the cache holds the WebP's JPEG")
    check(build("warm.epub") == cold, "a warm build is the same book")

    # damaged cache files: not used, made again, replaced
    for path in covers() + kept("image"):
        damage(path)
    check(build("damaged.epub") == cold, "damaged cache files are not used")
    check(open(covers()[0], "rb").read() == cover, "a damaged cover is replaced")
    check(open(kept("image")[0], "rb").read() == image, "a damaged image is replaced")

    # a cache folder that cannot be made: the same book, no word about it
    blocker = os.path.join(work, "not-a-folder")
    open(blocker, "w").close()
    check(build("uncached.epub", blocker) == cold, "no cache: the same book")

    # other words on the cover: another cover, another file
    with open(index, "w", encoding="utf-8") as f:
        f.write("---\nimage: pixel.png\n" + text[4:].replace('title: "', 'title: "Encore : ', 1))
    other = build("other.epub")
    check(other != cold and len(covers()) == 2, "a new title draws a new cover")
    check(len(kept("image")) == 1, "the same image is not converted again")

    for f in failures:
        print("FAIL: " + f)
    if not failures:
        print("cache: cold, warm, damaged and uncached builds are one book; %d covers, %d images kept"
              % (len(covers()), len(kept("image"))))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
