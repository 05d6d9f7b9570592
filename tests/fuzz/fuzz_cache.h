/* folio's cache for the targets that render (the PDF's prepared images,
 * the EPUB's converted images): a folder of this process, empty when it
 * starts and removed when it ends. In the user's cache an input's path
 * depended on earlier runs and builds (an image read back instead of
 * decoded: a corpus sample replayed a second time covered 340 PCs fewer in
 * the pdf target, 153 in the epub target), and fuzzing wrote its entries
 * there. */
#ifndef FOLIO_FUZZ_CACHE_H
#define FOLIO_FUZZ_CACHE_H

#include <dirent.h>
#include <glib.h>
#include <stdlib.h>
#include <unistd.h>

static char *fuzz_cache;

static void fuzz_cache_remove(void)
{
    DIR *d = opendir(fuzz_cache);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char *path = g_build_filename(fuzz_cache, e->d_name, NULL);
        unlink(path); /* "." and "..": refused */
        g_free(path);
    }
    if (d)
        closedir(d);
    rmdir(fuzz_cache);
    g_free(fuzz_cache);
}

static const char *fuzz_cache_dir(void)
{
    if (!fuzz_cache) {
        fuzz_cache = g_build_filename(g_get_tmp_dir(), "folio-fuzz-XXXXXX", NULL);
        if (!g_mkdtemp(fuzz_cache))
            abort();
        atexit(fuzz_cache_remove);
    }
    return fuzz_cache;
}

#endif
