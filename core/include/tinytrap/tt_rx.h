/*
 * tt_rx.h - the receiver: one datagram in, one decision out.
 *
 *     const struct tt_rx_result *r = tt_rx_input(rx, datagram, len, &from, now_ms);
 *
 * All state lives in one caller-owned struct tt_rx whose size is fixed by CONFIG_TT_* values;
 * firmware declares it static, tests declare many. The core never allocates, never asks the OS
 * for anything, and takes the time as an argument. The result says whether to deliver the
 * notification, only send a reply, or drop the datagram (and why); an inform's Response is
 * built in rx's reply buffer (an inform with more varbinds than CONFIG_TT_MAX_VARBINDS gets the
 * tooBig Response and is not delivered). The caller sends the reply only after every output accepted the
 * alert, then calls tt_rx_delivered() so that a retransmission is acknowledged again without
 * being forwarded twice.
 *
 * It does not render alerts (tt_render.h) or move datagrams (the ports do).
 */
#ifndef TT_RX_H
#define TT_RX_H

#include <stddef.h>
#include <stdint.h>
#include "tt_options.h"
#include "tt_types.h"
#include "tt_ber.h"
#include "tt_conf.h"
#include "tt_notification.h"
#include "tt_ratelimit.h"
#include "tt_usm.h"

/* What the caller does with the datagram. */
enum tt_verdict {
	TT_VERDICT_DROP = 0,       /* nothing to do; see reason */
	TT_VERDICT_DELIVER = 1,    /* forward the notification; then send reply if there is one */
	TT_VERDICT_REPLY_ONLY = 2  /* only send the reply: to an inform already delivered (reason
	                              TT_REASON_NONE), a Report (an SNMPv3 refusal), or the tooBig
	                              Response to an inform with too many varbinds (reason
	                              TT_REASON_TOO_MANY_VARBINDS); nothing is delivered */
};

/* Why a datagram was dropped (or TT_REASON_NONE). Each is counted in rx->stats.dropped[]. */
enum tt_reason {
	TT_REASON_NONE = 0,
	TT_REASON_TOO_BIG,          /* larger than CONFIG_TT_MAX_MSG_SIZE */
	TT_REASON_PARSE,            /* ASN.1/BER decoding failed (detail says how) */
	TT_REASON_BAD_VERSION,      /* msgVersion is not 0 (v1) or 1 (v2c) */
	TT_REASON_BAD_COMMUNITY,    /* no authCommunity entry holds this community */
	TT_REASON_NOT_AUTHORIZED,   /* the community is known but its SOURCE/OID restriction refuses */
	TT_REASON_UNEXPECTED_PDU,   /* a PDU other than Trap, SNMPv2-Trap or InformRequest */
	TT_REASON_TOO_MANY_VARBINDS,/* more than CONFIG_TT_MAX_VARBINDS varbinds: a trap is dropped;
	                               an authorized inform is answered with the tooBig Response
	                               of RFC 3416 §4.2.7 (TT_VERDICT_REPLY_ONLY) so its sender
	                               stops retrying, and is not delivered either */
	TT_REASON_BAD_V1_TRAP,      /* a v1 trap that cannot be translated (generic-trap outside
	                               0..6, negative specific-trap, enterprise too long) */
	/* SNMPv3: RFC 3412 §7.2 (snmp*) and RFC 3414 §3.2 (usmStats*) */
	TT_REASON_UNKNOWN_SECURITY_MODEL, /* snmpUnknownSecurityModels: not USM */
	TT_REASON_INVALID_MSG,      /* snmpInvalidMsgs: privacy without authentication */
	TT_REASON_UNKNOWN_ENGINE_ID,/* usmStatsUnknownEngineIDs: an inform (or probe) not to our
	                               engine ID, a trap without a valid one */
	TT_REASON_UNKNOWN_USER,     /* usmStatsUnknownUserNames */
	TT_REASON_UNSUPPORTED_SEC_LEVEL, /* usmStatsUnsupportedSecLevels */
	TT_REASON_WRONG_DIGEST,     /* usmStatsWrongDigests */
	TT_REASON_NOT_IN_TIME_WINDOW, /* usmStatsNotInTimeWindows */
	TT_REASON_DECRYPTION_ERROR, /* usmStatsDecryptionErrors; also, without a Report, an
	                               encrypted message of a wildcard user from an engine whose
	                               keys are not cached when the Reeder privacy key derivation
	                               budget is spent (stats.slow_keys_refused,
	                               CONFIG_TT_SLOW_KEYS_PER_S): we cannot decrypt it now */
	TT_REASON_COUNT
};

/* Counters; all wrap at 2^32. */
struct tt_rx_stats {
	uint32_t packets;          /* datagrams given to tt_rx_input */
	uint32_t delivered;        /* verdicts TT_VERDICT_DELIVER */
	uint32_t traps_v1;         /* delivered SNMPv1 Trap-PDUs */
	uint32_t traps_v2;         /* delivered SNMPv2-Trap PDUs */
	uint32_t informs;          /* delivered InformRequest PDUs */
	uint32_t duplicates;       /* informs already delivered, acknowledged again only */
	uint32_t responses;        /* Response PDUs built */
	uint32_t too_big_responses;/* of which tooBig (RFC 3416 §4.2.7) */
	uint32_t no_response;      /* informs delivered whose Response could not be built at all */
	uint32_t too_many_varbinds_answered; /* informs with more than CONFIG_TT_MAX_VARBINDS
	                              varbinds answered tooBig, not delivered (also counted in
	                              responses, too_big_responses and
	                              dropped[TT_REASON_TOO_MANY_VARBINDS]) */
	uint32_t no_uptime;        /* delivered without a proper sysUpTime.0 */
	uint32_t no_trap_oid;      /* delivered without a proper snmpTrapOID.0 */
	uint32_t reports;          /* SNMPv3 Reports built */
	uint32_t reports_suppressed; /* Reports not sent because of the rate limits */
	uint32_t time_syncs;       /* RFC 3414 §4 discovery, second step: authenticated reportable
	                              messages with engineBoots and engineTime 0, answered by the
	                              notInTimeWindows Report (counted there too) */
	uint32_t key_localizations;/* keys localized for wildcard users (cache misses) */
	uint32_t slow_keys_derived;/* of those, Reeder privacy keys derived (a password-to-key
	                              run each), at most CONFIG_TT_SLOW_KEYS_PER_S per second */
	uint32_t slow_keys_refused;/* messages dropped because that budget was spent (reason
	                              TT_REASON_DECRYPTION_ERROR, no Report) */
	uint32_t remote_engines_evicted; /* remote engine entries reused for another engine */
	uint32_t dropped[TT_REASON_COUNT]; /* drops by reason */
};

/* The result of one tt_rx_input call; valid until the next call with the same rx. */
struct tt_rx_result {
	enum tt_verdict verdict;
	enum tt_reason reason;     /* why it was refused: with TT_VERDICT_DROP, or with
	                              TT_VERDICT_REPLY_ONLY when the reply is a Report or the
	                              tooBig Response to an inform with too many varbinds; else
	                              TT_REASON_NONE (such replies count as drops too) */
	int detail;                /* the tt_err behind TT_REASON_PARSE (and a few others), else 0 */
	uint32_t n_varbinds;       /* with TT_REASON_TOO_MANY_VARBINDS: how many varbinds the PDU
	                              carried (all well-formed, counted to the end), else 0 */
	uint8_t uses;              /* TT_USE_* the notification may be used for */
	const struct tt_notification *note; /* the notification when delivered, else NULL */
	const uint8_t *reply;      /* datagram to send back to the source, or NULL */
	size_t reply_len;
	const uint8_t *community;  /* the v1/v2c community once it was read (also for drops, to
	                              name it in a log line), else NULL; not NUL-terminated */
	size_t community_len;
	const char *diag;          /* for refused SNMPv3 messages: one line in plain words naming
	                              source, user, engine and reason; else NULL (v1/v2c drops
	                              are described by reason and detail) */
	uint8_t time_sync;         /* 1: the refusal is the second step of RFC 3414 §4 discovery
	                              (stats.time_syncs): the protocol working, no fault to log;
	                              reason TT_REASON_NOT_IN_TIME_WINDOW, with the Report as
	                              reply, or TT_VERDICT_DROP when the Report was rate-limited */
};

/* Our SNMP engine (RFC 3411 snmpEngineID, RFC 3414 snmpEngineBoots/Time). */
struct tt_engine {
	uint8_t id[TT_ENGINE_ID_MAX];
	uint8_t id_len;
	uint32_t boots;            /* persisted and incremented by the port at every start */
	uint64_t start_ms;         /* now_ms when boots was set: engineTime counts from here */
};

/* Keys of a wildcard user localized to one remote engine. */
struct tt_key_cache_entry {
	uint64_t used_ms;          /* last use, for LRU eviction; 0 = free */
	uint8_t user;              /* index into conf->users */
	uint8_t engine_id_len;
	uint8_t engine_id[TT_ENGINE_ID_MAX];
	uint8_t auth_key[TT_KEY_MAX];
	uint8_t priv_key[TT_PRIV_KEY_MAX];
};

/* What we know of a remote authoritative engine (RFC 3414 §2.3, §3.2 step 7b). */
struct tt_remote_engine {
	uint64_t stamp_ms;         /* our clock when boots/time were stored; 0 = free */
	uint32_t boots;            /* snmpEngineBoots */
	uint32_t time;             /* snmpEngineTime at stamp_ms, the latest received (RFC 3414
	                              latestReceivedEngineTime) */
	uint8_t id_len;
	uint8_t id[TT_ENGINE_ID_MAX];
};

/* One delivered inform remembered by the de-duplication ring. */
struct tt_dedup_entry {
	uint64_t when_ms;          /* when it was delivered */
	struct tt_addr from;       /* its source */
	int32_t request_id;
	uint32_t hash;             /* FNV-1a of the PDU octets: a reused request-id is no duplicate */
};

/* Reports sent to one source (IPv4 address or IPv6 /64) in one second, for the per-source
 * share of the Report budget (CONFIG_TT_REPORTS_PER_SOURCE). */
struct tt_report_source {
	uint32_t key;              /* keyed hash of the source */
	uint32_t second;           /* now_ms / 1000 + 1 of those Reports; older = a free entry */
	uint32_t used;             /* Reports to it in that second */
};

/* The receiver state. Treat every field as private except stats. */
struct tt_rx {
	const struct tt_conf *conf;
	struct tt_rx_stats stats;
	struct tt_rx_result result;
	struct tt_notification note;
	struct tt_varbind varbinds[CONFIG_TT_MAX_VARBINDS + 5];
	/* snmpTrapOID.0 value of a translated v1 trap: enterprise.0.specific */
	uint8_t v1_trap_oid[TT_OID_MAX_LEN + 6];
	/* the inform the last result asked the caller to deliver, for tt_rx_delivered() */
	struct tt_dedup_entry pending;
	uint8_t pending_valid;
	uint16_t max_reply;        /* largest Response to build (see tt_rx_set_max_reply) */
	struct tt_engine engine;
	uint64_t aes_salt;         /* next AES salt (RFC 3826 §3.1.2.1), seeded from entropy */
	uint32_t des_salt;         /* next DES salt counter (RFC 3414 §8.1.1.1) */
	/* The Report budget (v3.c, report_allowed): all sources together, unauthenticated and
	 * authenticated Reports apart, and a share per source. */
	struct tt_ratelimit report_limit;      /* unauthenticated: CONFIG_TT_REPORTS_PER_S */
	struct tt_ratelimit auth_report_limit; /* authenticated: as many, of their own */
	/* Reeder privacy key derivations for the key cache (usm.c): CONFIG_TT_SLOW_KEYS_PER_S */
	struct tt_ratelimit slow_key_limit;
	uint32_t report_seed;                  /* keys the source hash (from the entropy) */
	struct tt_report_source report_sources[CONFIG_TT_REPORT_SOURCES];
	/* The keyed HMAC state of the key that checked the last MAC (its two pad blocks already
	 * hashed): a steady sender costs two hash blocks less per message. */
	const uint8_t *hmac_memo_key;  /* the key it was made from; NULL = empty */
	uint8_t hmac_memo_proto;       /* its enum tt_auth_proto */
	uint64_t hmac_memo[TT_HMAC_STATE_WORDS];
	/* Likewise the decryption key schedule of the privacy key that decrypted last. */
	const uint8_t *cipher_memo_key; /* the key material it was made from; NULL = empty */
	uint8_t cipher_memo_proto;      /* its enum tt_priv_proto */
	uint64_t cipher_memo[TT_CIPHER_STATE_WORDS];
	struct tt_key_cache_entry key_cache[CONFIG_TT_KEY_CACHE];
	struct tt_remote_engine remote[CONFIG_TT_REMOTE_ENGINES];
	char diag[384];           /* long enough for a 32-octet user name, an IPv6 source and a 32-octet engine ID */
#if CONFIG_TT_DEDUP_RING > 0
	struct tt_dedup_entry dedup[CONFIG_TT_DEDUP_RING];
	uint16_t dedup_next;
#endif
	uint8_t reply[CONFIG_TT_MAX_MSG_SIZE];
};

/* Prepares *rx to receive with configuration conf (which must outlive rx or be replaced). */
void tt_rx_init(struct tt_rx *rx, const struct tt_conf *conf);

/* Switches rx to another configuration, keeping counters and the de-duplication ring. */
void tt_rx_set_conf(struct tt_rx *rx, const struct tt_conf *conf);

/* Sets our SNMP engine: its ID (5..32 octets: the configuration's engineID when it has one,
 * else one the port generated once and kept), its boots (persisted by the port and incremented
 * at every start before the first datagram; capped at 2^31-1) and the clock reading that
 * engineTime counts from. entropy seeds the privacy salts. Without a call the engine ID is
 * empty and every SNMPv3 inform is refused; traps need no engine of ours. A new configuration
 * (tt_rx_set_conf) does not change the engine. */
void tt_rx_set_engine(struct tt_rx *rx, const uint8_t *id, size_t id_len, uint32_t boots,
                      uint64_t now_ms, uint64_t entropy);

/* Limits the size of Responses built from now on to max octets (at most, and by default,
 * CONFIG_TT_MAX_MSG_SIZE), e.g. to a path MTU: a Response that would be larger becomes the
 * tooBig Response of RFC 3416 §4.2.7 (empty varbinds, error-status tooBig). */
void tt_rx_set_max_reply(struct tt_rx *rx, size_t max);

/* Decides what to do with one datagram of len octets from `from`, received at now_ms (any
 * monotonic millisecond clock). The datagram buffer stays the caller's; the core may modify it
 * in place (SNMPv3 decryption). The returned result lives in rx. */
const struct tt_rx_result *tt_rx_input(struct tt_rx *rx, uint8_t *datagram, size_t len,
                                       const struct tt_addr *from, uint64_t now_ms);

/* Confirms that the notification of the last TT_VERDICT_DELIVER result was accepted by every
 * output: an inform is remembered so that its retransmissions are acknowledged but not
 * delivered again. Call it before sending the reply; calling it for a trap does nothing. */
void tt_rx_delivered(struct tt_rx *rx, uint64_t now_ms);

/* Returns the lower-case name of a drop reason ("bad community"). */
const char *tt_reason_name(enum tt_reason r);

#endif /* TT_RX_H */
