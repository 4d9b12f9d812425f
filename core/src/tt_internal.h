/*
 * tt_internal.h - functions shared between core source files; not part of the public API.
 */
#ifndef TT_INTERNAL_H
#define TT_INTERNAL_H

#include "tinytrap/tt_rx.h"

/* Well-known OIDs (content octets), defined in pdu.c. */
extern const uint8_t tt_oid_sysuptime0[8];       /* 1.3.6.1.2.1.1.3.0 */
extern const uint8_t tt_oid_snmptrapoid0[10];    /* 1.3.6.1.6.3.1.1.4.1.0 */
extern const uint8_t tt_oid_snmptrapaddress0[9]; /* 1.3.6.1.6.3.18.1.3.0 */
extern const uint8_t tt_oid_snmptrapcommunity0[9]; /* 1.3.6.1.6.3.18.1.4.0 */
extern const uint8_t tt_oid_snmptrapenterprise0[10]; /* 1.3.6.1.6.3.1.1.4.3.0 */
extern const uint8_t tt_oid_snmptraps[8];        /* 1.3.6.1.6.3.1.1.5 */

/* Decodes the PDU TLV pdu into rx->note and rx->varbinds. The message fields (version,
 * community) must already be set in rx->note. On success *vbl receives the variable-bindings
 * TLV (for the inform Response) and NULL is returned; otherwise the datagram is dropped
 * (tt_rx_drop) and the result returned: TT_REASON_UNEXPECTED_PDU for a PDU other than Trap,
 * SNMPv2-Trap and InformRequest, TT_REASON_PARSE with the tt_err for a malformed one, or
 * TT_REASON_TOO_MANY_VARBINDS (a trap), TT_REASON_BAD_V1_TRAP.
 * *too_many is 0, or for a well-formed InformRequest with more than CONFIG_TT_MAX_VARBINDS
 * varbinds the number it carries: then NULL is returned and rx->note holds its request-id and
 * first varbinds only to authorize it; it must not be delivered but answered (tt_rx_too_many). */
const struct tt_rx_result *tt_pdu_decode(struct tt_rx *rx, const struct tt_tlv *pdu,
                                         struct tt_tlv *vbl, uint32_t *too_many);

/* Prepends the PDU tag { request-id, error-status, error-index 0, variable-bindings } to what w
 * holds: vbl is a complete VarBindList TLV of vbl_len octets, or NULL for an empty one. Returns
 * TT_OK or TT_ERR_NOSPACE. */
int tt_reply_pdu(struct tt_ber_w *w, uint8_t tag, int32_t request_id, int32_t error_status,
                 const uint8_t *vbl, size_t vbl_len);

/* Builds the Response to a v1/v2c InformRequest into rx->reply (RFC 3416 §4.2.7: same
 * request-id and varbinds, error-status 0; tooBig with no varbinds when it would exceed
 * rx->max_reply, or at once when vbl is NULL). Returns the length or a negative tt_err;
 * *too_big is set to 1 for tooBig. */
int tt_reply_inform(struct tt_rx *rx, int32_t version, const uint8_t *community,
                    size_t community_len, int32_t request_id, const struct tt_tlv *vbl,
                    int *too_big);

/* Keys of one user for one message (usm.c). */
struct tt_usm_keyset {
	const struct tt_user *user;
	const uint8_t *auth_key;          /* Kul for the message's engine */
	const uint8_t *priv_key;          /* privacy key material; NULL until committed */
	struct tt_key_cache_entry *cached;/* the cache entry in use, if any */
	int fresh;                        /* 1: auth_key was localized now, not yet cached */
	uint8_t scratch_auth[TT_KEY_MAX];
};

/* Drops the datagram for reason (counted) with an optional tt_err detail. */
const struct tt_rx_result *tt_rx_drop(struct tt_rx *rx, enum tt_reason reason, int detail);

/* Ends the processing of an accepted notification: counters, and for an inform (whose Response
 * was built with result reply_rc, tooBig when too_big) the de-duplication decision. Returns the
 * result: TT_VERDICT_DELIVER, or TT_VERDICT_REPLY_ONLY for an inform already delivered. */
const struct tt_rx_result *tt_rx_accept(struct tt_rx *rx, const struct tt_tlv *pdu, int reply_rc,
                                        int too_big, const struct tt_addr *from, uint64_t now_ms);

/* Ends the processing of an authorized inform with n > CONFIG_TT_MAX_VARBINDS varbinds whose
 * tooBig Response was built into rx->result.reply with result reply_rc: counted as a drop for
 * TT_REASON_TOO_MANY_VARBINDS, and TT_VERDICT_REPLY_ONLY when the Response could be built
 * (else a plain drop). Never delivered. */
const struct tt_rx_result *tt_rx_too_many(struct tt_rx *rx, uint32_t n, int reply_rc);

/* Processes an SNMPv3 message (v3.c); body is the cursor after msgVersion. */
const struct tt_rx_result *tt_v3_input(struct tt_rx *rx, uint8_t *dgram, size_t len,
                                       struct tt_ber *body, const struct tt_addr *from,
                                       uint64_t now_ms);

/* Our snmpEngineTime at now_ms. */
uint32_t tt_engine_time(const struct tt_rx *rx, uint64_t now_ms);

/* Index of the user for (name, engine): an entry with that engine ID first, then one without
 * (wildcard), through the configuration's hash index (constant time in the number of users);
 * -1 if none, and then *other_engines tells that the name exists for other engines. */
int tt_usm_find_user(const struct tt_conf *conf, const uint8_t *name, size_t name_len,
                     const uint8_t *engine, size_t engine_len, int *other_engines);

/* Enters users[user] into the configuration's user index (conf_usm.c calls it). */
void tt_usm_index_add(struct tt_conf *c, unsigned user);

/* The user of exactly (name, engine), engine_len 0 for a wildcard entry (engine then may be
 * any non-NULL pointer); -1 if none. Found through the index: constant time. */
int tt_usm_index_find(const struct tt_conf *c, const uint8_t *name, size_t name_len,
                      const uint8_t *engine, size_t engine_len);

/* Finds or localizes the keys of user for engine into *ks (auth key only for a cache miss).
 * A cache entry's last use is stamped by tt_usm_keys_commit(), once the MAC is proved. */
int tt_usm_keys(struct tt_rx *rx, int user, const uint8_t *engine, size_t engine_len,
                struct tt_usm_keyset *ks);

/* tt_usm_keys_commit(): the derivation budget is spent; the message must be dropped. */
#define TT_USM_SLOW_KEY_REFUSED 1

/* After a good MAC and time window: derives the privacy key of a cache miss and stores both
 * in the cache. A privacy key that costs a password-to-key run (Reeder extension) is derived
 * only within the budget rx->slow_key_limit (CONFIG_TT_SLOW_KEYS_PER_S); over it, the message
 * goes on with its fresh auth key, uncached, when need_priv is 0 (no privacy), else
 * TT_USM_SLOW_KEY_REFUSED is returned (counted in stats.slow_keys_refused) and nothing was
 * derived. A cache hit never spends the budget. Otherwise TT_OK or a negative tt_err. */
int tt_usm_keys_commit(struct tt_rx *rx, int user, const uint8_t *engine, size_t engine_len,
                       uint64_t now_ms, int need_priv, struct tt_usm_keyset *ks);

/* Wipes the localized-key cache (the users changed). */
void tt_usm_keys_flush(struct tt_rx *rx);

/* Returns 1 when the mac_len octets at msg + mac_off are the right MAC of the message. */
int tt_usm_check_mac(struct tt_rx *rx, const struct tt_usm_keyset *ks, const uint8_t *msg,
                     size_t len, size_t mac_off, size_t mac_len);

/* Writes the MAC of the message (whose MAC field is at mac_off) into that field. */
int tt_usm_sign(const struct tt_usm_keyset *ks, uint8_t *msg, size_t len, size_t mac_off);

/* RFC 3414 §3.2 step 7a (we are authoritative): 1 when inside the time window. */
int tt_usm_timely_local(const struct tt_rx *rx, uint32_t boots, uint32_t time, uint64_t now_ms);

/* RFC 3414 §3.2 step 7b (the sender is): 1 when inside the window, updating the remote engine
 * table; on a stale message *behind_s says by how many seconds it is older. */
int tt_usm_timely_remote(struct tt_rx *rx, const uint8_t *id, size_t len, uint32_t boots,
                         uint32_t time, uint64_t now_ms, int32_t *behind_s);

/* Decrypts (encrypt 0) or encrypts len octets at buf in place with the user's privacy
 * protocol; boots and time are the authoritative engine's (they enter the AES IV). The
 * decryption key schedule of the last key is kept in rx (a steady sender's key is expanded
 * once); ks must hold committed keys (a cached or configured key, not a fresh one). */
int tt_usm_crypt(struct tt_rx *rx, const struct tt_usm_keyset *ks, uint32_t boots,
                 uint32_t time, const uint8_t *salt, uint8_t *buf, size_t len, int encrypt);

/* FNV-1a hash of n octets (tells a retransmission from a new PDU with a reused request-id). */
uint32_t tt_fnv1a(const uint8_t *p, size_t n);

/* One word of a configuration line (conf.c). */
struct tt_tok {
	const char *s;
	size_t len;
};

/* Case-insensitive comparison of a word with a NUL-terminated one. */
int tt_tok_is(const struct tt_tok *t, const char *word);

/* Writes "a<tok>b" into err (cap octets) and returns rc; tok and b may be NULL. */
int tt_conf_fail(char *err, size_t cap, int rc, const char *a, const struct tt_tok *tok,
                 const char *b);

/* Parses a TYPES list "log,execute,net" into TT_USE_* bits; -1 if invalid. */
int tt_conf_parse_uses(const struct tt_tok *t, uint8_t *uses);

/* Applies createUser, authUser, engineID or exactEngineID (conf_usm.c); TT_CONF_NOT_CORE for
 * any other directive. */
int tt_conf_usm_line(struct tt_conf *c, const struct tt_tok *tok, int n, char *err, size_t cap);

/* Returns 1 when the two OID encodings are equal. */
int tt_oid_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);

#endif /* TT_INTERNAL_H */
