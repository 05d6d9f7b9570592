/* net/address: which resolved addresses a remote image may come from. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "check.h"
#include "net/address.h"

static int is_private(const char *text)
{
    struct sockaddr_in in4 = {.sin_family = AF_INET};
    struct sockaddr_in6 in6 = {.sin6_family = AF_INET6};
    if (inet_pton(AF_INET, text, &in4.sin_addr) == 1)
        return fnet_address_is_private((struct sockaddr *)&in4, sizeof in4);
    if (inet_pton(AF_INET6, text, &in6.sin6_addr) == 1)
        return fnet_address_is_private((struct sockaddr *)&in6, sizeof in6);
    return -1;
}

int main(void)
{
    static const char *const refused[] = {
        "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
        "255.255.255.255", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12::1",
        "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::",
    };
    static const char *const allowed[] = {
        "93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
        "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        if (is_private(refused[i]) != 1)
            fprintf(stderr, "should be refused: %s\n", refused[i]);
        CHECK(is_private(refused[i]) == 1);
    }
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        if (is_private(allowed[i]) != 0)
            fprintf(stderr, "should be allowed: %s\n", allowed[i]);
        CHECK(is_private(allowed[i]) == 0);
    }
    struct sockaddr unknown = {.sa_family = AF_UNIX};
    CHECK(fnet_address_is_private(&unknown, sizeof unknown)); /* unknown families: refused */
    return check_done();
}
