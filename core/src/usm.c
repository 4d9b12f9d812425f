/*
 * usm.c - the User-based Security Model's state (RFC 3414): user lookup, the localized-key
 * cache for users without an engine ID, the MAC check, the two timeliness checks, and the
 * privacy keys and IVs.
 *
 * Keys are never derived per packet: password-to-key ran when the user was configured; a
 * wildcard user's keys are localized once per (user, engine) and kept in an LRU cache, which
 * only an authenticated message may fill, so spoofed engine IDs cannot evict good entries.
 * A localization is one short hash, but a Reeder-extended privacy key (3DES, AES-192-C,
 * AES-256-C over a hash shorter than the key) costs a password-to-key run: at most
 * CONFIG_TT_SLOW_KEYS_PER_S such derivations run per second, after the MAC and the time window
 * were checked; over that budget an encrypted message from an engine not in the cache is
 * refused (an authNoPriv one is processed with its auth key, not cached).
 * It does not parse messages (v3.c) or encode replies (v3.c).
 */
#include <string.h>
#include "tt_internal.h"
#include "tt_crypto.h"
#include "tt_usm_keys.h"

/* C99 compile-time check: the memo storage in struct tt_rx holds a struct tt_hmac_ctx. */
typedef char tt_hmac_memo_fits[sizeof(struct tt_hmac_ctx) <=
                               sizeof(((struct tt_rx *)0)->hmac_memo) ? 1 : -1];
/* ... and the cipher memo a struct tt_cipher_ctx. */
typedef char tt_cipher_memo_fits[sizeof(struct tt_cipher_ctx) <=
                                 sizeof(((struct tt_rx *)0)->cipher_memo) ? 1 : -1];

#define TT_TIME_WINDOW_S 150u        /* RFC 3414 §2.2.3 */
#define TT_BOOTS_MAX 2147483647u     /* RFC 3414 §2.2.2: the latched maximum */

uint32_t tt_engine_time(const struct tt_rx *rx, uint64_t now_ms)
{
	uint64_t s = (now_ms - rx->engine.start_ms) / 1000u;
	return s > TT_BOOTS_MAX ? TT_BOOTS_MAX : (uint32_t)s;
}

/* The index slot where (name, engine) starts probing. */
static size_t index_start(const uint8_t *name, size_t name_len, const uint8_t *engine,
                          size_t engine_len)
{
	uint32_t h = tt_fnv1a(name, name_len) * 31u + (uint32_t)engine_len;
	h ^= tt_fnv1a(engine, engine_len);
	return h % (2u * CONFIG_TT_MAX_USERS);
}

void tt_usm_index_add(struct tt_conf *c, unsigned user)
{
	const struct tt_user *u = &c->users[user];
	size_t i = index_start(u->name, u->name_len, u->engine_id, u->engine_id_len);
	while (c->user_index[i])
		i = (i + 1) % (2u * CONFIG_TT_MAX_USERS);
	c->user_index[i] = (uint16_t)(user + 1);
}

int tt_usm_index_find(const struct tt_conf *c, const uint8_t *name, size_t name_len,
                      const uint8_t *engine, size_t engine_len)
{
	size_t i = index_start(name, name_len, engine, engine_len);
	while (c->user_index[i]) {
		const struct tt_user *u = &c->users[c->user_index[i] - 1];
		if (u->name_len == name_len && u->engine_id_len == engine_len &&
		    memcmp(u->name, name, name_len) == 0 &&
		    memcmp(u->engine_id, engine, engine_len) == 0)
			return c->user_index[i] - 1;
		i = (i + 1) % (2u * CONFIG_TT_MAX_USERS);
	}
	return -1;
}

int tt_usm_find_user(const struct tt_conf *conf, const uint8_t *name, size_t name_len,
                     const uint8_t *engine, size_t engine_len, int *other_engines)
{
	int user;
	unsigned i;

	*other_engines = 0;
	/* an entry for this engine wins over a wildcard one */
	if (engine_len && (user = tt_usm_index_find(conf, name, name_len, engine, engine_len)) >= 0)
		return user;
	if ((user = tt_usm_index_find(conf, name, name_len, engine, 0)) >= 0)
		return user;
	/* Not found: only now, for the diagnostic, look whether the name exists elsewhere. */
	for (i = 0; i < conf->n_users; i++)
		if (conf->users[i].name_len == name_len &&
		    memcmp(conf->users[i].name, name, name_len) == 0)
			*other_engines = 1;
	return -1;
}

static struct tt_cipher_ctx *cipher_memo(struct tt_rx *rx)
{
	return (struct tt_cipher_ctx *)(void *)rx->cipher_memo;
}

/* Drops the remembered keyed HMAC state and key schedule (their keys are about to change or
 * go). */
static void memo_forget(struct tt_rx *rx)
{
	rx->hmac_memo_key = NULL;
	tt_zeroize(rx->hmac_memo, sizeof rx->hmac_memo);
	if (rx->cipher_memo_key)
		tt_cipher_wipe(cipher_memo(rx));
	rx->cipher_memo_key = NULL;
	tt_zeroize(rx->cipher_memo, sizeof rx->cipher_memo);
}

/* Finds the cached keys of (user, engine); NULL when absent. */
static struct tt_key_cache_entry *cache_find(struct tt_rx *rx, int user, const uint8_t *engine,
                                             size_t engine_len)
{
	unsigned i;
	for (i = 0; i < CONFIG_TT_KEY_CACHE; i++) {
		struct tt_key_cache_entry *e = &rx->key_cache[i];
		if (e->used_ms && e->user == user && e->engine_id_len == engine_len &&
		    memcmp(e->engine_id, engine, engine_len) == 0)
			return e;
	}
	return NULL;
}

int tt_usm_keys(struct tt_rx *rx, int user, const uint8_t *engine, size_t engine_len,
                struct tt_usm_keyset *ks)
{
	const struct tt_user *u = &rx->conf->users[user];
	struct tt_key_cache_entry *e;
	int rc;

	ks->user = u;
	ks->cached = NULL;
	ks->fresh = 0;
	if (u->engine_id_len) { /* keys localized when configured */
		ks->auth_key = u->auth_key;
		ks->priv_key = u->priv_key;
		return TT_OK;
	}
	e = cache_find(rx, user, engine, engine_len);
	if (e) {
		/* used_ms is refreshed by tt_usm_keys_commit(), once the MAC is proved: a forged
		 * message must not decide which entry is evicted next */
		ks->auth_key = e->auth_key;
		ks->priv_key = e->priv_key;
		ks->cached = e;
		return TT_OK;
	}
	/* Localize the auth key only; the privacy key waits until the MAC proved the sender
	 * (a Reeder extension costs a password-to-key run). */
	rc = tt_usm_localize_key((enum tt_auth_proto)u->auth, u->auth_key, engine, engine_len,
	                     ks->scratch_auth);
	if (rc < 0)
		return rc;
	rx->stats.key_localizations++;
	ks->auth_key = ks->scratch_auth;
	ks->priv_key = NULL;
	ks->fresh = 1;
	return TT_OK;
}

/* 1 when the privacy key of u costs a password-to-key run per engine: a Reeder extension
 * (tt_usm_priv_key_from_kul) of a localized key shorter than the key material. */
static int priv_key_is_slow(const struct tt_user *u)
{
	enum tt_auth_proto ap = (enum tt_auth_proto)u->auth;
	enum tt_priv_proto pp = (enum tt_priv_proto)u->priv;

	if (pp != TT_PRIV_3DES && pp != TT_PRIV_AES192_C && pp != TT_PRIV_AES256_C)
		return 0;
	return tt_auth_hash_len(ap) < tt_priv_key_len(pp);
}

int tt_usm_keys_commit(struct tt_rx *rx, int user, const uint8_t *engine, size_t engine_len,
                       uint64_t now_ms, int need_priv, struct tt_usm_keyset *ks)
{
	const struct tt_user *u = &rx->conf->users[user];
	struct tt_key_cache_entry *e, *victim = &rx->key_cache[0];
	uint8_t kul[TT_KEY_MAX];
	unsigned i;
	int rc = TT_OK;

	if (!ks->fresh) {
		if (ks->cached)
			ks->cached->used_ms = now_ms ? now_ms : 1;
		return TT_OK;
	}
	if (priv_key_is_slow(u)) {
		if (!tt_ratelimit_allow(&rx->slow_key_limit, now_ms, NULL)) {
			/* Over the budget. A message without privacy needs only the auth key, which
			 * it has: it goes on with the fresh key, uncached (no entry is evicted). */
			if (!need_priv)
				return TT_OK;
			rx->stats.slow_keys_refused++;
			tt_zeroize(ks->scratch_auth, sizeof ks->scratch_auth);
			return TT_USM_SLOW_KEY_REFUSED;
		}
		rx->stats.slow_keys_derived++;
	}
	for (i = 0; i < CONFIG_TT_KEY_CACHE; i++) {
		e = &rx->key_cache[i];
		if (e->used_ms < victim->used_ms)
			victim = e;
	}
	if (rx->hmac_memo_key == victim->auth_key || rx->cipher_memo_key == victim->priv_key)
		memo_forget(rx); /* the entry gets another engine's keys */
	memset(victim, 0, sizeof *victim);
	if (u->priv != TT_PRIV_NONE) {
		rc = tt_usm_localize_key((enum tt_auth_proto)u->auth, u->priv_key, engine, engine_len, kul);
		if (rc >= 0)
			rc = tt_usm_priv_key_from_kul((enum tt_auth_proto)u->auth, (enum tt_priv_proto)u->priv,
			                     kul, engine, engine_len, victim->priv_key);
		tt_zeroize(kul, sizeof kul);
		if (rc < 0) {
			tt_zeroize(victim, sizeof *victim);
			return rc;
		}
	}
	memcpy(victim->auth_key, ks->scratch_auth, sizeof victim->auth_key);
	tt_zeroize(ks->scratch_auth, sizeof ks->scratch_auth);
	victim->user = (uint8_t)user;
	victim->engine_id_len = (uint8_t)engine_len;
	memcpy(victim->engine_id, engine, engine_len);
	victim->used_ms = now_ms ? now_ms : 1;
	ks->auth_key = victim->auth_key;
	ks->priv_key = victim->priv_key;
	ks->cached = victim;
	ks->fresh = 0;
	return TT_OK;
}

void tt_usm_keys_flush(struct tt_rx *rx)
{
	tt_zeroize(rx->key_cache, sizeof rx->key_cache);
	memo_forget(rx);
}

int tt_usm_check_mac(struct tt_rx *rx, const struct tt_usm_keyset *ks, const uint8_t *msg,
                     size_t len, size_t mac_off, size_t mac_len)
{
	enum tt_auth_proto p = (enum tt_auth_proto)ks->user->auth;
	struct tt_hmac_ctx *memo = (struct tt_hmac_ctx *)(void *)rx->hmac_memo;
	uint8_t digest[TT_HASH_MAX_LEN];
	int rc, ok;

	/* RFC 3414 §6.3.2 / §7.3.2, RFC 7860 §4.2.2: the MAC length is the protocol's, never
	 * the sender's (CVE-2008-0960 accepted a 1-octet MAC). */
	if (mac_len != tt_auth_mac_len(p))
		return 0;
	if (ks->fresh) {
		/* a key localized just now, not (yet) cached: nothing stable to remember */
		rc = tt_hmac_zeroed(p, ks->auth_key, tt_auth_hash_len(p), msg, len, mac_off, mac_len,
		                    digest);
	} else {
		rc = TT_OK;
		if (rx->hmac_memo_key != ks->auth_key || rx->hmac_memo_proto != p) {
			rx->hmac_memo_key = NULL; /* tt_hmac_start overwrites (and on error wipes) it */
			rc = tt_hmac_start(memo, p, ks->auth_key, tt_auth_hash_len(p));
			if (rc == TT_OK) {
				rx->hmac_memo_key = ks->auth_key;
				rx->hmac_memo_proto = (uint8_t)p;
			}
		}
		if (rc == TT_OK)
			rc = tt_hmac_zeroed_keyed(memo, msg, len, mac_off, mac_len, digest);
	}
	ok = rc >= 0 && tt_ct_equal(digest, msg + mac_off, mac_len);
	tt_zeroize(digest, sizeof digest);
	return ok;
}

int tt_usm_sign(const struct tt_usm_keyset *ks, uint8_t *msg, size_t len, size_t mac_off)
{
	enum tt_auth_proto p = (enum tt_auth_proto)ks->user->auth;
	uint8_t digest[TT_HASH_MAX_LEN];
	size_t mac_len = tt_auth_mac_len(p);
	int rc;

	memset(msg + mac_off, 0, mac_len);
	rc = tt_hmac(p, ks->auth_key, tt_auth_hash_len(p), msg, len, digest);
	if (rc >= 0)
		memcpy(msg + mac_off, digest, mac_len);
	tt_zeroize(digest, sizeof digest);
	return rc < 0 ? rc : TT_OK;
}

int tt_usm_timely_local(const struct tt_rx *rx, uint32_t boots, uint32_t time, uint64_t now_ms)
{
	uint32_t ours = tt_engine_time(rx, now_ms);
	/* RFC 3414 §3.2 step 7a */
	if (rx->engine.boots >= TT_BOOTS_MAX || boots != rx->engine.boots)
		return 0;
	return (time > ours ? time - ours : ours - time) <= TT_TIME_WINDOW_S;
}

/* The entry of engine id, or NULL. */
static struct tt_remote_engine *remote_find(struct tt_rx *rx, const uint8_t *id, size_t len)
{
	unsigned i;
	for (i = 0; i < CONFIG_TT_REMOTE_ENGINES; i++) {
		struct tt_remote_engine *r = &rx->remote[i];
		if (r->stamp_ms && r->id_len == len && memcmp(r->id, id, len) == 0)
			return r;
	}
	return NULL;
}

int tt_usm_timely_remote(struct tt_rx *rx, const uint8_t *id, size_t len, uint32_t boots,
                         uint32_t time, uint64_t now_ms, int32_t *behind_s)
{
	struct tt_remote_engine *r = remote_find(rx, id, len);
	uint64_t stamp = now_ms ? now_ms : 1;
	uint64_t estimate;
	unsigned i;

	*behind_s = 0;
	if (!r) {
		/* First authenticated message from this engine: take its clock (RFC 3414 §3.2 7b
		 * via §4 discovery); reuse the entry heard from least recently. */
		r = &rx->remote[0];
		for (i = 1; i < CONFIG_TT_REMOTE_ENGINES; i++)
			if (rx->remote[i].stamp_ms < r->stamp_ms)
				r = &rx->remote[i];
		if (r->stamp_ms)
			rx->stats.remote_engines_evicted++;
		memset(r, 0, sizeof *r);
		r->id_len = (uint8_t)len;
		memcpy(r->id, id, len);
		r->boots = boots;
		r->time = time;
		r->stamp_ms = stamp;
		return 1;
	}
	/* RFC 3414 §3.2 step 7b: the cached time advanced by our own clock since it was stored. */
	estimate = (uint64_t)r->time + (now_ms - r->stamp_ms) / 1000u;
	if (r->boots >= TT_BOOTS_MAX || boots < r->boots)
		return 0;
	if (boots == r->boots && (uint64_t)time + TT_TIME_WINDOW_S < estimate) {
		uint64_t d = estimate - time;
		*behind_s = d > 0x7fffffff ? 0x7fffffff : (int32_t)d;
		return 0;
	}
	/* Update when the message is newer (RFC 3414 §3.2 step 7b, first bullet); the time last
	 * stored is also latestReceivedEngineTime. */
	if (boots > r->boots || time > r->time) {
		r->boots = boots;
		r->time = time;
		r->stamp_ms = stamp;
	}
	return 1;
}

int tt_usm_crypt(struct tt_rx *rx, const struct tt_usm_keyset *ks, uint32_t boots,
                 uint32_t time, const uint8_t *salt, uint8_t *buf, size_t len, int encrypt)
{
	enum tt_priv_proto p = (enum tt_priv_proto)ks->user->priv;
	int rc;

	/* Encryption (a Response to an inform) is rare: a one-shot schedule. */
	if (encrypt)
		return tt_usm_encrypt(p, ks->priv_key, boots, time, salt, buf, len);
	if ((p == TT_PRIV_DES || p == TT_PRIV_3DES) && len % TT_DES_BLOCK != 0)
		return TT_ERR_VALUE; /* before a schedule is made for it */
	if (rx->cipher_memo_key != ks->priv_key || rx->cipher_memo_proto != p) {
		if (rx->cipher_memo_key)
			tt_cipher_wipe(cipher_memo(rx));
		rx->cipher_memo_key = NULL;
		rc = tt_usm_cipher_start(cipher_memo(rx), p, ks->priv_key, 0);
		if (rc < 0)
			return rc;
		rx->cipher_memo_key = ks->priv_key;
		rx->cipher_memo_proto = (uint8_t)p;
	}
	return tt_usm_crypt_keyed(cipher_memo(rx), p, ks->priv_key, boots, time, salt, buf, len);
}
