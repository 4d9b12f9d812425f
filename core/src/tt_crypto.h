/*
 * tt_crypto.h - the core's one interface to cryptography: the USM hash functions, HMAC
 * (RFC 2104) over them, a constant-time compare, and the USM ciphers (DES-CBC, 3DES-EDE-CBC,
 * AES-CFB128), each over a caller buffer, in place.
 *
 * One implementation exists: crypto_mbedtls.c, over Mbed TLS 2.28's low-level, non-allocating
 * calls. It is the only core file that includes Mbed TLS; this header does not, so a later
 * Mbed TLS 3.6 or PSA backend is one file. The hash context is therefore opaque storage here,
 * sized by TT_HASH_CTX_BYTES; crypto_mbedtls.c checks at compile time that every Mbed TLS hash
 * context fits and is suitably aligned.
 *
 * Nothing here allocates, reads a clock or draws random numbers. It does not know USM messages
 * or keys: tt_usm_keys.h derives keys (RFC 3414 A.2, §2.6; RFC 7860; the AES-192/256 and 3DES
 * drafts) and forms the privacy IVs; usm.c finds the fields in a message.
 */
#ifndef TT_CRYPTO_H
#define TT_CRYPTO_H

#include <stddef.h>
#include <stdint.h>
#include "tinytrap/tt_usm.h"
#include "tinytrap/tt_types.h"

/* The protocol enums (enum tt_auth_proto, enum tt_priv_proto) are public: tt_usm.h. The
 * errors TT_ERR_SHORT_PASSWORD and TT_ERR_CRYPTO are in enum tt_err (tt_types.h). */

/* Size limits, for callers' buffers. */
#define TT_HASH_MAX_LEN 64   /* longest digest: SHA-512 */
#define TT_HASH_MAX_BLOCK 128 /* largest hash block: SHA-384/512 (FIPS 180-4) */
#define TT_MAC_MAX_LEN 48    /* longest truncated MAC: usmHMAC384SHA512AuthProtocol */
#define TT_DES_KEY_LEN 8
#define TT_DES3_KEY_LEN 24
#define TT_DES_BLOCK 8       /* also the length of a DES/3DES IV */
#define TT_AES_BLOCK 16      /* also the length of an AES-CFB IV */

/* Bytes of opaque storage for one hash context: Mbed TLS 2.28's largest, mbedtls_sha512_context,
 * is 216 on 32- and 64-bit targets. A backend with larger contexts (hardware _ALT
 * implementations) defines a larger value; crypto_mbedtls.c refuses to compile if it is short. */
#ifndef TT_HASH_CTX_BYTES
#define TT_HASH_CTX_BYTES 216
#endif

/* A running hash of one enum tt_auth_proto; its contents belong to the backend. */
struct tt_hash_ctx {
	union {
		uint64_t align_u64; /* aligns the storage for the backend's 64-bit words */
		void *align_ptr;    /* ... and for any pointer it keeps */
		uint8_t bytes[TT_HASH_CTX_BYTES]; /* the backend's context */
	} u;
	uint8_t proto; /* the enum tt_auth_proto it was started with; TT_AUTH_NONE when idle */
};

/* Bytes of opaque storage for one cipher key schedule: Mbed TLS 2.28's largest,
 * mbedtls_des3_context, is 384 (mbedtls_aes_context 280 on 32-bit, 288 on 64-bit targets).
 * crypto_mbedtls.c refuses to compile if it is short. */
#ifndef TT_CIPHER_CTX_BYTES
#define TT_CIPHER_CTX_BYTES 384
#endif

/* The three USM block-cipher modes (the key length picks AES-128/192/256). */
enum tt_cipher {
	TT_CIPHER_NONE = 0,
	TT_CIPHER_DES_CBC,  /* RFC 3414 §8 */
	TT_CIPHER_DES3_CBC, /* draft-reeder-snmpv3-usm-3desede-00, keying option 1 */
	TT_CIPHER_AES_CFB   /* RFC 3826 and the AES-192/256 drafts */
};

/* A cipher with its key schedule made, for one direction: kept and reused so that a key's
 * schedule is expanded once per key rather than once per message. It holds no IV: each call of
 * tt_cipher_run() gets its own. It must not be copied or moved while in use (the backend's
 * AES context points into itself). */
struct tt_cipher_ctx {
	union {
		uint64_t align_u64;
		void *align_ptr;
		uint8_t bytes[TT_CIPHER_CTX_BYTES]; /* the backend's context */
	} u;
	uint8_t cipher;  /* enum tt_cipher; TT_CIPHER_NONE when idle */
	uint8_t encrypt; /* 1: encrypts, 0: decrypts */
};

/* A running HMAC: the inner hash already holds K XOR ipad, the outer one K XOR opad
 * (RFC 2104 §2). A started context may be kept and copied with tt_hmac_clone() so that a key's
 * two pad blocks are hashed once rather than per message. */
struct tt_hmac_ctx {
	struct tt_hash_ctx inner; /* H(K XOR ipad || message ...) */
	struct tt_hash_ctx outer; /* H(K XOR opad ...), finished over the inner digest */
};

/* Returns the digest length of protocol p in octets (MD5 16, SHA-1 20, SHA-224 28,
 * SHA-256 32, SHA-384 48, SHA-512 64), or 0 for TT_AUTH_NONE and unknown values. */
size_t tt_auth_hash_len(enum tt_auth_proto p);

/* Returns the block length of p's hash in octets, the HMAC pad length (RFC 2104 §2): 64 for
 * MD5, SHA-1, SHA-224 and SHA-256, 128 for SHA-384 and SHA-512; 0 for TT_AUTH_NONE and unknown
 * values. */
size_t tt_auth_block_len(enum tt_auth_proto p);

/* Returns the length of p's MAC on the wire, the truncated HMAC, in octets: 12 for MD5 and
 * SHA-1 (RFC 3414 §6.3.1, §7.3.1), 16/24/32/48 for SHA-224/256/384/512 (RFC 7860),
 * or 0 for TT_AUTH_NONE and unknown values. */
size_t tt_auth_mac_len(enum tt_auth_proto p);

/* Returns the length of p's privacy key material in octets: DES 16 (key 8 + pre-IV 8,
 * RFC 3414 §8.1.1.1), 3DES 32 (key 24 + pre-IV 8, draft-reeder-snmpv3-usm-3desede-00),
 * AES 16/24/32 (RFC 3826 §3.1.2.1 and the drafts); 0 for TT_PRIV_NONE and unknown values. */
size_t tt_priv_key_len(enum tt_priv_proto p);

/* Overwrites n octets at p with zeros in a way the compiler may not remove
 * (mbedtls_platform_zeroize). Every buffer that held a key, a password or a hash state
 * derived from one is wiped with it before it goes out of scope. */
void tt_zeroize(void *p, size_t n);

/* Returns 1 when the n octets at a and b are equal, else 0, taking the same time for every
 * content of a and b (for MAC checks, RFC 3414 §6.3.2, §7.3.2; timing must not reveal how many
 * leading octets of a forged MAC were right). */
int tt_ct_equal(const uint8_t *a, const uint8_t *b, size_t n);

/* Starts a hash of protocol p in c. Returns TT_OK, or TT_ERR_INVALID for TT_AUTH_NONE or an
 * unknown p (c is then idle). */
int tt_hash_start(struct tt_hash_ctx *c, enum tt_auth_proto p);

/* Adds len octets at data to the hash in c. Returns TT_OK, TT_ERR_INVALID when c is idle, or
 * TT_ERR_CRYPTO; after an error c is wiped and idle. */
int tt_hash_update(struct tt_hash_ctx *c, const uint8_t *data, size_t len);

/* Writes the digest, tt_auth_hash_len(c->proto) octets, to out and wipes c, which is then idle.
 * Returns the digest length, or TT_ERR_INVALID when c is idle, or TT_ERR_CRYPTO (c is wiped on
 * every path). A hash abandoned before its finish must be wiped with tt_zeroize(). */
int tt_hash_finish(struct tt_hash_ctx *c, uint8_t *out);

/* Copies the running hash src into dst (both independent afterwards). Returns TT_OK, or
 * TT_ERR_INVALID when src is idle. */
int tt_hash_clone(struct tt_hash_ctx *dst, const struct tt_hash_ctx *src);

/* Starts HMAC-p (RFC 2104) keyed with keylen octets at key in h: a key longer than the hash
 * block (64 octets, 128 for SHA-384/512) is hashed first, a shorter one is padded with zeros.
 * Returns TT_OK, TT_ERR_INVALID for TT_AUTH_NONE or an unknown p, or TT_ERR_CRYPTO; on an
 * error h is wiped. */
int tt_hmac_start(struct tt_hmac_ctx *h, enum tt_auth_proto p, const uint8_t *key,
                  size_t keylen);

/* Adds len octets at data to the message authenticated by h. Returns TT_OK or a negative
 * tt_err; after an error h is wiped. */
int tt_hmac_update(struct tt_hmac_ctx *h, const uint8_t *data, size_t len);

/* Writes the full, untruncated HMAC, tt_auth_hash_len() octets, to out and wipes h. Returns
 * the HMAC length or a negative tt_err (h is wiped on every path). */
int tt_hmac_finish(struct tt_hmac_ctx *h, uint8_t *out);

/* Copies the running HMAC src into dst, for instance a keyed state kept per localized key.
 * Returns TT_OK, or TT_ERR_INVALID when src is not started. */
int tt_hmac_clone(struct tt_hmac_ctx *dst, const struct tt_hmac_ctx *src);

/* Computes HMAC-p over msglen octets at msg with keylen octets at key and writes the full
 * HMAC (tt_auth_hash_len(p) octets) to out; the caller truncates to tt_auth_mac_len(p).
 * Returns the HMAC length, or TT_ERR_INVALID, or TT_ERR_CRYPTO. */
int tt_hmac(enum tt_auth_proto p, const uint8_t *key, size_t keylen, const uint8_t *msg,
            size_t msglen, uint8_t *out);

/* Like tt_hmac(), but the zlen octets at msg + zoff count as zeros whatever they hold: the
 * USM MAC over a whole message whose msgAuthenticationParameters are "replaced by zeros"
 * (RFC 3414 §6.3.2, §7.3.2; RFC 7860), computed without writing to the
 * datagram. Returns the HMAC length, or TT_ERR_INVALID (also when the zeroed span does not
 * lie inside the message or is longer than TT_HASH_MAX_LEN), or TT_ERR_CRYPTO. */
int tt_hmac_zeroed(enum tt_auth_proto p, const uint8_t *key, size_t keylen, const uint8_t *msg,
                   size_t msglen, size_t zoff, size_t zlen, uint8_t *out);

/* Like tt_hmac_zeroed(), from a keyed state made by tt_hmac_start() (left unchanged), so
 * that the two pad blocks of a key are hashed once per key rather than once per message. */
int tt_hmac_zeroed_keyed(const struct tt_hmac_ctx *keyed, const uint8_t *msg, size_t msglen,
                         size_t zoff, size_t zlen, uint8_t *out);

/* Expands the key schedule of cipher for one direction (encrypt 1 or 0) into c: key is 8
 * octets for DES (the parity bits are ignored), 24 (K1||K2||K3) for 3DES, keylen 16, 24 or 32
 * for AES (whose CFB mode uses the encryption schedule both ways, RFC 3826 §3.1.4). Returns
 * TT_OK, TT_ERR_INVALID (cipher or keylen), or TT_ERR_CRYPTO; c is idle after an error. */
int tt_cipher_start(struct tt_cipher_ctx *c, enum tt_cipher cipher, const uint8_t *key,
                    size_t keylen, int encrypt);

/* Runs c over len octets at buf in place with the iv (8 octets for DES and 3DES, 16 for AES;
 * not modified); c is left unchanged, ready for the next message. CBC needs len to be a
 * multiple of 8 (else TT_ERR_VALUE: RFC 3414 §8.1.1.3, §8.3.2, a decryption error); CFB takes
 * any len. Returns TT_OK, TT_ERR_VALUE, TT_ERR_INVALID (c idle) or TT_ERR_CRYPTO. */
int tt_cipher_run(const struct tt_cipher_ctx *c, const uint8_t *iv, uint8_t *buf, size_t len);

/* Wipes the key schedule in c, which is then idle. */
void tt_cipher_wipe(struct tt_cipher_ctx *c);

#endif /* TT_CRYPTO_H */
