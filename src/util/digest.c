#include "digest.h"

#include <nettle/sha1.h>
#include <nettle/sha2.h>

static void to_hex(const unsigned char *bytes, size_t n, char *hex)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        hex[2 * i] = digits[bytes[i] >> 4];
        hex[2 * i + 1] = digits[bytes[i] & 15];
    }
    hex[2 * n] = '\0';
}

void digest_sha1_hex(const void *data, size_t len, char hex[41])
{
    struct sha1_ctx ctx;
    unsigned char out[SHA1_DIGEST_SIZE];
    sha1_init(&ctx);
    sha1_update(&ctx, len, data);
    sha1_digest(&ctx, sizeof out, out);
    to_hex(out, sizeof out, hex);
}

void digest_sha256_hex(const void *data, size_t len, char hex[65])
{
    struct sha256_ctx ctx;
    unsigned char out[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof out, out);
    to_hex(out, sizeof out, hex);
}
