/*
 * tt_types.h - small types shared by every part of the tinytrap core: error codes, transport
 * addresses and address prefixes. No functions besides tt_strerror().
 */
#ifndef TT_TYPES_H
#define TT_TYPES_H

#include <stddef.h>
#include <stdint.h>

/* Error codes: 0 is success, every error is negative; functions that produce a length return it
 * as a positive value instead of TT_OK. */
enum tt_err {
	TT_OK = 0,
	TT_ERR_TRUNCATED = -1,       /* a tag, a length or a content runs past its container */
	TT_ERR_TAG = -2,             /* a tag that is not allowed at this place (or high-tag form) */
	TT_ERR_LENGTH = -3,          /* indefinite length, or more than 4 length octets */
	TT_ERR_INT_RANGE = -4,       /* an integer that is empty or whose value is outside its type */
	TT_ERR_OID = -5,             /* an OID that is empty, padded (0x80), truncated or > 2^32-1 */
	TT_ERR_OID_TOO_LONG = -6,    /* an OID with more than 128 sub-identifiers */
	TT_ERR_TRAILING = -7,        /* octets after the end of a structure */
	TT_ERR_VALUE = -8,           /* a value illegal for its type (IpAddress of 5 octets, NULL with content) */
	TT_ERR_FIELD = -9,           /* a field outside its range (generic-trap 7, negative specific-trap) */
	TT_ERR_NOSPACE = -10,        /* an output buffer is too small */
	TT_ERR_FULL = -11,           /* a fixed-size table is full */
	TT_ERR_INVALID = -12,        /* an invalid argument or configuration value */
	TT_ERR_TOO_MANY_VARBINDS = -13, /* more varbinds than CONFIG_TT_MAX_VARBINDS */
	TT_ERR_SHORT_PASSWORD = -30, /* a password of fewer than 8 octets (RFC 3414 §11.2) */
	TT_ERR_CRYPTO = -31          /* the crypto backend failed (it cannot for valid arguments) */
};

/* Returns a short English description of an enum tt_err value ("length beyond its container"). */
const char *tt_strerror(int err);

/* Address families of struct tt_addr and struct tt_prefix. */
#define TT_AF_NONE 0
#define TT_AF_INET4 4
#define TT_AF_INET6 6

/* A transport address: an IPv4 or IPv6 address in network order plus a UDP port.
 * For IPv4 only ip[0..3] are used. */
struct tt_addr {
	uint8_t family;  /* TT_AF_INET4 or TT_AF_INET6 */
	uint8_t ip[16];  /* address octets, network order */
	uint16_t port;   /* UDP port, host order */
};

/* An address prefix ("10.0.0.0/8", "2001:db8::/32"); family TT_AF_NONE matches every address. */
struct tt_prefix {
	uint8_t family;  /* TT_AF_NONE (any), TT_AF_INET4 or TT_AF_INET6 */
	uint8_t bits;    /* prefix length: 0..32 or 0..128 */
	uint8_t ip[16];  /* network address, network order */
};

/* Returns 1 when addr lies inside prefix p, else 0. An IPv4-mapped IPv6 address
 * (::ffff:a.b.c.d) is matched as the IPv4 address it carries. */
int tt_prefix_match(const struct tt_prefix *p, const struct tt_addr *addr);

#endif /* TT_TYPES_H */
