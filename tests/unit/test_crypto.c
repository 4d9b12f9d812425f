/*
 * test_crypto.c - unit tests of tt_crypto.h (crypto_mbedtls.c) and tt_usm_keys.h (usm_keys.c).
 *
 * Known answers from the standards (RFC 1321 / FIPS 180 digests, RFC 2202 and RFC 4231 HMACs,
 * RFC 3414 A.3 keys, SP 800-38A AES-CFB, FIPS 81 DES-CBC), every line of
 * tests/vectors/usm-keys.txt, and the real Net-SNMP packets of tests/vectors/packets-netsnmp.txt:
 * each authenticated one has its MAC recomputed from the password on its command line, each
 * encrypted one is decrypted and compared with the recorded ScopedPDU, and the WRONGPASS one
 * must fail against the receiver's configured password.
 *
 * Run from the repository root (the vector files are read from tests/vectors/, or from the
 * directory in the environment variable TT_VECTORS_DIR). Prints TAP.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tinytrap/tt_conf.h"
#include "tt_crypto.h"
#include "tt_usm_keys.h"

/* ---- helpers ----------------------------------------------------------------------------- */

/* Decodes the run of hex digits at s (stopping at the first other character) into out with the
 * core's tt_hex_decode. Returns the octet count; fails the test on an odd count or overflow. */
static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
	size_t digits = strspn(s, "0123456789abcdefABCDEF");
	long n = tt_hex_decode(s, digits, out, cap);

	if (n < 0 && digits % 2)
		fail_msg("odd number of hex digits in \"%.40s\"", s);
	if (n < 0)
		fail_msg("hex value longer than %zu octets: \"%.40s\"", cap, s);
	return (size_t)n;
}

static void print_hex(const char *label, const uint8_t *p, size_t n)
{
	size_t i;

	print_error("%s", label);
	for (i = 0; i < n; i++)
		print_error("%02x", p[i]);
	print_error("\n");
}

/* Fails unless the n octets at got equal the hex string want (exactly n octets). */
static void expect_hex(const char *what, const uint8_t *got, size_t n, const char *want)
{
	uint8_t w[512];
	size_t wn = unhex(want, w, sizeof w);

	if (wn != n || memcmp(w, got, n) != 0) {
		print_error("%s: mismatch\n", what);
		print_hex("  want ", w, wn);
		print_hex("  got  ", got, n);
		fail_msg("%s differs", what);
	}
}

static void fill(uint8_t *p, uint8_t v, size_t n)
{
	memset(p, v, n);
}

static int all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return 0;
	return 1;
}

/* Reads tests/vectors/<name> (or $TT_VECTORS_DIR/<name>) into buf, NUL-terminated. */
static void read_vectors(const char *name, char *buf, size_t cap)
{
	const char *dir = getenv("TT_VECTORS_DIR");
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/vectors", name);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s (run from the repository root or set TT_VECTORS_DIR)", path);
	n = fread(buf, 1, cap - 1, f);
	if (!feof(f))
		fail_msg("%s is larger than %zu octets", path, cap - 1);
	fclose(f);
	buf[n] = '\0';
}

/* A block of a vectors file: from its "[name]" line to the next one. */
struct block {
	char name[96];
	const char *start; /* first character after the "[name]" line */
	const char *end;   /* the next "[" at a line start, or the end of the text */
};

/* Finds the block after position *pos; returns 0 when there is none. */
static int next_block(const char **pos, struct block *b)
{
	const char *p = *pos;
	const char *close;
	size_t n;

	for (;;) {
		if (*p == '\0')
			return 0;
		if (*p == '[')
			break;
		p = strchr(p, '\n');
		if (p == NULL)
			return 0;
		p++;
	}
	close = strchr(p, ']');
	if (close == NULL)
		return 0;
	n = (size_t)(close - p - 1);
	if (n >= sizeof b->name)
		n = sizeof b->name - 1;
	memcpy(b->name, p + 1, n);
	b->name[n] = '\0';
	b->start = strchr(p, '\n');
	b->start = b->start ? b->start + 1 : p + strlen(p);
	b->end = b->start;
	while (*b->end != '\0' && !(*b->end == '[' && b->end[-1] == '\n'))
		b->end++;
	*pos = b->end;
	return 1;
}

/* Returns the value of the line "key: value" in block b (the text after ": "), or NULL. */
static const char *block_value(const struct block *b, const char *key)
{
	size_t kn = strlen(key);
	const char *p = b->start;

	while (p < b->end) {
		if (strncmp(p, key, kn) == 0 && p[kn] == ':' && p[kn + 1] == ' ')
			return p + kn + 2;
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		p++;
	}
	return NULL;
}

static const char *need_value(const struct block *b, const char *key)
{
	const char *v = block_value(b, key);

	if (v == NULL)
		fail_msg("[%s]: no \"%s:\" line", b->name, key);
	return v;
}

/* ---- lengths and hashes ----------------------------------------------------------------- */

static void test_lengths(void **state)
{
	(void)state;
	assert_int_equal(tt_auth_hash_len(TT_AUTH_NONE), 0);
	assert_int_equal(tt_auth_hash_len(TT_AUTH_MD5), 16);
	assert_int_equal(tt_auth_hash_len(TT_AUTH_SHA1), 20);
	assert_int_equal(tt_auth_hash_len(TT_AUTH_SHA224), 28);
	assert_int_equal(tt_auth_hash_len(TT_AUTH_SHA256), 32);
	assert_int_equal(tt_auth_hash_len(TT_AUTH_SHA384), 48);
	assert_int_equal(tt_auth_hash_len(TT_AUTH_SHA512), 64);
	assert_int_equal(tt_auth_hash_len((enum tt_auth_proto)99), 0);

	assert_int_equal(tt_auth_block_len(TT_AUTH_NONE), 0);
	assert_int_equal(tt_auth_block_len(TT_AUTH_MD5), 64);
	assert_int_equal(tt_auth_block_len(TT_AUTH_SHA1), 64);
	assert_int_equal(tt_auth_block_len(TT_AUTH_SHA224), 64);
	assert_int_equal(tt_auth_block_len(TT_AUTH_SHA256), 64);
	assert_int_equal(tt_auth_block_len(TT_AUTH_SHA384), 128);
	assert_int_equal(tt_auth_block_len(TT_AUTH_SHA512), 128);

	assert_int_equal(tt_auth_mac_len(TT_AUTH_NONE), 0);
	assert_int_equal(tt_auth_mac_len(TT_AUTH_MD5), 12);
	assert_int_equal(tt_auth_mac_len(TT_AUTH_SHA1), 12);
	assert_int_equal(tt_auth_mac_len(TT_AUTH_SHA224), 16);
	assert_int_equal(tt_auth_mac_len(TT_AUTH_SHA256), 24);
	assert_int_equal(tt_auth_mac_len(TT_AUTH_SHA384), 32);
	assert_int_equal(tt_auth_mac_len(TT_AUTH_SHA512), 48);

	assert_int_equal(tt_priv_key_len(TT_PRIV_NONE), 0);
	assert_int_equal(tt_priv_key_len(TT_PRIV_DES), 16);
	assert_int_equal(tt_priv_key_len(TT_PRIV_3DES), 32);
	assert_int_equal(tt_priv_key_len(TT_PRIV_AES128), 16);
	assert_int_equal(tt_priv_key_len(TT_PRIV_AES192), 24);
	assert_int_equal(tt_priv_key_len(TT_PRIV_AES256), 32);
	assert_int_equal(tt_priv_key_len(TT_PRIV_AES192_C), 24);
	assert_int_equal(tt_priv_key_len(TT_PRIV_AES256_C), 32);
	assert_int_equal(tt_priv_key_len((enum tt_priv_proto)99), 0);
}

static const enum tt_auth_proto all_auth[] = {
	TT_AUTH_MD5, TT_AUTH_SHA1, TT_AUTH_SHA224, TT_AUTH_SHA256, TT_AUTH_SHA384, TT_AUTH_SHA512
};

/* Digests of "abc": RFC 1321 A.5, FIPS 180-4 examples (SHA-1, SHA-224/256, SHA-384/512). */
static const char *const abc_digest[] = {
	"900150983cd24fb0d6963f7d28e17f72",
	"a9993e364706816aba3e25717850c26c9cd0d89d",
	"23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
	"8086072ba1e7cc2358baeca134c825a7",
	"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	"2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
};

static void test_hash(void **state)
{
	uint8_t out[TT_HASH_MAX_LEN + 1];
	uint8_t long_msg[300];
	uint8_t a[TT_HASH_MAX_LEN], b[TT_HASH_MAX_LEN];
	struct tt_hash_ctx c, c2;
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof long_msg; i++)
		long_msg[i] = (uint8_t)(i * 7 + 3);
	for (i = 0; i < sizeof all_auth / sizeof all_auth[0]; i++) {
		enum tt_auth_proto p = all_auth[i];
		size_t n = tt_auth_hash_len(p);

		/* One shot, and the digest length: not one octet more is written. */
		memset(out, 0xee, sizeof out);
		assert_int_equal(tt_hash_start(&c, p), TT_OK);
		assert_int_equal(tt_hash_update(&c, (const uint8_t *)"abc", 3), TT_OK);
		assert_int_equal(tt_hash_finish(&c, out), (int)n);
		expect_hex("digest of abc", out, n, abc_digest[i]);
		assert_int_equal(out[n], 0xee);
		/* finish wipes the context and leaves it idle. */
		assert_true(all_zero(&c, sizeof c));
		assert_int_equal(tt_hash_update(&c, out, 1), TT_ERR_INVALID);
		assert_int_equal(tt_hash_finish(&c, out), TT_ERR_INVALID);

		/* Any split of the input gives the same digest; a clone continues independently. */
		assert_int_equal(tt_hash_start(&c, p), TT_OK);
		assert_int_equal(tt_hash_update(&c, long_msg, sizeof long_msg), TT_OK);
		assert_int_equal(tt_hash_finish(&c, a), (int)n);
		for (j = 0; j <= sizeof long_msg; j += 37) {
			assert_int_equal(tt_hash_start(&c, p), TT_OK);
			assert_int_equal(tt_hash_update(&c, long_msg, j), TT_OK);
			assert_int_equal(tt_hash_clone(&c2, &c), TT_OK);
			assert_int_equal(tt_hash_update(&c, long_msg + j, sizeof long_msg - j), TT_OK);
			assert_int_equal(tt_hash_finish(&c, b), (int)n);
			assert_memory_equal(a, b, n);
			assert_int_equal(tt_hash_update(&c2, long_msg + j, sizeof long_msg - j), TT_OK);
			assert_int_equal(tt_hash_finish(&c2, b), (int)n);
			assert_memory_equal(a, b, n);
		}
	}
	assert_int_equal(tt_hash_start(&c, TT_AUTH_NONE), TT_ERR_INVALID);
	assert_int_equal(tt_hash_start(&c, (enum tt_auth_proto)42), TT_ERR_INVALID);
	memset(&c, 0, sizeof c);
	assert_int_equal(tt_hash_clone(&c2, &c), TT_ERR_INVALID);
}

/* ---- HMAC --------------------------------------------------------------------------------- */

struct hmac_case {
	enum tt_auth_proto p;
	uint8_t key_byte;     /* the key is key_len octets of key_byte ... */
	size_t key_len;
	const char *key_hex;  /* ... unless this is set */
	uint8_t data_byte;    /* the data is data_len octets of data_byte ... */
	size_t data_len;
	const char *data;     /* ... unless this text is set */
	size_t out_len;       /* octets compared (RFC 4231 case 5 truncates to 128 bits) */
	const char *mac;
};

#define RFC_TRUNC "Test With Truncation"
#define RFC_BIGKEY "Test Using Larger Than Block-Size Key - Hash Key First"
#define RFC2202_BIGBOTH "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"
#define RFC4231_BIGBOTH "This is a test using a larger than block-size key and a larger than " \
	"block-size data. The key needs to be hashed before being used by the HMAC algorithm."
#define KEY_0119 "0102030405060708090a0b0c0d0e0f10111213141516171819"
#define JEFE "what do ya want for nothing?"

static const struct hmac_case hmac_cases[] = {
	/* RFC 2202 §2: HMAC-MD5, test cases 1-7 (6 and 7: an 80-octet key, hashed first). */
	{TT_AUTH_MD5, 0x0b, 16, NULL, 0, 0, "Hi There", 16, "9294727a3638bb1c13f48ef8158bfc9d"},
	{TT_AUTH_MD5, 0, 0, "4a656665", 0, 0, JEFE, 16, "750c783e6ab0b503eaa86e310a5db738"},
	{TT_AUTH_MD5, 0xaa, 16, NULL, 0xdd, 50, NULL, 16, "56be34521d144c88dbb8c733f0e8b3f6"},
	{TT_AUTH_MD5, 0, 0, KEY_0119, 0xcd, 50, NULL, 16, "697eaf0aca3a3aea3a75164746ffaa79"},
	{TT_AUTH_MD5, 0x0c, 16, NULL, 0, 0, RFC_TRUNC, 16, "56461ef2342edc00f9bab995690efd4c"},
	{TT_AUTH_MD5, 0xaa, 80, NULL, 0, 0, RFC_BIGKEY, 16, "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"},
	{TT_AUTH_MD5, 0xaa, 80, NULL, 0, 0, RFC2202_BIGBOTH, 16, "6f630fad67cda0ee1fb1f562db3aa53e"},
	/* RFC 2202 §3: HMAC-SHA-1, test cases 1-7. */
	{TT_AUTH_SHA1, 0x0b, 20, NULL, 0, 0, "Hi There", 20,
	 "b617318655057264e28bc0b6fb378c8ef146be00"},
	{TT_AUTH_SHA1, 0, 0, "4a656665", 0, 0, JEFE, 20, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
	{TT_AUTH_SHA1, 0xaa, 20, NULL, 0xdd, 50, NULL, 20,
	 "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
	{TT_AUTH_SHA1, 0, 0, KEY_0119, 0xcd, 50, NULL, 20, "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
	{TT_AUTH_SHA1, 0x0c, 20, NULL, 0, 0, RFC_TRUNC, 20, "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"},
	{TT_AUTH_SHA1, 0xaa, 80, NULL, 0, 0, RFC_BIGKEY, 20, "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
	{TT_AUTH_SHA1, 0xaa, 80, NULL, 0, 0, RFC2202_BIGBOTH, 20,
	 "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
	/* RFC 4231 §4.2-§4.8: test cases 1-7 for SHA-224, -256, -384, -512 (6 and 7: a 131-octet
	 * key, longer than every block, hashed first; case 5 is truncated to 128 bits). */
	{TT_AUTH_SHA224, 0x0b, 20, NULL, 0, 0, "Hi There", 28,
	 "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22"},
	{TT_AUTH_SHA256, 0x0b, 20, NULL, 0, 0, "Hi There", 32,
	 "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
	{TT_AUTH_SHA384, 0x0b, 20, NULL, 0, 0, "Hi There", 48,
	 "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
	 "faea9ea9076ede7f4af152e8b2fa9cb6"},
	{TT_AUTH_SHA512, 0x0b, 20, NULL, 0, 0, "Hi There", 64,
	 "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
	 "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"},
	{TT_AUTH_SHA224, 0, 0, "4a656665", 0, 0, JEFE, 28,
	 "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44"},
	{TT_AUTH_SHA256, 0, 0, "4a656665", 0, 0, JEFE, 32,
	 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
	{TT_AUTH_SHA384, 0, 0, "4a656665", 0, 0, JEFE, 48,
	 "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
	 "8e2240ca5e69e2c78b3239ecfab21649"},
	{TT_AUTH_SHA512, 0, 0, "4a656665", 0, 0, JEFE, 64,
	 "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
	 "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
	{TT_AUTH_SHA224, 0xaa, 20, NULL, 0xdd, 50, NULL, 28,
	 "7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea"},
	{TT_AUTH_SHA256, 0xaa, 20, NULL, 0xdd, 50, NULL, 32,
	 "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
	{TT_AUTH_SHA384, 0xaa, 20, NULL, 0xdd, 50, NULL, 48,
	 "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
	 "2a5ab39dc13814b94e3ab6e101a34f27"},
	{TT_AUTH_SHA512, 0xaa, 20, NULL, 0xdd, 50, NULL, 64,
	 "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
	 "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"},
	{TT_AUTH_SHA224, 0, 0, KEY_0119, 0xcd, 50, NULL, 28,
	 "6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a"},
	{TT_AUTH_SHA256, 0, 0, KEY_0119, 0xcd, 50, NULL, 32,
	 "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
	{TT_AUTH_SHA384, 0, 0, KEY_0119, 0xcd, 50, NULL, 48,
	 "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e"
	 "6801dd23c4a7d679ccf8a386c674cffb"},
	{TT_AUTH_SHA512, 0, 0, KEY_0119, 0xcd, 50, NULL, 64,
	 "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
	 "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"},
	{TT_AUTH_SHA224, 0x0c, 20, NULL, 0, 0, RFC_TRUNC, 16, "0e2aea68a90c8d37c988bcdb9fca6fa8"},
	{TT_AUTH_SHA256, 0x0c, 20, NULL, 0, 0, RFC_TRUNC, 16, "a3b6167473100ee06e0c796c2955552b"},
	{TT_AUTH_SHA384, 0x0c, 20, NULL, 0, 0, RFC_TRUNC, 16, "3abf34c3503b2a23a46efc619baef897"},
	{TT_AUTH_SHA512, 0x0c, 20, NULL, 0, 0, RFC_TRUNC, 16, "415fad6271580a531d4179bc891d87a6"},
	{TT_AUTH_SHA224, 0xaa, 131, NULL, 0, 0, RFC_BIGKEY, 28,
	 "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e"},
	{TT_AUTH_SHA256, 0xaa, 131, NULL, 0, 0, RFC_BIGKEY, 32,
	 "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
	{TT_AUTH_SHA384, 0xaa, 131, NULL, 0, 0, RFC_BIGKEY, 48,
	 "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
	 "0c2ef6ab4030fe8296248df163f44952"},
	{TT_AUTH_SHA512, 0xaa, 131, NULL, 0, 0, RFC_BIGKEY, 64,
	 "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
	 "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"},
	{TT_AUTH_SHA224, 0xaa, 131, NULL, 0, 0, RFC4231_BIGBOTH, 28,
	 "3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1"},
	{TT_AUTH_SHA256, 0xaa, 131, NULL, 0, 0, RFC4231_BIGBOTH, 32,
	 "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
	{TT_AUTH_SHA384, 0xaa, 131, NULL, 0, 0, RFC4231_BIGBOTH, 48,
	 "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
	 "a678cc31e799176d3860e6110c46523e"},
	{TT_AUTH_SHA512, 0xaa, 131, NULL, 0, 0, RFC4231_BIGBOTH, 64,
	 "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
	 "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"},
};

static size_t case_key(const struct hmac_case *hc, uint8_t *key)
{
	if (hc->key_hex != NULL)
		return unhex(hc->key_hex, key, 256);
	fill(key, hc->key_byte, hc->key_len);
	return hc->key_len;
}

static size_t case_data(const struct hmac_case *hc, uint8_t *data)
{
	if (hc->data != NULL) {
		memcpy(data, hc->data, strlen(hc->data));
		return strlen(hc->data);
	}
	fill(data, hc->data_byte, hc->data_len);
	return hc->data_len;
}

static void test_hmac_vectors(void **state)
{
	uint8_t key[256], data[256], out[TT_HASH_MAX_LEN];
	struct tt_hmac_ctx h, h2;
	size_t i, kn, dn, split;

	(void)state;
	for (i = 0; i < sizeof hmac_cases / sizeof hmac_cases[0]; i++) {
		const struct hmac_case *hc = &hmac_cases[i];
		size_t n = tt_auth_hash_len(hc->p);
		char what[64];

		snprintf(what, sizeof what, "HMAC case %zu", i);
		kn = case_key(hc, key);
		dn = case_data(hc, data);
		memset(out, 0, sizeof out);
		assert_int_equal(tt_hmac(hc->p, key, kn, data, dn, out), (int)n);
		expect_hex(what, out, hc->out_len, hc->mac);

		/* The streaming form over every split, through a clone of the keyed state. */
		for (split = 0; split <= dn; split += 13) {
			assert_int_equal(tt_hmac_start(&h2, hc->p, key, kn), TT_OK);
			assert_int_equal(tt_hmac_clone(&h, &h2), TT_OK);
			assert_int_equal(tt_hmac_update(&h, data, split), TT_OK);
			assert_int_equal(tt_hmac_update(&h, data + split, dn - split), TT_OK);
			memset(out, 0, sizeof out);
			assert_int_equal(tt_hmac_finish(&h, out), (int)n);
			expect_hex(what, out, hc->out_len, hc->mac);
			assert_true(all_zero(&h, sizeof h)); /* finish wipes */
			/* The kept keyed state is still good for a second message. */
			assert_int_equal(tt_hmac_update(&h2, data, dn), TT_OK);
			assert_int_equal(tt_hmac_finish(&h2, out), (int)n);
			expect_hex(what, out, hc->out_len, hc->mac);
		}
	}
}

/* HMAC-MD5-96 and HMAC-SHA-96 (RFC 2202 case 5 prints them): the first 12 octets. */
static void test_hmac_96(void **state)
{
	uint8_t key[20], out[TT_HASH_MAX_LEN];
	const char *msg = RFC_TRUNC;

	(void)state;
	fill(key, 0x0c, 16);
	assert_int_equal(tt_hmac(TT_AUTH_MD5, key, 16, (const uint8_t *)msg, strlen(msg), out), 16);
	expect_hex("HMAC-MD5-96", out, tt_auth_mac_len(TT_AUTH_MD5), "56461ef2342edc00f9bab995");
	fill(key, 0x0c, 20);
	assert_int_equal(tt_hmac(TT_AUTH_SHA1, key, 20, (const uint8_t *)msg, strlen(msg), out), 20);
	expect_hex("HMAC-SHA-96", out, tt_auth_mac_len(TT_AUTH_SHA1), "4c1a03424b55e07fe7f27be1");
}

static void test_hmac_zeroed(void **state)
{
	uint8_t msg[200], copy[200], key[20], a[TT_HASH_MAX_LEN], b[TT_HASH_MAX_LEN];
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(0xa5 ^ i);
	fill(key, 0x42, sizeof key);
	for (i = 0; i < sizeof all_auth / sizeof all_auth[0]; i++) {
		enum tt_auth_proto p = all_auth[i];
		size_t m = tt_auth_mac_len(p);
		size_t offs[] = {0, 57, sizeof msg - 48};

		for (j = 0; j < 3; j++) {
			memcpy(copy, msg, sizeof msg);
			memset(copy + offs[j], 0, m);
			assert_int_equal(tt_hmac(p, key, sizeof key, copy, sizeof copy, a),
			                 (int)tt_auth_hash_len(p));
			assert_int_equal(tt_hmac_zeroed(p, key, sizeof key, msg, sizeof msg, offs[j], m, b),
			                 (int)tt_auth_hash_len(p));
			assert_memory_equal(a, b, tt_auth_hash_len(p));
		}
		/* The span right at the end. */
		assert_int_equal(tt_hmac_zeroed(p, key, sizeof key, msg, sizeof msg, sizeof msg - m, m, b),
		                 (int)tt_auth_hash_len(p));
	}
	/* Spans outside the message, or longer than any MAC, are refused. */
	assert_int_equal(tt_hmac_zeroed(TT_AUTH_SHA1, key, 20, msg, 10, 0, 12, a), TT_ERR_INVALID);
	assert_int_equal(tt_hmac_zeroed(TT_AUTH_SHA1, key, 20, msg, 10, 11, 0, a), TT_ERR_INVALID);
	assert_int_equal(tt_hmac_zeroed(TT_AUTH_SHA1, key, 20, msg, 100, 5, SIZE_MAX, a),
	                 TT_ERR_INVALID);
	assert_int_equal(tt_hmac_zeroed(TT_AUTH_SHA1, key, 20, msg, 200, 0, 65, a), TT_ERR_INVALID);
	assert_int_equal(tt_hmac_zeroed(TT_AUTH_NONE, key, 20, msg, 200, 0, 12, a), TT_ERR_INVALID);
	assert_int_equal(tt_hmac(TT_AUTH_NONE, key, 20, msg, 200, a), TT_ERR_INVALID);
	/* An empty key and an empty message are legal HMAC inputs. */
	assert_int_equal(tt_hmac(TT_AUTH_SHA256, NULL, 0, NULL, 0, a), 32);
	expect_hex("HMAC-SHA-256 of nothing", a, 32,
	           "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

static void test_ct_equal(void **state)
{
	uint8_t a[48], b[48];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof a; i++)
		a[i] = b[i] = (uint8_t)i;
	assert_int_equal(tt_ct_equal(a, b, sizeof a), 1);
	assert_int_equal(tt_ct_equal(a, b, 0), 1);
	for (i = 0; i < sizeof a; i++) {
		b[i] ^= 0x80;
		assert_int_equal(tt_ct_equal(a, b, sizeof a), 0);
		b[i] ^= 0x81;
		assert_int_equal(tt_ct_equal(a, b, sizeof a), 0);
		b[i] ^= 0x01;
	}
}

static void test_zeroize(void **state)
{
	uint8_t buf[33];

	(void)state;
	memset(buf, 0x5a, sizeof buf);
	tt_zeroize(buf, 32);
	assert_true(all_zero(buf, 32));
	assert_int_equal(buf[32], 0x5a);
	tt_zeroize(NULL, 0);
}

/* ---- ciphers: known answers ------------------------------------------------------------- */

/* NIST SP 800-38A F.3.13-F.3.18: CFB128-AES128/192/256, four blocks. */
#define SP800_38A_IV "000102030405060708090a0b0c0d0e0f"
#define SP800_38A_PT "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" \
	"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"

/* One message through a cipher as the core does it: start (the key schedule), run, wipe. */
static int cipher_once(enum tt_cipher cipher, const uint8_t *key, size_t keylen,
                       const uint8_t *iv, uint8_t *buf, int encrypt, size_t len)
{
	struct tt_cipher_ctx c;
	int rc = tt_cipher_start(&c, cipher, key, keylen, encrypt);
	if (rc == TT_OK) {
		rc = tt_cipher_run(&c, iv, buf, len);
		tt_cipher_wipe(&c);
	}
	return rc;
}

static void test_aes_cfb(void **state)
{
	static const struct { const char *key, *ct; } v[] = {
		{"2b7e151628aed2a6abf7158809cf4f3c",
		 "3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b"
		 "26751f67a3cbb140b1808cf187a4f4dfc04b05357c5d1c0eeac4c66f9ff7f2e6"},
		{"8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
		 "cdc80d6fddf18cab34c25909c99a417467ce7f7f81173621961a2b70171d3d7a"
		 "2e1e8a1dd59b88b1c8e60fed1efac4c9c05f9f9ca9834fa042ae8fba584b09ff"},
		{"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
		 "dc7e84bfda79164b7ecd8486985d386039ffed143b28b1c832113c6331e5407b"
		 "df10132415e54b92a13ed0a8267ae2f975a385741ab9cef82031623d55b1e471"},
	};
	uint8_t key[32], iv[16], iv_copy[16], pt[64], ct[64], buf[64];
	size_t i, kn, len;

	(void)state;
	unhex(SP800_38A_IV, iv, sizeof iv);
	memcpy(iv_copy, iv, sizeof iv);
	unhex(SP800_38A_PT, pt, sizeof pt);
	for (i = 0; i < 3; i++) {
		kn = unhex(v[i].key, key, sizeof key);
		memcpy(buf, pt, sizeof pt);
		assert_int_equal(cipher_once(TT_CIPHER_AES_CFB, key, kn, iv, buf, 1, sizeof buf), TT_OK);
		expect_hex("AES-CFB128 encrypt", buf, sizeof buf, v[i].ct);
		assert_int_equal(cipher_once(TT_CIPHER_AES_CFB, key, kn, iv, buf, 0, sizeof buf), TT_OK);
		assert_memory_equal(buf, pt, sizeof pt);
		/* CFB needs no padding: every length is a prefix of the full answer. */
		unhex(v[i].ct, ct, sizeof ct);
		for (len = 1; len <= sizeof pt; len += 7) {
			memcpy(buf, pt, len);
			assert_int_equal(cipher_once(TT_CIPHER_AES_CFB, key, kn, iv, buf, 1, len), TT_OK);
			assert_memory_equal(buf, ct, len);
			assert_int_equal(cipher_once(TT_CIPHER_AES_CFB, key, kn, iv, buf, 0, len), TT_OK);
			assert_memory_equal(buf, pt, len);
		}
		assert_int_equal(cipher_once(TT_CIPHER_AES_CFB, key, kn, iv, buf, 1, 0), TT_OK);
	}
	assert_memory_equal(iv, iv_copy, sizeof iv); /* the caller's IV is not modified */
	assert_int_equal(cipher_once(TT_CIPHER_AES_CFB, key, 20, iv, buf, 0, 16), TT_ERR_INVALID);
	assert_int_equal(cipher_once(TT_CIPHER_AES_CFB, key, 0, iv, buf, 1, 16), TT_ERR_INVALID);
	/* one started context serves message after message unchanged (the receiver keeps it
	 * per key); a context that failed to start is idle and refuses to run */
	{
		struct tt_cipher_ctx c;
		kn = unhex(v[2].key, key, sizeof key);
		unhex(v[2].ct, ct, sizeof ct);
		assert_int_equal(tt_cipher_start(&c, TT_CIPHER_AES_CFB, key, kn, 1), TT_OK);
		for (i = 0; i < 3; i++) {
			memcpy(buf, pt, sizeof pt);
			assert_int_equal(tt_cipher_run(&c, iv, buf, sizeof buf), TT_OK);
			assert_memory_equal(buf, ct, sizeof ct);
		}
		tt_cipher_wipe(&c);
		assert_int_equal(c.cipher, TT_CIPHER_NONE);
		assert_int_equal(tt_cipher_run(&c, iv, buf, sizeof buf), TT_ERR_INVALID);
		assert_int_equal(tt_cipher_start(&c, TT_CIPHER_AES_CFB, key, 20, 0), TT_ERR_INVALID);
		assert_int_equal(tt_cipher_run(&c, iv, buf, sizeof buf), TT_ERR_INVALID);
	}
}

static void test_des_cbc(void **state)
{
	/* FIPS 81 Appendix C, CBC: "Now is the time for all ". */
	const char *pt_text = "Now is the time for all ";
	uint8_t key[8], iv[8], iv_copy[8], buf[24];

	(void)state;
	unhex("0123456789abcdef", key, sizeof key);
	unhex("1234567890abcdef", iv, sizeof iv);
	memcpy(iv_copy, iv, sizeof iv);
	memcpy(buf, pt_text, 24);
	assert_int_equal(cipher_once(TT_CIPHER_DES_CBC, key, 8, iv, buf, 1, 24), TT_OK);
	expect_hex("DES-CBC encrypt", buf, 24, "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6");
	assert_int_equal(cipher_once(TT_CIPHER_DES_CBC, key, 8, iv, buf, 0, 24), TT_OK);
	assert_memory_equal(buf, pt_text, 24);
	assert_memory_equal(iv, iv_copy, sizeof iv);
	assert_int_equal(cipher_once(TT_CIPHER_DES_CBC, key, 8, iv, buf, 0, 0), TT_OK);
	/* RFC 3414 §8.1.1.3: a length that is not a multiple of 8 is a decryption error. */
	assert_int_equal(cipher_once(TT_CIPHER_DES_CBC, key, 8, iv, buf, 0, 23), TT_ERR_VALUE);
	assert_int_equal(cipher_once(TT_CIPHER_DES_CBC, key, 8, iv, buf, 1, 9), TT_ERR_VALUE);
}

static void test_des3_cbc(void **state)
{
	/* Computed with OpenSSL 3.0 (openssl enc -des-ede3-cbc -nopad), independent of Mbed TLS:
	 * the SP 800-67 example keys and plaintext, IV f69f2445df4f9b17. */
	const char *pt_text = "The qufck brown fox jump";
	uint8_t key[24], iv[8], buf[24];

	(void)state;
	unhex("0123456789abcdef23456789abcdef01456789abcdef0123", key, sizeof key);
	unhex("f69f2445df4f9b17", iv, sizeof iv);
	memcpy(buf, pt_text, 24);
	assert_int_equal(cipher_once(TT_CIPHER_DES3_CBC, key, 24, iv, buf, 1, 24), TT_OK);
	expect_hex("3DES-CBC encrypt", buf, 24, "a5c282bad0de3774becd2e04386b589fb5057d8552fc4336");
	assert_int_equal(cipher_once(TT_CIPHER_DES3_CBC, key, 24, iv, buf, 0, 24), TT_OK);
	assert_memory_equal(buf, pt_text, 24);
	assert_int_equal(cipher_once(TT_CIPHER_DES3_CBC, key, 24, iv, buf, 0, 12), TT_ERR_VALUE);
}

/* ---- password to key ------------------------------------------------------------------- */

static void test_p2k_rfc3414(void **state)
{
	/* RFC 3414 A.3.1 (MD5) and A.3.2 (SHA): password "maplesyrup", engine ID
	 * 00 00 00 00 00 00 00 00 00 00 00 02. */
	static const uint8_t engine[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
	const uint8_t *pw = (const uint8_t *)"maplesyrup";
	uint8_t ku[TT_HASH_MAX_LEN], kul[TT_HASH_MAX_LEN];

	(void)state;
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_MD5, pw, 10, ku), 16);
	expect_hex("A.3.1 Ku", ku, 16, "9faf3283884e92834ebc9847d8edd963");
	assert_int_equal(tt_usm_localize_key(TT_AUTH_MD5, ku, engine, 12, kul), 16);
	expect_hex("A.3.1 Kul", kul, 16, "526f5eed9fcce26f8964c2930787d82b");
	assert_int_equal(tt_usm_auth_key(TT_AUTH_MD5, pw, 10, engine, 12, kul), 16);
	expect_hex("A.3.1 Kul (one call)", kul, 16, "526f5eed9fcce26f8964c2930787d82b");

	assert_int_equal(tt_usm_password_to_key(TT_AUTH_SHA1, pw, 10, ku), 20);
	expect_hex("A.3.2 Ku", ku, 20, "9fb5cc0381497b3793528939ff788d5d79145211");
	/* In place: kul may be ku. */
	assert_int_equal(tt_usm_localize_key(TT_AUTH_SHA1, ku, engine, 12, ku), 20);
	expect_hex("A.3.2 Kul", ku, 20, "6695febc9288e36282235fc7151f128497b38f3f");
}

/* Passwords around both block sizes, so that both password-to-key paths (a password of at
 * most one block repeated in a buffer, a longer one hashed in place) run for every hash.
 * Expected values: Python hashlib over the 1,048,576-octet stream built in full. */
static void make_password(size_t which, uint8_t *pw, size_t *len)
{
	static const size_t lens[] = {64, 65, 128, 129, 200};
	size_t i, n = lens[which];

	for (i = 0; i < n; i++) {
		switch (which) {
		case 0: pw[i] = (uint8_t)('A' + i % 26); break;
		case 1: pw[i] = (uint8_t)('a' + i % 26); break;
		case 2: pw[i] = (uint8_t)('0' + i % 10); break;
		case 3: pw[i] = (uint8_t)(0x21 + i % 90); break;
		default: pw[i] = (uint8_t)(0x21 + (7 * i) % 90); break;
		}
	}
	*len = n;
}

static const char *const long_pw_ku[5][6] = {
	{"77b4daba76cf949a57deb3749d5d6a1b", "c385d98dddabc9206e982216766f25b09fc2ed21",
	 "c57d4fd8484b911797ad6105a147a2313cec379ae94230061904cbee",
	 "6e99e6ad7ecd96e9bcf4f60381eb5c433ab004199dc0441d48f39da666457edc",
	 "aa4710267a898a806b01a95a8cdd7604be7193969313cc5742ebebdc37581bdf"
	 "9b6e2dc7ca85e96d7e4b7152a3783ba5",
	 "ea716899c20ab51491d480fac116bbf86377892450218e235407379427ffa49b"
	 "b7af9fbb1bd44150c6be75c008b48a5352fef02e94ba839a112b7c0b48485159"},
	{"e06e6d2c73aff8dc8ce8e872aa7c7687", "71debb0a18ed62a2e8befc6b01425938716eb852",
	 "efc0c49e6ded0d3d91d9dfbbf02e27b72c3a184f445ed6ca27bd870e",
	 "46016dcadd280f5ce537e2d7578132518bcdf7757523bfdbf125857b02d2918f",
	 "9b2ab370b27a8b25e6a0640bf1e7efb5c1e03da4a1c0aaae2fef8191b761069e"
	 "4c9a11750d363eedd3af9b9f367d0463",
	 "cac13ef10c7f6a128701a141198e29cf31c0a4ad4c0ba94d2bf90675ad8b63dd"
	 "518d83841e2adebffdb6afe02e87e8b0fead948575ae093b62af5577a2800a02"},
	{"058447ebd0d17e8f01903158f98e8115", "3611e1cb0db6db871996356f3064225d89643da8",
	 "0a1d8bde1ad8e5b85f9379b72c0763dba740facdc604fd6075013eb2",
	 "afafc6ebb197eba80f87670c9bd2745ee06ad78fc50399ed49e364a13363a1e3",
	 "f338c41868f2ea1f9b1376fafa01af255f9bd30214f205607325246597a0056e"
	 "d6bfe1c1f975d1df143a21de7ad308c8",
	 "0dd64b0928a64074d3bc919675f05d64da2567a29d84feba51d8b82eaba2d63a"
	 "1617d612b49ce2dc7374b5c7e4b18bf6bbc5d877d3772af94c594f4ad5cca083"},
	{"6d8d02b21ef5b4c0f6408c2d8241a552", "469b1338f856fadfd7de748101b8e8c30e45ed31",
	 "bc22a904c97a12da89fa02ff8f29848e01977d491d5f15dee10ab0a2",
	 "6989bfb01684cca628c53ed64a33046e3d8e78b132b46c79f0d37ccdcc64d23e",
	 "6c39b50f2fddfec7036514193cfb8701f07b53fa0ce4f330bb8fbde57ea9e393"
	 "b0a57b703dd66d1073f4de64f545ffef",
	 "259f99497d1a8c8cc6fa7631a370bc11ddd095e82e7307491680fd8f6b0e9e5a"
	 "4bacf9467ddb8e2993ca50727dc12f8d0efa2e4856f5685bea53664c8560b600"},
	{"99ed9c28140db09469032e39f362f5ba", "f1958a9ca3025e4edb87642bec96b04378f8c5e9",
	 "63dc413bcbbd65d609ca08c5247086c1481779e6daf1aa0e418f211a",
	 "3a8e4698b49bc6e740054e36b449f9aaf147b5bf56a0536deeea000bb6b500ed",
	 "64de18bf80f21a7ea55ebd256f1295cfff4a5b99ea44300d2d655e1a782448bc"
	 "6409d71254fac28644aee34afc26b6d9",
	 "dcd0300a983df8223bec5fd9817732024c974ed15d8368563bc724bde187b736"
	 "051b853150bca7ccd316153e84fafd1a09af92bd0521ff79aaf0129c888aa7d6"},
};

static void test_p2k_long_passwords(void **state)
{
	uint8_t pw[256], ku[TT_HASH_MAX_LEN];
	size_t w, i, n;

	(void)state;
	for (w = 0; w < 5; w++) {
		make_password(w, pw, &n);
		for (i = 0; i < 6; i++) {
			char what[64];

			snprintf(what, sizeof what, "Ku of a %zu-octet password, hash %zu", n, i);
			assert_int_equal(tt_usm_password_to_key(all_auth[i], pw, n, ku),
			                 (int)tt_auth_hash_len(all_auth[i]));
			expect_hex(what, ku, tt_auth_hash_len(all_auth[i]), long_pw_ku[w][i]);
		}
	}
}

static void test_key_errors(void **state)
{
	uint8_t ku[TT_HASH_MAX_LEN], key[TT_PRIV_KEY_MAX];
	uint8_t engine[33];

	(void)state;
	memset(engine, 1, sizeof engine);
	memset(ku, 0, sizeof ku);
	/* RFC 3414 §11.2: at least 8 octets; an empty password is refused too. */
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_SHA1, (const uint8_t *)"", 0, ku),
	                 TT_ERR_SHORT_PASSWORD);
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_SHA1, NULL, 0, ku), TT_ERR_SHORT_PASSWORD);
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_MD5, (const uint8_t *)"1234567", 7, ku),
	                 TT_ERR_SHORT_PASSWORD);
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_MD5, (const uint8_t *)"12345678", 8, ku), 16);
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_NONE, (const uint8_t *)"12345678", 8, ku),
	                 TT_ERR_INVALID);
	assert_int_equal(tt_usm_auth_key(TT_AUTH_MD5, (const uint8_t *)"short", 5, engine, 5, ku),
	                 TT_ERR_SHORT_PASSWORD);
	/* Engine IDs: 0..32 octets. */
	assert_int_equal(tt_usm_localize_key(TT_AUTH_MD5, ku, engine, 33, ku), TT_ERR_INVALID);
	assert_int_equal(tt_usm_localize_key(TT_AUTH_MD5, ku, engine, 32, ku), 16);
	assert_int_equal(tt_usm_localize_key(TT_AUTH_MD5, ku, NULL, 0, ku), 16);
	assert_int_equal(tt_usm_auth_key(TT_AUTH_MD5, (const uint8_t *)"12345678", 8, engine, 33, ku),
	                 TT_ERR_INVALID);
	assert_int_equal(tt_usm_priv_key_from_kul(TT_AUTH_MD5, TT_PRIV_AES256_C, ku, engine, 33, key),
	                 TT_ERR_INVALID);
	/* Privacy needs an auth hash and a privacy protocol. */
	assert_int_equal(tt_usm_priv_key_from_kul(TT_AUTH_NONE, TT_PRIV_DES, ku, engine, 5, key),
	                 TT_ERR_INVALID);
	assert_int_equal(tt_usm_priv_key_from_kul(TT_AUTH_MD5, TT_PRIV_NONE, ku, engine, 5, key),
	                 TT_ERR_INVALID);
	assert_int_equal(tt_usm_priv_key(TT_AUTH_MD5, TT_PRIV_NONE, (const uint8_t *)"12345678", 8,
	                                 engine, 5, key), TT_ERR_INVALID);
	assert_int_equal(tt_usm_priv_key(TT_AUTH_MD5, TT_PRIV_DES, (const uint8_t *)"1234567", 7,
	                                 engine, 5, key), TT_ERR_SHORT_PASSWORD);
	assert_int_equal(tt_usm_decrypt(TT_PRIV_NONE, key, 0, 0, engine, ku, 16), TT_ERR_INVALID);
}

/* ---- tests/vectors/usm-keys.txt ------------------------------------------------------------ */

static char keys_txt[65536];
static char packets_txt[262144];

static enum tt_auth_proto auth_by_section(const char *name)
{
	static const struct { const char *name; enum tt_auth_proto p; } map[] = {
		{"MD5", TT_AUTH_MD5}, {"SHA1", TT_AUTH_SHA1}, {"SHA224", TT_AUTH_SHA224},
		{"SHA256", TT_AUTH_SHA256}, {"SHA384", TT_AUTH_SHA384}, {"SHA512", TT_AUTH_SHA512},
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(name, map[i].name) == 0)
			return map[i].p;
	return TT_AUTH_NONE;
}

static void test_usm_keys_file(void **state)
{
	const char *pos = keys_txt;
	struct block b;
	unsigned sections = 0, checked = 0;

	(void)state;
	read_vectors("usm-keys.txt", keys_txt, sizeof keys_txt);
	while (next_block(&pos, &b)) {
		enum tt_auth_proto ap = auth_by_section(b.name);
		const char *pw = need_value(&b, "password");
		size_t pwlen = strcspn(pw, " \r\n");
		uint8_t engine[64], ku[TT_HASH_MAX_LEN], kul[TT_HASH_MAX_LEN];
		uint8_t key[TT_PRIV_KEY_MAX], key2[TT_PRIV_KEY_MAX], tmp[TT_HASH_MAX_LEN];
		size_t elen, hlen = tt_auth_hash_len(ap);
		const char *line, *next;
		char what[192];

		if (ap == TT_AUTH_NONE)
			fail_msg("usm-keys.txt: unknown section [%s]", b.name);
		sections++;
		elen = unhex(need_value(&b, "engineID"), engine, sizeof engine);
		assert_int_equal(tt_usm_password_to_key(ap, (const uint8_t *)pw, pwlen, ku), (int)hlen);
		assert_int_equal(tt_usm_localize_key(ap, ku, engine, elen, kul), (int)hlen);

		/* Every "name: hex" line of the section is checked; an unknown name fails, so that
		 * a vector added to the file cannot be skipped silently. */
		for (line = b.start; line != NULL && line < b.end; line = next) {
			const char *colon = strchr(line, ':');
			const char *val;
			size_t kn;
			char name[64];

			next = strchr(line, '\n');
			if (next != NULL)
				next++;
			if (*line == '\n' || *line == '#' || colon == NULL || colon > b.end)
				continue;
			kn = (size_t)(colon - line);
			if (kn >= sizeof name)
				kn = sizeof name - 1;
			memcpy(name, line, kn);
			name[kn] = '\0';
			val = colon + 2;
			snprintf(what, sizeof what, "[%s] %s", b.name, name);
			if (strcmp(name, "password") == 0 || strcmp(name, "engineID") == 0)
				continue;
			checked++;
			if (strcmp(name, "Ku") == 0) {
				expect_hex(what, ku, hlen, val);
			} else if (strcmp(name, "Kul") == 0) {
				expect_hex(what, kul, hlen, val);
			} else if (strcmp(name, "DES_key") == 0 || strcmp(name, "DES_preIV") == 0) {
				assert_int_equal(tt_usm_priv_key_from_kul(ap, TT_PRIV_DES, kul, engine, elen,
				                                          key), 16);
				expect_hex(what, key + (name[4] == 'k' ? 0 : 8), 8, val);
			} else if (strcmp(name, "AES128_key") == 0) {
				assert_int_equal(tt_usm_priv_key_from_kul(ap, TT_PRIV_AES128, kul, engine, elen,
				                                          key), 16);
				expect_hex(what, key, 16, val);
			} else if (strncmp(name, "AES192_key_", 11) == 0 ||
			           strncmp(name, "AES256_key_", 11) == 0) {
				int is256 = name[3] == '2' && name[4] == '5';
				int reeder = strcmp(name + 11, "reeder") == 0;
				enum tt_priv_proto pp;
				size_t need = is256 ? 32 : 24;

				if (!reeder && strcmp(name + 11, "blumenthal") != 0)
					fail_msg("%s: unknown extension", what);
				pp = is256 ? (reeder ? TT_PRIV_AES256_C : TT_PRIV_AES256)
				           : (reeder ? TT_PRIV_AES192_C : TT_PRIV_AES192);
				assert_int_equal(tt_usm_priv_key_from_kul(ap, pp, kul, engine, elen, key),
				                 (int)need);
				expect_hex(what, key, need, val);
				if (is256 && reeder) {
					/* 3DES (Reeder draft) extends to the same 32 octets as AES-256-C: key
					 * K[0..23], pre-IV K[24..31]. The file has no 3DES line; this is the same
					 * derivation, not an independent vector. */
					assert_int_equal(tt_usm_priv_key_from_kul(ap, TT_PRIV_3DES, kul, engine,
					                                          elen, key2), 32);
					expect_hex("3DES key material (= AES-256-C)", key2, 32, val);
				}
			} else if (strcmp(name, "blumenthal_block2 = H(Kul)") == 0) {
				struct tt_hash_ctx c;

				assert_int_equal(tt_hash_start(&c, ap), TT_OK);
				assert_int_equal(tt_hash_update(&c, kul, hlen), TT_OK);
				assert_int_equal(tt_hash_finish(&c, tmp), (int)hlen);
				expect_hex(what, tmp, hlen, val);
			} else if (strcmp(name, "reeder_Ku2 = P2K(Kul)") == 0) {
				/* The whole Kul is the "password" (Net-SNMP _kul_extend_reeder). */
				assert_int_equal(tt_usm_password_to_key(ap, kul, hlen, tmp), (int)hlen);
				expect_hex(what, tmp, hlen, val);
			} else if (strcmp(name, "reeder_block2 = Kul(Ku2, engineID)") == 0) {
				assert_int_equal(tt_usm_auth_key(ap, kul, hlen, engine, elen, tmp), (int)hlen);
				expect_hex(what, tmp, hlen, val);
			} else {
				fail_msg("%s: a vector this test does not know", what);
			}
		}
		/* The one-call form from the password gives the same key material. */
		assert_int_equal(tt_usm_priv_key(ap, TT_PRIV_AES256_C, (const uint8_t *)pw, pwlen,
		                                 engine, elen, key2), 32);
		assert_int_equal(tt_usm_priv_key_from_kul(ap, TT_PRIV_AES256_C, kul, engine, elen, key),
		                 32);
		assert_memory_equal(key, key2, 32);
	}
	assert_int_equal(sections, 6);
	/* 6 sections x (Ku, Kul, DES x2, AES-128, AES-192/256 x2 each) + the extension blocks of
	 * MD5, SHA1, SHA224 (3 each). */
	assert_int_equal(checked, 6 * 9 + 3 * 3);
}

/* ---- tests/vectors/packets-netsnmp.txt ------------------------------------------------ */

/* A tiny BER reader for the test only: one TLV at *pos inside [0, end). */
struct tlv {
	uint8_t tag;
	size_t val; /* offset of the contents */
	size_t len;
};

static void ber(const uint8_t *m, size_t end, size_t *pos, struct tlv *t, uint8_t tag)
{
	size_t p = *pos, len, n, i;

	assert_true(p + 2 <= end);
	t->tag = m[p];
	assert_int_equal(t->tag, tag);
	len = m[p + 1];
	p += 2;
	if (len & 0x80) {
		n = len & 0x7f;
		assert_true(n >= 1 && n <= 2 && p + n <= end);
		for (len = 0, i = 0; i < n; i++)
			len = (len << 8) | m[p + i];
		p += n;
	}
	assert_true(len <= end - p);
	t->val = p;
	t->len = len;
	*pos = p + len;
}

static uint32_t ber_uint(const uint8_t *m, const struct tlv *t)
{
	uint32_t v = 0;
	size_t i;

	assert_true(t->len >= 1 && t->len <= 5);
	for (i = 0; i < t->len; i++)
		v = (v << 8) | m[t->val + i];
	return v;
}

/* The fields of an SNMPv3 message the USM needs (RFC 3412 §6, RFC 3414). */
struct v3msg {
	uint8_t flags;
	size_t engine, engine_len;
	uint32_t boots, time;
	size_t auth, auth_len;  /* msgAuthenticationParameters */
	size_t priv, priv_len;  /* msgPrivacyParameters */
	size_t data, data_len;  /* encryptedPDU contents, or the plaintext ScopedPDU TLV */
};

static void parse_v3(const uint8_t *m, size_t n, struct v3msg *v)
{
	struct tlv msg, t, hdr, sp, usm;
	size_t pos = 0, p, end, q;

	ber(m, n, &pos, &msg, 0x30);
	assert_int_equal(pos, n);
	p = msg.val;
	end = msg.val + msg.len;
	ber(m, end, &p, &t, 0x02);
	assert_int_equal(ber_uint(m, &t), 3);
	ber(m, end, &p, &hdr, 0x30);
	q = hdr.val;
	ber(m, hdr.val + hdr.len, &q, &t, 0x02); /* msgID */
	ber(m, hdr.val + hdr.len, &q, &t, 0x02); /* msgMaxSize */
	ber(m, hdr.val + hdr.len, &q, &t, 0x04); /* msgFlags */
	assert_int_equal(t.len, 1);
	v->flags = m[t.val];
	ber(m, hdr.val + hdr.len, &q, &t, 0x02); /* msgSecurityModel */
	assert_int_equal(ber_uint(m, &t), 3);
	ber(m, end, &p, &sp, 0x04);
	q = sp.val;
	ber(m, sp.val + sp.len, &q, &usm, 0x30);
	q = usm.val;
	end = usm.val + usm.len;
	ber(m, end, &q, &t, 0x04);
	v->engine = t.val;
	v->engine_len = t.len;
	ber(m, end, &q, &t, 0x02);
	v->boots = ber_uint(m, &t);
	ber(m, end, &q, &t, 0x02);
	v->time = ber_uint(m, &t);
	ber(m, end, &q, &t, 0x04); /* msgUserName */
	ber(m, end, &q, &t, 0x04);
	v->auth = t.val;
	v->auth_len = t.len;
	ber(m, end, &q, &t, 0x04);
	v->priv = t.val;
	v->priv_len = t.len;
	end = msg.val + msg.len;
	if (v->flags & 2) {
		ber(m, end, &p, &t, 0x04);
		v->data = t.val;
		v->data_len = t.len;
	} else {
		size_t start = p;

		ber(m, end, &p, &t, 0x30);
		v->data = start;
		v->data_len = p - start;
	}
	assert_int_equal(p, end);
}

/* Returns the word after option opt on the command line, or NULL. */
static const char *cmd_opt(const char *cmd, const char *opt, char *out, size_t cap)
{
	size_t on = strlen(opt);
	const char *p = cmd;

	while ((p = strstr(p, opt)) != NULL) {
		if ((p == cmd || p[-1] == ' ') && p[on] == ' ') {
			size_t n = strcspn(p + on + 1, " \r\n");

			assert_true(n < cap);
			memcpy(out, p + on + 1, n);
			out[n] = '\0';
			return out;
		}
		p += on;
	}
	return NULL;
}

static enum tt_auth_proto auth_by_name(const char *s)
{
	if (strcmp(s, "MD5") == 0) return TT_AUTH_MD5;
	if (strcmp(s, "SHA") == 0) return TT_AUTH_SHA1;
	if (strcmp(s, "SHA-224") == 0) return TT_AUTH_SHA224;
	if (strcmp(s, "SHA-256") == 0) return TT_AUTH_SHA256;
	if (strcmp(s, "SHA-384") == 0) return TT_AUTH_SHA384;
	if (strcmp(s, "SHA-512") == 0) return TT_AUTH_SHA512;
	fail_msg("unknown -a %s", s);
	return TT_AUTH_NONE;
}

static enum tt_priv_proto priv_by_name(const char *s)
{
	/* Net-SNMP's -x names: "AES-192"/"AES-256" are Blumenthal, the "-C" ones Reeder. */
	if (strcmp(s, "DES") == 0) return TT_PRIV_DES;
	if (strcmp(s, "3DES") == 0) return TT_PRIV_3DES;
	if (strcmp(s, "AES") == 0 || strcmp(s, "AES-128") == 0) return TT_PRIV_AES128;
	if (strcmp(s, "AES-192") == 0) return TT_PRIV_AES192;
	if (strcmp(s, "AES-256") == 0) return TT_PRIV_AES256;
	if (strcmp(s, "AES-192-C") == 0) return TT_PRIV_AES192_C;
	if (strcmp(s, "AES-256-C") == 0) return TT_PRIV_AES256_C;
	fail_msg("unknown -x %s", s);
	return TT_PRIV_NONE;
}

/* Finds the n octets at needle in hay exactly once; returns their offset. */
static size_t find_once(const uint8_t *hay, size_t hn, const uint8_t *needle, size_t n)
{
	size_t i, found = SIZE_MAX;

	for (i = 0; i + n <= hn; i++) {
		if (memcmp(hay + i, needle, n) == 0) {
			assert_true(found == SIZE_MAX);
			found = i;
		}
	}
	assert_true(found != SIZE_MAX);
	return found;
}

/* Recomputes the MAC of message m with password pw; returns 1 when it equals the wire MAC. */
static int mac_matches(const uint8_t *m, size_t n, const struct v3msg *v, enum tt_auth_proto ap,
                       const char *pw, uint8_t *kul, uint8_t *computed)
{
	int hlen = (int)tt_auth_hash_len(ap);

	assert_int_equal(tt_usm_auth_key(ap, (const uint8_t *)pw, strlen(pw), m + v->engine,
	                                 v->engine_len, kul), hlen);
	/* RFC 3414 §6.3.2 / §7.3.2, RFC 7860: HMAC over the whole message with the
	 * msgAuthenticationParameters zeroed, truncated, compared in constant time. */
	assert_int_equal(tt_hmac_zeroed(ap, kul, (size_t)hlen, m, n, v->auth, v->auth_len, computed),
	                 hlen);
	return tt_ct_equal(computed, m + v->auth, v->auth_len);
}

static void test_netsnmp_packets(void **state)
{
	const char *pos = packets_txt;
	struct block b;
	unsigned authed = 0, decrypted = 0, wrongpass = 0, v3 = 0;

	(void)state;
	read_vectors("packets-netsnmp.txt", packets_txt, sizeof packets_txt);
	while (next_block(&pos, &b)) {
		static uint8_t m[2048], buf[2048], want[2048];
		uint8_t kul[TT_HASH_MAX_LEN], mac[TT_HASH_MAX_LEN], key[TT_PRIV_KEY_MAX];
		char cmd[1024], a[32], apw[128], x[32], xpw[128];
		const char *cmdline, *val;
		struct v3msg v;
		enum tt_auth_proto ap;
		size_t n, wn;
		int is_wrongpass = strstr(b.name, "WRONGPASS") != NULL;

		if (strncmp(need_value(&b, "version"), "v3", 2) != 0)
			continue;
		v3++;
		n = unhex(need_value(&b, "message"), m, sizeof m);
		parse_v3(m, n, &v);
		if (!(v.flags & 1))
			continue; /* noAuthNoPriv: a discovery, its Report, a noauth trap */

		cmdline = need_value(&b, "command");
		wn = strcspn(cmdline, "\n");
		assert_true(wn < sizeof cmd);
		memcpy(cmd, cmdline, wn);
		cmd[wn] = '\0';
		if (cmd_opt(cmd, "-a", a, sizeof a) == NULL || cmd_opt(cmd, "-A", apw, sizeof apw) == NULL)
			fail_msg("[%s]: authenticated, but no -a/-A on the command line", b.name);
		ap = auth_by_name(a);

		/* msgAuthenticationParameters: where BER says, where the wire MAC occurs (exactly
		 * once), and where the file says. */
		assert_int_equal(v.auth_len, tt_auth_mac_len(ap));
		wn = unhex(need_value(&b, "msgAuthenticationParameters"), want, sizeof want);
		assert_int_equal(wn, v.auth_len);
		assert_int_equal(find_once(m, n, want, wn), v.auth);
		assert_int_equal(strtoul(need_value(&b, "authParams_offset"), NULL, 10), v.auth);

		/* The sender's password (command line) always reproduces the wire MAC. */
		if (!mac_matches(m, n, &v, ap, apw, kul, mac))
			fail_msg("[%s]: MAC with the sender's password does not match", b.name);
		/* The receiver's configured password must match, except for WRONGPASS. */
		val = need_value(&b, "authPassword");
		wn = strcspn(val, " \r\n");
		memcpy(apw, val, wn);
		apw[wn] = '\0';
		if (mac_matches(m, n, &v, ap, apw, kul, mac) == is_wrongpass)
			fail_msg("[%s]: MAC with the configured password %s", b.name,
			         is_wrongpass ? "matches" : "does not match");
		expect_hex("computed_MAC_with_configured_password", mac, v.auth_len,
		           need_value(&b, "computed_MAC_with_configured_password"));
		expect_hex("authKey", kul, tt_auth_hash_len(ap), need_value(&b,
		           "authKey (Kul = localize(P2K(authPassword), msgAuthoritativeEngineID))"));
		wrongpass += (unsigned)is_wrongpass;

		/* Any change to the message breaks the MAC. */
		m[n - 1] ^= 0x01;
		assert_false(mac_matches(m, n, &v, ap, apw, kul, mac));
		m[n - 1] ^= 0x01;
		authed++;

		if (!(v.flags & 2)) {
			/* authNoPriv: the ScopedPDU is in the clear. */
			wn = unhex(need_value(&b, "scopedPDU (plaintext)"), want, sizeof want);
			assert_int_equal(wn, v.data_len);
			assert_memory_equal(m + v.data, want, wn);
			continue;
		}

		if (cmd_opt(cmd, "-x", x, sizeof x) == NULL || cmd_opt(cmd, "-X", xpw, sizeof xpw) == NULL)
			fail_msg("[%s]: encrypted, but no -x/-X on the command line", b.name);
		{
			enum tt_priv_proto pp = priv_by_name(x);
			int klen = (int)tt_priv_key_len(pp);
			struct tlv sp;
			size_t p = 0;

			assert_int_equal(v.priv_len, TT_USM_SALT_LEN);
			assert_int_equal(tt_usm_priv_key(ap, pp, (const uint8_t *)xpw, strlen(xpw),
			                                 m + v.engine, v.engine_len, key), klen);
			/* "privKey: <key>   preIV=<pre-IV>" for DES, "privKey: <key>" otherwise. */
			val = need_value(&b, "privKey (as used by the cipher, derived with the auth hash)");
			if (pp == TT_PRIV_DES) {
				expect_hex("DES key", key, 8, val);
				val = strstr(val, "preIV=");
				assert_non_null(val);
				expect_hex("DES pre-IV", key + 8, 8, val + 6);
			} else {
				expect_hex("privKey", key, (size_t)klen, val);
			}

			memcpy(buf, m + v.data, v.data_len);
			assert_int_equal(tt_usm_decrypt(pp, key, v.boots, v.time, m + v.priv, buf,
			                                v.data_len), TT_OK);
			expect_hex("decrypted (with any padding)", buf, v.data_len,
			           need_value(&b, "decrypted"));
			/* The ScopedPDU's own BER length says where it ends; DES padding (< 8 octets)
			 * follows (RFC 3414 §8.1.1.3). */
			ber(buf, v.data_len, &p, &sp, 0x30);
			assert_true(v.data_len - p < (pp == TT_PRIV_DES || pp == TT_PRIV_3DES ? 8u : 1u));
			expect_hex("scopedPDU", buf, p, need_value(&b, "scopedPDU"));
			memcpy(want, buf, v.data_len);

			/* Encrypting the plaintext again gives the wire octets back. */
			assert_int_equal(tt_usm_encrypt(pp, key, v.boots, v.time, m + v.priv, buf,
			                                v.data_len), TT_OK);
			assert_memory_equal(buf, m + v.data, v.data_len);

			/* A wrong privacy password gives other octets, not an error. */
			memcpy(buf, m + v.data, v.data_len);
			key[0] ^= 0x02; /* not bit 0: that is a DES parity bit, which DES ignores */
			assert_int_equal(tt_usm_decrypt(pp, key, v.boots, v.time, m + v.priv, buf,
			                                v.data_len), TT_OK);
			assert_memory_not_equal(buf, want, 16);
			decrypted++;
		}
	}
	/* Guard against a parse that silently skips blocks: the file has 19 v3 messages, 16 of
	 * them authenticated (one with the wrong password) and 12 encrypted. */
	assert_int_equal(v3, 19);
	assert_int_equal(authed, 16);
	assert_int_equal(wrongpass, 1);
	assert_int_equal(decrypted, 12);
}

/* A 3DES round trip through the USM layer: no captured packet exists for it. */
static void test_usm_3des_roundtrip(void **state)
{
	static const uint8_t engine[8] = {0x80, 0, 0, 0, 1, 2, 3, 4};
	static const uint8_t salt[8] = {0, 0, 0, 1, 0x12, 0x34, 0x56, 0x78};
	uint8_t key[TT_PRIV_KEY_MAX], buf[64], iv[8], ref[64];
	size_t i;

	(void)state;
	assert_int_equal(tt_usm_priv_key(TT_AUTH_SHA1, TT_PRIV_3DES, (const uint8_t *)"des3privpass",
	                                 12, engine, sizeof engine, key), 32);
	for (i = 0; i < sizeof buf; i++)
		ref[i] = buf[i] = (uint8_t)i;
	assert_int_equal(tt_usm_encrypt(TT_PRIV_3DES, key, 1, 2, salt, buf, sizeof buf), TT_OK);
	/* The IV is pre-IV (K[24..31]) XOR salt, the key K[0..23]. */
	for (i = 0; i < 8; i++)
		iv[i] = (uint8_t)(key[24 + i] ^ salt[i]);
	assert_int_equal(cipher_once(TT_CIPHER_DES3_CBC, key, 24, iv, buf, 0, sizeof buf), TT_OK);
	assert_memory_equal(buf, ref, sizeof ref);
	assert_int_equal(tt_usm_decrypt(TT_PRIV_3DES, key, 1, 2, salt, buf, 12), TT_ERR_VALUE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_hmac_vectors),
		cmocka_unit_test(test_hmac_96),
		cmocka_unit_test(test_hmac_zeroed),
		cmocka_unit_test(test_ct_equal),
		cmocka_unit_test(test_zeroize),
		cmocka_unit_test(test_aes_cfb),
		cmocka_unit_test(test_des_cbc),
		cmocka_unit_test(test_des3_cbc),
		cmocka_unit_test(test_p2k_rfc3414),
		cmocka_unit_test(test_p2k_long_passwords),
		cmocka_unit_test(test_key_errors),
		cmocka_unit_test(test_usm_keys_file),
		cmocka_unit_test(test_netsnmp_packets),
		cmocka_unit_test(test_usm_3des_roundtrip),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("crypto", tests, NULL, NULL);
}
