/*
 * usm_keys.c - USM key derivation and the privacy transforms (see tt_usm_keys.h).
 *
 * Password-to-key (RFC 3414 A.2, RFC 7860), localization (RFC 3414 §2.6), the privacy key
 * material of every tt_priv_proto with the Blumenthal and Reeder extensions, and the IVs of
 * DES, 3DES and AES. Portable C over tt_crypto.h: it includes no Mbed TLS header and does no
 * cryptography of its own beyond XOR-ing a pre-IV with a salt. Every function that holds key
 * material has one exit path that wipes its temporaries.
 *
 * It does not parse messages or cache keys: usm.c does both, and must derive keys once per
 * (user, engine), never per message, because password-to-key hashes a megabyte; conf_usm.c
 * keeps the Ku of recent pass phrases while a configuration is read.
 */
#include <string.h>
#include "tt_usm_keys.h"

int tt_usm_password_to_key(enum tt_auth_proto p, const uint8_t *pw, size_t pwlen,
                           uint8_t *ku)
{
	struct tt_hash_ctx c;
	/* The password repeated, so that every chunk can be hashed straight from here. */
	uint8_t rep[2 * TT_HASH_MAX_BLOCK];
	size_t chunk = tt_auth_block_len(p);
	size_t off, n, i;
	uint32_t done;
	int rc;

	if (chunk == 0)
		return TT_ERR_INVALID;
	/* RFC 3414 §11.2 asks for at least 8 characters; an empty one would loop on nothing. */
	if (pwlen < TT_PASSWORD_MIN_LEN)
		return TT_ERR_SHORT_PASSWORD;

	memset(rep, 0, sizeof rep);
	rc = tt_hash_start(&c, p);
	if (rc < 0)
		goto out;
	/* RFC 3414 A.2.1: hash the stream password[i % pwlen] for i < 1,048,576. The RFC fills
	 * one 64-octet buffer per step; only the stream matters to the hash, so any chunking
	 * gives the same Ku. A chunk here is one hash block, which Mbed TLS compresses straight
	 * from the input without copying; 2^20 is a multiple of both block sizes. */
	if (pwlen <= chunk) {
		/* Chunk k starts at stream offset k * chunk, i.e. password offset off < pwlen, and
		 * rep[off .. off + chunk - 1] holds exactly those octets. */
		for (i = 0; i < chunk + pwlen; i++)
			rep[i] = pw[i % pwlen];
		off = 0;
		for (done = 0; done < TT_USM_P2K_OCTETS; done += (uint32_t)chunk) {
			rc = tt_hash_update(&c, rep + off, chunk);
			if (rc < 0)
				goto out;
			off = (off + chunk) % pwlen;
		}
	} else {
		/* A password longer than a block is hashed from where it lies, a piece up to its
		 * end at a time. */
		off = 0;
		for (done = 0; done < TT_USM_P2K_OCTETS; done += (uint32_t)n) {
			n = pwlen - off;
			if (n > TT_USM_P2K_OCTETS - done)
				n = (size_t)(TT_USM_P2K_OCTETS - done);
			rc = tt_hash_update(&c, pw + off, n);
			if (rc < 0)
				goto out;
			off += n;
			if (off == pwlen)
				off = 0;
		}
	}
	rc = tt_hash_finish(&c, ku);
out:
	tt_zeroize(rep, sizeof rep);
	tt_zeroize(&c, sizeof c);
	return rc;
}

int tt_usm_localize_key(enum tt_auth_proto p, const uint8_t *ku, const uint8_t *engine_id,
                        size_t engine_id_len, uint8_t *kul)
{
	struct tt_hash_ctx c;
	size_t n = tt_auth_hash_len(p);
	int rc;

	if (n == 0 || engine_id_len > TT_ENGINE_ID_MAX)
		return TT_ERR_INVALID;
	/* RFC 3414 §2.6: Kul = H(Ku || snmpEngineID || Ku), hashed in three pieces rather than
	 * concatenated first. kul may be ku: it is written only by the final step. */
	rc = tt_hash_start(&c, p);
	if (rc == TT_OK)
		rc = tt_hash_update(&c, ku, n);
	if (rc == TT_OK)
		rc = tt_hash_update(&c, engine_id, engine_id_len);
	if (rc == TT_OK)
		rc = tt_hash_update(&c, ku, n);
	if (rc == TT_OK)
		rc = tt_hash_finish(&c, kul);
	tt_zeroize(&c, sizeof c);
	return rc;
}

int tt_usm_auth_key(enum tt_auth_proto p, const uint8_t *pw, size_t pwlen,
                    const uint8_t *engine_id, size_t engine_id_len, uint8_t *kul)
{
	uint8_t ku[TT_HASH_MAX_LEN];
	int rc;

	/* Checked first so that a long engine ID is refused before a megabyte is hashed. */
	if (engine_id_len > TT_ENGINE_ID_MAX)
		return TT_ERR_INVALID;
	rc = tt_usm_password_to_key(p, pw, pwlen, ku);
	if (rc >= 0)
		rc = tt_usm_localize_key(p, ku, engine_id, engine_id_len, kul);
	tt_zeroize(ku, sizeof ku);
	return rc;
}

/* Writes the next extension block for K = k[0 .. have-1] to blk (the hash length of ap):
 * Blumenthal H(K), or Reeder Kul(P2K(K), engineID). Returns the block length or an error. */
static int extension_block(enum tt_auth_proto ap, enum tt_priv_proto pp, const uint8_t *k,
                           size_t have, const uint8_t *engine_id, size_t engine_id_len,
                           uint8_t *blk)
{
	struct tt_hash_ctx c;
	int rc;

	switch (pp) {
	case TT_PRIV_AES192:
	case TT_PRIV_AES256:
		/* draft-blumenthal-aes-usm-04 §3.1.2.1: Kul = Kul || H(Kul), the hash over
		 * the whole key so far (as Net-SNMP _kul_extend_blumenthal and pysnmp do). */
		rc = tt_hash_start(&c, ap);
		if (rc == TT_OK)
			rc = tt_hash_update(&c, k, have);
		if (rc == TT_OK)
			rc = tt_hash_finish(&c, blk);
		tt_zeroize(&c, sizeof c);
		return rc;
	case TT_PRIV_3DES:
	case TT_PRIV_AES192_C:
	case TT_PRIV_AES256_C:
		/* draft-reeder-snmpv3-usm-3desede-00 §2.1: the key so far is taken as a password,
		 * turned into a key and localized, and the result appended. Net-SNMP
		 * (_kul_extend_reeder) passes all have octets of K as the password; in every case
		 * tinytrap supports one step suffices, so K is then exactly Kul. The result is
		 * the full localized key (tt_usm_auth_key() writes it straight to blk). */
		return tt_usm_auth_key(ap, k, have, engine_id, engine_id_len, blk);
	default:
		return TT_ERR_INVALID;
	}
}

int tt_usm_priv_key_from_kul(enum tt_auth_proto ap, enum tt_priv_proto pp, const uint8_t *kul,
                             const uint8_t *engine_id, size_t engine_id_len, uint8_t *key)
{
	/* K as it grows: Kul (up to 64 octets), and never more than need octets once extended. */
	uint8_t k[TT_HASH_MAX_LEN + TT_PRIV_KEY_MAX];
	uint8_t blk[TT_HASH_MAX_LEN];
	size_t hlen = tt_auth_hash_len(ap);
	size_t need = tt_priv_key_len(pp);
	size_t have, n;
	int rc;

	if (hlen == 0 || need == 0 || engine_id_len > TT_ENGINE_ID_MAX)
		return TT_ERR_INVALID;
	memcpy(k, kul, hlen);
	have = hlen;
	rc = TT_OK;
	/* DES and AES-128 need 16 octets, which every hash gives: the loop only runs for the
	 * extended keys, and only while Kul is short (MD5, SHA-1, and SHA-224 for 32 octets). */
	while (have < need) {
		rc = extension_block(ap, pp, k, have, engine_id, engine_id_len, blk);
		if (rc < 0)
			goto out;
		n = need - have;
		if (n > (size_t)rc)
			n = (size_t)rc;
		memcpy(k + have, blk, n);
		have += n;
	}
	/* RFC 3414 §8.1.1.1 (DES key || pre-IV), RFC 3826 §3.1.2.1 (AES key), the drafts: the
	 * first need octets. */
	memcpy(key, k, need);
	rc = (int)need;
out:
	tt_zeroize(k, sizeof k);
	tt_zeroize(blk, sizeof blk);
	return rc;
}

int tt_usm_priv_key(enum tt_auth_proto ap, enum tt_priv_proto pp, const uint8_t *pw,
                    size_t pwlen, const uint8_t *engine_id, size_t engine_id_len,
                    uint8_t *key)
{
	uint8_t kul[TT_HASH_MAX_LEN];
	int rc;

	if (tt_priv_key_len(pp) == 0)
		return TT_ERR_INVALID;
	/* RFC 3414 §2.6, §8.1.1.1 / RFC 3826 §3.1.2.1: the privacy key is localized like the
	 * authentication key, with the authentication protocol's hash. */
	rc = tt_usm_auth_key(ap, pw, pwlen, engine_id, engine_id_len, kul);
	if (rc >= 0)
		rc = tt_usm_priv_key_from_kul(ap, pp, kul, engine_id, engine_id_len, key);
	tt_zeroize(kul, sizeof kul);
	return rc;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

int tt_usm_cipher_start(struct tt_cipher_ctx *c, enum tt_priv_proto pp, const uint8_t *key,
                        int encrypt)
{
	switch (pp) {
	case TT_PRIV_DES:
		return tt_cipher_start(c, TT_CIPHER_DES_CBC, key, TT_DES_KEY_LEN, encrypt);
	case TT_PRIV_3DES:
		return tt_cipher_start(c, TT_CIPHER_DES3_CBC, key, TT_DES3_KEY_LEN, encrypt);
	case TT_PRIV_AES128:
	case TT_PRIV_AES192:
	case TT_PRIV_AES256:
	case TT_PRIV_AES192_C:
	case TT_PRIV_AES256_C:
		return tt_cipher_start(c, TT_CIPHER_AES_CFB, key, tt_priv_key_len(pp), encrypt);
	default:
		c->cipher = TT_CIPHER_NONE;
		return TT_ERR_INVALID;
	}
}

int tt_usm_crypt_keyed(const struct tt_cipher_ctx *c, enum tt_priv_proto pp,
                       const uint8_t *key, uint32_t engine_boots, uint32_t engine_time,
                       const uint8_t *salt, uint8_t *buf, size_t len)
{
	uint8_t iv[TT_AES_BLOCK];
	const uint8_t *pre_iv;
	size_t i;
	int rc;

	switch (pp) {
	case TT_PRIV_DES:
	case TT_PRIV_3DES:
		/* IV = pre-IV XOR salt, the pre-IV being the last 8 octets of the key material:
		 * key[8..15] for DES (RFC 3414 §8.1.1.1), K[24..31] for 3DES
		 * (draft-reeder-snmpv3-usm-3desede-00). */
		pre_iv = key + tt_priv_key_len(pp) - TT_DES_BLOCK;
		for (i = 0; i < TT_DES_BLOCK; i++)
			iv[i] = (uint8_t)(pre_iv[i] ^ salt[i]);
		break;
	case TT_PRIV_AES128:
	case TT_PRIV_AES192:
	case TT_PRIV_AES256:
	case TT_PRIV_AES192_C:
	case TT_PRIV_AES256_C:
		/* RFC 3826 §3.1.2.1: IV = engineBoots || engineTime (each 32 bits, big-endian,
		 * from the message) || salt; the same for the 192/256-bit drafts. */
		put_be32(iv, engine_boots);
		put_be32(iv + 4, engine_time);
		memcpy(iv + 8, salt, TT_USM_SALT_LEN);
		break;
	default:
		return TT_ERR_INVALID;
	}
	rc = tt_cipher_run(c, iv, buf, len);
	tt_zeroize(iv, sizeof iv);
	return rc;
}

static int usm_cipher(enum tt_priv_proto pp, const uint8_t *key, uint32_t engine_boots,
                      uint32_t engine_time, const uint8_t *salt, uint8_t *buf, size_t len,
                      int encrypt)
{
	struct tt_cipher_ctx c;
	int rc;

	/* a CBC length error is found before a key schedule is made */
	if ((pp == TT_PRIV_DES || pp == TT_PRIV_3DES) && len % TT_DES_BLOCK != 0)
		return TT_ERR_VALUE;
	rc = tt_usm_cipher_start(&c, pp, key, encrypt);
	if (rc < 0)
		return rc;
	rc = tt_usm_crypt_keyed(&c, pp, key, engine_boots, engine_time, salt, buf, len);
	tt_cipher_wipe(&c);
	return rc;
}

int tt_usm_decrypt(enum tt_priv_proto pp, const uint8_t *key, uint32_t engine_boots,
                   uint32_t engine_time, const uint8_t *salt, uint8_t *buf, size_t len)
{
	return usm_cipher(pp, key, engine_boots, engine_time, salt, buf, len, 0);
}

int tt_usm_encrypt(enum tt_priv_proto pp, const uint8_t *key, uint32_t engine_boots,
                   uint32_t engine_time, const uint8_t *salt, uint8_t *buf, size_t len)
{
	return usm_cipher(pp, key, engine_boots, engine_time, salt, buf, len, 1);
}
