#include "util/lazylib.h"

#include <dlfcn.h>
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

bool lazylib_open(const char *soname, const char *const *names, void **slots, size_t n)
{
    pthread_mutex_lock(&lock);
    bool ok = n == 0 || slots[n - 1]; /* filled by an earlier call */
    if (!ok) {
        /* never closed: its functions are used until the process ends */
        void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
        ok = lib != NULL;
        for (size_t i = 0; ok && i < n; i++)
            ok = (slots[i] = dlsym(lib, names[i])) != NULL;
        if (!ok)
            for (size_t i = 0; i < n; i++)
                slots[i] = NULL;
    }
    pthread_mutex_unlock(&lock);
    return ok;
}
