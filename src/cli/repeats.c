#include "repeats.h"

#include <stdlib.h>
#include <string.h>

/* The kinds are a few dozen at most (one per place folio warns from): a
 * list looked through is enough. Out of memory aborts, as everywhere in
 * folio (include/folio.h; main.c's hold_diag). */
static repeat_kind *find(repeats *r, const char *kind)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].kind == kind || strcmp(r->v[i].kind, kind) == 0)
            return &r->v[i];
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->v = realloc(r->v, r->cap * sizeof *r->v);
        if (!r->v)
            abort();
    }
    repeat_kind *k = &r->v[r->n];
    *k = (repeat_kind){.kind = kind};
    return k;
}

bool repeats_show(repeats *r, const folio_diag *d)
{
    if (d->severity != FOLIO_WARNING || !d->kind)
        return true;
    repeat_kind *k = find(r, d->kind);
    if (k->n++ == 0) {
        k->file = strdup(d->file);
        k->message = strdup(d->message);
        if (!k->file || !k->message)
            abort();
        r->n++;
    }
    return k->n <= REPEATS_SHOWN;
}

void repeats_flush(repeats *r, FILE *out)
{
    for (size_t i = 0; i < r->n; i++) {
        repeat_kind *k = &r->v[i];
        if (k->n > REPEATS_SHOWN) {
            size_t len = strlen(k->message) + 64;
            char *msg = malloc(len);
            if (!msg)
                abort();
            snprintf(msg, len, "\xe2\x80\xa6 and %ld more like \"%s\"", k->n - REPEATS_SHOWN,
                     k->message);
            folio_diag_print(&(folio_diag){FOLIO_WARNING, k->file, 0, 0, msg, NULL}, out);
            free(msg);
        }
        free(k->file);
        free(k->message);
    }
    free(r->v);
    *r = (repeats){0};
}
