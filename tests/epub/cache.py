#!/usr/bin/env python3
"""The EPUB's drawn cover is kept in folio's cache folder and used again
only when it is this very cover and whole: the book is the same bytes with
the cache cold, warm, damaged or unwritable; other words make another cover.

  cover_cache.py FOLIO FIXTURE_DIR WORK_DIR
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
    index = os.path.join(src, "index.qmd")
    text = open(index, encoding="utf-8").read()
    assert text.startswith("---\n")
    with open(index, "w", encoding="utf-8") as f:  # a photograph on the cover
        f.write("---\nimage: photo.jfif\n" + text[4:])
    cache = os.path.join(work, "cache")
    failures = []
    said = {}

    def build(name, cache_home=cache):
        out = os.path.join(work, name)
        env = dict(os.environ, XDG_CACHE_HOME=cache_home)
        p = subprocess.run([folio, index, "-o", out], env=env, capture_output=True, text=True)
        # the same words whatever the cache holds, and none about the cover
        said.setdefault("first", p.stderr)
        if p.returncode != 0 or p.stderr != said["first"] or "cover image" in p.stderr:
            failures.append("%s: exit %d, %s" % (name, p.returncode, p.stderr.strip()))
        return open(out, "rb").read() if os.path.exists(out) else b""

    def covers():
        return sorted(glob.glob(os.path.join(cache, "folio", "cover-*")))

    def check(ok, what):
        if not ok:
            failures.append(what)

    cold = build("cold.epub")
    check(len(covers()) == 1, "one cover kept after a first build: %s" % covers())
    kept = open(covers()[0], "rb").read() if covers() else b""
    with zipfile.ZipFile(os.path.join(work, "cold.epub")) as z:
        jpeg = z.read("EPUB/images/cover.jpg")
    check(jpeg[:3] == b"\xff\xd8\xff" and kept.endswith(jpeg), "the cache holds the cover drawn")
    check(build("warm.epub") == cold, "a warm build is the same book")

    # one byte of the kept cover changed: not used, drawn again, replaced
    with open(covers()[0], "r+b") as f:
        f.seek(-1, os.SEEK_END)
        last = f.read(1)
        f.seek(-1, os.SEEK_END)
        f.write(bytes([last[0] ^ 0xFF]))
    check(build("damaged.epub") == cold, "a damaged cache file is not used")
    check(open(covers()[0], "rb").read() == kept, "a damaged cache file is replaced")

    # a cache folder that cannot be made: the same book, no word about it
    blocker = os.path.join(work, "not-a-folder")
    open(blocker, "w").close()
    check(build("uncached.epub", blocker) == cold, "no cache: the same book")

    # other words on the cover: another cover, another file
    with open(index, "w", encoding="utf-8") as f:
        f.write("---\nimage: photo.jfif\n" + text[4:].replace('title: "', 'title: "Encore : ', 1))
    other = build("other.epub")
    check(other != cold and len(covers()) == 2, "a new title draws a new cover")

    for f in failures:
        print("FAIL: " + f)
    if not failures:
        print("cover cache: cold, warm, damaged and uncached builds are one book; %d covers kept"
              % len(covers()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
