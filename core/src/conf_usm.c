/*
 * conf_usm.c - the SNMPv3 part of the core's configuration: USM users (createUser), the
 * authUser policy and our engine ID (engineID, exactEngineID), in snmptrapd.conf syntax.
 *
 * Keys are derived here, once, when a user is added (password-to-key is a megabyte of
 * hashing): a user with an engine ID gets final localized keys; a user without one keeps its
 * master keys Ku, localized per engine later by usm.c. While a configuration is read, the
 * Ku of the last few distinct (auth protocol, pass phrase) pairs are kept in the tt_conf's
 * memo, so that a credential shared by many createUser -e lines is hashed once; the port
 * wipes the memo with tt_conf_load_done() after the last line. Secrets are wiped from every
 * temporary. It does not process messages.
 */
#include <string.h>
#include "tt_internal.h"
#include "tt_crypto.h"
#include "tt_usm_keys.h"
#include "strbuf.h"

struct name_map {
	const char *name;
	uint8_t value;
};

/* snmptrapd's spellings (snmplib/snmpusm.c tables), matched case-insensitively: an exact
 * spelling first, else the first entry the word is a prefix of ("s" = SHA, "a" = AES). */
static const struct name_map auth_names[] = {
	{"SHA", TT_AUTH_SHA1},       {"SHA-1", TT_AUTH_SHA1},     {"SHA1", TT_AUTH_SHA1},
	{"MD5", TT_AUTH_MD5},        {"SHA-224", TT_AUTH_SHA224}, {"SHA224", TT_AUTH_SHA224},
	{"SHA-256", TT_AUTH_SHA256}, {"SHA256", TT_AUTH_SHA256},  {"SHA-384", TT_AUTH_SHA384},
	{"SHA384", TT_AUTH_SHA384},  {"SHA-512", TT_AUTH_SHA512}, {"SHA512", TT_AUTH_SHA512},
	{NULL, 0}};

static const struct name_map priv_names[] = {
	{"DES", TT_PRIV_DES},           {"AES", TT_PRIV_AES128},        {"AES-128", TT_PRIV_AES128},
	{"AES128", TT_PRIV_AES128},     {"AES-192", TT_PRIV_AES192},    {"AES192", TT_PRIV_AES192},
	{"AES-256", TT_PRIV_AES256},    {"AES256", TT_PRIV_AES256},     {"AES-192-C", TT_PRIV_AES192_C},
	{"AES192C", TT_PRIV_AES192_C},  {"AES-256-C", TT_PRIV_AES256_C}, {"AES256C", TT_PRIV_AES256_C},
	{"3DES", TT_PRIV_3DES},         {"3DESEDE", TT_PRIV_3DES},      {"3DES-EDE", TT_PRIV_3DES},
	{NULL, 0}};

/* Looks a word up in a table, whole names first, then a name the word abbreviates; -1 when
 * nothing matches. */
static int map_lookup(const struct name_map *map, const struct tt_tok *t)
{
	int i;
	for (i = 0; map[i].name; i++)
		if (tt_tok_is(t, map[i].name))
			return map[i].value;
	for (i = 0; map[i].name && t->len; i++)
		if (tt_word_starts(t->s, t->len, map[i].name))
			return map[i].value;
	return -1;
}

/* Hex with or without "0x" into out (cap octets); returns the length, or -1 (also when empty). */
static int parse_hex(const struct tt_tok *t, uint8_t *out, size_t cap)
{
	long n = tt_hex_decode(t->s, t->len, out, cap);
	return n > 0 ? (int)n : -1;
}

static int user_fail(char *err, size_t cap, int rc, const struct tt_user_cfg *cfg,
                     const char *msg)
{
	struct tt_sb sb;
	tt_sb_init(&sb, err, cap);
	tt_sb_str(&sb, "createUser '");
	tt_sb_mem(&sb, (const char *)cfg->name, cfg->name_len);
	tt_sb_str(&sb, "': ");
	tt_sb_str(&sb, msg);
	tt_sb_done(&sb);
	return rc;
}

/* Checks one secret before anything is hashed: a pass phrase of at least 8 octets, a key of
 * the auth hash's length. Returns TT_OK, TT_ERR_SHORT_PASSWORD or TT_ERR_INVALID. */
static int check_secret(enum tt_auth_proto p, uint8_t form, size_t len)
{
	if (form == TT_KEY_PASSWORD)
		return len < TT_PASSWORD_MIN_LEN ? TT_ERR_SHORT_PASSWORD : TT_OK;
	return len == tt_auth_hash_len(p) ? TT_OK : TT_ERR_INVALID;
}

/* Ku of a pass phrase, from the memo when (p, pw) is in it, else by password-to-key, then
 * remembered (over the oldest entry) when the pass phrase fits. Returns the key length or an
 * error. */
static int password_key(struct tt_conf *c, enum tt_auth_proto p, const uint8_t *pw, size_t len,
                        uint8_t *ku)
{
	size_t hl = tt_auth_hash_len(p);
	struct tt_p2k_memo *m;
	unsigned i;
	int rc;

	for (i = 0; i < TT_P2K_MEMO_N; i++) {
		m = &c->p2k_memo[i];
		if (m->auth == (uint8_t)p && m->pw_len == len && memcmp(m->pw, pw, len) == 0) {
			memcpy(ku, m->ku, hl);
			return (int)hl;
		}
	}
	rc = tt_usm_password_to_key(p, pw, len, ku);
	if (rc < 0)
		return rc;
	c->n_password_to_key++;
	if (len <= TT_P2K_MEMO_PW_MAX) {
		m = &c->p2k_memo[c->p2k_memo_next];
		c->p2k_memo_next = (uint8_t)((c->p2k_memo_next + 1u) % TT_P2K_MEMO_N);
		tt_zeroize(m, sizeof *m);
		m->auth = (uint8_t)p;
		m->pw_len = (uint8_t)len;
		memcpy(m->pw, pw, len);
		memcpy(m->ku, ku, hl);
	}
	return rc;
}

/* Ku (or Kul for the localized form) of one secret checked by check_secret(); returns the key
 * length or an error. */
static int secret_key(struct tt_conf *c, const struct tt_user_cfg *cfg, uint8_t form,
                      const uint8_t *secret, size_t len, uint8_t *key)
{
	enum tt_auth_proto p = (enum tt_auth_proto)cfg->auth;
	if (form == TT_KEY_PASSWORD)
		return password_key(c, p, secret, len, key);
	memcpy(key, secret, len);
	return (int)len;
}

void tt_conf_load_done(struct tt_conf *c)
{
	tt_zeroize(c->p2k_memo, sizeof c->p2k_memo);
	c->p2k_memo_next = 0;
}

int tt_conf_add_user(struct tt_conf *c, const struct tt_user_cfg *cfg, char *err, size_t cap)
{
	enum tt_auth_proto ap = (enum tt_auth_proto)cfg->auth;
	struct tt_user u;
	uint8_t key[TT_KEY_MAX];
	const uint8_t *psecret = cfg->priv_secret ? cfg->priv_secret : cfg->auth_secret;
	size_t plen = cfg->priv_secret ? cfg->priv_secret_len : cfg->auth_secret_len;
	uint8_t pform = cfg->priv_secret ? cfg->priv_form : cfg->auth_form;
	int rc = TT_OK;

	if (cap)
		err[0] = '\0';
	if (cfg->name_len > TT_USER_NAME_MAX)
		return user_fail(err, cap, TT_ERR_INVALID, cfg, "name longer than 32 octets");
	if (cfg->engine_id && (cfg->engine_id_len < TT_ENGINE_ID_MIN ||
	                       cfg->engine_id_len > TT_ENGINE_ID_MAX))
		return user_fail(err, cap, TT_ERR_INVALID, cfg,
		                 "engine ID must be 5..32 octets (RFC 3411)");
	if (cfg->auth > TT_AUTH_SHA512 || cfg->priv > TT_PRIV_AES256_C ||
	    (cfg->priv != TT_PRIV_NONE && cfg->auth == TT_AUTH_NONE))
		return user_fail(err, cap, TT_ERR_INVALID, cfg, "privacy needs authentication");
	if (!cfg->engine_id && (cfg->auth_form == TT_KEY_LOCALIZED ||
	                        (cfg->priv != TT_PRIV_NONE && pform == TT_KEY_LOCALIZED)))
		return user_fail(err, cap, TT_ERR_INVALID, cfg, "a localized key (-l) needs -e ENGINEID");
	/* the index users are found by (usm.c), not a scan: O(1) per line */
	if (tt_usm_index_find(c, cfg->name_len ? cfg->name : (const uint8_t *)"", cfg->name_len,
	                      cfg->engine_id ? cfg->engine_id : (const uint8_t *)"",
	                      cfg->engine_id ? cfg->engine_id_len : 0) >= 0)
		return user_fail(err, cap, TT_ERR_INVALID, cfg, "defined twice for the same engine");
	if (c->n_users >= CONFIG_TT_MAX_USERS)
		return user_fail(err, cap, TT_ERR_FULL, cfg, "more users than CONFIG_TT_MAX_USERS");
	/* every secret is checked before the first is hashed: a refused line costs no hashing
	 * and changes nothing, not even the memo */
	if (ap != TT_AUTH_NONE)
		rc = check_secret(ap, cfg->auth_form, cfg->auth_secret_len);
	if (rc >= 0 && cfg->priv != TT_PRIV_NONE)
		rc = check_secret(ap, pform, plen);

	memset(&u, 0, sizeof u);
	memcpy(u.name, cfg->name, cfg->name_len);
	u.name_len = (uint8_t)cfg->name_len;
	if (cfg->engine_id) {
		memcpy(u.engine_id, cfg->engine_id, cfg->engine_id_len);
		u.engine_id_len = (uint8_t)cfg->engine_id_len;
	}
	u.auth = cfg->auth;
	u.priv = cfg->priv;
	if (rc >= 0 && ap != TT_AUTH_NONE) {
		rc = secret_key(c, cfg, cfg->auth_form, cfg->auth_secret, cfg->auth_secret_len, key);
		if (rc >= 0 && u.engine_id_len && cfg->auth_form != TT_KEY_LOCALIZED)
			rc = tt_usm_localize_key(ap, key, u.engine_id, u.engine_id_len, key);
		if (rc >= 0)
			memcpy(u.auth_key, key, tt_auth_hash_len(ap));
	}
	if (rc >= 0 && cfg->priv != TT_PRIV_NONE) {
		/* the privacy password's Ku, with the auth protocol's hash: the memo's too */
		rc = secret_key(c, cfg, pform, psecret, plen, key);
		if (rc >= 0 && u.engine_id_len) {
			if (pform != TT_KEY_LOCALIZED)
				rc = tt_usm_localize_key(ap, key, u.engine_id, u.engine_id_len, key);
			/* Reeder's extension hashes a megabyte over Kul: per engine, not memoized */
			if (rc >= 0)
				rc = tt_usm_priv_key_from_kul(ap, (enum tt_priv_proto)cfg->priv, key,
				                              u.engine_id, u.engine_id_len, u.priv_key);
		} else if (rc >= 0) {
			memcpy(u.priv_key, key, tt_auth_hash_len(ap));
		}
	}
	tt_zeroize(key, sizeof key);
	if (rc < 0) {
		tt_zeroize(&u, sizeof u);
		if (rc == TT_ERR_SHORT_PASSWORD)
			return user_fail(err, cap, rc, cfg,
			                 "pass phrase shorter than 8 characters (RFC 3414 §11.2)");
		if (rc == TT_ERR_CRYPTO)
			return user_fail(err, cap, rc, cfg, "the crypto backend failed");
		return user_fail(err, cap, rc, cfg,
		                 "bad key: -m/-l keys must be hex of the auth hash's length");
	}
	c->users[c->n_users++] = u;
	tt_zeroize(&u, sizeof u);
	tt_usm_index_add(c, c->n_users - 1);
	return TT_OK;
}

int tt_conf_add_auth_user(struct tt_conf *c, uint8_t uses, const uint8_t *name, size_t name_len,
                          uint8_t min_level)
{
	struct tt_auth_user *a;
	if (name_len > TT_USER_NAME_MAX || !uses || (uses & ~TT_USE_ALL) ||
	    min_level < TT_SEC_NOAUTH || min_level > TT_SEC_PRIV)
		return TT_ERR_INVALID;
	if (c->n_auth_users >= CONFIG_TT_MAX_USERS)
		return TT_ERR_FULL;
	a = &c->auth_users[c->n_auth_users++];
	memset(a, 0, sizeof *a);
	memcpy(a->name, name, name_len);
	a->name_len = (uint8_t)name_len;
	a->uses = uses;
	a->min_level = min_level;
	return TT_OK;
}

/* A secret after AUTH or PRIV: "PASS", "-m HEX" or "-l HEX"; *i is advanced past it. */
static int parse_secret(const struct tt_tok *tok, int n, int *i, uint8_t *form, uint8_t *buf,
                        const uint8_t **secret, size_t *len)
{
	if (*i >= n)
		return -1;
	if (tt_tok_is(&tok[*i], "-m") || tt_tok_is(&tok[*i], "-l")) {
		int k;
		*form = tt_tok_is(&tok[*i], "-m") ? TT_KEY_MASTER : TT_KEY_LOCALIZED;
		if (*i + 1 >= n || (k = parse_hex(&tok[*i + 1], buf, TT_KEY_MAX)) < 0)
			return -1;
		*secret = buf;
		*len = (size_t)k;
		*i += 2;
		return 0;
	}
	*form = TT_KEY_PASSWORD;
	*secret = (const uint8_t *)tok[*i].s;
	*len = tok[*i].len;
	(*i)++;
	return 0;
}

static int create_user(struct tt_conf *c, const struct tt_tok *tok, int n, char *err, size_t cap)
{
	struct tt_user_cfg cfg;
	uint8_t engine[TT_ENGINE_ID_MAX], abuf[TT_KEY_MAX], pbuf[TT_KEY_MAX];
	int i = 1, k, rc;

	memset(&cfg, 0, sizeof cfg);
	while (i < n && (tt_tok_is(&tok[i], "-e") || tt_tok_is(&tok[i], "-M"))) {
		if (tt_tok_is(&tok[i], "-M")) { /* keep the master key: ours are kept anyway */
			i++;
			continue;
		}
		if (i + 1 >= n || (k = parse_hex(&tok[i + 1], engine, sizeof engine)) < 0)
			return tt_conf_fail(err, cap, TT_ERR_INVALID, "createUser: -e needs a hex engine ID of at most 32 octets", NULL, NULL);
		cfg.engine_id = engine;
		cfg.engine_id_len = (size_t)k;
		i += 2;
	}
	if (i >= n)
		return tt_conf_fail(err, cap, TT_ERR_INVALID,
		                    "createUser needs a user name: createUser [-e ENGINEID] NAME "
		                    "[AUTH PASS [PRIV [PASS]]]", NULL, NULL);
	cfg.name = (const uint8_t *)tok[i].s;
	cfg.name_len = tok[i].len;
	i++;
	if (i < n) {
		if ((k = map_lookup(auth_names, &tok[i])) < 0)
			return tt_conf_fail(err, cap, TT_ERR_INVALID, "createUser: unknown auth protocol '",
			                    &tok[i], "' (MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512)");
		cfg.auth = (uint8_t)k;
		i++;
		if (parse_secret(tok, n, &i, &cfg.auth_form, abuf, &cfg.auth_secret,
		                 &cfg.auth_secret_len) < 0)
			return tt_conf_fail(err, cap, TT_ERR_INVALID,
			                    "createUser: the auth protocol needs a pass phrase, -m HEX or -l HEX",
			                    NULL, NULL);
	}
	if (i < n) {
		if ((k = map_lookup(priv_names, &tok[i])) < 0)
			return tt_conf_fail(err, cap, TT_ERR_INVALID, "createUser: unknown privacy protocol '",
			                    &tok[i], "' (DES, 3DES, AES, AES-192, AES-256, AES-192-C, AES-256-C)");
		cfg.priv = (uint8_t)k;
		i++;
		if (i < n && parse_secret(tok, n, &i, &cfg.priv_form, pbuf, &cfg.priv_secret,
		                          &cfg.priv_secret_len) < 0)
			return tt_conf_fail(err, cap, TT_ERR_INVALID,
			                    "createUser: bad privacy secret (a pass phrase, -m HEX or -l HEX)",
			                    NULL, NULL);
	}
	if (i < n)
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "createUser: unexpected '", &tok[i], "'");
	rc = tt_conf_add_user(c, &cfg, err, cap);
	tt_zeroize(abuf, sizeof abuf);
	tt_zeroize(pbuf, sizeof pbuf);
	return rc;
}

static int auth_user(struct tt_conf *c, const struct tt_tok *tok, int n, char *err, size_t cap)
{
	uint8_t uses, level = TT_SEC_AUTH; /* snmptrapd's default level is auth */
	int i = 2, rc;

	if (n < 3 || tt_conf_parse_uses(&tok[1], &uses) < 0)
		return tt_conf_fail(err, cap, TT_ERR_INVALID,
		                    "authUser needs TYPES and NAME: authUser log,execute,net NAME [noauth|auth|priv]",
		                    NULL, NULL);
	if (tt_tok_is(&tok[i], "-s")) {
		if (i + 1 >= n || !tt_tok_is(&tok[i + 1], "usm"))
			return tt_conf_fail(err, cap, TT_ERR_INVALID,
			                    "authUser: only the USM security model (-s usm) exists here", NULL, NULL);
		i += 2;
	}
	if (i >= n)
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "authUser: missing user name", NULL, NULL);
	if (tok[i].len > TT_USER_NAME_MAX)
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "authUser: user name '", &tok[i],
		                    "' is longer than 32 octets");
	if (i + 1 < n) {
		const struct tt_tok *l = &tok[i + 1];
		if (tt_tok_is(l, "noauth") || tt_tok_is(l, "noAuthNoPriv"))
			level = TT_SEC_NOAUTH;
		else if (tt_tok_is(l, "auth") || tt_tok_is(l, "authNoPriv"))
			level = TT_SEC_AUTH;
		else if (tt_tok_is(l, "priv") || tt_tok_is(l, "authPriv"))
			level = TT_SEC_PRIV;
		else
			return tt_conf_fail(err, cap, TT_ERR_INVALID, "authUser: level '", l,
			                    "' is not noauth, auth or priv");
	}
	if (i + 2 < n)
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "authUser: OID and view restrictions ('",
		                    &tok[i + 2], "') are not supported");
	rc = tt_conf_add_auth_user(c, uses, (const uint8_t *)tok[i].s, tok[i].len, level);
	if (rc == TT_ERR_FULL)
		return tt_conf_fail(err, cap, rc, "authUser: more entries than CONFIG_TT_MAX_USERS",
		                    NULL, NULL);
	return rc < 0 ? tt_conf_fail(err, cap, rc, "authUser: invalid entry", NULL, NULL) : TT_OK;
}

/* engineID TEXT: Net-SNMP's text format, 0x80001F88 04 TEXT (RFC 3411 format 4, enterprise
 * 8072); exactEngineID 0xHEX|TEXT: the octets as given, hex only after "0x" (Net-SNMP's
 * read_config_read_octet_string). The configuration changes only when the value is valid. */
static int engine_id(struct tt_conf *c, const struct tt_tok *tok, int n, int exact, char *err,
                     size_t cap)
{
	static const uint8_t text_prefix[5] = {0x80, 0x00, 0x1f, 0x88, 0x04};
	uint8_t id[TT_ENGINE_ID_MAX];
	int k;

	if (n != 2)
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "engineID takes one value", NULL, NULL);
	if (exact && tok[1].len >= 2 && tok[1].s[0] == '0' &&
	    (tok[1].s[1] == 'x' || tok[1].s[1] == 'X')) {
		k = parse_hex(&tok[1], id, sizeof id);
	} else if (exact) {
		k = tok[1].len > TT_ENGINE_ID_MAX ? -1 : (int)tok[1].len;
		if (k > 0)
			memcpy(id, tok[1].s, (size_t)k);
	} else if (tok[1].len == 0 || tok[1].len > TT_ENGINE_ID_MAX - sizeof text_prefix) {
		k = -1;
	} else {
		memcpy(id, text_prefix, sizeof text_prefix);
		memcpy(id + sizeof text_prefix, tok[1].s, tok[1].len);
		k = (int)(sizeof text_prefix + tok[1].len);
	}
	if (k < TT_ENGINE_ID_MIN)
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "engineID: '", &tok[1],
		                    "' does not give a 5..32-octet engine ID");
	memcpy(c->engine_id, id, (size_t)k);
	c->engine_id_len = (uint8_t)k;
	return TT_OK;
}

int tt_conf_usm_line(struct tt_conf *c, const struct tt_tok *tok, int n, char *err, size_t cap)
{
	if (tt_tok_is(&tok[0], "createUser"))
		return create_user(c, tok, n, err, cap);
	if (tt_tok_is(&tok[0], "authUser"))
		return auth_user(c, tok, n, err, cap);
	if (tt_tok_is(&tok[0], "engineID"))
		return engine_id(c, tok, n, 0, err, cap);
	if (tt_tok_is(&tok[0], "exactEngineID"))
		return engine_id(c, tok, n, 1, err, cap);
	return TT_CONF_NOT_CORE;
}
