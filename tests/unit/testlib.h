/*
 * testlib.h - helpers shared by the unit tests (hosted code: it allocates and reads files).
 *
 * - hex decoding;
 * - the test-vector files (tests/vectors/packets-netsnmp.txt, malformed-cve.txt): blocks are a
 *   "[name]" line followed by "key: value" lines; "message:" holds the datagram in hex;
 * - a small BER encoder, written independently of the core's, to build test datagrams;
 * - OID text <-> content octets, again independent of the core;
 * - address and receiver helpers;
 * - SNMPv3: a sender's side of USM (keys from passwords, tl_msg_v3 builds authenticated and
 *   encrypted messages) and a decoder of the receiver's v3 replies (tl_v3_decode).
 *
 * Every helper that cannot do its job fails the running cmocka test (fail_msg), so tests do
 * not have to check their return values. Paths are relative to the repository root, where
 * the test binaries run.
 */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tinytrap/tinytrap.h"

/* Asserts that the OID content octets (oid, len) print as the dotted text. */
#define assert_oid(oid, len, text)                                                           \
	do {                                                                                 \
		char s_[2048];                                                               \
		assert_non_null(oid);                                                        \
		assert_string_equal(tl_oid_str((oid), (len), s_, sizeof s_), (text));        \
	} while (0)

/* Asserts that a decoded varbind equals a vector line "OID = TYPE: value" of the vector files
 * (INTEGER, TimeTicks, Gauge32, Counter32, Counter64, OID, IpAddress, OCTET STRING as 'text'
 * or hex); any other type fails the test. */
void tl_check_vb(const struct tt_varbind *vb, const char *line);

#define TL_PACKETS "tests/vectors/packets-netsnmp.txt"
#define TL_MALFORMED "tests/vectors/malformed-cve.txt"

/* --- hex ------------------------------------------------------------------------------------ */

/* Decodes NUL-terminated hex text into out (cap octets) with the core's tt_hex_decode: an
 * optional "0x", then two digits per octet, blanks (space, tab, CR, LF) allowed between octets.
 * Returns the number of octets, or -1 for an odd digit, another character or too little room. */
long tl_hex_decode(const char *hex, uint8_t *out, size_t cap);

/* Decodes hex into a fresh heap buffer of exactly the decoded size (so that ASan sees any read
 * past its end); *len receives the size. Fails the test on bad hex. Free with free(). */
uint8_t *tl_hex_alloc(const char *hex, size_t *len);

/* Returns a heap copy of len octets at p, exactly len octets long (at least 1 allocated). */
uint8_t *tl_dup(const uint8_t *p, size_t len);

/* --- vector files --------------------------------------------------------------------------- */

struct tl_kv {
	const char *key;
	const char *val;
};

struct tl_block {
	const char *name;
	struct tl_kv *kv;
	size_t n_kv;
	uint8_t *msg;   /* the decoded "message:" (exactly msg_len octets on the heap), or NULL */
	size_t msg_len;
};

struct tl_file {
	char *text;
	struct tl_block *blocks;
	size_t n_blocks;
};

/* Loads every block of a vector file. Fails the test when the file cannot be read or a
 * "message:" or "length:" line is inconsistent. */
void tl_file_load(struct tl_file *f, const char *path);
void tl_file_free(struct tl_file *f);

/* Returns the block called name, or NULL. */
const struct tl_block *tl_file_find(const struct tl_file *f, const char *name);

/* Returns the value of the first "key:" line of b, or NULL. */
const char *tl_block_get(const struct tl_block *b, const char *key);

/* Stores the values of all "key:" lines of b (at most max) in out; returns how many. */
size_t tl_block_get_all(const struct tl_block *b, const char *key, const char **out, size_t max);

/* Finds "name=" in a "k1=v1 k2=v2" text such as a "pdu:" line and copies the value (up to the
 * next blank) to out; returns 1 when found, else 0. */
int tl_field(const char *text, const char *name, char *out, size_t cap);

/* Loads the message of one block of a vector file into a fresh exact-size heap buffer. */
uint8_t *tl_vector(const char *path, const char *name, size_t *len);

/* --- OIDs ----------------------------------------------------------------------------------- */

/* Encodes dotted text ("1.3.6.1", leading '.' allowed) as OID content octets. Fails the test on
 * bad text. Returns the length. */
size_t tl_oid(const char *text, uint8_t *out, size_t cap);

/* Writes OID content octets as dotted text without a leading dot ("1.3.6.1.4.1"); "?" for an
 * encoding that is not valid. Returns out. */
char *tl_oid_str(const uint8_t *oid, size_t len, char *out, size_t cap);

/* --- BER encoder ---------------------------------------------------------------------------- */

#define TL_W_DEPTH 64

/* A forward writer with nested constructions; lengths are minimal definite ones. */
struct tl_w {
	uint8_t *buf;
	size_t cap;
	size_t len;
	size_t open[TL_W_DEPTH]; /* offset of each open construction's length octet */
	int depth;
};

void tl_w_init(struct tl_w *w, uint8_t *buf, size_t cap);
void tl_w_raw(struct tl_w *w, const void *p, size_t n);
void tl_w_tlv(struct tl_w *w, uint8_t tag, const void *p, size_t n);
void tl_w_int(struct tl_w *w, uint8_t tag, int64_t v);   /* minimal two's complement */
void tl_w_uint(struct tl_w *w, uint8_t tag, uint64_t v); /* minimal, leading 0 if needed */
void tl_w_oid(struct tl_w *w, const char *text);
void tl_w_str(struct tl_w *w, const char *s);            /* OCTET STRING */
void tl_w_begin(struct tl_w *w, uint8_t tag);
void tl_w_end(struct tl_w *w);

/* A varbind for the message builders; value is the complete value TLV (tag included). */
struct tl_vb {
	const char *oid;
	const uint8_t *val;
	size_t val_len;
};

/* Value TLVs for struct tl_vb (static storage, rotating over 64 slots: use them right away). */
const uint8_t *tl_v_int(int64_t v, size_t *len);
const uint8_t *tl_v_ticks(uint32_t v, size_t *len);
const uint8_t *tl_v_oid(const char *text, size_t *len);
const uint8_t *tl_v_str(const char *s, size_t *len);

/* Builds "SEQUENCE { version, community, pdu_tag { request-id, 0, 0, varbinds } }" into a fresh
 * exact-size heap buffer. */
uint8_t *tl_msg_v2(long version, const char *community, uint8_t pdu_tag, int32_t request_id,
                   const struct tl_vb *vbs, size_t n, size_t *len);

/* Builds a v1 Trap-PDU message into a fresh exact-size heap buffer. */
uint8_t *tl_msg_v1(const char *community, const char *enterprise, const uint8_t agent[4],
                   int64_t generic, int64_t specific, uint32_t ts, const struct tl_vb *vbs,
                   size_t n, size_t *len);

/* The usual two v2 header varbinds: sysUpTime.0 = ticks, snmpTrapOID.0 = trap_oid. */
void tl_v2_header(struct tl_vb vbs[2], uint32_t ticks, const char *trap_oid);

/* Re-encodes the message (BER, as tl_r reads it) with k redundant sign-extension octets before
 * the contents of every INTEGER, Counter32, Gauge32, TimeTicks and Counter64 (0xff before a
 * negative INTEGER, else 0x00), going into every SEQUENCE, every PDU (0xa0..0xa8) and every
 * OCTET STRING that holds exactly one SEQUENCE (SNMPv3 msgSecurityParameters); lengths
 * become minimal. Returns a fresh exact-size heap buffer; free with free(). */
uint8_t *tl_pad_ints(const uint8_t *msg, size_t len, size_t k, size_t *out_len);

/* --- receiver helpers ----------------------------------------------------------------------- */

/* An IPv4 or IPv6 source address (text form); fails the test on bad text. */
struct tt_addr tl_addr(const char *text, uint16_t port);

/* Applies configuration lines (NULL-terminated list) to a freshly initialised conf; each must
 * return TT_OK. */
void tl_conf(struct tt_conf *c, ...);

/* Applies one configuration line from an exact-size heap copy without a NUL (the length must be
 * respected) and returns tt_conf_line's result; err (errcap > 0 octets) is filled with 'Z'
 * first and must come back NUL-terminated. */
int tl_conf_line(struct tt_conf *c, const char *text, char *err, size_t errcap);

/* The line must fail with rc, with an error text containing part (NULL: any), and leave c
 * unchanged (tl_conf_line). tl_rejects names the caller's line in the failure message. */
void tl_rejects_(int line, struct tt_conf *c, const char *text, int rc, const char *part);
#define tl_rejects(c, text, rc, part) tl_rejects_(__LINE__, (c), (text), (rc), (part))

/* Allocates an initialised receiver (struct tt_rx can be large); free with free(). */
struct tt_rx *tl_rx_new(const struct tt_conf *conf);

/* Copies len octets at msg into an exact-size heap buffer (so that ASan catches a read past
 * the datagram) and runs tt_rx_input on it. The copy stays alive until the next tl_input call,
 * so the notification's slices stay readable as long as the result is valid. */
const struct tt_rx_result *tl_input(struct tt_rx *rx, const uint8_t *msg, size_t len,
                                    const struct tt_addr *from, uint64_t now_ms);

/* --- SNMPv3 ---------------------------------------------------------------------------------
 * A sender's side of USM, written for the tests over the core's crypto primitives (tt_hmac,
 * tt_usm_encrypt and the key derivation of tt_usm_keys.h, themselves checked against standard
 * vectors by test_crypto.c), and a decoder of SNMPv3 messages for the replies of the receiver.
 * The BER encoding and decoding here are independent of the core's. */

#define TL_V3_AUTH 0x01
#define TL_V3_PRIV 0x02
#define TL_V3_REPORTABLE 0x04

/* The keys of one user for one authoritative engine, as a sender holds them. */
struct tl_usm_keys {
	enum tt_auth_proto auth;
	enum tt_priv_proto priv;
	uint8_t auth_key[TT_KEY_MAX];      /* Kul */
	uint8_t priv_key[TT_PRIV_KEY_MAX]; /* the cipher's key material (tt_priv_key_len) */
};

/* Derives the keys of a user from its passwords (priv_pass NULL: no privacy) localized to
 * engine. Password-to-key results are cached, so the same password costs one megabyte of
 * hashing once per test binary. */
void tl_usm_keys(struct tl_usm_keys *k, enum tt_auth_proto auth, const char *auth_pass,
                 enum tt_priv_proto priv, const char *priv_pass, const uint8_t *engine,
                 size_t engine_len);

/* One SNMPv3 message to build; tl_v3_init() fills the defaults. */
struct tl_v3 {
	int64_t version;            /* 3 */
	int64_t msg_id;             /* 1 */
	int64_t max_size;           /* 65507 */
	uint8_t flags;              /* TL_V3_*, 0 */
	int64_t model;              /* 3 (USM) */
	const uint8_t *engine;      /* msgAuthoritativeEngineID; NULL: empty */
	size_t engine_len;
	int64_t boots, time;        /* 0, 0 */
	const uint8_t *user;        /* msgUserName; NULL: empty */
	size_t user_len;
	const struct tl_usm_keys *keys; /* MAC and encryption per flags; NULL: none (MAC zeros) */
	long mac_len;               /* -1: the protocol's MAC length (0 without TL_V3_AUTH) */
	int bad_mac;                /* 1: one bit of the MAC flipped after signing */
	const uint8_t *salt;        /* msgPrivacyParameters; NULL: from a counter */
	long salt_len;              /* -1: 8 with TL_V3_PRIV, else 0; at most 16 */
	/* ScopedPDU */
	const uint8_t *ctx_engine;  /* NULL: the engine above */
	size_t ctx_engine_len;
	const char *ctx_name;       /* "" */
	uint8_t pdu_tag;            /* TT_PDU_TRAP_V2 */
	int32_t request_id;         /* 1 */
	const struct tl_vb *vbs;
	size_t n_vbs;
	const uint8_t *pdu;         /* a complete PDU TLV to use instead (a v1 Trap-PDU) */
	size_t pdu_len;
	const uint8_t *scoped;      /* a complete plaintext ScopedPDU to use instead */
	size_t scoped_len;
};

/* Fills *m with the defaults above. */
void tl_v3_init(struct tl_v3 *m);

/* Sets the user name of *m from a NUL-terminated string. */
void tl_v3_user(struct tl_v3 *m, const char *user);

/* Builds the message: the ScopedPDU, encrypted in place when TL_V3_PRIV is set and keys has a
 * privacy protocol (DES and 3DES padded to 8 octets with the pad count, as Net-SNMP does),
 * the USM parameters with a zeroed MAC, then the MAC over the whole message (RFC 3414 §6.3.1,
 * §7.3.1, RFC 7860) when TL_V3_AUTH is set and keys is given. Returns a fresh exact-size heap
 * buffer; free with free(). */
uint8_t *tl_msg_v3(const struct tl_v3 *m, size_t *len);

/* One decoded TLV. */
struct tl_tlv {
	uint8_t tag;
	const uint8_t *start; /* the tag octet */
	const uint8_t *val;   /* the contents */
	size_t len;           /* of the contents */
};

/* A reader over len octets at p. */
struct tl_r {
	const uint8_t *p;
	size_t len;
	size_t pos;
};

void tl_r_init(struct tl_r *r, const uint8_t *p, size_t len);
/* Reads the next TLV (definite lengths only); returns 0, or -1 at the end or on bad BER. */
int tl_r_next(struct tl_r *r, struct tl_tlv *t);
/* Reads the next TLV and fails the test unless it is there with tag. */
void tl_r_expect(struct tl_r *r, uint8_t tag, struct tl_tlv *t);
/* Enters the next TLV (tag) as a reader over its contents; fails the test otherwise. */
void tl_r_enter(struct tl_r *r, uint8_t tag, struct tl_r *inner);
/* The value of an INTEGER TLV (at most 8 octets), or of an unsigned one (Counter32, ...). */
int64_t tl_tlv_int(const struct tl_tlv *t);
uint64_t tl_tlv_uint(const struct tl_tlv *t);

/* A decoded SNMPv3 message (a reply of the receiver). Pointers go into a copy that stays valid
 * until the second next tl_v3_decode call (two decodes can be compared). */
struct tl_v3_msg {
	int32_t msg_id, max_size, model;
	uint8_t flags;
	const uint8_t *engine;
	size_t engine_len;
	uint32_t boots, time;
	const uint8_t *user;
	size_t user_len;
	size_t mac_off, mac_len;    /* msgAuthenticationParameters in the message */
	const uint8_t *salt;
	size_t salt_len;
	int mac_ok;                 /* 1: right MAC for keys, 0: wrong, -1: not checked */
	const uint8_t *scoped;      /* the plaintext ScopedPDU TLV (decrypted with keys) */
	size_t scoped_len;
	const uint8_t *ctx_engine;
	size_t ctx_engine_len;
	const uint8_t *ctx_name;
	size_t ctx_name_len;
	uint8_t pdu_tag;
	int32_t request_id, error_status, error_index;
	const uint8_t *vbl;         /* the whole VarBindList TLV */
	size_t vbl_len;
	size_t n_vbs;               /* varbinds (the first 16 are in vb[]) */
	struct {
		const uint8_t *name;
		size_t name_len;
		struct tl_tlv value;
	} vb[16];
};

/* Decodes a whole SNMPv3 message; with keys, checks its MAC (mac_ok) and decrypts an
 * encrypted ScopedPDU. Fails the test on anything that is not a well-formed message. */
void tl_v3_decode(const uint8_t *msg, size_t len, const struct tl_usm_keys *keys,
                  struct tl_v3_msg *out);

#endif /* TESTLIB_H */
