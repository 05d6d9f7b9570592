/* The private-address check done on every address libcurl connects to (not
 * on the host name, so DNS answers cannot smuggle a private target). */
#include "net/address.h"

#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

static bool ipv4_is_private(uint32_t a)
{
    static const struct {
        uint32_t net;
        int bits;
    } ranges[] = {
        {0x00000000, 8},  /* "this" network */
        {0x0A000000, 8},  /* 10/8 */
        {0x64400000, 10}, /* 100.64/10 shared address space */
        {0x7F000000, 8},  /* loopback */
        {0xA9FE0000, 16}, /* link-local */
        {0xAC100000, 12}, /* 172.16/12 */
        {0xC0000000, 24}, /* 192.0.0/24 protocol assignments */
        {0xC0A80000, 16}, /* 192.168/16 */
        {0xC6120000, 15}, /* 198.18/15 benchmarking */
        {0xE0000000, 4},  /* multicast */
        {0xF0000000, 4},  /* reserved and broadcast */
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        uint32_t mask = ~(uint32_t)0 << (32 - ranges[i].bits);
        if ((a & mask) == ranges[i].net)
            return true;
    }
    return false;
}

static uint32_t ipv4_at(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool ipv6_is_private(const unsigned char *a)
{
    static const unsigned char zero[16], mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF},
                                         nat64[12] = {0, 0x64, 0xFF, 0x9B};
    if (memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1)) /* :: and ::1 */
        return true;
    if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0)
        return ipv4_is_private(ipv4_at(a + 12));
    if (a[0] == 0x20 && a[1] == 0x02) /* 6to4 embeds an IPv4 address */
        return ipv4_is_private(ipv4_at(a + 2));
    return (a[0] & 0xFE) == 0xFC                    /* fc00::/7 unique local */
           || (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) /* fe80::/10 link-local */
           || (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0) /* fec0::/10 old site-local */
           || a[0] == 0xFF;                          /* multicast */
}

bool fnet_address_is_private(const struct sockaddr *sa, socklen_t len)
{
    if (sa->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
        return ipv4_is_private(ntohl(in->sin_addr.s_addr));
    }
    if (sa->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
        return ipv6_is_private(in6->sin6_addr.s6_addr);
    }
    return true;
}
