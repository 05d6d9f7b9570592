/* Which network addresses a remote image may come from. */
#ifndef FOLIO_NET_ADDRESS_H
#define FOLIO_NET_ADDRESS_H

#include <stdbool.h>
#include <sys/socket.h>

/* True for addresses that are not on the public internet: unspecified,
 * loopback, private (RFC 1918, unique local), shared (100.64/10),
 * link-local, multicast, reserved, and IPv4 mapped or NAT64 forms of
 * those. Unknown families count as private. */
bool fnet_address_is_private(const struct sockaddr *sa, socklen_t len);

#endif
