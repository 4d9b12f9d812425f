/*
 * tt_usm.h - public names of the User-based Security Model (RFC 3414): protocols, limits and
 * the user configuration record. The processing itself is internal (core/src/usm.c); keys are
 * derived when a user is added to a struct tt_conf (tt_conf.h), never per packet.
 */
#ifndef TT_USM_H
#define TT_USM_H

#include <stddef.h>
#include <stdint.h>

/* Authentication protocols (usmHMAC*AuthProtocol). The hash of the auth protocol is also the
 * hash of the privacy key derivation (RFC 3414 §8.1.1.1 via §2.6, RFC 3826 §1.2). */
enum tt_auth_proto {
	TT_AUTH_NONE = 0, /* usmNoAuthProtocol */
	TT_AUTH_MD5,      /* usmHMACMD5AuthProtocol, HMAC-MD5-96 (RFC 3414 §6) */
	TT_AUTH_SHA1,     /* usmHMACSHAAuthProtocol, HMAC-SHA-96 (RFC 3414 §7) */
	TT_AUTH_SHA224,   /* usmHMAC128SHA224AuthProtocol (RFC 7860) */
	TT_AUTH_SHA256,   /* usmHMAC192SHA256AuthProtocol (RFC 7860) */
	TT_AUTH_SHA384,   /* usmHMAC256SHA384AuthProtocol (RFC 7860) */
	TT_AUTH_SHA512    /* usmHMAC384SHA512AuthProtocol (RFC 7860) */
};

/* Privacy protocols. Nothing on the wire tells AES-192/256 from AES-192-C/256-C: the key
 * extension is configured per user. */
enum tt_priv_proto {
	TT_PRIV_NONE = 0,  /* usmNoPrivProtocol */
	TT_PRIV_DES,       /* usmDESPrivProtocol, CBC-DES (RFC 3414 §8) */
	TT_PRIV_3DES,      /* usm3DESEDEPrivProtocol (draft-reeder-snmpv3-usm-3desede-00) */
	TT_PRIV_AES128,    /* usmAesCfb128Protocol (RFC 3826) */
	TT_PRIV_AES192,    /* AES-192-CFB128, Blumenthal key extension (Net-SNMP "AES-192") */
	TT_PRIV_AES256,    /* AES-256-CFB128, Blumenthal key extension (Net-SNMP "AES-256") */
	TT_PRIV_AES192_C,  /* AES-192-CFB128, Reeder key extension (Net-SNMP "AES-192-C", Cisco) */
	TT_PRIV_AES256_C   /* AES-256-CFB128, Reeder key extension (Net-SNMP "AES-256-C", Cisco) */
};

#define TT_ENGINE_ID_MAX 32  /* SnmpEngineID is 5..32 octets (RFC 3411) */
#define TT_ENGINE_ID_MIN 5
#define TT_USER_NAME_MAX 32  /* msgUserName is 0..32 octets (RFC 3414 §2.4) */
#define TT_KEY_MAX 64        /* the longest key: a SHA-512 Kul */
#define TT_PRIV_KEY_MAX 32   /* the longest privacy key material: AES-256, 3DES key + pre-IV */
/* Storage (in 64-bit words) for one keyed HMAC state of the crypto backend; usm.c checks at
 * compile time that it is large enough. */
#define TT_HMAC_STATE_WORDS 64
/* Storage (in 64-bit words) for one cipher key schedule of the crypto backend; usm.c checks at
 * compile time that it is large enough. */
#define TT_CIPHER_STATE_WORDS 49

/* How a user's secret is given (snmptrapd createUser: a password, -m master key, -l localized
 * key). */
enum tt_key_form {
	TT_KEY_PASSWORD = 0, /* a pass phrase of at least 8 octets (RFC 3414 §11.2) */
	TT_KEY_MASTER,       /* Ku, the hash-length output of password-to-key (RFC 3414 §2.6) */
	TT_KEY_LOCALIZED     /* Kul, localized to the user's engine ID (needs one) */
};

/* One USM user as configured (createUser). Keys are final for a user with an engine ID; a
 * user without one matches every remote engine, and its keys are localized on first sight
 * of an engine and cached by the receiver. */
struct tt_user {
	uint8_t name[TT_USER_NAME_MAX];
	uint8_t name_len;
	uint8_t engine_id[TT_ENGINE_ID_MAX];
	uint8_t engine_id_len;         /* 0: any engine (wildcard): keys are Ku; else they are final
	                                  (localized to engine_id) */
	uint8_t auth;                  /* enum tt_auth_proto */
	uint8_t priv;                  /* enum tt_priv_proto */
	uint8_t auth_key[TT_KEY_MAX];  /* Kul (localized) or Ku of the auth password */
	uint8_t priv_key[TT_KEY_MAX];  /* privacy key material (localized) or Ku of the priv
	                                  password, hashed with the auth protocol */
};

/* One authUser line: which uses a user's notifications may have, from which level up. */
struct tt_auth_user {
	uint8_t name[TT_USER_NAME_MAX];
	uint8_t name_len;
	uint8_t uses;       /* TT_USE_* */
	uint8_t min_level;  /* TT_SEC_NOAUTH, TT_SEC_AUTH (snmptrapd's default) or TT_SEC_PRIV */
};

#endif /* TT_USM_H */
