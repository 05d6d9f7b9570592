#!/bin/bash
# cmake --install puts every promised file in place, and a program can be
# built against the installed header and library through pkg-config.
# Usage: run.sh BUILD_DIR [CFLAGS] (the build's flags, e.g. the sanitizers)
set -eu
build=$1
cflags=${2:-}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
fails=0
for f in bin/folio include/folio.h share/man/man1/folio.1 share/folio/styles/default.yaml \
         share/folio/fonts/NotoSerif-Regular.ttf share/folio/fonts/NotoColorEmoji.ttf \
         share/folio/fonts/LICENSE-Noto.txt share/folio/fonts/math/latinmodern-math.otf \
         share/folio/fonts/math/LICENSE-LatinModernMath.txt \
         share/folio/fonts/NotoNaskhArabic-Regular.ttf share/folio/fonts/NotoSansCJK-Regular.ttc \
         share/folio/fonts/LICENSE-NotoCJK.txt share/folio/fonts/NotoSerifTibetan-Regular.ttf \
         share/folio/fonts/NotoSansCherokee-Regular.ttf; do
  [ -e "$prefix/$f" ] || { echo "FAIL: not installed: $f"; fails=$((fails + 1)); }
done
pc=$(find "$prefix" -name folio.pc | head -1)
lib=$(find "$prefix" -name 'libfolio.so*' | head -1)
[ -n "$pc" ] || { echo "FAIL: no folio.pc"; fails=$((fails + 1)); }
[ -n "$lib" ] || { echo "FAIL: no libfolio.so"; fails=$((fails + 1)); }
man -l "$prefix/share/man/man1/folio.1" 2>/dev/null | grep -q 'fetch-remote' ||
  grep -q 'fetch\\-remote' "$prefix/share/man/man1/folio.1" || { echo "FAIL: man page"; fails=$((fails + 1)); }

# A client of the public API only, built with the installed pkg-config file.
cat >"$prefix/client.c" <<'C'
#include <folio.h>
#include <stdlib.h>
int main(void)
{
    folio_options o;
    folio_options_init(&o);
    folio_doc *doc;
    const char *md = "---\ntitle: API\n---\n# Hello\n\nText.\n";
    if (folio_parse_memory(md, 33, "mem.md", NULL, &o, &doc) != FOLIO_OK)
        return 1;
    folio_render_options ro;
    folio_render_options_init(&ro);
    unsigned char *pdf;
    size_t len;
    int rc = folio_render(&doc, 1, FOLIO_FORMAT_PDF, &ro, &pdf, &len) == FOLIO_OK && len > 1000 ? 0 : 2;
    free(pdf);
    folio_doc_drop(doc);
    return rc;
}
C
export PKG_CONFIG_PATH=$(dirname "$pc")
# shellcheck disable=SC2086 # word splitting of the flags is wanted
cc $cflags -o "$prefix/client" "$prefix/client.c" $(pkg-config --cflags --libs folio) || { echo "FAIL: client does not build"; exit 1; }
LD_LIBRARY_PATH=$(dirname "$lib") "$prefix/client" || { echo "FAIL: client run: $?"; fails=$((fails + 1)); }
# The library exports only its API.
internal=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^folio_' | grep -vE '^(_init|_fini|__bss_start|_edata|_end)$' || true)
[ -z "$internal" ] || { echo "FAIL: internal symbols exported: $(echo $internal | head -c 200)"; fails=$((fails + 1)); }
# Data is found relative to the installed files, not at a path compiled in:
# the library names no folder of the build machine, and the installed
# command converts with neither the source tree nor FOLIO_DATA_DIR.
src_dir=$(cd "$(dirname "$0")/../.." && pwd)
# (A sanitizer build names its sources in every check it compiles in:
# GCC 12 does not remap them with -ffile-prefix-map.)
case "$cflags" in *-fsanitize*) ;; *)
if readelf -p .rodata "$lib" 2>/dev/null | grep -qF "$src_dir"; then
  echo "FAIL: the library holds the source folder $src_dir"; fails=$((fails + 1))
fi ;;
esac
printf -- '---\ntitle: Installed\n---\n# Hello\n\nText.\n' >"$prefix/in.md"
(unset FOLIO_DATA_DIR; "$prefix/bin/folio" "$prefix/in.md" -o "$prefix/out.pdf") ||
  { echo "FAIL: the installed command cannot find its data"; fails=$((fails + 1)); }
# other scripts print from the installed fonts: no character warned of
printf -- '---\ntitle: Installed\n---\nمرحبا بالعالم 中文 日本語\n' >"$prefix/scripts.md"
warned=$(unset FOLIO_DATA_DIR; "$prefix/bin/folio" "$prefix/scripts.md" -o "$prefix/scripts.pdf" 2>&1)
[ -z "$warned" ] || { echo "FAIL: the installed fonts miss characters: $warned"; fails=$((fails + 1)); }
echo "$((15 - fails)) passed, $fails failed"
[ "$fails" = 0 ]
