/*
 * test_ber.c - the BER cursor, integer and OID decoding, OID text and the encoding writer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

#include "testlib.h"

/* Reads one TLV from an exact-size heap copy of the octets. */
static int read_one(const uint8_t *p, size_t n, struct tt_tlv *t, size_t *consumed)
{
	uint8_t *b = tl_dup(p, n);
	struct tt_ber c;
	int rc;

	tt_ber_init(&c, b, n);
	rc = tt_ber_read(&c, t);
	if (rc == TT_OK) {
		assert_ptr_equal(t->start, b);
		/* rebase the pointers onto the caller's octets before the copy goes away */
		t->val = p + (t->val - b);
		t->start = p;
	} else {
		assert_ptr_equal(c.p, b); /* unchanged on failure */
	}
	if (consumed)
		*consumed = (size_t)(c.p - b);
	free(b);
	return rc;
}

static void read_short_form(void **state)
{
	static const uint8_t m[] = {0x04, 0x03, 'a', 'b', 'c', 0x05, 0x00};
	struct tt_ber c;
	struct tt_tlv t;
	(void)state;

	tt_ber_init(&c, m, sizeof m);
	assert_false(tt_ber_at_end(&c));
	assert_int_equal(tt_ber_read(&c, &t), TT_OK);
	assert_int_equal(t.tag, 0x04);
	assert_int_equal(t.len, 3);
	assert_ptr_equal(t.start, m);
	assert_ptr_equal(t.val, m + 2);
	assert_ptr_equal(c.p, m + 5);
	assert_int_equal(tt_ber_read(&c, &t), TT_OK);
	assert_int_equal(t.tag, 0x05);
	assert_int_equal(t.len, 0);
	assert_ptr_equal(t.val, m + 7);
	assert_true(tt_ber_at_end(&c));
	assert_int_equal(tt_ber_read(&c, &t), TT_ERR_TRUNCATED);
}

/* Long form with 1..4 length octets, each for a length that needs them and (non-minimal,
 * which BER allows) for a 3-octet content. */
static void read_long_forms(void **state)
{
	static const size_t lens[] = {0x80, 0xff, 0x100, 0xffff, 0x10000, 0x10203};
	uint8_t *buf = malloc(0x10203 + 6);
	size_t i;
	int nlen;
	(void)state;

	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		size_t len = lens[i], hdr, consumed;
		struct tt_tlv t;
		int k = len > 0xffff ? 3 : len > 0xff ? 2 : 1;
		buf[0] = 0x04;
		buf[1] = (uint8_t)(0x80 | k);
		for (nlen = 0; nlen < k; nlen++)
			buf[2 + nlen] = (uint8_t)(len >> (8 * (k - 1 - nlen)));
		hdr = 2 + (size_t)k;
		memset(buf + hdr, 0x5a, len);
		assert_int_equal(read_one(buf, hdr + len, &t, &consumed), TT_OK);
		assert_int_equal(t.len, len);
		assert_ptr_equal(t.val, buf + hdr);
		assert_int_equal(consumed, hdr + len);
		/* one octet short */
		assert_int_equal(read_one(buf, hdr + len - 1, &t, NULL), TT_ERR_TRUNCATED);
	}
	/* 0x81..0x84, non-minimal */
	for (nlen = 1; nlen <= 4; nlen++) {
		struct tt_tlv t;
		size_t n = 0, consumed;
		int j;
		buf[n++] = 0x04;
		buf[n++] = (uint8_t)(0x80 | nlen);
		for (j = 0; j < nlen - 1; j++)
			buf[n++] = 0;
		buf[n++] = 3;
		buf[n++] = 'x';
		buf[n++] = 'y';
		buf[n++] = 'z';
		assert_int_equal(read_one(buf, n, &t, &consumed), TT_OK);
		assert_int_equal(t.len, 3);
		assert_memory_equal(t.val, "xyz", 3);
		assert_int_equal(consumed, n);
	}
	free(buf);
}

static void read_rejects_bad_lengths(void **state)
{
	struct tt_tlv t;
	uint8_t m[16];
	int first;
	(void)state;

	/* indefinite */
	static const uint8_t indef[] = {0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00};
	assert_int_equal(read_one(indef, sizeof indef, &t, NULL), TT_ERR_LENGTH);
	/* 5..127 length octets */
	for (first = 0x85; first <= 0xff; first++) {
		memset(m, 0, sizeof m);
		m[0] = 0x04;
		m[1] = (uint8_t)first;
		assert_int_equal(read_one(m, sizeof m, &t, NULL), TT_ERR_LENGTH);
	}
	/* lengths beyond the container */
	static const uint8_t over1[] = {0x04, 0x05, 'a', 'b', 'c'};
	static const uint8_t over2[] = {0x04, 0x84, 0xff, 0xff, 0xff, 0xff, 'a'};
	static const uint8_t over3[] = {0x04, 0x82, 0x01, 0x00, 'a', 'b'};
	static const uint8_t over4[] = {0x04, 0x84, 0x7f, 0xff, 0xff, 0xfa};
	assert_int_equal(read_one(over1, sizeof over1, &t, NULL), TT_ERR_TRUNCATED);
	assert_int_equal(read_one(over2, sizeof over2, &t, NULL), TT_ERR_TRUNCATED);
	assert_int_equal(read_one(over3, sizeof over3, &t, NULL), TT_ERR_TRUNCATED);
	assert_int_equal(read_one(over4, sizeof over4, &t, NULL), TT_ERR_TRUNCATED);
	/* length octets missing */
	static const uint8_t lenlen[] = {0x04, 0x83, 0x01, 0x00};
	assert_int_equal(read_one(lenlen, sizeof lenlen, &t, NULL), TT_ERR_TRUNCATED);
	/* a tag alone */
	assert_int_equal(read_one(m, 1, &t, NULL), TT_ERR_TRUNCATED);
	assert_int_equal(read_one(m, 0, &t, NULL), TT_ERR_TRUNCATED);
}

/* Every proper prefix of a valid TLV fails, and never reads past it (exact-size copies). */
static void read_truncated_everywhere(void **state)
{
	static const uint8_t forms[][12] = {
		{0x02, 0x01, 0x05},
		{0x04, 0x81, 0x03, 'a', 'b', 'c'},
		{0x04, 0x84, 0x00, 0x00, 0x00, 0x04, 'a', 'b', 'c', 'd'},
		{0x30, 0x06, 0x02, 0x01, 0x01, 0x04, 0x01, 'x'},
	};
	static const size_t sizes[] = {3, 6, 10, 8};
	size_t f, k;
	(void)state;

	for (f = 0; f < 4; f++) {
		struct tt_tlv t;
		size_t consumed;
		assert_int_equal(read_one(forms[f], sizes[f], &t, &consumed), TT_OK);
		assert_int_equal(consumed, sizes[f]);
		for (k = 0; k < sizes[f]; k++)
			assert_int_equal(read_one(forms[f], k, &t, NULL), TT_ERR_TRUNCATED);
	}
}

static void read_rejects_high_tag_form(void **state)
{
	static const uint8_t h1[] = {0x1f, 0x01, 0x00};
	static const uint8_t h2[] = {0xbf, 0x81, 0x80, 0x01, 0x00};
	static const uint8_t h3[] = {0x5f, 0x20, 0x00};
	static const uint8_t ok[] = {0x1e, 0x00};
	struct tt_tlv t;
	(void)state;

	assert_int_equal(read_one(h1, sizeof h1, &t, NULL), TT_ERR_TAG);
	assert_int_equal(read_one(h2, sizeof h2, &t, NULL), TT_ERR_TAG);
	assert_int_equal(read_one(h3, sizeof h3, &t, NULL), TT_ERR_TAG);
	assert_int_equal(read_one(ok, sizeof ok, &t, NULL), TT_OK);
	assert_int_equal(t.tag, 0x1e);
}

static void expect_and_enter(void **state)
{
	static const uint8_t m[] = {0x30, 0x06, 0x02, 0x01, 0x07, 0x04, 0x01, 'x', 0x05, 0x00};
	struct tt_ber c, in;
	struct tt_tlv t;
	int32_t v;
	(void)state;

	tt_ber_init(&c, m, sizeof m);
	assert_int_equal(tt_ber_expect(&c, 0x02, &t), TT_ERR_TAG);
	assert_ptr_equal(c.p, m); /* cursor unchanged */
	assert_int_equal(tt_ber_enter(&c, 0x04, &in), TT_ERR_TAG);
	assert_ptr_equal(c.p, m);
	assert_int_equal(tt_ber_enter(&c, 0x30, &in), TT_OK);
	assert_ptr_equal(c.p, m + 8);
	assert_ptr_equal(in.p, m + 2);
	assert_ptr_equal(in.end, m + 8);
	assert_int_equal(tt_ber_expect(&in, 0x02, &t), TT_OK);
	assert_int_equal(tt_ber_get_int32(&t, &v), TT_OK);
	assert_int_equal(v, 7);
	assert_int_equal(tt_ber_expect(&in, 0x04, &t), TT_OK);
	assert_true(tt_ber_at_end(&in));
	assert_int_equal(tt_ber_expect(&in, 0x04, &t), TT_ERR_TRUNCATED);
	assert_int_equal(tt_ber_expect(&c, 0x05, &t), TT_OK);
	assert_true(tt_ber_at_end(&c));
}

/* --- integers ------------------------------------------------------------------------------- */

/* An INTEGER TLV over an exact-size heap copy of the hex octets; free the returned copy. */
static uint8_t *int_tlv(const char *hex, struct tt_tlv *t)
{
	size_t n;
	uint8_t *h = tl_hex_alloc(hex, &n);
	t->tag = TT_TAG_INTEGER;
	t->start = h;
	t->val = h;
	t->len = n;
	return h;
}

static int int32_of(const char *hex, int32_t *v)
{
	struct tt_tlv t;
	uint8_t *h = int_tlv(hex, &t);
	int rc = tt_ber_get_int32(&t, v);
	free(h);
	return rc;
}

static int uint32_of(const char *hex, uint32_t *v)
{
	struct tt_tlv t;
	uint8_t *h = int_tlv(hex, &t);
	int rc = tt_ber_get_uint32(&t, v);
	free(h);
	return rc;
}

static int uint64_of(const char *hex, uint64_t *v)
{
	struct tt_tlv t;
	uint8_t *h = int_tlv(hex, &t);
	int rc = tt_ber_get_uint64(&t, v);
	free(h);
	return rc;
}

/* n redundant sign-extension octets (0x00 or 0xff) before hex. */
static char *padded(char *out, size_t n, const char *pad, const char *hex)
{
	size_t i;
	out[0] = '\0';
	for (i = 0; i < n; i++)
		strcat(out, pad);
	strcat(out, hex);
	return out;
}

/* Padding counts the boundary tables are tried with: none, one, and many. */
static const size_t pad_counts[] = {0, 1, 2, 4, 5, 9, 40};

static void get_int32_boundaries(void **state)
{
	static const struct {
		const char *hex;
		int32_t v;
	} ok[] = {
		{"00", 0}, {"01", 1}, {"7f", 127}, {"80", -128}, {"ff", -1},
		{"0080", 128}, {"00ff", 255}, {"7fff", 32767}, {"8000", -32768}, {"ff7f", -129},
		{"ffff", -1}, {"008000", 32768}, {"7fffff", 8388607}, {"800000", -8388608},
		{"7fffffff", INT32_MAX}, {"80000000", INT32_MIN}, {"ffffffff", -1},
		{"80000001", INT32_MIN + 1}, {"0000007f", 127},
		/* redundant sign-extension octets (BER allows them; scapy writes -2^31 so) */
		{"ff80000000", INT32_MIN}, {"007fffffff", INT32_MAX}, {"0005", 5},
		{"00000000ff", 255}, {"ffffffff80", -128}, {"0000000000", 0},
		{"ffffffffffffffffff", -1}, {"000000000000000000007fffffff", INT32_MAX},
	};
	/* values outside -2^31 .. 2^31-1, however they are written */
	static const char *const bad[] = {
		"0080000000",           /* 2^31 */
		"ff7fffffff",           /* -2^31 - 1 */
		"00ffffffff",           /* 00 before ff is a positive value: 2^32 - 1 */
		"ff00000000",           /* ff before 00 is a negative value: -2^32 */
		"0100000000",           /* 2^32 */
		"7fffffffffffffff",
		"8000000000000000",
		"00000000000080000000", /* 2^31 after padding */
	};
	char h[256];
	size_t i, k;
	int32_t v;
	(void)state;

	for (k = 0; k < sizeof pad_counts / sizeof pad_counts[0]; k++) {
		for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
			v = 12345;
			padded(h, pad_counts[k], (ok[i].hex[0] >= '8') ? "ff" : "00", ok[i].hex);
			if (int32_of(h, &v) != TT_OK || v != ok[i].v)
				fail_msg("INTEGER %s: %d, expected %d", h, v, ok[i].v);
		}
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			v = 12345;
			padded(h, pad_counts[k], (bad[i][0] >= '8') ? "ff" : "00", bad[i]);
			if (int32_of(h, &v) != TT_ERR_INT_RANGE)
				fail_msg("INTEGER %s accepted as %d", h, v);
			assert_int_equal(v, 12345); /* untouched on failure */
		}
	}
	v = 12345;
	assert_int_equal(int32_of("", &v), TT_ERR_INT_RANGE);
	assert_int_equal(v, 12345);
}

static void get_uint32_boundaries(void **state)
{
	static const struct {
		const char *hex;
		uint32_t v;
	} ok[] = {
		{"00", 0}, {"7f", 127}, {"0080", 128}, {"ffff", 65535}, {"00ffff", 65535},
		{"ffffff", 16777215}, {"7fffffff", 0x7fffffffu}, {"0080000000", 0x80000000u},
		{"00ffffffff", 0xffffffffu}, {"0000000001", 1},
		/* padded: Counter32 41 05 00 00 00 00 07 is 7 */
		{"0000000007", 7}, {"000000000000", 0}, {"0000000000ffffffff", 0xffffffffu},
		{"0000000000000000000080000000", 0x80000000u},
	};
	/* contents of at most 4 octets with the high bit set are read as their unsigned bit
	 * pattern (agents omit the leading 0; not padded, they are no sign extension) */
	static const struct {
		const char *hex;
		uint32_t v;
	} pattern[] = {{"ffffffff", 0xffffffffu}, {"80000000", 0x80000000u}, {"80", 0x80}};
	/* negative values and values over 2^32 - 1 */
	static const char *const bad[] = {
		"0100000000",     /* 2^32 */
		"ff00000000",     /* -2^32 */
		"ffffffffff",     /* -1: ff before ff is sign extension */
		"ff80000000",     /* -2^31 */
		"ff7fffffff",     /* -2^31 - 1 */
		"00ffffffffff",   /* 2^40 - 1 */
		"0000000100000000",
	};
	char h[256];
	size_t i, k;
	uint32_t v;
	(void)state;

	for (k = 0; k < sizeof pad_counts / sizeof pad_counts[0]; k++) {
		for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
			v = 12345;
			padded(h, pad_counts[k], "00", ok[i].hex);
			if (uint32_of(h, &v) != TT_OK || v != ok[i].v)
				fail_msg("Counter32 %s: %u, expected %u", h, v, ok[i].v);
		}
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			v = 12345;
			padded(h, pad_counts[k], (bad[i][0] >= '8') ? "ff" : "00", bad[i]);
			if (uint32_of(h, &v) != TT_ERR_INT_RANGE)
				fail_msg("Counter32 %s accepted as %u", h, v);
			assert_int_equal(v, 12345);
		}
	}
	for (i = 0; i < sizeof pattern / sizeof pattern[0]; i++) {
		v = 12345;
		assert_int_equal(uint32_of(pattern[i].hex, &v), TT_OK);
		assert_int_equal(v, pattern[i].v);
	}
	v = 12345;
	assert_int_equal(uint32_of("", &v), TT_ERR_INT_RANGE);
	assert_int_equal(v, 12345);
}

static void get_uint64_boundaries(void **state)
{
	static const struct {
		const char *hex;
		uint64_t v;
	} ok[] = {
		{"00", 0}, {"0100000000", 0x100000000ull}, {"7fffffffffffffff", 0x7fffffffffffffffull},
		{"00ffffffffffffffff", UINT64_MAX}, {"008000000000000000", 0x8000000000000000ull},
		{"0000ffffffffffffffff", UINT64_MAX}, {"000000000000000000000005", 5},
	};
	static const char *const bad[] = {
		"010000000000000000",   /* 2^64 */
		"0100ffffffffffffffff", /* over 2^64 - 1 */
		"ffffffffffffffffff",   /* -1 */
		"ff8000000000000000",   /* -2^63 */
		"00ffffffffffffffffff", /* 2^72 - 1 */
	};
	char h[256];
	size_t i, k;
	uint64_t v;
	(void)state;

	for (k = 0; k < sizeof pad_counts / sizeof pad_counts[0]; k++) {
		for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
			v = 77;
			padded(h, pad_counts[k], "00", ok[i].hex);
			if (uint64_of(h, &v) != TT_OK || v != ok[i].v)
				fail_msg("Counter64 %s: %" PRIu64 ", expected %" PRIu64, h, v, ok[i].v);
		}
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			v = 77;
			padded(h, pad_counts[k], (bad[i][0] >= '8') ? "ff" : "00", bad[i]);
			if (uint64_of(h, &v) != TT_ERR_INT_RANGE)
				fail_msg("Counter64 %s accepted as %" PRIu64, h, v);
			assert_true(v == 77);
		}
	}
	/* the unsigned bit pattern of 8 octets with the high bit set */
	assert_int_equal(uint64_of("ffffffffffffffff", &v), TT_OK);
	assert_true(v == UINT64_MAX);
	v = 77;
	assert_int_equal(uint64_of("", &v), TT_ERR_INT_RANGE);
	assert_true(v == 77);
}

/* --- OIDs ----------------------------------------------------------------------------------- */

static int check_oid_hex(const char *hex)
{
	size_t n;
	uint8_t *h = tl_hex_alloc(hex, &n);
	int rc = tt_ber_check_oid(h, n);
	free(h);
	return rc;
}

static void check_oid_rules(void **state)
{
	uint8_t o[200];
	(void)state;

	assert_int_equal(check_oid_hex(""), TT_ERR_OID);
	assert_int_equal(check_oid_hex("2b"), 2);
	assert_int_equal(check_oid_hex("2b060104"), 5);
	assert_int_equal(check_oid_hex("00"), 2);
	/* padded sub-identifiers (X.690 8.19.2) */
	assert_int_equal(check_oid_hex("2b8001"), TT_ERR_OID);
	assert_int_equal(check_oid_hex("8001"), TT_ERR_OID);
	assert_int_equal(check_oid_hex("2b0680808001"), TT_ERR_OID);
	/* a 0x80 inside a sub-identifier is fine */
	assert_int_equal(check_oid_hex("2b818000"), 3);
	/* 2^32-1 is the largest sub-identifier, 2^32 is too large */
	assert_int_equal(check_oid_hex("2b8fffffff7f"), 3);
	assert_int_equal(check_oid_hex("2b9080808000"), TT_ERR_OID);
	assert_int_equal(check_oid_hex("2bffffffff7f"), TT_ERR_OID);
	assert_int_equal(check_oid_hex("2b818080808000"), TT_ERR_OID);
	assert_int_equal(check_oid_hex("8fffffff7f"), 2); /* the first one too */
	assert_int_equal(check_oid_hex("9080808000"), TT_ERR_OID);
	/* last sub-identifier truncated */
	assert_int_equal(check_oid_hex("2b86"), TT_ERR_OID);
	assert_int_equal(check_oid_hex("2b0601ff"), TT_ERR_OID);
	assert_int_equal(check_oid_hex("86"), TT_ERR_OID);

	/* 128 arcs: "2b" (two arcs) + 126 more; 129 is too many */
	o[0] = 0x2b;
	memset(o + 1, 0x01, 127);
	{
		uint8_t *h = tl_dup(o, 127);
		assert_int_equal(tt_ber_check_oid(h, 127), 128);
		free(h);
		h = tl_dup(o, 128);
		assert_int_equal(tt_ber_check_oid(h, 128), TT_ERR_OID_TOO_LONG);
		free(h);
	}
	/* 128 arcs of 5 octets each is the longest valid encoding */
	{
		uint8_t big[TT_OID_MAX_LEN + 5];
		size_t i, n = 0;
		for (i = 0; i < 127; i++) {
			memcpy(big + n, "\x8f\xff\xff\xff\x7f", 5);
			n += 5;
		}
		assert_true(n <= TT_OID_MAX_LEN);
		assert_int_equal(tt_ber_check_oid(big, n), 128);
		memcpy(big + n, "\x01", 1);
		assert_int_equal(tt_ber_check_oid(big, n + 1), TT_ERR_OID_TOO_LONG);
	}
}

static void oid_arcs(const uint8_t *p, size_t n, uint32_t *arcs, int *count, int *last_rc)
{
	struct tt_oid_iter it;
	int rc;
	*count = 0;
	tt_oid_iter_init(&it, p, n);
	while ((rc = tt_oid_iter_next(&it, &arcs[*count])) == 1)
		(*count)++;
	*last_rc = rc;
}

static void oid_iterator(void **state)
{
	static const struct {
		const char *hex;
		int n;
		uint32_t arcs[6];
	} cases[] = {
		{"2b060104", 5, {1, 3, 6, 1, 4}},
		{"00", 2, {0, 0}},
		{"27", 2, {0, 39}},
		{"28", 2, {1, 0}},
		{"4f", 2, {1, 39}},
		{"50", 2, {2, 0}},
		{"8134", 2, {2, 100}},            /* 2.100: the first octet group spans two octets */
		{"813403", 3, {2, 100, 3}},
		{"8fffffff7f", 2, {2, 4294967215u}},
		{"2b8fffffff7f00", 4, {1, 3, 4294967295u, 0}},
		{"2b8148", 3, {1, 3, 200}},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint8_t b[16];
		uint32_t arcs[16];
		int n, rc, j;
		long len = tl_hex_decode(cases[i].hex, b, sizeof b);
		assert_int_equal(tt_ber_check_oid(b, (size_t)len), cases[i].n);
		oid_arcs(b, (size_t)len, arcs, &n, &rc);
		assert_int_equal(rc, 0);
		assert_int_equal(n, cases[i].n);
		for (j = 0; j < n; j++)
			assert_int_equal(arcs[j], cases[i].arcs[j]);
	}
	/* an encoding that tt_ber_check_oid refuses makes the iterator fail, not overrun */
	{
		uint8_t b[] = {0x2b, 0x06, 0x86};
		uint32_t arcs[8];
		int n, rc;
		uint8_t *h = tl_dup(b, sizeof b);
		oid_arcs(h, sizeof b, arcs, &n, &rc);
		assert_int_equal(n, 3);
		assert_true(rc < 0);
		free(h);
	}
	{
		uint8_t b[] = {0x2b, 0x90, 0x80, 0x80, 0x80, 0x00};
		uint32_t arcs[8];
		int n, rc;
		oid_arcs(b, sizeof b, arcs, &n, &rc);
		assert_int_equal(n, 2);
		assert_true(rc < 0);
	}
	/* empty: no arcs */
	{
		uint32_t arcs[2];
		int n, rc;
		oid_arcs((const uint8_t *)"", 0, arcs, &n, &rc);
		assert_int_equal(n, 0);
		assert_int_equal(rc, 0);
	}
}

static int from_text(const char *s, uint8_t *out, size_t cap)
{
	/* an exact-size copy without NUL: the parser must respect the length */
	size_t n = strlen(s);
	uint8_t *h = tl_dup((const uint8_t *)s, n);
	int rc = tt_oid_from_text((const char *)h, n, out, cap);
	free(h);
	return rc;
}

static void oid_from_text(void **state)
{
	static const char *round[] = {
		"1.3", "0.0", "0.39", "1.0", "1.39", "2.0", "2.40", "2.100", "2.100.3",
		"1.3.6.1.4.1.8072.2.3.1", "1.3.6.1.6.3.1.1.4.1.0", "1.3.4294967295",
		"2.4294967215", "1.3.6.1.4.1.4294967295.0.127.128.16383.16384.2097151.2097152",
	};
	uint8_t out[TT_OID_MAX_LEN + 8], ref[TT_OID_MAX_LEN + 8];
	char text[2048];
	size_t i;
	int n;
	(void)state;

	for (i = 0; i < sizeof round / sizeof round[0]; i++) {
		size_t rn = tl_oid(round[i], ref, sizeof ref);
		n = from_text(round[i], out, sizeof out);
		assert_int_equal(n, rn);
		assert_memory_equal(out, ref, rn);
		assert_true(tt_ber_check_oid(out, (size_t)n) > 0);
		assert_string_equal(tl_oid_str(out, (size_t)n, text, sizeof text), round[i]);
	}
	/* a leading dot */
	n = from_text(".1.3.6.1", out, sizeof out);
	assert_int_equal(n, 3);
	assert_memory_equal(out, "\x2b\x06\x01", 3);
	/* encodings checked octet by octet */
	assert_int_equal(from_text("2.100.3", out, sizeof out), 3);
	assert_memory_equal(out, "\x81\x34\x03", 3);
	assert_int_equal(from_text("1.3.4294967295", out, sizeof out), 6);
	assert_memory_equal(out, "\x2b\x8f\xff\xff\xff\x7f", 6);

	/* rejections */
	static const char *bad[] = {
		"", ".", "1", "3.1", "0.40", "1.40", "1..3", "1.3.", ".1.3.", "1.3a", "a.1",
		"-1.3", " 1.3", "1.3 ", "1.3.4294967296", "1.3.99999999999999999999",
		"2.4294967216", "1.3.-1", "1,3", "..1.3",
	};
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		n = from_text(bad[i], out, sizeof out);
		if (n >= 0)
			fail_msg("'%s' accepted", bad[i]);
		assert_int_equal(n, TT_ERR_OID);
	}
	/* the length bounds the text: "1.3.6" cut after "1.3" */
	assert_int_equal(tt_oid_from_text("1.3.6", 3, out, sizeof out), 1);
	/* 128 arcs fit, 129 do not */
	{
		size_t k = 0;
		int a;
		k += (size_t)sprintf(text + k, "1.3");
		for (a = 2; a < 128; a++)
			k += (size_t)sprintf(text + k, ".%d", a);
		n = from_text(text, out, sizeof out);
		assert_true(n > 0);
		assert_int_equal(tt_ber_check_oid(out, (size_t)n), 128);
		sprintf(text + k, ".7");
		assert_int_equal(from_text(text, out, sizeof out), TT_ERR_OID_TOO_LONG);
	}
	/* no room */
	assert_int_equal(from_text("1.3.6.1", out, 3), 3);
	assert_int_equal(from_text("1.3.6.1", out, 2), TT_ERR_NOSPACE);
	assert_int_equal(from_text("1.3.200", out, 2), TT_ERR_NOSPACE);
	assert_int_equal(from_text("1.3", out, 0), TT_ERR_NOSPACE);
}

static int prefix(const char *oid, const char *pre)
{
	uint8_t a[200], b[200];
	size_t an = tl_oid(oid, a, sizeof a), bn = tl_oid(pre, b, sizeof b);
	return tt_oid_has_prefix(a, an, b, bn);
}

static void oid_has_prefix(void **state)
{
	static const uint8_t o[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0x01};
	static const uint8_t cont[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x81};
	(void)state;

	assert_true(prefix("1.3.6.1.4.1.9.9.1", "1.3.6.1.4.1.9"));
	assert_true(prefix("1.3.6.1.4.1.9", "1.3.6.1.4.1.9"));
	assert_true(prefix("1.3.6.1", "1.3"));
	assert_false(prefix("1.3.6.1.4.1.99", "1.3.6.1.4.1.9"));
	assert_false(prefix("1.3.6.1.4.1.9", "1.3.6.1.4.1.9.1"));
	assert_false(prefix("1.3.6.1.4.1.129", "1.3.6.1.4.1.1"));
	assert_false(prefix("1.3.6.2", "1.3.6.1"));
	assert_false(prefix("1.3.6.1.4.1.1", "1.3.6.1.4.1.129"));
	/* a prefix ending inside a sub-identifier never matches */
	assert_false(tt_oid_has_prefix(o, sizeof o, cont, sizeof cont));
	assert_true(tt_oid_has_prefix(o, sizeof o, o, sizeof o));
	/* the empty prefix matches everything */
	assert_true(tt_oid_has_prefix(o, sizeof o, o, 0));
}

/* --- writer --------------------------------------------------------------------------------- */

static void w_int32(void **state)
{
	static const struct {
		int32_t v;
		const char *hex;
	} cases[] = {
		{0, "020100"}, {1, "020101"}, {127, "02017f"}, {128, "02020080"}, {255, "020200ff"},
		{256, "02020100"}, {-1, "0201ff"}, {-128, "020180"}, {-129, "0202ff7f"},
		{-32768, "02028000"}, {-32769, "0203ff7fff"}, {32767, "02027fff"}, {32768, "0203008000"},
		{INT32_MAX, "02047fffffff"}, {INT32_MIN, "020480000000"}, {8388608, "020400800000"},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint8_t buf[16], want[16];
		struct tt_ber_w w;
		struct tt_ber c;
		struct tt_tlv t;
		int32_t back;
		long wn = tl_hex_decode(cases[i].hex, want, sizeof want);
		tt_ber_w_init(&w, buf, sizeof buf);
		assert_int_equal(tt_ber_w_int32(&w, TT_TAG_INTEGER, cases[i].v), wn);
		assert_int_equal(tt_ber_w_len(&w), wn);
		assert_memory_equal(w.p, want, (size_t)wn);
		assert_ptr_equal(w.p + wn, buf + sizeof buf);
		tt_ber_init(&c, w.p, tt_ber_w_len(&w));
		assert_int_equal(tt_ber_read(&c, &t), TT_OK);
		assert_int_equal(tt_ber_get_int32(&t, &back), TT_OK);
		assert_int_equal(back, cases[i].v);
	}
}

static void w_uint32(void **state)
{
	static const struct {
		uint32_t v;
		const char *hex;
	} cases[] = {
		{0, "430100"}, {127, "43017f"}, {128, "43020080"}, {12345, "43023039"},
		{0x7fffffffu, "43047fffffff"}, {0x80000000u, "43050080000000"},
		{0xffffffffu, "430500ffffffff"}, {0x00800000u, "430400800000"},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint8_t buf[16], want[16];
		struct tt_ber_w w;
		struct tt_tlv t;
		struct tt_ber c;
		uint32_t back;
		long wn = tl_hex_decode(cases[i].hex, want, sizeof want);
		tt_ber_w_init(&w, buf, sizeof buf);
		assert_int_equal(tt_ber_w_uint32(&w, TT_TAG_TIMETICKS, cases[i].v), wn);
		assert_memory_equal(w.p, want, (size_t)wn);
		tt_ber_init(&c, w.p, tt_ber_w_len(&w));
		assert_int_equal(tt_ber_read(&c, &t), TT_OK);
		assert_int_equal(tt_ber_get_uint32(&t, &back), TT_OK);
		assert_int_equal(back, cases[i].v);
	}
}

static void w_headers(void **state)
{
	static const struct {
		size_t len;
		const char *hex;
	} cases[] = {
		{0, "3000"}, {127, "307f"}, {128, "308180"}, {255, "3081ff"}, {256, "30820100"},
		{65535, "3082ffff"}, {65536, "3083010000"}, {0x123456, "3083123456"},
		{0x1000000, "308401000000"},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint8_t buf[8], want[8];
		struct tt_ber_w w;
		long wn = tl_hex_decode(cases[i].hex, want, sizeof want);
		tt_ber_w_init(&w, buf, sizeof buf);
		assert_int_equal(tt_ber_w_header(&w, 0x30, cases[i].len), wn);
		assert_memory_equal(w.p, want, (size_t)wn);
		/* exactly enough room, and one octet less */
		tt_ber_w_init(&w, buf, (size_t)wn);
		assert_int_equal(tt_ber_w_header(&w, 0x30, cases[i].len), wn);
		assert_ptr_equal(w.p, buf);
		tt_ber_w_init(&w, buf, (size_t)wn - 1);
		assert_int_equal(tt_ber_w_header(&w, 0x30, cases[i].len), TT_ERR_NOSPACE);
		assert_int_equal(tt_ber_w_len(&w), 0);
	}
	/* a length that needs more than 4 octets (64-bit hosts) cannot be written */
	if (sizeof(size_t) > 4) {
		uint8_t buf[16];
		struct tt_ber_w w;
		tt_ber_w_init(&w, buf, sizeof buf);
		assert_int_equal(tt_ber_w_header(&w, 0x30, (size_t)0xffffffffu), 6);
		tt_ber_w_init(&w, buf, sizeof buf);
		assert_int_equal(tt_ber_w_header(&w, 0x30, (size_t)0xffffffffu + 1), TT_ERR_NOSPACE);
		assert_int_equal(tt_ber_w_len(&w), 0);
	}
}

static void w_nospace_and_nesting(void **state)
{
	uint8_t buf[12];
	struct tt_ber_w w;
	struct tt_ber c, in;
	struct tt_tlv t;
	(void)state;

	/* a TLV that does not fit leaves the writer unchanged */
	tt_ber_w_init(&w, buf, 5);
	assert_int_equal(tt_ber_w_tlv(&w, 0x04, (const uint8_t *)"abcd", 4), TT_ERR_NOSPACE);
	assert_int_equal(tt_ber_w_len(&w), 0);
	assert_int_equal(tt_ber_w_tlv(&w, 0x04, (const uint8_t *)"abc", 3), 5);
	assert_int_equal(tt_ber_w_raw(&w, (const uint8_t *)"x", 1), TT_ERR_NOSPACE);
	assert_int_equal(tt_ber_w_int32(&w, TT_TAG_INTEGER, 0), TT_ERR_NOSPACE);
	assert_int_equal(tt_ber_w_uint32(&w, TT_TAG_GAUGE32, 0), TT_ERR_NOSPACE);
	assert_int_equal(tt_ber_w_len(&w), 5);
	assert_memory_equal(w.p, "\x04\x03" "abc", 5);
	/* header fits but the contents do not: room for 2 of 4 octets */
	tt_ber_w_init(&w, buf, 2);
	assert_int_equal(tt_ber_w_int32(&w, TT_TAG_INTEGER, 128), TT_ERR_NOSPACE);
	assert_int_equal(tt_ber_w_len(&w), 0);

	/* SEQUENCE { INTEGER 5, OCTET STRING "hi" } written back to front */
	tt_ber_w_init(&w, buf, sizeof buf);
	assert_int_equal(tt_ber_w_tlv(&w, 0x04, (const uint8_t *)"hi", 2), 4);
	assert_int_equal(tt_ber_w_int32(&w, TT_TAG_INTEGER, 5), 3);
	assert_int_equal(tt_ber_w_header(&w, 0x30, tt_ber_w_len(&w)), 2);
	assert_int_equal(tt_ber_w_len(&w), 9);
	assert_memory_equal(w.p, "\x30\x07\x02\x01\x05\x04\x02hi", 9);
	tt_ber_init(&c, w.p, tt_ber_w_len(&w));
	assert_int_equal(tt_ber_enter(&c, 0x30, &in), TT_OK);
	assert_true(tt_ber_at_end(&c));
	assert_int_equal(tt_ber_expect(&in, 0x02, &t), TT_OK);
	assert_int_equal(tt_ber_expect(&in, 0x04, &t), TT_OK);
	assert_true(tt_ber_at_end(&in));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_short_form),
		cmocka_unit_test(read_long_forms),
		cmocka_unit_test(read_rejects_bad_lengths),
		cmocka_unit_test(read_truncated_everywhere),
		cmocka_unit_test(read_rejects_high_tag_form),
		cmocka_unit_test(expect_and_enter),
		cmocka_unit_test(get_int32_boundaries),
		cmocka_unit_test(get_uint32_boundaries),
		cmocka_unit_test(get_uint64_boundaries),
		cmocka_unit_test(check_oid_rules),
		cmocka_unit_test(oid_iterator),
		cmocka_unit_test(oid_from_text),
		cmocka_unit_test(oid_has_prefix),
		cmocka_unit_test(w_int32),
		cmocka_unit_test(w_uint32),
		cmocka_unit_test(w_headers),
		cmocka_unit_test(w_nospace_and_nesting),
	};
	return cmocka_run_group_tests_name("ber", tests, NULL, NULL);
}
