#include "digest.h"

#include <nettle/nettle-meta.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

static void hex_digest(const struct nettle_hash *h, const void *data, size_t len, char *hex)
{
    union {
        struct sha1_ctx sha1;
        struct sha256_ctx sha256;
    } ctx;
    unsigned char out[SHA256_DIGEST_SIZE];
    h->init(&ctx);
    h->update(&ctx, len, data);
    h->digest(&ctx, h->digest_size, out);
    static const char digits[] = "0123456789abcdef";
    for (unsigned i = 0; i < h->digest_size; i++) {
        hex[2 * i] = digits[out[i] >> 4];
        hex[2 * i + 1] = digits[out[i] & 15];
    }
    hex[2 * h->digest_size] = '\0';
}

void digest_sha1_hex(const void *data, size_t len, char hex[41])
{
    hex_digest(&nettle_sha1, data, len, hex);
}

void digest_sha256_hex(const void *data, size_t len, char hex[65])
{
    hex_digest(&nettle_sha256, data, len, hex);
}
