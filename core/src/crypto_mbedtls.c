/*
 * crypto_mbedtls.c - tt_crypto.h over Mbed TLS 2.28's low-level, non-allocating calls.
 *
 * The hashes, DES, 3DES, AES, the zeroizer and the constant-time compare are Mbed TLS's
 * (mbedtls_md5_*, mbedtls_sha1_*, mbedtls_sha256_* with is224, mbedtls_sha512_* with is384,
 * mbedtls_des_*, mbedtls_des3_*, mbedtls_aes_*, mbedtls_platform_zeroize, mbedtls_ct_memcmp);
 * the *_ret variants are used, since 2.28 deprecates the others. HMAC is the one construction
 * written here (RFC 2104 §2), because Mbed TLS 2.28's only HMAC, mbedtls_md_hmac_*, needs
 * mbedtls_md_setup(), which allocates.
 *
 * This is the only core file that includes Mbed TLS headers. It does not derive USM keys or
 * form IVs (usm_keys.c does), and it never allocates: every context lives in the caller's
 * struct tt_hash_ctx or on this file's stack, and is wiped before it is left.
 */
#include <string.h>
#include "tt_crypto.h"

#include "mbedtls/md5.h"
#include "mbedtls/sha1.h"
#include "mbedtls/sha256.h"
#include "mbedtls/sha512.h"
#include "mbedtls/des.h"
#include "mbedtls/aes.h"
#include "mbedtls/platform_util.h"
#include "mbedtls/constant_time.h"

/* C99 has no _Static_assert: an array of negative size fails to compile. */
#define TT_STATIC_ASSERT(cond, name) typedef char tt_static_assert_##name[(cond) ? 1 : -1]

/* The opaque storage must hold every hash context ... */
TT_STATIC_ASSERT(sizeof(mbedtls_md5_context) <= TT_HASH_CTX_BYTES, md5_ctx_fits);
TT_STATIC_ASSERT(sizeof(mbedtls_sha1_context) <= TT_HASH_CTX_BYTES, sha1_ctx_fits);
TT_STATIC_ASSERT(sizeof(mbedtls_sha256_context) <= TT_HASH_CTX_BYTES, sha256_ctx_fits);
TT_STATIC_ASSERT(sizeof(mbedtls_sha512_context) <= TT_HASH_CTX_BYTES, sha512_ctx_fits);

/* ... and be aligned at least as strictly as each of them. The offset of a member after a
 * char is its type's alignment (or a multiple of it); alignments are powers of two, so a
 * smaller-or-equal one divides the larger. */
struct tt_align_store { char c; struct tt_hash_ctx x; };
struct tt_align_md5 { char c; mbedtls_md5_context x; };
struct tt_align_sha1 { char c; mbedtls_sha1_context x; };
struct tt_align_sha256 { char c; mbedtls_sha256_context x; };
struct tt_align_sha512 { char c; mbedtls_sha512_context x; };
TT_STATIC_ASSERT(offsetof(struct tt_align_md5, x) <= offsetof(struct tt_align_store, x),
                 md5_ctx_aligned);
TT_STATIC_ASSERT(offsetof(struct tt_align_sha1, x) <= offsetof(struct tt_align_store, x),
                 sha1_ctx_aligned);
TT_STATIC_ASSERT(offsetof(struct tt_align_sha256, x) <= offsetof(struct tt_align_store, x),
                 sha256_ctx_aligned);
TT_STATIC_ASSERT(offsetof(struct tt_align_sha512, x) <= offsetof(struct tt_align_store, x),
                 sha512_ctx_aligned);
/* The storage is the union's first octet, so its alignment is the struct's. */
TT_STATIC_ASSERT(offsetof(struct tt_hash_ctx, u) == 0, storage_first);

/* The backend's view of the storage. The bytes are only ever accessed through these
 * pointers (and wiped as octets), so each context keeps one effective type while it lives. */
static mbedtls_md5_context *md5_of(struct tt_hash_ctx *c)
{
	return (mbedtls_md5_context *)(void *)c->u.bytes;
}
static mbedtls_sha1_context *sha1_of(struct tt_hash_ctx *c)
{
	return (mbedtls_sha1_context *)(void *)c->u.bytes;
}
static mbedtls_sha256_context *sha256_of(struct tt_hash_ctx *c)
{
	return (mbedtls_sha256_context *)(void *)c->u.bytes;
}
static mbedtls_sha512_context *sha512_of(struct tt_hash_ctx *c)
{
	return (mbedtls_sha512_context *)(void *)c->u.bytes;
}

size_t tt_auth_hash_len(enum tt_auth_proto p)
{
	switch (p) {
	case TT_AUTH_MD5: return 16;
	case TT_AUTH_SHA1: return 20;
	case TT_AUTH_SHA224: return 28;
	case TT_AUTH_SHA256: return 32;
	case TT_AUTH_SHA384: return 48;
	case TT_AUTH_SHA512: return 64;
	default: return 0;
	}
}

size_t tt_auth_block_len(enum tt_auth_proto p)
{
	switch (p) {
	case TT_AUTH_MD5:
	case TT_AUTH_SHA1:
	case TT_AUTH_SHA224:
	case TT_AUTH_SHA256: return 64;
	case TT_AUTH_SHA384:
	case TT_AUTH_SHA512: return 128;
	default: return 0;
	}
}

size_t tt_auth_mac_len(enum tt_auth_proto p)
{
	switch (p) {
	case TT_AUTH_MD5:    /* RFC 3414 §6.3.1: HMAC-MD5-96 */
	case TT_AUTH_SHA1:   /* RFC 3414 §7.3.1: HMAC-SHA-96 */
		return 12;
	case TT_AUTH_SHA224: /* RFC 7860: usmHMAC128SHA224AuthProtocol */
		return 16;
	case TT_AUTH_SHA256: /* usmHMAC192SHA256AuthProtocol */
		return 24;
	case TT_AUTH_SHA384: /* usmHMAC256SHA384AuthProtocol */
		return 32;
	case TT_AUTH_SHA512: /* usmHMAC384SHA512AuthProtocol */
		return 48;
	default:
		return 0;
	}
}

size_t tt_priv_key_len(enum tt_priv_proto p)
{
	switch (p) {
	case TT_PRIV_DES: return 16;    /* RFC 3414 §8.1.1.1: 8 key + 8 pre-IV */
	case TT_PRIV_3DES: return 32;   /* draft-reeder-snmpv3-usm-3desede-00: 24 key + 8 pre-IV */
	case TT_PRIV_AES128: return 16; /* RFC 3826 §3.1.2.1 */
	case TT_PRIV_AES192:
	case TT_PRIV_AES192_C: return 24;
	case TT_PRIV_AES256:
	case TT_PRIV_AES256_C: return 32;
	default: return 0;
	}
}

void tt_zeroize(void *p, size_t n)
{
	if (n > 0)
		mbedtls_platform_zeroize(p, n);
}

int tt_ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	/* mbedtls_ct_memcmp() reads all n octets and returns 0 or non-zero alike. */
	return mbedtls_ct_memcmp(a, b, n) == 0;
}

/* Releases the backend context in c (Mbed TLS wipes it in *_free) and leaves c all zeros,
 * which is idle (TT_AUTH_NONE == 0). */
static void hash_wipe(struct tt_hash_ctx *c)
{
	switch (c->proto) {
	case TT_AUTH_MD5: mbedtls_md5_free(md5_of(c)); break;
	case TT_AUTH_SHA1: mbedtls_sha1_free(sha1_of(c)); break;
	case TT_AUTH_SHA224:
	case TT_AUTH_SHA256: mbedtls_sha256_free(sha256_of(c)); break;
	case TT_AUTH_SHA384:
	case TT_AUTH_SHA512: mbedtls_sha512_free(sha512_of(c)); break;
	default: break;
	}
	tt_zeroize(c, sizeof *c);
}

int tt_hash_start(struct tt_hash_ctx *c, enum tt_auth_proto p)
{
	int rc;

	c->proto = TT_AUTH_NONE;
	switch (p) {
	case TT_AUTH_MD5:
		mbedtls_md5_init(md5_of(c));
		rc = mbedtls_md5_starts_ret(md5_of(c));
		break;
	case TT_AUTH_SHA1:
		mbedtls_sha1_init(sha1_of(c));
		rc = mbedtls_sha1_starts_ret(sha1_of(c));
		break;
	case TT_AUTH_SHA224:
	case TT_AUTH_SHA256:
		mbedtls_sha256_init(sha256_of(c));
		rc = mbedtls_sha256_starts_ret(sha256_of(c), p == TT_AUTH_SHA224);
		break;
	case TT_AUTH_SHA384:
	case TT_AUTH_SHA512:
		mbedtls_sha512_init(sha512_of(c));
		rc = mbedtls_sha512_starts_ret(sha512_of(c), p == TT_AUTH_SHA384);
		break;
	default:
		return TT_ERR_INVALID;
	}
	c->proto = (uint8_t)p;
	if (rc != 0) {
		hash_wipe(c);
		return TT_ERR_CRYPTO;
	}
	return TT_OK;
}

int tt_hash_update(struct tt_hash_ctx *c, const uint8_t *data, size_t len)
{
	int rc;

	if (len == 0)
		return c->proto == TT_AUTH_NONE ? TT_ERR_INVALID : TT_OK;
	switch (c->proto) {
	case TT_AUTH_MD5: rc = mbedtls_md5_update_ret(md5_of(c), data, len); break;
	case TT_AUTH_SHA1: rc = mbedtls_sha1_update_ret(sha1_of(c), data, len); break;
	case TT_AUTH_SHA224:
	case TT_AUTH_SHA256: rc = mbedtls_sha256_update_ret(sha256_of(c), data, len); break;
	case TT_AUTH_SHA384:
	case TT_AUTH_SHA512: rc = mbedtls_sha512_update_ret(sha512_of(c), data, len); break;
	default: return TT_ERR_INVALID;
	}
	if (rc != 0) {
		hash_wipe(c);
		return TT_ERR_CRYPTO;
	}
	return TT_OK;
}

int tt_hash_finish(struct tt_hash_ctx *c, uint8_t *out)
{
	size_t n = tt_auth_hash_len((enum tt_auth_proto)c->proto);
	int rc;

	/* mbedtls_sha256_finish_ret writes 28 octets for SHA-224, mbedtls_sha512_finish_ret 48
	 * for SHA-384, so out needs only the digest length. */
	switch (c->proto) {
	case TT_AUTH_MD5: rc = mbedtls_md5_finish_ret(md5_of(c), out); break;
	case TT_AUTH_SHA1: rc = mbedtls_sha1_finish_ret(sha1_of(c), out); break;
	case TT_AUTH_SHA224:
	case TT_AUTH_SHA256: rc = mbedtls_sha256_finish_ret(sha256_of(c), out); break;
	case TT_AUTH_SHA384:
	case TT_AUTH_SHA512: rc = mbedtls_sha512_finish_ret(sha512_of(c), out); break;
	default: return TT_ERR_INVALID;
	}
	hash_wipe(c);
	return rc != 0 ? TT_ERR_CRYPTO : (int)n;
}

int tt_hash_clone(struct tt_hash_ctx *dst, const struct tt_hash_ctx *src)
{
	const void *from = src->u.bytes;

	switch (src->proto) {
	case TT_AUTH_MD5:
		mbedtls_md5_init(md5_of(dst));
		mbedtls_md5_clone(md5_of(dst), (const mbedtls_md5_context *)from);
		break;
	case TT_AUTH_SHA1:
		mbedtls_sha1_init(sha1_of(dst));
		mbedtls_sha1_clone(sha1_of(dst), (const mbedtls_sha1_context *)from);
		break;
	case TT_AUTH_SHA224:
	case TT_AUTH_SHA256:
		mbedtls_sha256_init(sha256_of(dst));
		mbedtls_sha256_clone(sha256_of(dst), (const mbedtls_sha256_context *)from);
		break;
	case TT_AUTH_SHA384:
	case TT_AUTH_SHA512:
		mbedtls_sha512_init(sha512_of(dst));
		mbedtls_sha512_clone(sha512_of(dst), (const mbedtls_sha512_context *)from);
		break;
	default:
		return TT_ERR_INVALID;
	}
	dst->proto = src->proto;
	return TT_OK;
}

/* ---- HMAC (RFC 2104) ------------------------------------------------------------------- */

int tt_hmac_start(struct tt_hmac_ctx *h, enum tt_auth_proto p, const uint8_t *key,
                  size_t keylen)
{
	uint8_t k0[TT_HASH_MAX_BLOCK];  /* the key, hashed if longer than a block, zero-padded */
	uint8_t pad[TT_HASH_MAX_BLOCK]; /* K0 XOR ipad, then K0 XOR opad */
	size_t block = tt_auth_block_len(p);
	size_t i;
	int rc;

	memset(h, 0, sizeof *h);
	memset(k0, 0, sizeof k0);
	if (block == 0) {
		rc = TT_ERR_INVALID;
		goto out;
	}
	/* RFC 2104 §2: "Applications that use keys longer than B bytes will first hash the key
	 * using H and then use the resultant L byte string as the actual key to HMAC." */
	if (keylen > block) {
		rc = tt_hash_start(&h->inner, p);
		if (rc == TT_OK)
			rc = tt_hash_update(&h->inner, key, keylen);
		if (rc == TT_OK)
			rc = tt_hash_finish(&h->inner, k0);
		if (rc < 0)
			goto out;
	} else if (keylen > 0) {
		memcpy(k0, key, keylen);
	}
	/* RFC 2104 §2 steps (1)-(2): K XOR ipad (0x36), the first block of the inner hash. */
	for (i = 0; i < block; i++)
		pad[i] = (uint8_t)(k0[i] ^ 0x36);
	rc = tt_hash_start(&h->inner, p);
	if (rc == TT_OK)
		rc = tt_hash_update(&h->inner, pad, block);
	if (rc < 0)
		goto out;
	/* Step (5): K XOR opad (0x5c), the first block of the outer hash. */
	for (i = 0; i < block; i++)
		pad[i] = (uint8_t)(k0[i] ^ 0x5c);
	rc = tt_hash_start(&h->outer, p);
	if (rc == TT_OK)
		rc = tt_hash_update(&h->outer, pad, block);
out:
	tt_zeroize(k0, sizeof k0);
	tt_zeroize(pad, sizeof pad);
	if (rc < 0) {
		hash_wipe(&h->inner);
		hash_wipe(&h->outer);
	}
	return rc < 0 ? rc : TT_OK;
}

int tt_hmac_update(struct tt_hmac_ctx *h, const uint8_t *data, size_t len)
{
	int rc = tt_hash_update(&h->inner, data, len);

	if (rc < 0) {
		hash_wipe(&h->inner);
		hash_wipe(&h->outer);
	}
	return rc;
}

int tt_hmac_finish(struct tt_hmac_ctx *h, uint8_t *out)
{
	uint8_t ih[TT_HASH_MAX_LEN]; /* the inner digest H(K XOR ipad, text) */
	int n;
	int rc;

	/* RFC 2104 §2 steps (4), (6), (7): H(K XOR opad, H(K XOR ipad, text)). tt_hash_finish
	 * wipes its context on every path, tt_hash_update on its errors. */
	n = tt_hash_finish(&h->inner, ih);
	if (n < 0) {
		hash_wipe(&h->outer);
		return n;
	}
	rc = tt_hash_update(&h->outer, ih, (size_t)n);
	if (rc == TT_OK)
		rc = tt_hash_finish(&h->outer, out);
	tt_zeroize(ih, sizeof ih);
	return rc;
}

int tt_hmac_clone(struct tt_hmac_ctx *dst, const struct tt_hmac_ctx *src)
{
	int rc = tt_hash_clone(&dst->inner, &src->inner);

	if (rc == TT_OK)
		rc = tt_hash_clone(&dst->outer, &src->outer);
	if (rc < 0)
		tt_zeroize(dst, sizeof *dst);
	return rc;
}

int tt_hmac(enum tt_auth_proto p, const uint8_t *key, size_t keylen, const uint8_t *msg,
            size_t msglen, uint8_t *out)
{
	struct tt_hmac_ctx h;
	int rc;

	rc = tt_hmac_start(&h, p, key, keylen);
	if (rc == TT_OK)
		rc = tt_hmac_update(&h, msg, msglen);
	if (rc == TT_OK)
		rc = tt_hmac_finish(&h, out);
	tt_zeroize(&h, sizeof h);
	return rc;
}

int tt_hmac_zeroed_keyed(const struct tt_hmac_ctx *keyed, const uint8_t *msg, size_t msglen,
                         size_t zoff, size_t zlen, uint8_t *out)
{
	static const uint8_t zeros[TT_HASH_MAX_LEN];
	struct tt_hmac_ctx h;
	int rc;

	/* Checked without adding to pointers or offsets first, so no overflow hides an overrun. */
	if (zoff > msglen || zlen > msglen - zoff || zlen > sizeof zeros)
		return TT_ERR_INVALID;
	/* RFC 3414 §6.3.2 / §7.3.2: the MAC over the whole message with the
	 * msgAuthenticationParameters octets replaced by zeros. */
	rc = tt_hmac_clone(&h, keyed);
	if (rc == TT_OK)
		rc = tt_hmac_update(&h, msg, zoff);
	if (rc == TT_OK)
		rc = tt_hmac_update(&h, zeros, zlen);
	if (rc == TT_OK && msglen - zoff - zlen > 0)
		rc = tt_hmac_update(&h, msg + zoff + zlen, msglen - zoff - zlen);
	if (rc == TT_OK)
		rc = tt_hmac_finish(&h, out); /* wipes h; so do the errors of the calls above */
	return rc;
}

int tt_hmac_zeroed(enum tt_auth_proto p, const uint8_t *key, size_t keylen, const uint8_t *msg,
                   size_t msglen, size_t zoff, size_t zlen, uint8_t *out)
{
	struct tt_hmac_ctx h;
	int rc = tt_hmac_start(&h, p, key, keylen);

	if (rc == TT_OK)
		rc = tt_hmac_zeroed_keyed(&h, msg, msglen, zoff, zlen, out);
	tt_zeroize(&h, sizeof h);
	return rc;
}

/* ---- ciphers ------------------------------------------------------------------------------ */

/* The opaque cipher storage must hold each Mbed TLS cipher context, aligned. */
TT_STATIC_ASSERT(sizeof(mbedtls_des_context) <= TT_CIPHER_CTX_BYTES, des_ctx_fits);
TT_STATIC_ASSERT(sizeof(mbedtls_des3_context) <= TT_CIPHER_CTX_BYTES, des3_ctx_fits);
TT_STATIC_ASSERT(sizeof(mbedtls_aes_context) <= TT_CIPHER_CTX_BYTES, aes_ctx_fits);
struct tt_align_cipher { char c; struct tt_cipher_ctx x; };
struct tt_align_des { char c; mbedtls_des_context x; };
struct tt_align_des3 { char c; mbedtls_des3_context x; };
struct tt_align_aes { char c; mbedtls_aes_context x; };
TT_STATIC_ASSERT(offsetof(struct tt_align_des, x) <= offsetof(struct tt_align_cipher, x),
                 des_ctx_aligned);
TT_STATIC_ASSERT(offsetof(struct tt_align_des3, x) <= offsetof(struct tt_align_cipher, x),
                 des3_ctx_aligned);
TT_STATIC_ASSERT(offsetof(struct tt_align_aes, x) <= offsetof(struct tt_align_cipher, x),
                 aes_ctx_aligned);
TT_STATIC_ASSERT(offsetof(struct tt_cipher_ctx, u) == 0, cipher_storage_first);

/* Mbed TLS's cipher functions take a non-const context but only read it while they run. */
static mbedtls_des_context *des_of(const struct tt_cipher_ctx *c)
{
	return (mbedtls_des_context *)(void *)(uintptr_t)c->u.bytes;
}
static mbedtls_des3_context *des3_of(const struct tt_cipher_ctx *c)
{
	return (mbedtls_des3_context *)(void *)(uintptr_t)c->u.bytes;
}
static mbedtls_aes_context *aes_of(const struct tt_cipher_ctx *c)
{
	return (mbedtls_aes_context *)(void *)(uintptr_t)c->u.bytes;
}

void tt_cipher_wipe(struct tt_cipher_ctx *c)
{
	/* each *_free wipes its round keys */
	switch (c->cipher) {
	case TT_CIPHER_DES_CBC: mbedtls_des_free(des_of(c)); break;
	case TT_CIPHER_DES3_CBC: mbedtls_des3_free(des3_of(c)); break;
	case TT_CIPHER_AES_CFB: mbedtls_aes_free(aes_of(c)); break;
	default: break;
	}
	c->cipher = TT_CIPHER_NONE;
}

int tt_cipher_start(struct tt_cipher_ctx *c, enum tt_cipher cipher, const uint8_t *key,
                    size_t keylen, int encrypt)
{
	int rc;

	c->cipher = TT_CIPHER_NONE;
	c->encrypt = encrypt ? 1 : 0;
	switch (cipher) {
	case TT_CIPHER_DES_CBC:
		if (keylen != TT_DES_KEY_LEN)
			return TT_ERR_INVALID;
		mbedtls_des_init(des_of(c));
		rc = encrypt ? mbedtls_des_setkey_enc(des_of(c), key)
		             : mbedtls_des_setkey_dec(des_of(c), key);
		break;
	case TT_CIPHER_DES3_CBC:
		if (keylen != TT_DES3_KEY_LEN)
			return TT_ERR_INVALID;
		mbedtls_des3_init(des3_of(c));
		rc = encrypt ? mbedtls_des3_set3key_enc(des3_of(c), key)
		             : mbedtls_des3_set3key_dec(des3_of(c), key);
		break;
	case TT_CIPHER_AES_CFB:
		if (keylen != 16 && keylen != 24 && keylen != 32)
			return TT_ERR_INVALID;
		mbedtls_aes_init(aes_of(c));
		/* CFB runs the block cipher forwards in both directions (RFC 3826 §3.1.4) */
		rc = mbedtls_aes_setkey_enc(aes_of(c), key, (unsigned int)(keylen * 8));
		break;
	default:
		return TT_ERR_INVALID;
	}
	c->cipher = (uint8_t)cipher;
	if (rc != 0) {
		tt_cipher_wipe(c);
		return TT_ERR_CRYPTO;
	}
	return TT_OK;
}

int tt_cipher_run(const struct tt_cipher_ctx *c, const uint8_t *iv, uint8_t *buf, size_t len)
{
	uint8_t ivc[TT_AES_BLOCK]; /* Mbed TLS updates the IV it is given, so it gets a copy */
	size_t off = 0;
	int rc;

	switch (c->cipher) {
	case TT_CIPHER_DES_CBC:
	case TT_CIPHER_DES3_CBC:
		if (len % TT_DES_BLOCK != 0)
			return TT_ERR_VALUE;
		if (len == 0)
			return TT_OK;
		memcpy(ivc, iv, TT_DES_BLOCK);
		if (c->cipher == TT_CIPHER_DES_CBC)
			rc = mbedtls_des_crypt_cbc(des_of(c), c->encrypt ? MBEDTLS_DES_ENCRYPT
			                                                : MBEDTLS_DES_DECRYPT,
			                           len, ivc, buf, buf);
		else
			rc = mbedtls_des3_crypt_cbc(des3_of(c), c->encrypt ? MBEDTLS_DES_ENCRYPT
			                                                  : MBEDTLS_DES_DECRYPT,
			                            len, ivc, buf, buf);
		break;
	case TT_CIPHER_AES_CFB:
		if (len == 0)
			return TT_OK;
		memcpy(ivc, iv, TT_AES_BLOCK);
		rc = mbedtls_aes_crypt_cfb128(aes_of(c), c->encrypt ? MBEDTLS_AES_ENCRYPT
		                                                    : MBEDTLS_AES_DECRYPT,
		                              len, &off, ivc, buf, buf);
		break;
	default:
		return TT_ERR_INVALID;
	}
	tt_zeroize(ivc, sizeof ivc);
	return rc != 0 ? TT_ERR_CRYPTO : TT_OK;
}
