#include "hyphen_dict.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "util/path.h"

/* The compiled form: a header, the stamp, then flat records of 32-bit
 * fields (no padding, no pointer): the dictionaries of the chain in order
 * (libhyphen links two levels through nextlevel), all their states, all
 * transitions, and a pool of strings that the records point into by
 * offset. Native byte order: the file never leaves the machine. */
#define MAGIC "folioHY1"
#define MAX_LEVELS 4

typedef struct chead {
    char magic[8];
    uint32_t n_dicts, stamp_len, n_states, n_trans, pool_len;
} chead;

typedef struct cdict {
    int32_t lhmin, rhmin, clhmin, crhmin;
    int32_t nohyphen, nohyphen_len, nohyphenl; /* pool offset (-1: none), bytes, as libhyphen */
    int32_t num_states, utf8;
    char cset[MAX_NAME];
} cdict;

typedef struct cstate {
    int32_t match, repl; /* pool offsets, -1: none */
    int32_t replindex, replcut, fallback_state, num_trans;
} cstate;

typedef struct ctrans {
    int32_t ch, new_state;
} ctrans;

/* libhyphen keeps NOHYPHEN as its entries (nohyphenl + 1 of them) one
 * after the other, each ended by a NUL: the bytes they take. */
static size_t nohyphen_bytes(const HyphenDict *d)
{
    size_t n = 0;
    for (int i = 0; d->nohyphen && i <= d->nohyphenl; i++)
        n += strlen(d->nohyphen + n) + 1;
    return n;
}

static int32_t pool_add(GByteArray *pool, const char *s, size_t len)
{
    if (!s)
        return -1;
    int32_t at = (int32_t)pool->len;
    g_byte_array_append(pool, (const guint8 *)s, (guint)len);
    return at;
}

unsigned char *hyph_dict_compile(const HyphenDict *dict, const char *stamp, size_t *len)
{
    GByteArray *dicts = g_byte_array_new(), *states = g_byte_array_new(),
               *trans = g_byte_array_new(), *pool = g_byte_array_new();
    chead h = {.magic = MAGIC, .stamp_len = (uint32_t)strlen(stamp)};
    for (const HyphenDict *d = dict; d && h.n_dicts < MAX_LEVELS; d = d->nextlevel, h.n_dicts++) {
        cdict cd = {.lhmin = d->lhmin, .rhmin = d->rhmin, .clhmin = d->clhmin,
                    .crhmin = d->crhmin, .nohyphenl = d->nohyphenl,
                    .num_states = d->num_states, .utf8 = d->utf8};
        memcpy(cd.cset, d->cset, MAX_NAME);
        cd.nohyphen_len = (int32_t)nohyphen_bytes(d);
        cd.nohyphen = pool_add(pool, d->nohyphen, (size_t)cd.nohyphen_len);
        g_byte_array_append(dicts, (const guint8 *)&cd, sizeof cd);
        for (int s = 0; s < d->num_states; s++) {
            const HyphenState *st = &d->states[s];
            /* replindex and replcut mean something only with a replacement
             * (libhyphen leaves them unset otherwise) */
            cstate cs = {.match = st->match ? pool_add(pool, st->match, strlen(st->match) + 1) : -1,
                         .repl = st->repl ? pool_add(pool, st->repl, strlen(st->repl) + 1) : -1,
                         .replindex = st->repl ? st->replindex : 0,
                         .replcut = st->repl ? st->replcut : 0,
                         .fallback_state = st->fallback_state, .num_trans = st->num_trans};
            g_byte_array_append(states, (const guint8 *)&cs, sizeof cs);
            for (int t = 0; t < st->num_trans; t++) {
                ctrans ct = {.ch = st->trans[t].ch, .new_state = st->trans[t].new_state};
                g_byte_array_append(trans, (const guint8 *)&ct, sizeof ct);
            }
            h.n_states++;
            h.n_trans += (uint32_t)st->num_trans;
        }
    }
    h.pool_len = pool->len;
    GByteArray *out = g_byte_array_new();
    g_byte_array_append(out, (const guint8 *)&h, sizeof h);
    g_byte_array_append(out, (const guint8 *)stamp, h.stamp_len);
    g_byte_array_append(out, dicts->data, dicts->len);
    g_byte_array_append(out, states->data, states->len);
    g_byte_array_append(out, trans->data, trans->len);
    g_byte_array_append(out, pool->data, pool->len);
    *len = out->len;
    unsigned char *bytes = malloc(out->len);
    if (!bytes)
        abort();
    memcpy(bytes, out->data, out->len);
    g_byte_array_free(out, TRUE);
    g_byte_array_free(dicts, TRUE);
    g_byte_array_free(states, TRUE);
    g_byte_array_free(trans, TRUE);
    g_byte_array_free(pool, TRUE);
    return bytes;
}

/* A pool string: inside the pool and ended by a NUL there. */
static char *pool_string(char *pool, uint32_t pool_len, int32_t off)
{
    if (off < 0 || (uint32_t)off >= pool_len || !memchr(pool + off, '\0', pool_len - (uint32_t)off))
        return NULL;
    return pool + off;
}

/* Fills the block's dictionaries from the records, checking each index
 * and offset; false at the first that does not hold. */
static bool rebuild(const chead *h, const cdict *cd, const cstate *cs, const ctrans *ct,
                    HyphenDict *dicts, HyphenState *states, HyphenTrans *trans, char *pool)
{
    uint32_t s0 = 0, t0 = 0;
    for (uint32_t k = 0; k < h->n_dicts; k++) {
        HyphenDict *d = &dicts[k];
        const cdict *c = &cd[k];
        if (c->num_states < 1 || c->num_states > (int64_t)h->n_states - s0 ||
            c->nohyphenl < 0 || c->cset[MAX_NAME - 1] != '\0')
            return false;
        *d = (HyphenDict){.lhmin = (char)c->lhmin, .rhmin = (char)c->rhmin,
                          .clhmin = (char)c->clhmin, .crhmin = (char)c->crhmin,
                          .nohyphenl = c->nohyphenl, .num_states = c->num_states,
                          .utf8 = c->utf8, .states = states + s0,
                          .nextlevel = k + 1 < h->n_dicts ? &dicts[k + 1] : NULL};
        memcpy(d->cset, c->cset, MAX_NAME);
        if (c->nohyphen >= 0) {
            /* nohyphenl + 1 NUL-ended entries inside the pool */
            int64_t end = (int64_t)c->nohyphen + c->nohyphen_len;
            if (c->nohyphen_len < 1 || end > h->pool_len)
                return false;
            d->nohyphen = pool + c->nohyphen;
            int nuls = 0;
            for (int64_t i = c->nohyphen; i < end; i++)
                nuls += pool[i] == '\0';
            if (nuls < c->nohyphenl + 1 || pool[end - 1] != '\0')
                return false;
        }
        for (int s = 0; s < c->num_states; s++) {
            const cstate *r = &cs[s0 + (uint32_t)s];
            HyphenState *st = &states[s0 + (uint32_t)s];
            if (r->fallback_state < -1 || r->fallback_state >= c->num_states || r->num_trans < 0 ||
                r->num_trans > (int64_t)h->n_trans - t0 || r->replindex < -128 ||
                r->replindex > 127 || r->replcut < -128 || r->replcut > 127)
                return false;
            *st = (HyphenState){.replindex = (signed char)r->replindex,
                                .replcut = (signed char)r->replcut,
                                .fallback_state = r->fallback_state, .num_trans = r->num_trans,
                                .trans = r->num_trans ? trans + t0 : NULL};
            if ((r->match >= 0 && !(st->match = pool_string(pool, h->pool_len, r->match))) ||
                (r->repl >= 0 && !(st->repl = pool_string(pool, h->pool_len, r->repl))))
                return false;
            for (int t = 0; t < r->num_trans; t++, t0++) {
                if (ct[t0].new_state < 0 || ct[t0].new_state >= c->num_states)
                    return false;
                trans[t0] = (HyphenTrans){.ch = (char)ct[t0].ch, .new_state = ct[t0].new_state};
            }
        }
        s0 += (uint32_t)c->num_states;
    }
    return s0 == h->n_states && t0 == h->n_trans;
}

hyph_dict *hyph_dict_from_compiled(const unsigned char *bytes, size_t len, const char *stamp)
{
    chead h;
    size_t stamp_len = strlen(stamp);
    if (len < sizeof h)
        return NULL;
    memcpy(&h, bytes, sizeof h);
    if (memcmp(h.magic, MAGIC, sizeof h.magic) != 0 || h.stamp_len != stamp_len ||
        h.n_dicts < 1 || h.n_dicts > MAX_LEVELS || h.n_states > INT32_MAX ||
        h.n_trans > INT32_MAX || h.pool_len > INT32_MAX)
        return NULL;
    /* the records' sizes, in 64 bits: no overflow from a damaged header */
    uint64_t need = sizeof h + (uint64_t)stamp_len + (uint64_t)h.n_dicts * sizeof(cdict) +
                    (uint64_t)h.n_states * sizeof(cstate) + (uint64_t)h.n_trans * sizeof(ctrans) +
                    h.pool_len;
    if (need != len || memcmp(bytes + sizeof h, stamp, stamp_len) != 0)
        return NULL;
    const unsigned char *at = bytes + sizeof h + stamp_len;
    /* copied out of the file's bytes: their alignment is not known */
    size_t dicts_size = h.n_dicts * sizeof(cdict), states_size = h.n_states * sizeof(cstate),
           trans_size = h.n_trans * sizeof(ctrans);
    unsigned char *records = malloc(dicts_size + states_size + trans_size + 1);
    hyph_dict *out = malloc(sizeof *out);
    /* one block: dictionaries, states, transitions, then the pool */
    size_t block_size = h.n_dicts * sizeof(HyphenDict) + h.n_states * sizeof(HyphenState) +
                        h.n_trans * sizeof(HyphenTrans) + h.pool_len + 1;
    char *block = malloc(block_size);
    if (!records || !out || !block)
        abort();
    memcpy(records, at, dicts_size + states_size + trans_size);
    HyphenDict *dicts = (HyphenDict *)(void *)block;
    HyphenState *states = (HyphenState *)(void *)(dicts + h.n_dicts);
    HyphenTrans *trans = (HyphenTrans *)(void *)(states + h.n_states);
    char *pool = (char *)(trans + h.n_trans);
    memcpy(pool, at + dicts_size + states_size + trans_size, h.pool_len);
    bool ok = rebuild(&h, (const cdict *)(void *)records,
                      (const cstate *)(void *)(records + dicts_size),
                      (const ctrans *)(void *)(records + dicts_size + states_size), dicts, states,
                      trans, pool);
    free(records);
    if (!ok) {
        free(block);
        free(out);
        return NULL;
    }
    out->dict = dicts;
    out->block = block;
    return out;
}

void hyph_dict_free(hyph_dict *d)
{
    if (!d)
        return;
    if (d->block)
        free(d->block);
    else
        hnj_hyphen_free(d->dict);
    free(d);
}

/* What the compiled copy must match: the file (its real path, size, time
 * stamp, inode) and libhyphen's structures as this build sees them. */
static char *stamp_of(const char *real, const struct stat *st)
{
    return g_strdup_printf("%s\n%lld %lld.%09ld %llu\n%zu %zu %zu", real, (long long)st->st_size,
                           (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
                           (unsigned long long)st->st_ino, sizeof(HyphenDict),
                           sizeof(HyphenState), sizeof(HyphenTrans));
}

/* The compiled copy's path: folio's cache folder, hyphen/, the file's
 * name and a hash of its folder (two folders may hold a hyph_fr.dic). NULL
 * without a cache folder. */
static char *compiled_path(const char *real)
{
    char *base = path_user_cache();
    if (!base)
        return NULL;
    char *name = g_strdup_printf("hyphen/%s-%08x", strrchr(real, '/') + 1, g_str_hash(real));
    char *path = path_join(base, name);
    g_free(name);
    free(base);
    return path;
}

/* A cache: a failed write only costs the next run a parse. */
static void write_compiled(const char *path, const HyphenDict *dict, const char *stamp)
{
    size_t len;
    unsigned char *bytes = hyph_dict_compile(dict, stamp, &len);
    path_replace_file(path, NULL, 0, bytes, len);
    free(bytes);
}

hyph_dict *hyph_dict_load(const char *path)
{
    char *real = realpath(path, NULL);
    struct stat st;
    if (!real || stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
        free(real);
        return NULL;
    }
    char *stamp = stamp_of(real, &st);
    char *compiled = compiled_path(real);
    hyph_dict *d = NULL;
    gchar *bytes = NULL;
    gsize len = 0;
    if (compiled && g_file_get_contents(compiled, &bytes, &len, NULL))
        d = hyph_dict_from_compiled((const unsigned char *)bytes, len, stamp);
    g_free(bytes);
    if (!d) {
        HyphenDict *parsed = hnj_hyphen_load(real);
        if (parsed) {
            d = malloc(sizeof *d);
            if (!d)
                abort();
            *d = (hyph_dict){.dict = parsed};
            if (compiled)
                write_compiled(compiled, parsed, stamp);
        }
    }
    free(compiled);
    g_free(stamp);
    free(real);
    return d;
}
