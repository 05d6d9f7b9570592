#include "datadir.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"

static char *existing_dir(char *path)
{
    struct stat st;
    if (path && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return path;
    free(path);
    return NULL;
}

/* The folder of the file this code was loaded from: libfolio.so, or the
 * program it is linked into. NULL when unknown. */
static char *code_dir(void)
{
    Dl_info info;
    char self[PATH_MAX];
    const char *file = NULL;
    if (dladdr((void *)code_dir, &info) && info.dli_fname && info.dli_fname[0])
        file = info.dli_fname;
    if (!file) { /* the main program has no name in its link map */
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0)
            return NULL;
        self[n] = '\0';
        file = self;
    }
    char *real = realpath(file, NULL);
    char *dir = real ? path_dirname(real) : NULL;
    free(real);
    return dir;
}

char *datadir_find(const char *what)
{
    const char *env = getenv("FOLIO_DATA_DIR");
    if (env && *env)
        return existing_dir(path_join(env, what));
    /* share/folio/WHAT beside the binary's or the library's folder, or one
     * or two levels up: prefix/bin, prefix/lib, prefix/lib/<multiarch>, and
     * the build tree (build/, build/tests/, build/tests/fuzz/), where CMake
     * links share/folio to the source folders. */
    static const char *const places[] = {"share/folio", "../share/folio", "../../share/folio"};
    char *dir = code_dir();
    char *found = NULL;
    for (size_t i = 0; dir && i < sizeof places / sizeof *places && !found; i++) {
        char *place = path_join(dir, places[i]);
        found = existing_dir(path_join(place, what));
        free(place);
    }
    free(dir);
    return found;
}
