/*
 * tt_usm_keys.h - USM keys: password to key (RFC 3414 A.2, RFC 7860), key localization
 * (RFC 3414 §2.6), privacy keys for every tt_priv_proto with the AES-192/256 and 3DES key
 * extensions, and the privacy transforms that use them (IV formation, RFC 3414 §8.1.1.1,
 * RFC 3826 §3.1.2.1, draft-reeder-snmpv3-usm-3desede-00).
 *
 * Portable C over tt_crypto.h; no Mbed TLS here. Nothing allocates: password-to-key hashes
 * its 1,048,576 octets from a small stack buffer. That megabyte of hashing is why callers
 * keep keys and never derive them per message: run tt_usm_password_to_key() once per user
 * and password and keep Ku; tt_usm_localize_key() (one short hash) and
 * tt_usm_priv_key_from_kul() then give each (user, engine) its keys. The Reeder extension
 * (AES-192-C/256-C and 3DES when Kul is shorter than the key: MD5, SHA-1, SHA-224) runs
 * password-to-key again over the localized key, so it costs a megabyte per (user, engine).
 *
 * Privacy keys are derived with the hash of the user's AUTH protocol, from the privacy
 * password (RFC 3414 §2.6, §8.1.1.1; RFC 3826 §3.1.2.1). The AES-192/256 key extension is not
 * visible on the wire and is a per-user choice: TT_PRIV_AES192/256 extend the Blumenthal way
 * (draft-blumenthal-aes-usm-04 §3.1.2.1; Net-SNMP "AES-192"/"AES-256"),
 * TT_PRIV_AES192_C/256_C and TT_PRIV_3DES the Reeder way (draft-reeder-snmpv3-usm-3desede-00
 * §2.1; Net-SNMP "AES-192-C"/"AES-256-C", Cisco). Where the localized key is already long
 * enough (SHA-256 and up for AES-256) both give its first octets.
 *
 * It does not find fields in messages, check times or pick salts: usm.c does.
 */
#ifndef TT_USM_KEYS_H
#define TT_USM_KEYS_H

#include <stddef.h>
#include <stdint.h>
#include "tt_crypto.h"

/* The shortest password accepted (RFC 3414 §11.2; Net-SNMP refuses shorter ones too). */
#define TT_PASSWORD_MIN_LEN 8
/* The octets of repeated password hashed by password-to-key (RFC 3414 A.2.1: 1 Mbyte). */
#define TT_USM_P2K_OCTETS 1048576UL
/* The length of msgPrivacyParameters, the salt (RFC 3414 §8.1.1.1, RFC 3826 §3.1.2.1). */
#define TT_USM_SALT_LEN 8

/* Turns the pwlen-octet password pw into the user's key Ku for auth protocol p and writes it,
 * tt_auth_hash_len(p) octets, to ku: the hash of 1,048,576 octets of the password repeated
 * (RFC 3414 A.2.1 MD5, A.2.2 SHA-1; RFC 7860 the same with SHA-2). Returns the key
 * length, TT_ERR_SHORT_PASSWORD for a password of fewer than 8 octets (also an empty one),
 * TT_ERR_INVALID for TT_AUTH_NONE or an unknown p, or TT_ERR_CRYPTO. */
int tt_usm_password_to_key(enum tt_auth_proto p, const uint8_t *pw, size_t pwlen,
                           uint8_t *ku);

/* Localizes the key ku (tt_auth_hash_len(p) octets) to the engine_id_len-octet engine ID
 * (0..32 octets): Kul = H(Ku || engineID || Ku) (RFC 3414 §2.6, A.2), written to kul, which
 * may be ku itself. Returns the key length, TT_ERR_INVALID (bad p, engine ID over 32 octets),
 * or TT_ERR_CRYPTO. */
int tt_usm_localize_key(enum tt_auth_proto p, const uint8_t *ku, const uint8_t *engine_id,
                        size_t engine_id_len, uint8_t *kul);

/* Derives the localized authentication key (the whole Kul is the HMAC key, RFC 3414 §6.3,
 * §7.3, RFC 7860) from the password and the authoritative engine ID and writes it,
 * tt_auth_hash_len(p) octets, to kul. Returns the key length or an error as
 * tt_usm_password_to_key() and tt_usm_localize_key(). */
int tt_usm_auth_key(enum tt_auth_proto p, const uint8_t *pw, size_t pwlen,
                    const uint8_t *engine_id, size_t engine_id_len, uint8_t *kul);

/* Derives the privacy key material of protocol pp from kul, the privacy password's key
 * localized with the hash of auth protocol ap, and writes tt_priv_key_len(pp) octets to key:
 *   DES:    key = Kul[0..7], pre-IV = Kul[8..15] (RFC 3414 §8.1.1.1);
 *   AES-128: Kul[0..15] (RFC 3826 §3.1.2.1);
 *   AES-192/256 (Blumenthal): K = Kul; while K is too short, K = K || H(K) over all of K;
 *   AES-192-C/256-C and 3DES (Reeder): K = Kul; while K is too short,
 *           K = K || Kul(P2K(K), engineID), all of K taken as the password;
 *   3DES:   key = K[0..23], pre-IV = K[24..31];
 * the engine ID (0..32 octets) is used by the Reeder extension only. Returns the key length,
 * TT_ERR_INVALID (ap TT_AUTH_NONE, pp TT_PRIV_NONE, unknown values, engine ID too long), or
 * TT_ERR_CRYPTO. */
int tt_usm_priv_key_from_kul(enum tt_auth_proto ap, enum tt_priv_proto pp, const uint8_t *kul,
                             const uint8_t *engine_id, size_t engine_id_len, uint8_t *key);

/* Derives the privacy key material of protocol pp for a user of auth protocol ap from the
 * privacy password and the authoritative engine ID (tt_usm_auth_key() with ap, then
 * tt_usm_priv_key_from_kul()) and writes tt_priv_key_len(pp) octets to key. Returns the key
 * length or an error as those two. */
int tt_usm_priv_key(enum tt_auth_proto ap, enum tt_priv_proto pp, const uint8_t *pw,
                    size_t pwlen, const uint8_t *engine_id, size_t engine_id_len,
                    uint8_t *key);

/* Decrypts the len octets of an encryptedPDU at buf in place, for protocol pp with key
 * material key (tt_priv_key_len(pp) octets, from tt_usm_priv_key), the 8-octet salt
 * (msgPrivacyParameters) and, for AES, the message's msgAuthoritativeEngineBoots and
 * msgAuthoritativeEngineTime (engine_boots, engine_time):
 *   DES/3DES: IV = pre-IV XOR salt, CBC; len must be a multiple of 8 (RFC 3414 §8.1.1.3;
 *             draft-reeder); the sender's padding stays after the ScopedPDU, whose
 *             own BER length says where it ends;
 *   AES:      IV = boots (4, big-endian) || time (4, big-endian) || salt, CFB-128, any len
 *             (RFC 3826 §3.1.2.1, §3.1.4).
 * A wrong key gives garbage, not an error: the ScopedPDU decoding must catch it. Returns TT_OK,
 * TT_ERR_VALUE (DES/3DES length not a multiple of 8), TT_ERR_INVALID (pp), or TT_ERR_CRYPTO. */
int tt_usm_decrypt(enum tt_priv_proto pp, const uint8_t *key, uint32_t engine_boots,
                   uint32_t engine_time, const uint8_t *salt, uint8_t *buf, size_t len);

/* Encrypts len octets at buf in place as tt_usm_decrypt() decrypts them; for DES and 3DES the
 * caller has padded the ScopedPDU to a multiple of 8 (RFC 3414 §8.1.1.2). Returns as
 * tt_usm_decrypt(). */
int tt_usm_encrypt(enum tt_priv_proto pp, const uint8_t *key, uint32_t engine_boots,
                   uint32_t engine_time, const uint8_t *salt, uint8_t *buf, size_t len);

/* Makes the key schedule of protocol pp from key material key (as tt_usm_decrypt takes it) in
 * c, for decryption (encrypt 0) or encryption (1), to be used by tt_usm_crypt_keyed() for
 * as many messages as the key serves. Returns TT_OK, TT_ERR_INVALID (pp) or TT_ERR_CRYPTO. */
int tt_usm_cipher_start(struct tt_cipher_ctx *c, enum tt_priv_proto pp, const uint8_t *key,
                        int encrypt);

/* Like tt_usm_decrypt() / tt_usm_encrypt() (the direction c was started with) from the key
 * schedule c made by tt_usm_cipher_start() from the same key (whose DES/3DES pre-IV forms the
 * IV). c is not changed. Returns as tt_usm_decrypt(). */
int tt_usm_crypt_keyed(const struct tt_cipher_ctx *c, enum tt_priv_proto pp,
                       const uint8_t *key, uint32_t engine_boots, uint32_t engine_time,
                       const uint8_t *salt, uint8_t *buf, size_t len);

#endif /* TT_USM_KEYS_H */
