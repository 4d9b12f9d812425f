/*
 * common.c - small shared helpers of the core: error and reason names, prefix matching.
 */
#include <string.h>
#include "tinytrap/tt_types.h"
#include "tinytrap/tt_rx.h"
#include "tt_internal.h"

const char *tt_strerror(int err)
{
	switch (err) {
	case TT_OK: return "no error";
	case TT_ERR_TRUNCATED: return "length beyond its container";
	case TT_ERR_TAG: return "unexpected tag";
	case TT_ERR_LENGTH: return "indefinite or over-long length";
	case TT_ERR_INT_RANGE: return "integer empty or its value outside its type";
	case TT_ERR_OID: return "malformed object identifier";
	case TT_ERR_OID_TOO_LONG: return "object identifier longer than 128 sub-identifiers";
	case TT_ERR_TRAILING: return "trailing octets after a structure";
	case TT_ERR_VALUE: return "value illegal for its type";
	case TT_ERR_FIELD: return "field out of range";
	case TT_ERR_NOSPACE: return "buffer too small";
	case TT_ERR_FULL: return "table full";
	case TT_ERR_INVALID: return "invalid argument";
	case TT_ERR_TOO_MANY_VARBINDS: return "too many variable bindings";
	case TT_ERR_SHORT_PASSWORD: return "password shorter than 8 characters";
	case TT_ERR_CRYPTO: return "crypto backend failure";
	default: return "unknown error";
	}
}

const char *tt_reason_name(enum tt_reason r)
{
	switch (r) {
	case TT_REASON_NONE: return "none";
	case TT_REASON_TOO_BIG: return "message too big";
	case TT_REASON_PARSE: return "ASN.1 parse error";
	case TT_REASON_BAD_VERSION: return "bad version";
	case TT_REASON_BAD_COMMUNITY: return "bad community";
	case TT_REASON_NOT_AUTHORIZED: return "not authorized";
	case TT_REASON_UNEXPECTED_PDU: return "unexpected PDU";
	case TT_REASON_TOO_MANY_VARBINDS: return "too many varbinds";
	case TT_REASON_BAD_V1_TRAP: return "bad v1 trap fields";
	case TT_REASON_UNKNOWN_SECURITY_MODEL: return "unknown security model";
	case TT_REASON_INVALID_MSG: return "invalid message";
	case TT_REASON_UNKNOWN_ENGINE_ID: return "unknown engine ID";
	case TT_REASON_UNKNOWN_USER: return "unknown user name";
	case TT_REASON_UNSUPPORTED_SEC_LEVEL: return "unsupported security level";
	case TT_REASON_WRONG_DIGEST: return "wrong digest";
	case TT_REASON_NOT_IN_TIME_WINDOW: return "not in time window";
	case TT_REASON_DECRYPTION_ERROR: return "decryption error";
	default: return "unknown";
	}
}

static const uint8_t v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

int tt_prefix_match(const struct tt_prefix *p, const struct tt_addr *a)
{
	const uint8_t *ip = a->ip;
	uint8_t family = a->family;
	unsigned full, rest;

	if (p->family == TT_AF_NONE)
		return 1;
	if (family == TT_AF_INET6 && p->family == TT_AF_INET4 && memcmp(ip, v4mapped, 12) == 0) {
		ip += 12;
		family = TT_AF_INET4;
	}
	if (family != p->family)
		return 0;
	full = p->bits / 8u;
	rest = p->bits % 8u;
	if (memcmp(ip, p->ip, full) != 0)
		return 0;
	if (rest) {
		uint8_t mask = (uint8_t)(0xff << (8 - rest));
		if ((ip[full] & mask) != (p->ip[full] & mask))
			return 0;
	}
	return 1;
}

int tt_oid_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	return alen == blen && memcmp(a, b, alen) == 0;
}

uint32_t tt_fnv1a(const uint8_t *p, size_t n)
{
	uint32_t h = 2166136261u;
	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}
