#include "datadir.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "path.h"

static char *existing_dir(char *path)
{
    struct stat st;
    if (path && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return path;
    free(path);
    return NULL;
}

char *datadir_find(const char *what)
{
    const char *env = getenv("FOLIO_DATA_DIR");
    char *p = env && *env ? existing_dir(path_join(env, what)) : NULL;
    /* The source tree first: a build-tree binary must not pick up an older
     * installed copy; an installed binary whose source tree is gone falls
     * through to the installed folder. */
    if (!p)
        p = existing_dir(path_join(FOLIO_SOURCE_DIR, what));
    if (!p)
        p = existing_dir(strdup(strcmp(what, "fonts") == 0 ? FOLIO_FONTS_INSTALL_DIR
                                                           : FOLIO_STYLES_INSTALL_DIR));
    return p;
}
