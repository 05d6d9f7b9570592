#!/bin/sh
# The images of a compilation are decoded while the layout goes on
# (src/pdf/images.c), on as many threads as -j gives: the PDF must be the
# same bytes whatever -j. An image printed small in the first issue and
# large in the second is embedded once, at the larger size (the size the
# layout asked for first is decoded again). With the samples folder, its
# Quarto issues as one book too. jobs_book.py: a book whose page, note,
# link and structure numbering runs across its chapters, the same bytes
# whatever -j and numbered right.
#   jobs.sh FOLIO [SAMPLES_DIR]
set -u
bin=$1
samples=${2:-}
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# 1600×400 stripes of four colours: no photograph, folio compresses it itself
python3 - "$work/stripes.png" <<'PY' || exit 2
import struct, sys, zlib
w, h = 1600, 400
colours = [(200, 40, 40), (40, 160, 60), (30, 60, 200), (240, 200, 20)]
rows = b"".join(b"\0" + bytes(c for x in range(w) for c in colours[(x // 37 + y // 29) % 4])
                for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
PY
for issue in a b; do
    mkdir "$work/$issue" && cp "$work/stripes.png" "$work/$issue/" || exit 2
done
printf -- '---\ntitle: "Petit"\ndate: 2026-01-05\nlang: fr\n---\n\nUne image en petit.\n\n![Rayures](stripes.png){width=20%%}\n' >"$work/a/index.md"
printf -- '---\ntitle: "Grand"\ndate: 2026-02-05\nlang: fr\n---\n\nLa même en grand.\n\n![Rayures](stripes.png)\n' >"$work/b/index.md"

for j in 1 2 3; do
    "$bin" "$work/a/index.md" "$work/b/index.md" -o "$work/j$j.pdf" -j $j 2>"$work/j$j.err" ||
        fail "folio -j $j exit $?: $(cat "$work/j$j.err")"
done
cmp -s "$work/j1.pdf" "$work/j2.pdf" || fail "the book with -j 2 differs from -j 1"
cmp -s "$work/j1.pdf" "$work/j3.pdf" || fail "the book with -j 3 differs from -j 1"
if command -v pdfimages >/dev/null; then
    pdfimages -list "$work/j2.pdf" >"$work/images.txt" 2>&1
    # one XObject for both pages (header lines, then one row per use)
    n=$(awk 'NR > 2 && $3 == "image" { print $4 "x" $5 " " $11 }' "$work/images.txt" | sort -u | wc -l)
    [ "$n" -eq 1 ] || fail "the stripes are not one image: $(cat "$work/images.txt")"
    width=$(awk 'NR > 2 && $3 == "image" { print $4; exit }' "$work/images.txt")
    [ "${width:-0}" -gt 1000 ] || fail "the stripes embedded at the small size: $(cat "$work/images.txt")"
fi

if [ -n "$samples" ] && [ -d "$samples/quarto" ]; then
    for j in 1 2; do
        "$bin" "$samples/quarto" -o "$work/q$j.pdf" -j $j --fix-encoding -q ||
            fail "folio samples/quarto -j $j exit $?"
    done
    cmp -s "$work/q1.pdf" "$work/q2.pdf" || fail "the samples' book with -j 2 differs from -j 1"
fi
python3 "$(dirname "$0")/jobs_book.py" "$bin" || fail "the numbered book (jobs_book.py)"
exit $status
