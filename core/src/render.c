/*
 * render.c - text rendering of notifications the way Net-SNMP snmptrapd 5.9 prints them:
 * values, varbinds, OIDs (by name from oid_names.c, else numeric), time ticks, addresses,
 * the transport text, snmptrapd's two default layouts and its format specifiers.
 *
 * It does not read a clock, resolve a name, allocate or use stdio: the caller passes the time
 * and host names in struct tt_render_ctx, and all text goes through the bounded string
 * builder (strbuf.h), which gives snprintf-style results. Every deliberate difference from
 * snmptrapd is marked "Unlike snmptrapd" and says why.
 */
#include <string.h>
#include "tinytrap/tt_render.h"
#include "tinytrap/tt_ber.h"
#include "strbuf.h"
#include "oid_names.h"

/* ---- small pieces ------------------------------------------------------------------------ */

/* Writes v in decimal at p (at least 10 octets); returns the length. 32-bit arithmetic only,
 * which matters on the small targets. Most text is built in small local arrays with this and
 * appended with one sb_mem call: a call per character costs more than the rendering. */
static size_t put_u32(char *p, uint32_t v)
{
	char tmp[10];
	size_t n = 0, i;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	return n;
}

/* Writes v in decimal at p (at least 20 octets); returns the length. Only the digits that take
 * v below 2^32 cost 64-bit divisions; put_u32 writes the rest. */
static size_t put_u64(char *p, uint64_t v)
{
	char low[10];
	size_t n = 0, k;
	for (; v > 0xffffffffu; v /= 10)
		low[n++] = (char)('0' + v % 10);
	k = put_u32(p, (uint32_t)v);
	while (n)
		p[k++] = low[--n];
	return k;
}

/* Writes v in decimal at p (at least 21 octets); returns the length. */
static size_t put_i64(char *p, int64_t v)
{
	if (v < 0) {
		p[0] = '-';
		return 1 + put_u64(p + 1, (uint64_t)(-(v + 1)) + 1u);
	}
	return put_u64(p, (uint64_t)v);
}

/* Two decimal digits of v (0..99). */
static size_t put_2d(char *p, uint32_t v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return 2;
}

/* tt_sb_mem and tt_sb_putc again, static so that the compiler can inline them here: render.c
 * appends a few hundred short pieces per notification and a call each is a third of the
 * time (DESIGN.md budget: decode + render of a v2c trap within 1 us). */
static void sb_mem(struct tt_sb *sb, const char *s, size_t n)
{
	if (sb->len + 1 < sb->cap) {
		size_t room = sb->cap - 1 - sb->len;
		memcpy(sb->buf + sb->len, s, n < room ? n : room);
	}
	sb->len += n;
}

static void sb_putc(struct tt_sb *sb, char c)
{
	if (sb->len + 1 < sb->cap)
		sb->buf[sb->len] = c;
	sb->len++;
}

#define PUT_LIT(sb, lit) sb_mem((sb), (lit), sizeof(lit) - 1)

static void sb_u32(struct tt_sb *sb, uint32_t v)
{
	char tmp[10];
	sb_mem(sb, tmp, put_u32(tmp, v));
}

static void sb_u64(struct tt_sb *sb, uint64_t v)
{
	char tmp[20];
	sb_mem(sb, tmp, put_u64(tmp, v));
}

static void sb_i64(struct tt_sb *sb, int64_t v)
{
	char tmp[21];
	sb_mem(sb, tmp, put_i64(tmp, v));
}

static void sb_ipv4(struct tt_sb *sb, const uint8_t *ip, size_t n)
{
	char tmp[16];
	size_t i, k = 0;
	for (i = 0; i < n; i++) {
		if (k > sizeof tmp - 4) {
			sb_mem(sb, tmp, k);
			k = 0;
		}
		if (i)
			tmp[k++] = '.';
		if (ip[i] >= 100)
			tmp[k++] = (char)('0' + ip[i] / 100);
		if (ip[i] >= 10)
			tmp[k++] = (char)('0' + ip[i] / 10 % 10);
		tmp[k++] = (char)('0' + ip[i] % 10);
	}
	sb_mem(sb, tmp, k);
}

/* RFC 5952 §4: lower-case hex, no leading zeros, the longest run (the first of equal ones) of
 * two or more zero groups as "::"; §5: an IPv4-mapped address as ::ffff:a.b.c.d. */
static void sb_ipv6(struct tt_sb *sb, const uint8_t *ip)
{
	static const char hex[] = "0123456789abcdef";
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	unsigned g[8];
	int best = -1, best_len = 1, i;

	if (memcmp(ip, mapped, sizeof mapped) == 0) {
		PUT_LIT(sb, "::ffff:");
		sb_ipv4(sb, ip + 12, 4);
		return;
	}
	for (i = 0; i < 8; i++)
		g[i] = (unsigned)ip[2 * i] << 8 | ip[2 * i + 1];
	for (i = 0; i < 8;) {
		int j = i;
		while (j < 8 && g[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	for (i = 0; i < 8; i++) {
		if (i == best) {
			PUT_LIT(sb, "::");
			i += best_len - 1;
			continue;
		}
		if (i && i != best + best_len)
			sb_putc(sb, ':');
		{
			int shift, started = 0;
			for (shift = 12; shift >= 0; shift -= 4) {
				unsigned d = (g[i] >> shift) & 15;
				if (d || started || shift == 0) {
					sb_putc(sb, hex[d]);
					started = 1;
				}
			}
		}
	}
}

static void sb_addr(struct tt_sb *sb, const struct tt_addr *a)
{
	if (a == NULL)
		return;
	if (a->family == TT_AF_INET4)
		sb_ipv4(sb, a->ip, 4);
	else if (a->family == TT_AF_INET6)
		sb_ipv6(sb, a->ip);
}

/* Net-SNMP's fmtaddr of its UDP transports: "UDP: [src]:port->[dst]:port" for IPv4 (the
 * destination from IP_PKTINFO when known), "UDP/IPv6: [src]:port" for IPv6: its udp6
 * transport never shows the local address (observed on 5.9.3), so neither do we. */
static void sb_transport(struct tt_sb *sb, const struct tt_addr *src, const struct tt_addr *dst)
{
	if (src == NULL || (src->family != TT_AF_INET4 && src->family != TT_AF_INET6)) {
		PUT_LIT(sb, "<UNKNOWN>"); /* what snmptrapd prints without transport data */
		return;
	}
	tt_sb_str(sb, src->family == TT_AF_INET6 ? "UDP/IPv6: [" : "UDP: [");
	sb_addr(sb, src);
	PUT_LIT(sb, "]:");
	sb_u32(sb, src->port);
	if (src->family == TT_AF_INET4 && dst != NULL &&
	    (dst->family == TT_AF_INET4 || dst->family == TT_AF_INET6)) {
		PUT_LIT(sb, "->[");
		sb_addr(sb, dst);
		PUT_LIT(sb, "]:");
		sb_u32(sb, dst->port);
	}
}

/* "h:mm:ss.cc" of the day in ticks, the part both time-ticks texts share. */
static size_t put_hms(char *p, uint32_t ticks)
{
	uint32_t s = ticks / 100;
	size_t k = put_u32(p, s / 3600 % 24);
	p[k++] = ':';
	k += put_2d(p + k, s / 60 % 60);
	p[k++] = ':';
	k += put_2d(p + k, s % 60);
	p[k++] = '.';
	k += put_2d(p + k, ticks % 100);
	return k;
}

/* Net-SNMP uptime_string(): "[N day(s), ]h:mm:ss.cc". */
static void sb_ticks(struct tt_sb *sb, uint32_t ticks)
{
	char tmp[32];
	size_t k = 0;
	uint32_t days = ticks / 8640000u;
	if (days) {
		k += put_u32(tmp, days);
		memcpy(tmp + k, days == 1 ? " day, " : " days, ", days == 1 ? 6 : 7);
		k += days == 1 ? 6 : 7;
	}
	k += put_hms(tmp + k, ticks);
	sb_mem(sb, tmp, k);
}

/* Net-SNMP's quick print (-Oq, forced for traphandle input) drops the "TYPE: " prefixes,
 * quotes hex dumps of octet strings and writes time ticks as d:h:mm:ss.cc. */
static void sb_ticks_quick(struct tt_sb *sb, uint32_t ticks)
{
	char tmp[32];
	size_t k = put_u32(tmp, ticks / 8640000u);
	tmp[k++] = ':';
	k += put_hms(tmp + k, ticks);
	sb_mem(sb, tmp, k);
}

/* ".arc" for each base-128 sub-identifier in [p, end); with split, the first one is X.690
 * §8.19.4's 40 * X + Y and gives two arcs. A truncated or over-long sub-identifier (never seen
 * from the decoder, which checks every OID) ends the output. */
static void sb_arcs(struct tt_sb *sb, const uint8_t *p, const uint8_t *end, int split)
{
	char tmp[64];
	size_t k = 0;
	while (p < end) {
		uint32_t v = 0;
		do {
			if (p >= end || v > (0xffffffffu >> 7))
				goto out;
			v = (v << 7) | (*p & 0x7f);
		} while (*p++ & 0x80);
		if (k > sizeof tmp - 13) {
			sb_mem(sb, tmp, k);
			k = 0;
		}
		if (split) {
			uint32_t x = v < 40 ? 0 : v < 80 ? 1 : 2;
			tmp[k++] = '.';
			tmp[k++] = (char)('0' + x);
			v -= 40 * x;
			split = 0;
		}
		tmp[k++] = '.';
		k += put_u32(tmp + k, v);
	}
out:
	sb_mem(sb, tmp, k);
}

/* By name (the longest table entry, then the remaining arcs) or numerically. */
static void sb_oid(struct tt_sb *sb, const uint8_t *oid, size_t len, unsigned flags)
{
	size_t plen, nlen;
	const char *name;

	if (!(flags & TT_RENDER_NUMERIC) &&
	    (name = tt_oid_name_find(oid, len, &plen, &nlen)) != NULL) {
		sb_mem(sb, name, nlen);
		sb_arcs(sb, oid + plen, oid + len, 0);
	} else if (len == 0) {
		sb_putc(sb, '.'); /* Net-SNMP prints an empty OID as "." (%N of a v2 trap) */
	} else {
		sb_arcs(sb, oid, oid + len, 1);
	}
}

/* Net-SNMP sprint_hexstring: "XX " per octet, a newline after every 16 octets when more
 * follow. */
static void sb_hex(struct tt_sb *sb, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789ABCDEF";
	char tmp[49];
	size_t i = 0;
	while (i < n) {
		size_t k = 0;
		if (i)
			tmp[k++] = '\n';
		do {
			tmp[k++] = digits[p[i] >> 4];
			tmp[k++] = digits[p[i] & 15];
			tmp[k++] = ' ';
		} while (++i < n && i % 16);
		sb_mem(sb, tmp, k);
	}
}

/* Net-SNMP's test for "STRING" rather than "Hex-STRING": every octet isprint() or isspace()
 * in the C locale. */
static int is_text(const uint8_t *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!((p[i] >= 0x20 && p[i] < 0x7f) || (p[i] >= 0x09 && p[i] <= 0x0d)))
			return 0;
	return 1;
}

/* Net-SNMP escapes '"' and '\' in strings. Unlike snmptrapd we also write the line-breaking
 * controls as two-character escapes: snmptrapd passes them raw, so a sender can forge log
 * lines and traphandle input (reference §3). \v and \f are included because many line
 * splitters (Python's splitlines, for one) break on them too. */
static void sb_quoted(struct tt_sb *sb, const uint8_t *p, size_t n)
{
	size_t i, run = 0;
	sb_putc(sb, '"');
	for (i = 0; i < n; i++) {
		char e;
		switch (p[i]) {
		case '"': e = '"'; break;
		case '\\': e = '\\'; break;
		case '\n': e = 'n'; break;
		case '\r': e = 'r'; break;
		case '\t': e = 't'; break;
		case '\v': e = 'v'; break;
		case '\f': e = 'f'; break;
		default: continue;
		}
		sb_mem(sb, (const char *)p + run, i - run);
		sb_putc(sb, '\\');
		sb_putc(sb, e);
		run = i + 1;
	}
	sb_mem(sb, (const char *)p + run, n - run);
	sb_putc(sb, '"');
}

/* A community or user name as snmptrapd shows it in %P, %u and the v1 layout: each octet
 * that is not isprint() becomes '.', so none of these can break a line either. */
static void sb_safe(struct tt_sb *sb, const uint8_t *p, size_t n)
{
	size_t i, run = 0;
	if (n == 0)
		return; /* p may be NULL for an empty field */
	for (i = 0; i < n; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f)
			continue;
		sb_mem(sb, (const char *)p + run, i - run);
		sb_putc(sb, '.');
		run = i + 1;
	}
	sb_mem(sb, (const char *)p + run, n - run);
}

/* ---- exact "%f" of an IEEE 754 value, for the Opaque Float and Double types --------------- */

/* A non-negative integer in base 10^9 limbs, least significant first. 36 limbs hold the
 * largest double (309 digits). */
#define BIG_LIMBS 36
#define BIG_BASE 1000000000u

struct big {
	uint32_t l[BIG_LIMBS];
	size_t n;
};

static void big_set(struct big *b, uint64_t v)
{
	b->n = 0;
	do {
		b->l[b->n++] = (uint32_t)(v % BIG_BASE);
		v /= BIG_BASE;
	} while (v);
}

/* b *= f, f < 2^32. */
static void big_mul(struct big *b, uint32_t f)
{
	uint64_t carry = 0;
	size_t i;
	for (i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->l[i] * f + carry;
		b->l[i] = (uint32_t)(t % BIG_BASE);
		carry = t / BIG_BASE;
	}
	while (carry && b->n < BIG_LIMBS) {
		b->l[b->n++] = (uint32_t)(carry % BIG_BASE);
		carry /= BIG_BASE;
	}
}

/* b /= d (0 < d <= 10^9); returns the remainder. */
static uint32_t big_div(struct big *b, uint32_t d)
{
	uint64_t rem = 0;
	size_t i = b->n;
	while (i--) {
		uint64_t cur = rem * BIG_BASE + b->l[i];
		b->l[i] = (uint32_t)(cur / d);
		rem = cur % d;
	}
	while (b->n > 1 && b->l[b->n - 1] == 0)
		b->n--;
	return (uint32_t)rem;
}

static void big_add1(struct big *b)
{
	size_t i;
	for (i = 0; i < b->n; i++) {
		if (++b->l[i] < BIG_BASE)
			return;
		b->l[i] = 0;
	}
	if (b->n < BIG_LIMBS)
		b->l[b->n++] = 1;
}

static uint32_t pow5(int k)
{
	uint32_t v = 1;
	while (k-- > 0)
		v *= 5;
	return v;
}

static void big_print(struct tt_sb *sb, const struct big *b)
{
	size_t i = b->n;
	tt_sb_uint(sb, b->l[i - 1], 0, ' ');
	for (i--; i > 0; i--)
		tt_sb_uint(sb, b->l[i - 1], 9, '0');
}

static const uint32_t pow10[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                   100000000, 1000000000};

/* Prints (neg ? -1 : 1) * m * 2^e as glibc's "%f" does: six decimals, the exact binary value
 * rounded half to even. */
static void sb_fixed6(struct tt_sb *sb, int neg, uint64_t m, int e)
{
	struct big b;
	uint32_t frac;

	if (neg)
		sb_putc(sb, '-');
	while (m && !(m & 1) && e < 0) {
		m >>= 1;
		e++;
	}
	if (m == 0 || e < -80) {
		/* m < 2^53, so m * 2^e * 10^6 < 2^-7 once e < -80 (and cannot be exactly 1/2):
		 * it rounds to zero. */
		PUT_LIT(sb, "0.000000");
		return;
	}
	big_set(&b, m);
	if (e >= 0) {
		while (e > 0) {
			int k = e > 29 ? 29 : e; /* limb * 2^29 + carry stays below 2^64 */
			big_mul(&b, (uint32_t)1 << k);
			e -= k;
		}
		big_print(sb, &b);
		PUT_LIT(sb, ".000000");
		return;
	}
	{
		/* m * 2^-k = m * 5^k / 10^k: the digits of m * 5^k with the point k from the right;
		 * times 10^6, then rounded to an integer. */
		int k = -e, i;
		for (i = k; i > 0; i -= 13)
			big_mul(&b, i >= 13 ? 1220703125u : pow5(i));
		if (k <= 6) {
			big_mul(&b, pow10[6 - k]);
		} else {
			int r = k - 6, sticky = 0;
			uint32_t d;
			/* drop all but the last of the r digits, remembering whether any was non-zero */
			for (i = r - 1; i > 0; i -= 9)
				sticky |= big_div(&b, pow10[i >= 9 ? 9 : i]) != 0;
			d = big_div(&b, 10);
			if (d > 5 || (d == 5 && (sticky || (b.l[0] & 1))))
				big_add1(&b);
		}
	}
	frac = big_div(&b, 1000000);
	big_print(sb, &b);
	sb_putc(sb, '.');
	tt_sb_uint(sb, frac, 6, '0');
}

static void sb_ieee(struct tt_sb *sb, const uint8_t *p, int dbl)
{
	uint64_t bits = 0, frac;
	unsigned i, n = dbl ? 8 : 4, exp, ebits = dbl ? 11 : 8, fbits = dbl ? 52 : 23;
	int neg;

	for (i = 0; i < n; i++)
		bits = bits << 8 | p[i];
	neg = (int)(bits >> (n * 8 - 1));
	exp = (unsigned)(bits >> fbits) & ((1u << ebits) - 1);
	frac = bits & (((uint64_t)1 << fbits) - 1);
	if (exp == (1u << ebits) - 1) {
		/* glibc prints the sign of a NaN too */
		tt_sb_str(sb, frac ? (neg ? "-nan" : "nan") : (neg ? "-inf" : "inf"));
		return;
	}
	if (exp == 0) /* subnormal */
		sb_fixed6(sb, neg, frac, 1 - (int)((1u << (ebits - 1)) - 1) - (int)fbits);
	else
		sb_fixed6(sb, neg, frac | (uint64_t)1 << fbits,
		          (int)exp - (int)((1u << (ebits - 1)) - 1) - (int)fbits);
}

/* ---- values ------------------------------------------------------------------------------ */

/* Net-SNMP's Opaque-wrapped special types (draft-perkins-opaque-01): an inner tag 0x9f 0x7N,
 * a short length and the value. Returns 1 when it printed one; anything else (snmptrapd drops
 * such a packet) falls back to the plain "OPAQUE: " hex dump. */
static int sb_opaque_special(struct tt_sb *sb, const uint8_t *p, size_t n, int quick)
{
	struct tt_tlv in;
	size_t len;
	uint64_t u = 0;
	int64_t i64 = 0;

	if (n < 3 || p[0] != 0x9f || p[2] != n - 3)
		return 0;
	len = n - 3;
	in.tag = p[1];
	in.start = p;
	in.val = p + 3;
	in.len = len;
	switch (p[1]) {
	case 0x78: /* Float */
		if (len != 4)
			return 0;
		if (!quick)
			PUT_LIT(sb, "Opaque: Float: ");
		sb_ieee(sb, p + 3, 0);
		return 1;
	case 0x79: /* Double */
		if (len != 8)
			return 0;
		/* Unlike snmptrapd, which labels a Double "Opaque: Float: " (a copy-paste slip). */
		if (!quick)
			PUT_LIT(sb, "Opaque: Double: ");
		sb_ieee(sb, p + 3, 1);
		return 1;
	case 0x76: /* Counter64 */
	case 0x7b: /* UInt64 */
		/* the BER integer rules of tt_ber.h: redundant sign octets allowed, the value must
		 * fit 0 .. 2^64-1 */
		if (tt_ber_get_uint64(&in, &u) < 0)
			return 0;
		if (!quick)
			tt_sb_str(sb, p[1] == 0x76 ? "Opaque: Counter64: " : "Opaque: UInt64: ");
		sb_u64(sb, u);
		return 1;
	case 0x7a: /* Int64 */
		if (tt_ber_get_int64(&in, &i64) < 0)
			return 0;
		if (!quick)
			PUT_LIT(sb, "Opaque: Int64: ");
		sb_i64(sb, i64);
		return 1;
	default:
		return 0;
	}
}

static void sb_value(struct tt_sb *sb, const struct tt_varbind *vb, unsigned flags)
{
	const uint8_t *v = vb->value;
	size_t n = vb->value_len;
	int q = (flags & TT_RENDER_QUICK) != 0;

#define PREFIX(s) do { if (!q) PUT_LIT(sb, s); } while (0)
	switch (vb->type) {
	case TT_TAG_INTEGER:
		PREFIX("INTEGER: ");
		sb_i64(sb, (int64_t)vb->num);
		break;
	case TT_TAG_OCTET_STRING:
		if (n == 0) {
			PUT_LIT(sb, "\"\""); /* Net-SNMP: an empty string has no type prefix */
		} else if (is_text(v, n)) {
			PREFIX("STRING: ");
			sb_quoted(sb, v, n);
		} else {
			PREFIX("Hex-STRING: ");
			if (q)
				sb_putc(sb, '"');
			sb_hex(sb, v, n);
			if (q)
				sb_putc(sb, '"');
		}
		break;
	case TT_TAG_NULL:
		PUT_LIT(sb, "NULL");
		break;
	case TT_TAG_OID:
		PREFIX("OID: ");
		sb_oid(sb, v, n, flags);
		break;
	case TT_TAG_IPADDRESS:
		PREFIX("IpAddress: ");
		sb_ipv4(sb, v, n); /* the decoder admits only 4 octets */
		break;
	case TT_TAG_COUNTER32:
		PREFIX("Counter32: ");
		sb_u64(sb, vb->num);
		break;
	case TT_TAG_GAUGE32:
		PREFIX("Gauge32: ");
		sb_u64(sb, vb->num);
		break;
	case TT_TAG_TIMETICKS:
		if (q) {
			sb_ticks_quick(sb, (uint32_t)vb->num);
			break;
		}
		PUT_LIT(sb, "Timeticks: (");
		sb_u64(sb, vb->num);
		PUT_LIT(sb, ") ");
		sb_ticks(sb, (uint32_t)vb->num);
		break;
	case TT_TAG_OPAQUE:
		if (!sb_opaque_special(sb, v, n, q)) {
			PREFIX("OPAQUE: ");
			sb_hex(sb, v, n);
		}
		break;
	case TT_TAG_COUNTER64:
		PREFIX("Counter64: ");
		sb_u64(sb, vb->num);
		break;
	case TT_TAG_NOSUCHOBJECT:
		PUT_LIT(sb, "No Such Object available on this agent at this OID");
		break;
	case TT_TAG_NOSUCHINSTANCE:
		PUT_LIT(sb, "No Such Instance currently exists at this OID");
		break;
	case TT_TAG_ENDOFMIBVIEW:
		PUT_LIT(sb, "No more variables left in this MIB View (It is past the end of the MIB tree)");
		break;
	default:
		PUT_LIT(sb, "Variable has bad type"); /* Net-SNMP's text; the decoder refuses these */
		break;
	}
#undef PREFIX
}

static void sb_varbind(struct tt_sb *sb, const struct tt_varbind *vb, unsigned flags)
{
	sb_oid(sb, vb->name, vb->name_len, flags);
	if (flags & TT_RENDER_QUICK)
		sb_putc(sb, ' ');
	else
		PUT_LIT(sb, " = ");
	sb_value(sb, vb, flags);
}

/* ---- notification fields ----------------------------------------------------------------- */

static int is_v1(const struct tt_notification *n)
{
	return n->pdu_type == TT_PDU_TRAP_V1;
}

/* snmptrapd's trap_description(). */
static const char *generic_name(int32_t g)
{
	static const char *const names[] = {"Cold Start", "Warm Start", "Link Down", "Link Up",
	                                    "Authentication Failure", "EGP Neighbor Loss",
	                                    "Enterprise Specific"};
	return (g >= 0 && g <= 6) ? names[g] : "Unknown Type";
}

/* %P and the v1 layout: "TRAP, SNMP v1, community public". */
static void sb_wrapper(struct tt_sb *sb, const struct tt_notification *n)
{
	switch (n->pdu_type) {
	case TT_PDU_TRAP_V1: PUT_LIT(sb, "TRAP"); break;
	case TT_PDU_TRAP_V2: PUT_LIT(sb, "TRAP2"); break;
	case TT_PDU_INFORM: PUT_LIT(sb, "INFORM"); break;
	default: break;
	}
	switch (n->version) {
	case TT_VERSION_1:
	case TT_VERSION_2C:
		tt_sb_str(sb, n->version == TT_VERSION_1 ? ", SNMP v1, community "
		                                         : ", SNMP v2c, community ");
		sb_safe(sb, n->community, n->community_len);
		break;
	case TT_VERSION_3:
		PUT_LIT(sb, ", SNMP v3, user ");
		sb_safe(sb, n->v3.user, n->v3.user_len);
		PUT_LIT(sb, ", context ");
		sb_safe(sb, n->v3.context_name, n->v3.context_name_len);
		break;
	default:
		break;
	}
}

/* The varbinds %v lists: for a v1 trap the ones on the wire (snmptrapd formats the v1 PDU),
 * unless TT_RENDER_V1_TRANSLATED asks for the RFC 3584 view (what traphandle receives). */
static void vb_range(const struct tt_notification *n, unsigned flags, size_t *first,
                     size_t *count)
{
	if (is_v1(n) && !(flags & TT_RENDER_V1_TRANSLATED)) {
		*first = n->wire_first;
		*count = n->wire_count;
	} else {
		*first = 0;
		*count = n->n_varbinds;
	}
}

/* %B: the caller's name for the source, else the transport text. */
static void sb_host(struct tt_sb *sb, const struct tt_render_ctx *ctx)
{
	if (ctx->src_host) /* a PTR record is the sender's text too: no line breaks */
		sb_safe(sb, (const uint8_t *)ctx->src_host, strlen(ctx->src_host));
	else
		sb_transport(sb, ctx->src, ctx->dst);
}

static void sb_ent_specific(struct tt_sb *sb, const struct tt_notification *n)
{
	/* snmptrapd prints the last arc of enterprise.0.specific, i.e. specific as unsigned */
	sb_u32(sb, (uint32_t)n->v1.specific);
}

/* ---- format strings ---------------------------------------------------------------------- */

#define FMT_MAX 65535u /* width and precision saturate here: a typo cannot ask for gigabytes */

struct fmt_opt {
	unsigned width;
	unsigned prec;
	uint8_t has_prec;
	uint8_t left;
	uint8_t zero;
	uint8_t alt;
};

/* snmptrapd's backslash escapes (snmptrapd_log.c realloc_handle_backslash); an unknown one
 * prints as written, backslash included. */
static void put_escape(struct tt_sb *sb, char c)
{
	switch (c) {
	case 'a': sb_putc(sb, '\a'); break;
	case 'b': sb_putc(sb, '\b'); break;
	case 'f': sb_putc(sb, '\f'); break;
	case 'n': sb_putc(sb, '\n'); break;
	case 'r': sb_putc(sb, '\r'); break;
	case 't': sb_putc(sb, '\t'); break;
	case 'v': sb_putc(sb, '\v'); break;
	case '\\': case '?': case '%': case '\'': case '"': sb_putc(sb, c); break;
	default:
		sb_putc(sb, '\\');
		sb_putc(sb, c);
		break;
	}
}

/* A numeric field (the clock fields, %t, %T, %w). printf semantics, with two snmptrapd
 * habits kept: a width without a precision pads with '0' (snmptrapd's precision is
 * "undefined" = SIZE_MAX there, so every pad character comes out '0': "%2h" gives "07", which
 * formats rely on), and a precision shorter than the year keeps its last digits ("%.2y" gives
 * "26", which snmptrapd's source intends but, unlike us, does not do: it prints "20").
 * Unlike snmptrapd: '-' pads with spaces (snmptrapd pads "%-5w" as "60000"), a precision
 * never cuts other numbers, and "%5.3h" gives "  002" (snmptrapd: "00 02"). */
static void emit_num(struct tt_sb *sb, const char *s, size_t len, const struct fmt_opt *o,
                     int year)
{
	size_t zeros = 0, pad = 0;

	if (year && o->has_prec && len > o->prec) {
		s += len - o->prec;
		len = o->prec;
	}
	if (o->has_prec && o->prec > len)
		zeros = o->prec - len;
	if (o->width > len + zeros)
		pad = o->width - len - zeros;
	if (!o->left)
		while (pad) {
			sb_putc(sb, (o->zero || !o->has_prec) ? '0' : ' ');
			pad--;
		}
	while (zeros--)
		sb_putc(sb, '0');
	sb_mem(sb, s, len);
	while (pad--)
		sb_putc(sb, ' ');
}

/* A text field already appended at start: the precision cuts it, the width pads it with
 * spaces (with '0' under the '0' flag, as snmptrapd does), on the right under '-'. Unlike
 * snmptrapd, which pads "%5s" as " 0000" and "%-8u" with '0's. */
static void fix_text(struct tt_sb *sb, size_t start, const struct fmt_opt *o)
{
	size_t len = sb->len - start;

	if (o->has_prec && len > o->prec) {
		tt_sb_trunc(sb, start + o->prec);
		len = o->prec;
	}
	if (o->width > len) {
		if (o->left) {
			size_t pad = o->width - len;
			while (pad--)
				sb_putc(sb, ' ');
		} else {
			tt_sb_insert(sb, start, o->width - len, o->zero ? '0' : ' ');
		}
	}
}

struct fmt_state {
	const struct tt_render_ctx *ctx;
	const char *sep;  /* %V separator, escapes not yet applied; NULL: the default */
	size_t sep_len;
};

static void put_sep(struct tt_sb *sb, const struct fmt_state *st, int alt)
{
	size_t i;
	if (st->sep == NULL || st->sep_len == 0) {
		tt_sb_str(sb, alt ? ", " : "\t");
		return;
	}
	for (i = 0; i < st->sep_len; i++) {
		if (st->sep[i] == '\\' && i + 1 < st->sep_len)
			put_escape(sb, st->sep[++i]);
		else
			sb_putc(sb, st->sep[i]);
	}
}

static void format_cmd(struct tt_sb *sb, char c, const struct fmt_opt *o,
                       const struct fmt_state *st)
{
	const struct tt_render_ctx *ctx = st->ctx;
	const struct tt_notification *n = ctx->note;
	const struct tt_tm *tm = o->alt ? &ctx->utc : &ctx->local;
	char num[24];
	size_t start = sb->len, i, first, count;

	switch (c) {
	/* numbers; %H %J %K %L %M %Y print the current time, as snmptrapd does (its man page
	 * promises sysUpTime fields, its code never sets them) */
	case 't': emit_num(sb, num, put_i64(num, ctx->epoch), o, 0); return;
	case 'y': case 'Y': emit_num(sb, num, put_u32(num, tm->year), o, 1); return;
	case 'm': case 'M': emit_num(sb, num, put_u32(num, tm->mon), o, 0); return;
	case 'l': case 'L': emit_num(sb, num, put_u32(num, tm->mday), o, 0); return;
	case 'h': case 'H': emit_num(sb, num, put_u32(num, tm->hour), o, 0); return;
	case 'j': case 'J': emit_num(sb, num, put_u32(num, tm->min), o, 0); return;
	case 'k': case 'K': emit_num(sb, num, put_u32(num, tm->sec), o, 0); return;
	case 'w': emit_num(sb, num, put_i64(num, is_v1(n) ? n->v1.generic : 0), o, 0); return;
	case 'T':
		/* Unlike snmptrapd, which prints the v1 time-stamp and 0 for every SNMPv2
		 * notification (it reads pdu->time, unset for v2): we print the notification's
		 * uptime, sysUpTime.0 for v2, as its man page documents. */
		if (!o->alt) {
			emit_num(sb, num, put_u32(num, n->uptime), o, 0);
			return;
		}
		sb_ticks(sb, n->uptime);
		break;
	/* text */
	case 'a': case 'A':
		if (is_v1(n))
			sb_ipv4(sb, n->v1.agent_addr, 4);
		else
			PUT_LIT(sb, "0.0.0.0");
		break;
	case 'b':
		sb_transport(sb, ctx->src, ctx->dst);
		break;
	case 'B':
		sb_host(sb, ctx);
		break;
	case 'E':
		/* contextEngineID as snmptrapd prints it: hex octets, a line break every 16 */
		if (n->version == TT_VERSION_3)
			sb_hex(sb, n->v3.context_engine_id, n->v3.context_engine_id_len);
		break;
	case 'N':
		if (is_v1(n))
			sb_oid(sb, n->v1.enterprise, n->v1.enterprise_len, ctx->flags);
		else
			sb_putc(sb, '.');
		break;
	case 'P':
		sb_wrapper(sb, n);
		break;
	case 'q':
		if (is_v1(n) && n->v1.generic == 6) {
			sb_putc(sb, '.');
			sb_ent_specific(sb, n);
		} else {
			sb_i64(sb, is_v1(n) ? n->v1.specific : 0);
		}
		break;
	case 's':
		sb_u32(sb, n->version);
		break;
	case 'S':
		/* securityModel: SNMPv1 1, SNMPv2c 2, USM 3 */
		sb_u32(sb, n->version == TT_VERSION_1 ? 1u : n->version == TT_VERSION_2C ? 2u : 3u);
		break;
	case 'u':
		if (n->version != TT_VERSION_3)
			sb_safe(sb, n->community, n->community_len);
		else
			sb_safe(sb, n->v3.user, n->v3.user_len);
		break;
	case 'v':
		vb_range(n, ctx->flags, &first, &count);
		for (i = 0; i < count; i++) {
			if (i || o->alt)
				put_sep(sb, st, o->alt);
			sb_varbind(sb, &n->varbinds[first + i], ctx->flags);
		}
		break;
	case 'W':
		tt_sb_str(sb, generic_name(is_v1(n) ? n->v1.generic : 0));
		break;
	default:
		break;
	}
	fix_text(sb, start, o);
}

static int is_cmd(char c)
{
	static const char cmds[] = "tymlhjkTYMLHJKaAbBENPqsSuvwW";
	size_t i;
	for (i = 0; i < sizeof cmds - 1; i++) /* no strchr: the core links only mem* and strlen */
		if (cmds[i] == c)
			return 1;
	return 0;
}

static unsigned add_digit(unsigned v, char c)
{
	v = v * 10 + (unsigned)(c - '0');
	return v > FMT_MAX ? FMT_MAX : v;
}

/* The parser is snmptrapd's state machine (snmptrapd_log.c realloc_format_trap), so odd input
 * reads the same: a character that cannot continue a specifier is printed as itself ("%%"
 * is '%', "%5-w" is "-w"), and %V takes the text up to the next '%', which then starts the
 * next specifier ("%V; %v"). */
static void format_run(struct tt_sb *sb, const char *fmt, const struct tt_render_ctx *ctx)
{
	enum { NORMAL, IN_FORMAT, WIDTH, PRECISION } state = NORMAL;
	struct fmt_state st;
	struct fmt_opt o;
	const char *p = fmt;

	st.ctx = ctx;
	st.sep = NULL;
	st.sep_len = 0;
	memset(&o, 0, sizeof o);
	while (*p) {
		char c = *p++;
		int done = 0; /* c cannot continue the specifier */
		switch (state) {
		case NORMAL:
			if (c == '\\') {
				if (*p)
					put_escape(sb, *p++);
			} else if (c == '%') {
				memset(&o, 0, sizeof o);
				state = IN_FORMAT;
			} else {
				sb_putc(sb, c);
			}
			break;
		case IN_FORMAT:
			if (c == '-') {
				o.left = 1;
			} else if (c == '0') {
				o.zero = 1;
			} else if (c == '#') {
				o.alt = 1;
			} else if (c == '.') {
				state = PRECISION;
			} else if (c == 'V') {
				const char *q = p;
				while (*q && *q != '%')
					q += (*q == '\\' && q[1]) ? 2 : 1;
				st.sep = p;
				st.sep_len = (size_t)(q - p);
				p = *q ? q + 1 : q; /* stay IN_FORMAT after the '%' */
			} else if (c >= '1' && c <= '9') {
				o.width = (unsigned)(c - '0');
				state = WIDTH;
			} else {
				done = 1;
			}
			break;
		case WIDTH:
			if (c >= '0' && c <= '9')
				o.width = add_digit(o.width, c);
			else if (c == '.')
				state = PRECISION;
			else
				done = 1;
			break;
		case PRECISION:
			if (c >= '0' && c <= '9') {
				o.prec = o.has_prec ? add_digit(o.prec, c) : (unsigned)(c - '0');
				o.has_prec = 1;
			} else {
				done = 1;
			}
			break;
		}
		if (done) {
			if (is_cmd(c))
				format_cmd(sb, c, &o, &st);
			else
				sb_putc(sb, c);
			state = NORMAL;
		}
	}
}

/* ---- public API -------------------------------------------------------------------------- */

int tt_render_format(char *out, size_t cap, const char *fmt, const struct tt_render_ctx *ctx)
{
	struct tt_sb sb;
	tt_sb_init(&sb, out, cap);
	format_run(&sb, fmt, ctx);
	return tt_sb_done(&sb);
}

/* "YYYY-MM-DD hh:mm:ss": the v1 layout's "%.4d-%.2d-%.2d %.2d:%.2d:%.2d", and what
 * "%.4y-%.2m-%.2l %.2h:%.2j:%.2k" gives in a format (cut_year: a fifth year digit goes, as
 * "%.4y" keeps the last four). */
static void sb_date(struct tt_sb *sb, const struct tt_tm *t, int cut_year)
{
	char tmp[48];
	uint32_t y = cut_year ? t->year % 10000u : t->year;
	size_t k = 0;
	const uint8_t f[5] = {t->mon, t->mday, t->hour, t->min, t->sec};
	static const char sep[5] = {'-', '-', ' ', ':', ':'};
	unsigned i;

	for (i = y < 10 ? 3 : y < 100 ? 2 : y < 1000 ? 1 : 0; i > 0; i--)
		tmp[k++] = '0';
	k += put_u32(tmp + k, y);
	for (i = 0; i < 5; i++) {
		tmp[k++] = sep[i];
		k += f[i] < 100 ? put_2d(tmp + k, f[i]) : put_u32(tmp + k, f[i]);
	}
	sb_mem(sb, tmp, k);
}

/* snmptrapd's v1 text (snmptrapd_log.c realloc_format_plain_trap). It names the agent with
 * gethostbyaddr() and prints "NAME [ADDR] "; we resolve nothing, and a failed lookup there
 * also gives the address twice (observed), so we print "ADDR [ADDR] ". */
static void default_v1(struct tt_sb *sb, const struct tt_render_ctx *ctx)
{
	const struct tt_notification *n = ctx->note;
	size_t i;

	sb_date(sb, &ctx->local, 0);
	sb_putc(sb, ' ');
	sb_ipv4(sb, n->v1.agent_addr, 4);
	PUT_LIT(sb, " [");
	sb_ipv4(sb, n->v1.agent_addr, 4);
	PUT_LIT(sb, "] (via ");
	sb_transport(sb, ctx->src, ctx->dst);
	PUT_LIT(sb, ") ");
	sb_wrapper(sb, n);
	PUT_LIT(sb, "\n\t");
	sb_oid(sb, n->v1.enterprise, n->v1.enterprise_len, ctx->flags);
	sb_putc(sb, ' ');
	tt_sb_str(sb, generic_name(n->v1.generic));
	PUT_LIT(sb, " Trap (");
	if (n->v1.generic == 6)
		sb_ent_specific(sb, n);
	else
		sb_i64(sb, n->v1.specific);
	PUT_LIT(sb, ") Uptime: ");
	sb_ticks(sb, n->uptime);
	sb_putc(sb, '\n');
	/* each wire varbind is preceded by a TAB, so no varbinds leaves an empty line */
	for (i = 0; i < n->wire_count; i++) {
		sb_putc(sb, '\t');
		sb_varbind(sb, &n->varbinds[n->wire_first + i], ctx->flags);
	}
	sb_putc(sb, '\n');
}

/* snmptrapd's layout for SNMPv2 notifications when format2 is not set (snmptrapd_handlers.c
 * print_handler): the format "%.4y-%.2m-%.2l %.2h:%.2j:%.2k %B [%b]:\n%v\n", written out here
 * because parsing it for every trap costs a third of the rendering. The unit tests check that
 * both give the same text. */
static void default_v2(struct tt_sb *sb, const struct tt_render_ctx *ctx)
{
	const struct tt_notification *n = ctx->note;
	size_t i;

	sb_date(sb, &ctx->local, 1);
	sb_putc(sb, ' ');
	sb_host(sb, ctx);
	PUT_LIT(sb, " [");
	sb_transport(sb, ctx->src, ctx->dst);
	PUT_LIT(sb, "]:\n");
	for (i = 0; i < n->n_varbinds; i++) {
		if (i)
			sb_putc(sb, '\t');
		sb_varbind(sb, &n->varbinds[i], ctx->flags);
	}
	sb_putc(sb, '\n');
}

int tt_render_default(char *out, size_t cap, const struct tt_render_ctx *ctx)
{
	struct tt_sb sb;
	tt_sb_init(&sb, out, cap);
	if (is_v1(ctx->note))
		default_v1(&sb, ctx);
	else
		default_v2(&sb, ctx);
	return tt_sb_done(&sb);
}

int tt_render_oid(char *out, size_t cap, const uint8_t *oid, size_t len, unsigned flags)
{
	struct tt_sb sb;
	tt_sb_init(&sb, out, cap);
	sb_oid(&sb, oid, len, flags);
	return tt_sb_done(&sb);
}

int tt_render_value(char *out, size_t cap, const struct tt_varbind *vb, unsigned flags)
{
	struct tt_sb sb;
	tt_sb_init(&sb, out, cap);
	sb_value(&sb, vb, flags);
	return tt_sb_done(&sb);
}

int tt_render_varbind(char *out, size_t cap, const struct tt_varbind *vb, unsigned flags)
{
	struct tt_sb sb;
	tt_sb_init(&sb, out, cap);
	sb_varbind(&sb, vb, flags);
	return tt_sb_done(&sb);
}

int tt_render_ticks(char *out, size_t cap, uint32_t ticks)
{
	struct tt_sb sb;
	tt_sb_init(&sb, out, cap);
	sb_ticks(&sb, ticks);
	return tt_sb_done(&sb);
}

int tt_render_addr(char *out, size_t cap, const struct tt_addr *a)
{
	struct tt_sb sb;
	tt_sb_init(&sb, out, cap);
	sb_addr(&sb, a);
	return tt_sb_done(&sb);
}

int tt_render_transport(char *out, size_t cap, const struct tt_addr *src, const struct tt_addr *dst)
{
	struct tt_sb sb;
	tt_sb_init(&sb, out, cap);
	sb_transport(&sb, src, dst);
	return tt_sb_done(&sb);
}
