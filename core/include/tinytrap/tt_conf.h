/*
 * tt_conf.h - the receiver's run-time configuration: what it accepts and from whom.
 *
 * A struct tt_conf is caller-owned and read-only for the receiver, which keeps a pointer to it.
 * Hosted ports fill it from snmptrapd.conf-style lines (tt_conf_line), boards from strings
 * compiled in; both end in the same calls, and then in tt_conf_load_done(), which wipes the
 * pass phrases remembered while the users were added. Reloading builds a second tt_conf and
 * hands it to tt_rx_set_conf(), so a bad file never touches the live one.
 *
 * It does not read files, resolve host names or know about outputs: directives that belong to a
 * port (format2, traphandle, logOption, ...) are returned to the caller as TT_CONF_NOT_CORE.
 */
#ifndef TT_CONF_H
#define TT_CONF_H

#include <stddef.h>
#include <stdint.h>
#include "tt_options.h"
#include "tt_types.h"
#include "tt_usm.h"

/* What a notification may be used for (snmptrapd's TYPES: log, execute, net). */
#define TT_USE_LOG 0x01
#define TT_USE_EXECUTE 0x02
#define TT_USE_NET 0x04
#define TT_USE_ALL (TT_USE_LOG | TT_USE_EXECUTE | TT_USE_NET)

/* The longest OID restriction an authCommunity entry can hold (content octets). */
#define TT_CONF_OID_MAX 64

/* The password-to-key memo of a configuration being read: the last TT_P2K_MEMO_N distinct
 * (auth protocol, pass phrase) pairs and their Ku, so that many createUser lines sharing one
 * credential (one line per sending engine) cost one megabyte of hashing, not one each. Pass
 * phrases are compared exactly; longer ones than TT_P2K_MEMO_PW_MAX octets are not kept (they
 * are derived every time). It holds secrets: tt_conf_load_done() wipes it. */
#define TT_P2K_MEMO_N 4
#define TT_P2K_MEMO_PW_MAX 32
struct tt_p2k_memo {
	uint8_t auth;                    /* enum tt_auth_proto; TT_AUTH_NONE: an empty entry */
	uint8_t pw_len;
	uint8_t pw[TT_P2K_MEMO_PW_MAX];
	uint8_t ku[TT_KEY_MAX];
};

/* One authCommunity line. */
struct tt_community {
	uint8_t name[CONFIG_TT_COMMUNITY_MAX_LEN]; /* community octets */
	uint8_t name_len;
	uint8_t uses;                 /* TT_USE_* allowed for matching notifications */
	uint8_t oid_len;              /* 0: any snmpTrapOID */
	struct tt_prefix source;      /* family TT_AF_NONE: any source ("default") */
	uint8_t oid[TT_CONF_OID_MAX]; /* snmpTrapOID subtree (content octets) */
};

/* The whole configuration of the core. */
struct tt_conf {
	uint8_t disable_authorization; /* 1: accept every community and user, for every use */
	uint8_t n_communities;         /* entries used in communities[] */
	uint8_t n_users;               /* entries used in users[] */
	uint8_t n_auth_users;          /* entries used in auth_users[] */
	uint8_t engine_id_len;         /* 0: the port's engine ID (tt_rx_set_engine) */
	uint8_t engine_id[TT_ENGINE_ID_MAX]; /* our snmpEngineID from the engineID directive */
	struct tt_community communities[CONFIG_TT_MAX_COMMUNITIES];
	struct tt_user users[CONFIG_TT_MAX_USERS];
	/* Hash index of users by (name, engine ID), built as users are added, so that the
	 * per-packet lookup costs the same for one user or many: slot = 1 + index into users[],
	 * 0 = empty (open addressing, linear probing, never more than half full). */
	uint16_t user_index[2 * CONFIG_TT_MAX_USERS];
	struct tt_auth_user auth_users[CONFIG_TT_MAX_USERS];
	uint32_t n_password_to_key;    /* password-to-key runs (RFC 3414 A.2) of createUser so far */
	uint8_t p2k_memo_next;         /* the memo entry replaced next (round robin) */
	struct tt_p2k_memo p2k_memo[TT_P2K_MEMO_N]; /* empty unless being loaded: see above */
};

/* A user to add: what createUser says. */
struct tt_user_cfg {
	const uint8_t *name;          /* 0..32 octets */
	size_t name_len;
	const uint8_t *engine_id;     /* NULL: any engine (keys localized per engine on first use) */
	size_t engine_id_len;         /* 5..32 when given */
	uint8_t auth;                 /* enum tt_auth_proto */
	uint8_t auth_form;            /* enum tt_key_form */
	const uint8_t *auth_secret;   /* password, or key octets for the key forms */
	size_t auth_secret_len;
	uint8_t priv;                 /* enum tt_priv_proto (needs auth) */
	uint8_t priv_form;            /* enum tt_key_form */
	const uint8_t *priv_secret;   /* NULL: the auth secret is used (snmptrapd does so) */
	size_t priv_secret_len;
};

/* Results of tt_conf_line besides the tt_err codes. */
#define TT_CONF_NOT_CORE 1 /* the line is valid syntax for a directive the core does not own */

/* Empties *c: no community, authorization on (so nothing is accepted yet). */
void tt_conf_init(struct tt_conf *c);

/* Adds an authCommunity entry: uses (TT_USE_*), the community (1..CONFIG_TT_COMMUNITY_MAX_LEN
 * octets), an optional source prefix (NULL = any) and an optional snmpTrapOID subtree
 * (oid_len 0 = any; at most TT_CONF_OID_MAX octets). Returns TT_OK, TT_ERR_FULL or
 * TT_ERR_INVALID. */
int tt_conf_add_community(struct tt_conf *c, uint8_t uses, const uint8_t *name, size_t name_len,
                          const struct tt_prefix *source, const uint8_t *oid, size_t oid_len);

/* Applies one line of snmptrapd.conf syntax. Blank lines and '#' comments return TT_OK.
 * Core directives: "authCommunity TYPES COMMUNITY [SOURCE [OID]]" (SOURCE: "default", an IPv4
 * or IPv6 address, optionally "/bits"; OID: dotted numeric), "disableAuthorization yes|no",
 * "createUser [-e ENGINEID] NAME [AUTH (PASS|-m HEX|-l HEX) [PRIV [PASS|-m HEX|-l HEX]]]",
 * "authUser TYPES [-s usm] NAME [noauth|auth|priv]" and "engineID STRING|0xHEX".
 * Any other first word returns TT_CONF_NOT_CORE, for the port to handle. A line holding a NUL
 * byte anywhere (comments included) is refused with TT_ERR_INVALID. On an error a
 * negative tt_err is returned and a message naming the problem is written to err (errcap
 * octets, NUL-terminated). */
int tt_conf_line(struct tt_conf *c, const char *line, size_t len, char *err, size_t errcap);

/* Adds a USM user, deriving its keys now: password-to-key (about a megabyte of hashing per
 * password) and, for a user with an engine ID, localization and privacy key extension.
 * Password-to-key runs once per distinct (auth protocol, pass phrase) among the last
 * TT_P2K_MEMO_N of them (the memo above; n_password_to_key counts the runs), the privacy
 * password included: a user whose privacy secret is its auth password, or another user's, costs
 * only its localization. Secrets are checked before any hashing, so a user refused for what it
 * says leaves *c as it was. Returns TT_OK, TT_ERR_FULL, TT_ERR_SHORT_PASSWORD or TT_ERR_INVALID (also a user
 * defined twice for the same engine) with a message in err, or TT_ERR_CRYPTO. */
int tt_conf_add_user(struct tt_conf *c, const struct tt_user_cfg *cfg, char *err, size_t errcap);

/* Ends the reading of a configuration: wipes the password-to-key memo (pass phrases and their
 * Ku; tt_zeroize). Call it when the last line was applied, whether the configuration is kept or
 * thrown away; lines added later still work (they derive afresh and fill the memo again, to be
 * wiped again by another call). n_password_to_key is kept. */
void tt_conf_load_done(struct tt_conf *c);

/* Adds an authUser entry: notifications from user name at level min_level (TT_SEC_*) or
 * above may be used for uses (TT_USE_*). Returns TT_OK, TT_ERR_FULL or TT_ERR_INVALID. */
int tt_conf_add_auth_user(struct tt_conf *c, uint8_t uses, const uint8_t *name, size_t name_len,
                          uint8_t min_level);

/* Parses "a.b.c.d", an IPv6 address or either with "/bits" into *p; "default" gives the
 * any-prefix. Returns TT_OK or TT_ERR_INVALID (host names are not resolved here). */
int tt_prefix_parse(const char *text, size_t len, struct tt_prefix *p);

/* Text helpers of the configuration parser, for a port's own directives and options too. */

/* 1 when the len characters at s equal the NUL-terminated word, ignoring ASCII case. */
int tt_word_is(const char *s, size_t len, const char *word);

/* 1 when the len characters at s begin the NUL-terminated word (an abbreviation of it),
 * ignoring ASCII case; len 0 gives 1. */
int tt_word_starts(const char *s, size_t len, const char *word);

/* Decodes the len characters of hex at s into out (cap octets): an optional "0x" or "0X",
 * then two hex digits per octet, either case; spaces, tabs, CR and LF may stand between
 * octets. Returns the number of octets (0 for no digits), or -1 for an odd digit, another
 * character or more than cap octets. */
long tt_hex_decode(const char *s, size_t len, uint8_t *out, size_t cap);

#endif /* TT_CONF_H */
