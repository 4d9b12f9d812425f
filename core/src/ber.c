/*
 * ber.c - bounds-checked BER decoding and encoding (see tt_ber.h).
 *
 * Every read compares against the cursor's end before touching an octet; lengths are checked
 * against the octets left, never added to pointers first, so no overflow can hide an overrun.
 * It does not know SNMP structure: rx.c, v3.c and pdu.c walk the messages.
 */
#include <string.h>
#include "tinytrap/tt_ber.h"

void tt_ber_init(struct tt_ber *c, const uint8_t *buf, size_t len)
{
	c->p = buf;
	c->end = buf + len;
}

int tt_ber_at_end(const struct tt_ber *c)
{
	return c->p >= c->end;
}

int tt_ber_read(struct tt_ber *c, struct tt_tlv *t)
{
	const uint8_t *p = c->p;
	size_t left = (size_t)(c->end - p);
	size_t len;

	if (left < 2)
		return TT_ERR_TRUNCATED;
	/* X.690 §8.1.2.4: tag number 31 announces the high-tag-number form; SNMP never uses it. */
	if ((p[0] & 0x1f) == 0x1f)
		return TT_ERR_TAG;
	t->tag = p[0];
	t->start = p;
	if (p[1] < 0x80) {
		len = p[1];
		p += 2;
		left -= 2;
	} else {
		size_t n = p[1] & 0x7f;
		size_t i;
		/* 0x80 is the indefinite form; more than 4 length octets is beyond any datagram. */
		if (n == 0 || n > 4)
			return TT_ERR_LENGTH;
		if (left - 2 < n)
			return TT_ERR_TRUNCATED;
		len = 0;
		for (i = 0; i < n; i++)
			len = (len << 8) | p[2 + i];
		p += 2 + n;
		left -= 2 + n;
	}
	if (len > left)
		return TT_ERR_TRUNCATED;
	t->val = p;
	t->len = len;
	c->p = p + len;
	return TT_OK;
}

int tt_ber_expect(struct tt_ber *c, uint8_t tag, struct tt_tlv *t)
{
	struct tt_ber save = *c;
	int rc = tt_ber_read(c, t);
	if (rc < 0)
		return rc;
	if (t->tag != tag) {
		*c = save;
		return TT_ERR_TAG;
	}
	return TT_OK;
}

int tt_ber_enter(struct tt_ber *c, uint8_t tag, struct tt_ber *inner)
{
	struct tt_tlv t;
	int rc = tt_ber_expect(c, tag, &t);
	if (rc < 0)
		return rc;
	tt_ber_init(inner, t.val, t.len);
	return TT_OK;
}

/* Skips the redundant sign-extension octets at the start of n content octets: a 0x00 before
 * an octet with bit 7 clear, a 0xff before one with bit 7 set (X.690 §8.3.2 wants them
 * removed, but BER readers such as Net-SNMP take them). *p moves to the first significant
 * octet; returns how many are left (at least 1 when n is). The value is unchanged. */
static size_t skip_sign_octets(const uint8_t **p, size_t n)
{
	const uint8_t *q = *p;
	while (n > 1 && ((q[0] == 0x00 && !(q[1] & 0x80)) || (q[0] == 0xff && (q[1] & 0x80)))) {
		q++;
		n--;
	}
	*p = q;
	return n;
}

int tt_ber_get_int32(const struct tt_tlv *t, int32_t *v)
{
	const uint8_t *p = t->val;
	size_t n = t->len, i;
	uint32_t u;

	if (n == 0)
		return TT_ERR_INT_RANGE;
	/* more than 4 significant octets is a value outside -2^31 .. 2^31-1 */
	n = skip_sign_octets(&p, n);
	if (n > 4)
		return TT_ERR_INT_RANGE;
	u = (p[0] & 0x80) ? 0xffffffffu : 0;
	for (i = 0; i < n; i++)
		u = (u << 8) | p[i];
	/* Two's complement by arithmetic, not by a cast of an out-of-range value. */
	*v = (u & 0x80000000u) ? -(int32_t)(~u) - 1 : (int32_t)u;
	return TT_OK;
}

/* An unsigned value of at most max octets (4 or 8). Contents of at most max octets are the
 * value's bit pattern; longer ones are two's complement with redundant sign octets, and the
 * value must be 0 .. 2^(8 * max) - 1. */
static int get_unsigned(const struct tt_tlv *t, size_t max, uint64_t *v)
{
	const uint8_t *p = t->val;
	size_t n = t->len;
	uint64_t u = 0;

	if (n == 0)
		return TT_ERR_INT_RANGE;
	if (n > max) {
		n = skip_sign_octets(&p, n);
		if (p[0] & 0x80)
			return TT_ERR_INT_RANGE; /* negative */
		if (n == max + 1 && p[0] == 0) {
			p++;
			n--;
		}
		if (n > max)
			return TT_ERR_INT_RANGE; /* above 2^(8 * max) - 1 */
	}
	while (n--)
		u = (u << 8) | *p++;
	*v = u;
	return TT_OK;
}

int tt_ber_get_uint32(const struct tt_tlv *t, uint32_t *v)
{
	uint64_t u;
	int rc = get_unsigned(t, 4, &u);
	if (rc == TT_OK)
		*v = (uint32_t)u;
	return rc;
}

int tt_ber_get_uint64(const struct tt_tlv *t, uint64_t *v)
{
	return get_unsigned(t, 8, v);
}

int tt_ber_get_int64(const struct tt_tlv *t, int64_t *v)
{
	const uint8_t *p = t->val;
	size_t n = t->len, i;
	uint64_t u;

	if (n == 0)
		return TT_ERR_INT_RANGE;
	n = skip_sign_octets(&p, n);
	if (n > 8)
		return TT_ERR_INT_RANGE;
	u = (p[0] & 0x80) ? ~(uint64_t)0 : 0;
	for (i = 0; i < n; i++)
		u = (u << 8) | p[i];
	*v = (u & 0x8000000000000000ull) ? -(int64_t)(~u) - 1 : (int64_t)u;
	return TT_OK;
}

int tt_ber_check_oid(const uint8_t *p, size_t len)
{
	size_t i = 0;
	int arcs = 0;

	if (len == 0)
		return TT_ERR_OID;
	while (i < len) {
		uint32_t v = 0;
		/* X.690 §8.19.2: the first octet of a sub-identifier is never 0x80. */
		if (p[i] == 0x80)
			return TT_ERR_OID;
		for (;;) {
			if (i >= len)
				return TT_ERR_OID; /* last sub-identifier has its continuation bit set */
			if (v > (0xffffffffu >> 7))
				return TT_ERR_OID; /* would exceed 2^32 - 1 */
			v = (v << 7) | (p[i] & 0x7f);
			if (!(p[i++] & 0x80))
				break;
		}
		arcs += (arcs == 0) ? 2 : 1;
		if (arcs > TT_OID_MAX_ARCS)
			return TT_ERR_OID_TOO_LONG;
	}
	return arcs;
}

void tt_oid_iter_init(struct tt_oid_iter *it, const uint8_t *p, size_t len)
{
	it->p = p;
	it->end = p + len;
	it->second = 0;
	it->state = 0;
}

int tt_oid_iter_next(struct tt_oid_iter *it, uint32_t *arc)
{
	uint32_t v = 0;

	if (it->state == 1) {
		it->state = 2;
		*arc = it->second;
		return 1;
	}
	if (it->p >= it->end)
		return 0;
	for (;;) {
		if (it->p >= it->end || v > (0xffffffffu >> 7))
			return TT_ERR_OID;
		v = (v << 7) | (*it->p & 0x7f);
		if (!(*it->p++ & 0x80))
			break;
	}
	if (it->state == 0) {
		/* X.690 §8.19.4: the first sub-identifier is 40 * X + Y, X in 0..2. */
		uint32_t x = v < 40 ? 0 : v < 80 ? 1 : 2;
		it->second = v - 40 * x;
		it->state = 1;
		*arc = x;
		return 1;
	}
	*arc = v;
	return 1;
}

/* Appends one sub-identifier in base 128 at out[*n]; TT_ERR_NOSPACE if it does not fit. */
static int put_subid(uint8_t *out, size_t cap, size_t *n, uint32_t v)
{
	uint8_t tmp[5];
	int k = 0;
	do {
		tmp[k++] = (uint8_t)(v & 0x7f);
		v >>= 7;
	} while (v);
	if (cap - *n < (size_t)k)
		return TT_ERR_NOSPACE;
	while (k > 1)
		out[(*n)++] = (uint8_t)(tmp[--k] | 0x80);
	out[(*n)++] = tmp[0];
	return TT_OK;
}

int tt_oid_from_text(const char *s, size_t len, uint8_t *out, size_t cap)
{
	size_t i = 0, n = 0;
	uint32_t first = 0;
	int arcs = 0;

	if (len > 0 && s[0] == '.')
		i = 1;
	if (i >= len)
		return TT_ERR_OID;
	while (i < len) {
		uint64_t v = 0;
		size_t digits = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			v = v * 10 + (uint64_t)(s[i] - '0');
			if (v > 0xffffffffu)
				return TT_ERR_OID;
			i++;
			digits++;
		}
		if (digits == 0)
			return TT_ERR_OID;
		if (i < len) {
			if (s[i] != '.' || i + 1 == len)
				return TT_ERR_OID;
			i++;
		}
		arcs++;
		if (arcs > TT_OID_MAX_ARCS)
			return TT_ERR_OID_TOO_LONG;
		if (arcs == 1) {
			if (v > 2)
				return TT_ERR_OID;
			first = (uint32_t)v;
			if (i >= len)
				return TT_ERR_OID; /* a single arc cannot be encoded */
			continue;
		}
		if (arcs == 2) {
			if (first < 2 && v >= 40)
				return TT_ERR_OID;
			if (v > 0xffffffffu - 80)
				return TT_ERR_OID;
			v += 40u * first;
		}
		if (put_subid(out, cap, &n, (uint32_t)v) < 0)
			return TT_ERR_NOSPACE;
	}
	return (int)n;
}

int tt_oid_has_prefix(const uint8_t *oid, size_t olen, const uint8_t *prefix, size_t plen)
{
	/* Octet comparison is enough: a complete prefix encoding ends on a sub-identifier
	 * boundary (its last octet has no continuation bit). */
	if (plen > olen || plen == 0)
		return plen == 0;
	if (prefix[plen - 1] & 0x80)
		return 0;
	return memcmp(oid, prefix, plen) == 0;
}

void tt_ber_w_init(struct tt_ber_w *w, uint8_t *buf, size_t cap)
{
	w->start = buf;
	w->p = buf + cap;
	w->end = buf + cap;
}

size_t tt_ber_w_len(const struct tt_ber_w *w)
{
	return (size_t)(w->end - w->p);
}

int tt_ber_w_raw(struct tt_ber_w *w, const uint8_t *data, size_t len)
{
	if ((size_t)(w->p - w->start) < len)
		return TT_ERR_NOSPACE;
	w->p -= len;
	if (len)
		memmove(w->p, data, len);
	return (int)len;
}

int tt_ber_w_header(struct tt_ber_w *w, uint8_t tag, size_t content_len)
{
	uint8_t h[6];
	int n = 0, i;

	if (content_len < 0x80) {
		h[n++] = (uint8_t)content_len;
	} else {
		uint8_t tmp[4];
		int k = 0;
		size_t l = content_len;
		while (l) {
			if (k == 4)
				return TT_ERR_NOSPACE; /* checked before tmp[4] is written */
			tmp[k++] = (uint8_t)(l & 0xff);
			l >>= 8;
		}
		h[n++] = (uint8_t)(0x80 | k);
		for (i = k - 1; i >= 0; i--)
			h[n++] = tmp[i];
	}
	if ((size_t)(w->p - w->start) < (size_t)n + 1)
		return TT_ERR_NOSPACE;
	w->p -= n;
	memcpy(w->p, h, (size_t)n);
	*--w->p = tag;
	return n + 1;
}

int tt_ber_w_tlv(struct tt_ber_w *w, uint8_t tag, const uint8_t *data, size_t len)
{
	int rc = tt_ber_w_raw(w, data, len);
	int h;
	if (rc < 0)
		return rc;
	h = tt_ber_w_header(w, tag, len);
	if (h < 0) {
		w->p += len;
		return h;
	}
	return (int)len + h;
}

int tt_ber_w_int32(struct tt_ber_w *w, uint8_t tag, int32_t v)
{
	uint8_t b[4];
	uint32_t u = (uint32_t)v;
	int n = 4;
	b[0] = (uint8_t)(u >> 24);
	b[1] = (uint8_t)(u >> 16);
	b[2] = (uint8_t)(u >> 8);
	b[3] = (uint8_t)u;
	/* Minimal: drop a leading octet while it only repeats the sign of the next one. */
	while (n > 1 && ((b[4 - n] == 0x00 && !(b[5 - n] & 0x80)) ||
	                 (b[4 - n] == 0xff && (b[5 - n] & 0x80))))
		n--;
	return tt_ber_w_tlv(w, tag, b + 4 - n, (size_t)n);
}

int tt_ber_w_uint32(struct tt_ber_w *w, uint8_t tag, uint32_t v)
{
	uint8_t b[5];
	int n = 5;
	b[0] = 0;
	b[1] = (uint8_t)(v >> 24);
	b[2] = (uint8_t)(v >> 16);
	b[3] = (uint8_t)(v >> 8);
	b[4] = (uint8_t)v;
	while (n > 1 && b[5 - n] == 0x00 && !(b[6 - n] & 0x80))
		n--;
	return tt_ber_w_tlv(w, tag, b + 5 - n, (size_t)n);
}
