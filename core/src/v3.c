/*
 * v3.c - SNMPv3 message processing (RFC 3412 §7.2) with the User-based Security Model
 * (RFC 3414 §3.2), and the SNMPv3 replies: Reports (RFC 3412 §7.1 step 3) and the Response to
 * an inform (RFC 3416 §4.2.7; tooBig also for one with more varbinds than we take), encrypted
 * and signed at the inform's security level.
 *
 * The checks run in the order USM-NOTES.md lists: header and flags, engine ID, user, security
 * level, MAC (before any decryption), timeliness, decryption, ScopedPDU, then the authUser
 * policy. Which engine is authoritative (ours for an inform, the sender's for a trap) is
 * decided by the PDU type, the reportable flag only standing in while the PDU is encrypted
 * (the rule is at the top of tt_v3_input). Reports go only to reportable messages, never to
 * a trap, within a budget per source and for all sources (report_allowed). Keys and clocks are in usm.c; the PDU itself is decoded
 * by pdu.c as for v1/v2c.
 */
#include <string.h>
#include "tinytrap/tt_render.h"
#include "tt_internal.h"
#include "tt_crypto.h"
#include "tt_usm_keys.h"
#include "strbuf.h"

#define FLAG_AUTH 0x01
#define FLAG_PRIV 0x02
#define FLAG_REPORTABLE 0x04
#define USM_SECURITY_MODEL 3

/* usmStats* OIDs, 1.3.6.1.6.3.15.1.1.N.0 (RFC 3414 §5) */
static const uint8_t usm_stats_prefix[8] = {0x2b, 6, 1, 6, 3, 15, 1, 1};

/* The fields of a received SNMPv3 message. */
struct v3_msg {
	int32_t msg_id;
	int32_t max_size;
	uint8_t flags;
	uint8_t level;
	const uint8_t *engine;
	size_t engine_len;
	int32_t boots;
	int32_t time;
	const uint8_t *user;
	size_t user_len;
	size_t mac_off;        /* offset of msgAuthenticationParameters' contents in the datagram */
	size_t mac_len;
	const uint8_t *salt;   /* msgPrivacyParameters */
	size_t salt_len;
	uint8_t *data;         /* encryptedPDU contents, or the plaintext ScopedPDU TLV */
	size_t data_len;
	uint8_t pdu_tag;       /* the PDU's tag where it can be read before decryption, else 0 */
	int32_t request_id;    /* its request-id, or 0 */
};

/* What a reply carries besides the PDU. */
struct v3_out {
	int32_t msg_id;
	uint8_t level;
	const uint8_t *user;
	size_t user_len;
	const struct tt_usm_keyset *ks;     /* keys for AUTH/PRIV levels */
	const uint8_t *ctx_engine;
	size_t ctx_engine_len;
	const uint8_t *ctx_name;
	size_t ctx_name_len;
	uint8_t pdu_tag;
	int32_t request_id;
	int32_t error_status;
	const uint8_t *vbl;                 /* a complete VarBindList TLV */
	size_t vbl_len;
};

static int get_nonneg(struct tt_ber *c, int32_t *v)
{
	struct tt_tlv t;
	int rc = tt_ber_expect(c, TT_TAG_INTEGER, &t);
	if (rc < 0)
		return rc;
	if ((rc = tt_ber_get_int32(&t, v)) < 0)
		return rc;
	return *v < 0 ? TT_ERR_FIELD : TT_OK;
}

/* An OCTET STRING of at most max octets into (*p, *len). */
static int get_str(struct tt_ber *c, size_t max, const uint8_t **p, size_t *len)
{
	struct tt_tlv t;
	int rc = tt_ber_expect(c, TT_TAG_OCTET_STRING, &t);
	if (rc < 0)
		return rc;
	if (t.len > max)
		return TT_ERR_VALUE;
	*p = t.val;
	*len = t.len;
	return TT_OK;
}

/* RFC 3412 §6 HeaderData; *model receives msgSecurityModel, which the caller checks. */
static int parse_header(struct tt_ber *body, struct v3_msg *m, int32_t *model)
{
	struct tt_ber hd;
	struct tt_tlv flags;
	int rc;

	if ((rc = tt_ber_enter(body, TT_TAG_SEQUENCE, &hd)) < 0)
		return rc;
	if ((rc = get_nonneg(&hd, &m->msg_id)) < 0)
		return rc;
	if ((rc = get_nonneg(&hd, &m->max_size)) < 0)
		return rc;
	if (m->max_size < 484) /* RFC 3412 §6: msgMaxSize INTEGER (484..2147483647) */
		return TT_ERR_FIELD;
	if ((rc = tt_ber_expect(&hd, TT_TAG_OCTET_STRING, &flags)) < 0)
		return rc;
	if (flags.len != 1)
		return TT_ERR_VALUE;
	m->flags = flags.val[0];
	if ((rc = get_nonneg(&hd, model)) < 0)
		return rc;
	if (!tt_ber_at_end(&hd))
		return TT_ERR_TRAILING;
	return TT_OK;
}

/* RFC 3414 §2.4 UsmSecurityParameters inside msgSecurityParameters, then msgData. */
static int parse_usm(struct tt_ber *body, uint8_t *dgram, struct v3_msg *m)
{
	struct tt_ber sp, usm;
	struct tt_tlv data;
	const uint8_t *mac;
	int rc;

	if ((rc = tt_ber_enter(body, TT_TAG_OCTET_STRING, &sp)) < 0)
		return rc;
	if ((rc = tt_ber_enter(&sp, TT_TAG_SEQUENCE, &usm)) < 0)
		return rc;
	if (!tt_ber_at_end(&sp))
		return TT_ERR_TRAILING;
	if ((rc = get_str(&usm, TT_ENGINE_ID_MAX, &m->engine, &m->engine_len)) < 0 ||
	    (rc = get_nonneg(&usm, &m->boots)) < 0 || (rc = get_nonneg(&usm, &m->time)) < 0 ||
	    (rc = get_str(&usm, TT_USER_NAME_MAX, &m->user, &m->user_len)) < 0 ||
	    (rc = get_str(&usm, SIZE_MAX, &mac, &m->mac_len)) < 0 ||
	    (rc = get_str(&usm, SIZE_MAX, &m->salt, &m->salt_len)) < 0)
		return rc;
	m->mac_off = (size_t)(mac - dgram);
	if (!tt_ber_at_end(&usm))
		return TT_ERR_TRAILING;
	if ((rc = tt_ber_read(body, &data)) < 0)
		return rc;
	if (!tt_ber_at_end(body))
		return TT_ERR_TRAILING;
	/* ScopedPduData: encryptedPDU OCTET STRING when private, else the ScopedPDU itself */
	if (m->flags & FLAG_PRIV) {
		if (data.tag != TT_TAG_OCTET_STRING)
			return TT_ERR_TAG;
		m->data = dgram + (data.val - dgram);
		m->data_len = data.len;
	} else {
		if (data.tag != TT_TAG_SEQUENCE)
			return TT_ERR_TAG;
		m->data = dgram + (data.start - dgram);
		m->data_len = (size_t)(data.val + data.len - data.start);
	}
	return TT_OK;
}

/* --- diagnostics ------------------------------------------------------------------------ */

static void sb_hex(struct tt_sb *sb, const uint8_t *p, size_t n)
{
	size_t i;
	tt_sb_str(sb, "0x");
	for (i = 0; i < n; i++)
		tt_sb_hex2(sb, p[i]);
	if (n == 0)
		tt_sb_str(sb, "(empty)");
}

static void sb_name(struct tt_sb *sb, const uint8_t *p, size_t n)
{
	size_t i;
	tt_sb_putc(sb, '\'');
	for (i = 0; i < n; i++)
		tt_sb_putc(sb, (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\'') ? (char)p[i] : '?');
	tt_sb_putc(sb, '\'');
}

static void sb_from(struct tt_sb *sb, const struct tt_addr *from)
{
	char a[48];
	tt_render_addr(a, sizeof a, from);
	tt_sb_str(sb, " from ");
	tt_sb_str(sb, a);
}

/* Writes "<what>'u' from <addr>, engine 0x..<tail>" into rx->diag. */
static void diag(struct tt_rx *rx, const char *what, const struct v3_msg *m,
                 const struct tt_addr *from, const char *tail)
{
	struct tt_sb sb;
	tt_sb_init(&sb, rx->diag, sizeof rx->diag);
	tt_sb_str(&sb, what);
	sb_name(&sb, m->user, m->user_len);
	sb_from(&sb, from);
	tt_sb_str(&sb, ", engine ");
	sb_hex(&sb, m->engine, m->engine_len);
	if (tail)
		tt_sb_str(&sb, tail);
	tt_sb_done(&sb);
	rx->result.diag = rx->diag;
}

/* Writes "<what> <num> from <addr>" into rx->diag, for refusals before the user is read. */
static void diag_header(struct tt_rx *rx, const char *what, int64_t num,
                        const struct tt_addr *from)
{
	struct tt_sb sb;
	tt_sb_init(&sb, rx->diag, sizeof rx->diag);
	tt_sb_str(&sb, what);
	tt_sb_int(&sb, num);
	sb_from(&sb, from);
	tt_sb_done(&sb);
	rx->result.diag = rx->diag;
}

/* --- encoding of replies ---------------------------------------------------------------- */

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Encodes a whole SNMPv3 message into rx->reply, at most limit octets. Returns its length. */
static int encode(struct tt_rx *rx, const struct v3_out *o, size_t limit, uint64_t now_ms)
{
	uint8_t zeros[TT_MAC_MAX_LEN], salt[8];
	uint32_t boots = rx->engine.boots, etime = tt_engine_time(rx, now_ms);
	struct tt_ber_w w;
	uint8_t *mac = NULL;
	size_t mac_len = 0, n;
	uint8_t flags;
	int rc;

	if (limit > sizeof rx->reply)
		limit = sizeof rx->reply;
	tt_ber_w_init(&w, rx->reply, limit);
	/* ScopedPDU ::= SEQUENCE { contextEngineID, contextName, data } */
	if ((rc = tt_reply_pdu(&w, o->pdu_tag, o->request_id, o->error_status, o->vbl,
	                       o->vbl_len)) < 0 ||
	    (rc = tt_ber_w_tlv(&w, TT_TAG_OCTET_STRING, o->ctx_name, o->ctx_name_len)) < 0 ||
	    (rc = tt_ber_w_tlv(&w, TT_TAG_OCTET_STRING, o->ctx_engine, o->ctx_engine_len)) < 0 ||
	    (rc = tt_ber_w_header(&w, TT_TAG_SEQUENCE, tt_ber_w_len(&w))) < 0)
		return rc;

	if (o->level == TT_SEC_PRIV) {
		enum tt_priv_proto p = (enum tt_priv_proto)o->ks->user->priv;
		size_t len = tt_ber_w_len(&w), pad = 0;
		if (p == TT_PRIV_DES || p == TT_PRIV_3DES) {
			/* RFC 3414 §8.1.1.2: pad to a multiple of 8; the ScopedPDU's own length lets
			 * the receiver ignore the padding. Move the encoding down to make room. */
			pad = (8 - len % 8) % 8;
			if ((size_t)(w.p - w.start) < pad)
				return TT_ERR_NOSPACE;
			memmove(w.p - pad, w.p, len);
			w.p -= pad;
			memset(w.end - pad, (int)pad, pad);
			/* RFC 3414 §8.1.1.1: salt = engineBoots || a local counter */
			put_be32(salt, boots);
			put_be32(salt + 4, rx->des_salt++);
		} else {
			/* RFC 3826 §3.1.2.1: a 64-bit integer, different for every message */
			put_be32(salt, (uint32_t)(rx->aes_salt >> 32));
			put_be32(salt + 4, (uint32_t)rx->aes_salt);
			rx->aes_salt++;
		}
		if ((rc = tt_usm_crypt(rx, o->ks, boots, etime, salt, w.p, len + pad, 1)) < 0)
			return rc;
		if ((rc = tt_ber_w_header(&w, TT_TAG_OCTET_STRING, len + pad)) < 0)
			return rc;
	}
	n = tt_ber_w_len(&w);

	/* msgSecurityParameters: OCTET STRING { UsmSecurityParameters } */
	if (o->level >= TT_SEC_AUTH)
		mac_len = tt_auth_mac_len((enum tt_auth_proto)o->ks->user->auth);
	memset(zeros, 0, sizeof zeros);
	if ((rc = tt_ber_w_tlv(&w, TT_TAG_OCTET_STRING, salt, o->level == TT_SEC_PRIV ? 8 : 0)) < 0 ||
	    (rc = tt_ber_w_tlv(&w, TT_TAG_OCTET_STRING, zeros, mac_len)) < 0)
		return rc;
	mac = w.p + 2; /* a MAC of at most 48 octets has a one-octet length */
	if ((rc = tt_ber_w_tlv(&w, TT_TAG_OCTET_STRING, o->user, o->user_len)) < 0 ||
	    (rc = tt_ber_w_int32(&w, TT_TAG_INTEGER, (int32_t)etime)) < 0 ||
	    (rc = tt_ber_w_int32(&w, TT_TAG_INTEGER, (int32_t)boots)) < 0 ||
	    (rc = tt_ber_w_tlv(&w, TT_TAG_OCTET_STRING, rx->engine.id, rx->engine.id_len)) < 0 ||
	    (rc = tt_ber_w_header(&w, TT_TAG_SEQUENCE, tt_ber_w_len(&w) - n)) < 0 ||
	    (rc = tt_ber_w_header(&w, TT_TAG_OCTET_STRING, tt_ber_w_len(&w) - n)) < 0)
		return rc;
	n = tt_ber_w_len(&w);

	/* msgGlobalData */
	flags = (uint8_t)(o->level == TT_SEC_PRIV ? FLAG_AUTH | FLAG_PRIV
	                  : o->level == TT_SEC_AUTH ? FLAG_AUTH : 0);
	if ((rc = tt_ber_w_int32(&w, TT_TAG_INTEGER, USM_SECURITY_MODEL)) < 0 ||
	    (rc = tt_ber_w_tlv(&w, TT_TAG_OCTET_STRING, &flags, 1)) < 0 ||
	    (rc = tt_ber_w_int32(&w, TT_TAG_INTEGER, CONFIG_TT_MAX_MSG_SIZE)) < 0 ||
	    (rc = tt_ber_w_int32(&w, TT_TAG_INTEGER, o->msg_id)) < 0 ||
	    (rc = tt_ber_w_header(&w, TT_TAG_SEQUENCE, tt_ber_w_len(&w) - n)) < 0 ||
	    (rc = tt_ber_w_int32(&w, TT_TAG_INTEGER, TT_VERSION_3)) < 0 ||
	    (rc = tt_ber_w_header(&w, TT_TAG_SEQUENCE, tt_ber_w_len(&w))) < 0)
		return rc;

	if (o->level >= TT_SEC_AUTH &&
	    (rc = tt_usm_sign(o->ks, w.p, tt_ber_w_len(&w), (size_t)(mac - w.p))) < 0)
		return rc;
	rx->result.reply = w.p;
	rx->result.reply_len = tt_ber_w_len(&w);
	return (int)rx->result.reply_len;
}

/* Sets m->pdu_tag and m->request_id from a plaintext ScopedPDU; both stay 0 when it is
 * encrypted or cannot be read that far. */
static void peek_pdu(struct v3_msg *m)
{
	struct tt_ber c, sp, pdu;
	struct tt_tlv t;
	int32_t id = 0;

	if (m->flags & FLAG_PRIV)
		return;
	tt_ber_init(&c, m->data, m->data_len);
	if (tt_ber_enter(&c, TT_TAG_SEQUENCE, &sp) < 0 ||
	    tt_ber_expect(&sp, TT_TAG_OCTET_STRING, &t) < 0 ||
	    tt_ber_expect(&sp, TT_TAG_OCTET_STRING, &t) < 0 || tt_ber_read(&sp, &t) < 0)
		return;
	m->pdu_tag = t.tag;
	tt_ber_init(&pdu, t.val, t.len);
	if (tt_ber_expect(&pdu, TT_TAG_INTEGER, &t) == 0 && tt_ber_get_int32(&t, &id) == 0)
		m->request_id = id;
}

/* 1 for a PDU of the unconfirmed or response class (RFC 3411 §2.8: Trap, SNMPv2-Trap,
 * Response, Report), whose sender is the authoritative engine; 0 for the confirmed class
 * (InformRequest, Get...), addressed to ours. */
static int sender_authoritative(uint8_t tag)
{
	return tag == TT_PDU_TRAP_V1 || tag == TT_PDU_TRAP_V2 || tag == TT_PDU_RESPONSE ||
	       tag == TT_PDU_REPORT;
}

/* The Report budget: 1 when a Report to `from` may go out at now_ms (and counts it), 0 when
 * it must be suppressed. Per second: at most CONFIG_TT_REPORTS_PER_SOURCE to one source (an
 * IPv4 address, an IPv6 /64: one host's addresses, a v4-mapped address as the IPv4 one), at
 * most CONFIG_TT_REPORTS_PER_S unauthenticated ones to all sources, and as many authenticated
 * ones (notInTimeWindows to a good MAC) from a budget of their own, so that a flood of
 * probes, which needs no credentials, starves neither other senders nor discovery's time
 * synchronization. A source's entry is one of two places in rx->report_sources chosen by a
 * keyed hash: the one it holds this second, else a free one, else (both held by others) the
 * less used one, shared. Constant time; a flood from spoofed addresses is held by the global
 * budgets only. */
static int report_allowed(struct tt_rx *rx, const struct tt_addr *from, int authenticated,
                          uint64_t now_ms)
{
	static const uint8_t v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	struct tt_report_source *a, *b, *e;
	uint32_t second = (uint32_t)(now_ms / 1000u) + 1u, h;
	uint8_t key[13];
	size_t n, i, j;

	put_be32(key, rx->report_seed);
	if (from->family == TT_AF_INET6 && memcmp(from->ip, v4mapped, 12) != 0) {
		key[4] = 6;
		memcpy(key + 5, from->ip, 8);
		n = 13;
	} else {
		key[4] = 4;
		memcpy(key + 5, from->family == TT_AF_INET6 ? from->ip + 12 : from->ip, 4);
		n = 9;
	}
	/* FNV-1a's low bits follow the input's: mixed (MurmurHash3's finalizer) before use */
	h = tt_fnv1a(key, n);
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	i = h % CONFIG_TT_REPORT_SOURCES;
	j = (h >> 16) % CONFIG_TT_REPORT_SOURCES;
	if (j == i)
		j = (i + 1) % CONFIG_TT_REPORT_SOURCES; /* two places, unless there is only one */
	a = &rx->report_sources[i];
	b = &rx->report_sources[j];
	if (a->second == second && a->key == h)
		e = a;
	else if (b->second == second && b->key == h)
		e = b;
	else if (a->second != second || b->second != second)
		e = a->second != second ? a : b; /* free this second: taken below */
	else
		e = a->used <= b->used ? a : b;
	if (e->second == second && e->used >= CONFIG_TT_REPORTS_PER_SOURCE)
		return 0;
	if (!tt_ratelimit_allow(authenticated ? &rx->auth_report_limit : &rx->report_limit, now_ms,
	                        NULL))
		return 0;
	if (e->second != second) {
		e->key = h;
		e->second = second;
		e->used = 0;
	}
	e->used++;
	return 1;
}

/* Refuses the message for reason; a reportable one gets a Report carrying the counter
 * usmStats<N>.0 (RFC 3412 §7.1 step 3, RFC 3414 §3.2), within the Report budget
 * (report_allowed). ks is needed only for the authenticated notInTimeWindows Report. */
static const struct tt_rx_result *refuse(struct tt_rx *rx, enum tt_reason reason,
                                         const struct v3_msg *m, uint8_t stats_arc,
                                         const struct tt_usm_keyset *ks,
                                         const struct tt_addr *from, uint64_t now_ms)
{
	struct v3_out o;
	uint8_t vbl[40];
	struct tt_ber_w w;
	uint32_t value;
	int rc;

	tt_rx_drop(rx, reason, 0); /* keeps the diag the caller wrote */
	if (!(m->flags & FLAG_REPORTABLE) || stats_arc == 0 || rx->engine.id_len == 0)
		return &rx->result;
	/* RFC 3412 §6.4: a notification (unconfirmed class) is never reportable; where the PDU
	 * can be read, a trap that sets the flag anyway gets no Report (Net-SNMP does the same) */
	if (m->pdu_tag == TT_PDU_TRAP_V1 || m->pdu_tag == TT_PDU_TRAP_V2)
		return &rx->result;
	if (!report_allowed(rx, from, ks != NULL, now_ms)) {
		rx->stats.reports_suppressed++;
		return &rx->result;
	}
	/* VarBindList { VarBind { usmStats<N>.0, Counter32 } } */
	value = rx->stats.dropped[reason];
	tt_ber_w_init(&w, vbl, sizeof vbl);
	if ((rc = tt_ber_w_uint32(&w, TT_TAG_COUNTER32, value)) < 0)
		return &rx->result;
	{
		uint8_t oid[sizeof usm_stats_prefix + 2];
		memcpy(oid, usm_stats_prefix, sizeof usm_stats_prefix);
		oid[sizeof usm_stats_prefix] = stats_arc;
		oid[sizeof usm_stats_prefix + 1] = 0;
		if (tt_ber_w_tlv(&w, TT_TAG_OID, oid, sizeof oid) < 0 ||
		    tt_ber_w_header(&w, TT_TAG_SEQUENCE, tt_ber_w_len(&w)) < 0 ||
		    tt_ber_w_header(&w, TT_TAG_SEQUENCE, tt_ber_w_len(&w)) < 0)
			return &rx->result;
	}
	memset(&o, 0, sizeof o);
	o.msg_id = m->msg_id;
	/* RFC 3414 §3.2 step 7a: notInTimeWindows goes authenticated so the sender can trust the
	 * clock it carries; every other Report is noAuthNoPriv. */
	o.level = ks ? TT_SEC_AUTH : TT_SEC_NOAUTH;
	o.ks = ks;
	o.user = m->user;
	o.user_len = m->user_len;
	o.ctx_engine = rx->engine.id;
	o.ctx_engine_len = rx->engine.id_len;
	o.ctx_name = (const uint8_t *)"";
	o.pdu_tag = TT_PDU_REPORT;
	o.request_id = m->request_id;
	o.vbl = w.p;
	o.vbl_len = tt_ber_w_len(&w);
	if (encode(rx, &o, (size_t)m->max_size, now_ms) < 0)
		return &rx->result;
	rx->stats.reports++;
	rx->result.verdict = TT_VERDICT_REPLY_ONLY;
	return &rx->result;
}

/* Builds the Response to the inform m (RFC 3416 §4.2.7) at its security level, within the
 * sender's msgMaxSize and ours: the same request-id and the VarBindList vbl, or the tooBig
 * Response (no varbinds) when that does not fit or vbl is NULL. Returns the length or a
 * negative tt_err; *too_big says which was built. */
static int respond(struct tt_rx *rx, const struct v3_msg *m, const struct tt_usm_keyset *ks,
                   const struct tt_tlv *ctx_engine, const struct tt_tlv *ctx_name,
                   const struct tt_tlv *vbl, uint64_t now_ms, int *too_big)
{
	size_t limit = (size_t)m->max_size < rx->max_reply ? (size_t)m->max_size : rx->max_reply;
	struct v3_out o;
	int rc = TT_ERR_NOSPACE;

	memset(&o, 0, sizeof o);
	o.msg_id = m->msg_id;
	o.level = m->level;
	o.ks = ks;
	o.user = m->user;
	o.user_len = m->user_len;
	o.ctx_engine = ctx_engine->val;
	o.ctx_engine_len = ctx_engine->len;
	o.ctx_name = ctx_name->val;
	o.ctx_name_len = ctx_name->len;
	o.pdu_tag = TT_PDU_RESPONSE;
	o.request_id = rx->note.request_id;
	*too_big = 0;
	if (vbl) {
		o.vbl = vbl->start;
		o.vbl_len = (size_t)(vbl->val + vbl->len - vbl->start);
		rc = encode(rx, &o, limit, now_ms);
	}
	if (rc == TT_ERR_NOSPACE) {
		*too_big = 1;
		o.vbl = NULL;
		o.vbl_len = 0;
		o.error_status = 1;
		rc = encode(rx, &o, limit, now_ms);
	}
	return rc;
}

/* The uses authUser allows for this user at this level (all with disableAuthorization). */
static uint8_t user_uses(const struct tt_conf *conf, const struct v3_msg *m)
{
	uint8_t uses = 0;
	unsigned i;

	if (conf->disable_authorization)
		return TT_USE_ALL;
	for (i = 0; i < conf->n_auth_users; i++) {
		const struct tt_auth_user *a = &conf->auth_users[i];
		if (a->name_len == m->user_len && memcmp(a->name, m->user, m->user_len) == 0 &&
		    m->level >= a->min_level)
			uses |= a->uses;
	}
	return uses;
}

const struct tt_rx_result *tt_v3_input(struct tt_rx *rx, uint8_t *dgram, size_t len,
                                       struct tt_ber *body, const struct tt_addr *from,
                                       uint64_t now_ms)
{
	struct tt_notification *note = &rx->note;
	const struct tt_rx_result *drop;
	struct tt_usm_keyset ks;
	struct v3_msg m;
	struct tt_ber c, sp;
	struct tt_tlv ctx_engine, ctx_name, pdu, vbl;
	int32_t model, behind;
	uint32_t too_many;
	int user, other, rc, ours;
	uint8_t uses;

	memset(&m, 0, sizeof m);
	memset(&ks, 0, sizeof ks);
	if ((rc = parse_header(body, &m, &model)) < 0)
		return tt_rx_drop(rx, TT_REASON_PARSE, rc);
	if (model != USM_SECURITY_MODEL) {
		diag_header(rx, "SNMPv3 message of security model ", model, from);
		return tt_rx_drop(rx, TT_REASON_UNKNOWN_SECURITY_MODEL, 0);
	}
	if ((m.flags & FLAG_PRIV) && !(m.flags & FLAG_AUTH)) {
		/* RFC 3412 §7.2 step 5 */
		diag_header(rx, "SNMPv3 message with privacy but no authentication, msgFlags ",
		            m.flags, from);
		return tt_rx_drop(rx, TT_REASON_INVALID_MSG, 0);
	}
	if ((rc = parse_usm(body, dgram, &m)) < 0)
		return tt_rx_drop(rx, TT_REASON_PARSE, rc);
	m.level = (m.flags & FLAG_PRIV) ? TT_SEC_PRIV : (m.flags & FLAG_AUTH) ? TT_SEC_AUTH
	                                                                     : TT_SEC_NOAUTH;
	note->version = TT_VERSION_3;
	note->v3.engine_id = m.engine;
	note->v3.engine_id_len = m.engine_len;
	note->v3.user = m.user;
	note->v3.user_len = m.user_len;
	note->v3.msg_id = m.msg_id;
	note->v3.level = m.level;

	/* Which engine is authoritative (RFC 3412 §6.4, RFC 3414 §3.2 steps 3 and 7). The PDU type
	 * decides: ours for the confirmed class (an inform, a discovery probe), the sender's for
	 * a trap. The reportable flag is only "a secondary aid" (gosnmp clears it on informs),
	 * used where the PDU cannot be read yet:
	 * - step 3, engine ID: a plaintext PDU is read now (peek_pdu); an inform must carry our
	 *   engine ID, a trap any valid one. An encrypted PDU is taken for an inform or a probe
	 *   when the flag is set, for a trap when it is clear; an encrypted inform without the
	 *   flag is checked against our engine ID once decrypted (below).
	 * - step 7, timeliness: our clock when msgAuthoritativeEngineID is our engine ID, else
	 *   the sender's (what Net-SNMP does); so every inform is checked against our clock
	 *   whatever its flag says, and a trap claiming our engine ID is too.
	 * Reports go only to reportable messages (RFC 3412 §7.1 step 3), never to a trap:
	 * refuse() sees to that. */
	ours = rx->engine.id_len != 0 && m.engine_len == rx->engine.id_len &&
	       memcmp(m.engine, rx->engine.id, m.engine_len) == 0;
	peek_pdu(&m);
	if (m.pdu_tag ? !sender_authoritative(m.pdu_tag) : (m.flags & FLAG_REPORTABLE) != 0) {
		if (!ours) {
			if (m.engine_len != 0)
				diag(rx, "inform not addressed to our engine ID, user ", &m, from, NULL);
			return refuse(rx, TT_REASON_UNKNOWN_ENGINE_ID, &m, 4, NULL, from, now_ms);
		}
	} else if (m.engine_len < TT_ENGINE_ID_MIN) {
		diag(rx, "trap without a valid authoritative engine ID, user ", &m, from, NULL);
		return tt_rx_drop(rx, TT_REASON_UNKNOWN_ENGINE_ID, 0);
	}

	/* Step 4: the user, for this engine, then a wildcard entry. */
	user = tt_usm_find_user(rx->conf, m.user, m.user_len, m.engine, m.engine_len, &other);
	if (user < 0) {
		diag(rx, "no user ", &m, from,
		     other ? " (users of that name exist for other engines: check createUser -e)"
		           : NULL);
		return refuse(rx, TT_REASON_UNKNOWN_USER, &m, 3, NULL, from, now_ms);
	}

	/* Step 5: the level must be one the user supports; and a user with an authentication
	 * protocol never accepts an unauthenticated message. */
	{
		const struct tt_user *u = &rx->conf->users[user];
		if ((m.level >= TT_SEC_AUTH && u->auth == TT_AUTH_NONE) ||
		    (m.level == TT_SEC_PRIV && u->priv == TT_PRIV_NONE) ||
		    (m.level == TT_SEC_NOAUTH && u->auth != TT_AUTH_NONE)) {
			diag(rx, m.level == TT_SEC_NOAUTH ? "unauthenticated message for user "
			                                  : "security level not configured for user ",
			     &m, from, NULL);
			return refuse(rx, TT_REASON_UNSUPPORTED_SEC_LEVEL, &m, 1, NULL, from, now_ms);
		}
	}

	if (m.level >= TT_SEC_AUTH) {
		/* Step 6: the MAC, before anything is decrypted. */
		if ((rc = tt_usm_keys(rx, user, m.engine, m.engine_len, &ks)) < 0)
			return tt_rx_drop(rx, TT_REASON_WRONG_DIGEST, rc);
		if (!tt_usm_check_mac(rx, &ks, dgram, len, m.mac_off, m.mac_len)) {
			tt_zeroize(&ks, sizeof ks);
			diag(rx, "wrong auth password or protocol for user ", &m, from, NULL);
			return refuse(rx, TT_REASON_WRONG_DIGEST, &m, 5, NULL, from, now_ms);
		}
		/* Step 7: timeliness, against our clock for our engine ID (see above). */
		if (ours) {
			if (!tt_usm_timely_local(rx, (uint32_t)m.boots, (uint32_t)m.time, now_ms)) {
				const struct tt_rx_result *r;
				/* RFC 3414 §4: boots 0 and time 0 in an authenticated reportable message
				 * is the second step of discovery, asking for our clock: the protocol
				 * working (Perl's Net::SNMP does it for every inform); real but stale
				 * values are a replay or a clock problem. */
				int sync = (m.flags & FLAG_REPORTABLE) && m.boots == 0 && m.time == 0;
				diag(rx, sync ? "time synchronization (discovery, engineBoots and engineTime 0) for user "
				         : (m.flags & FLAG_REPORTABLE)
				         ? "message outside our time window (the sender resynchronizes) for user "
				         : "message outside our time window (not reportable: no Report) for user ",
				     &m, from, NULL);
				r = refuse(rx, TT_REASON_NOT_IN_TIME_WINDOW, &m, 2, &ks, from, now_ms);
				if (sync) {
					rx->result.time_sync = 1;
					rx->stats.time_syncs++;
				}
				tt_zeroize(&ks, sizeof ks);
				return r;
			}
		} else if (!tt_usm_timely_remote(rx, m.engine, m.engine_len, (uint32_t)m.boots,
		                                 (uint32_t)m.time, now_ms, &behind)) {
			struct tt_sb sb;
			char tail[80];
			tt_sb_init(&sb, tail, sizeof tail);
			if (behind > 0) {
				tt_sb_str(&sb, ": ");
				tt_sb_uint(&sb, (uint64_t)behind, 0, ' ');
				tt_sb_str(&sb, " s behind the clock that engine announced before: replay or clock reset");
			} else {
				tt_sb_str(&sb, ": engineBoots went back or is latched at 2^31-1");
			}
			tt_sb_done(&sb);
			tt_zeroize(&ks, sizeof ks);
			diag(rx, "stale trap for user ", &m, from, tail);
			return tt_rx_drop(rx, TT_REASON_NOT_IN_TIME_WINDOW, 0);
		}
		rc = tt_usm_keys_commit(rx, user, m.engine, m.engine_len, now_ms,
		                        m.level == TT_SEC_PRIV, &ks);
		if (rc == TT_USM_SLOW_KEY_REFUSED) {
			/* our own limit, not the sender's fault: no Report (an inform is retried) */
			tt_zeroize(&ks, sizeof ks);
			diag(rx, "key derivation budget exceeded for user ", &m, from,
			     ": message dropped (CONFIG_TT_SLOW_KEYS_PER_S)");
			return tt_rx_drop(rx, TT_REASON_DECRYPTION_ERROR, 0);
		}
		if (rc < 0) {
			tt_zeroize(&ks, sizeof ks);
			return tt_rx_drop(rx, TT_REASON_DECRYPTION_ERROR, rc);
		}
	}

	/* Step 8: decryption in place; a wrong key shows as a ScopedPDU that does not parse. */
	if (m.level == TT_SEC_PRIV) {
		/* tt_usm_crypt refuses a DES/3DES length that is no multiple of 8 */
		if (m.salt_len != 8)
			rc = TT_ERR_VALUE;
		else
			rc = tt_usm_crypt(rx, &ks, (uint32_t)m.boots, (uint32_t)m.time, m.salt, m.data,
			                  m.data_len, 0);
		if (rc < 0) {
			tt_zeroize(&ks, sizeof ks);
			diag(rx, "undecryptable message (wrong privacy password or protocol) for user ", &m, from,
			     NULL);
			return refuse(rx, TT_REASON_DECRYPTION_ERROR, &m, 6, NULL, from, now_ms);
		}
	}

	/* ScopedPDU ::= SEQUENCE { contextEngineID, contextName, data }; after decryption,
	 * padding may follow it (RFC 3414 §8.3.2 step 3). */
	tt_ber_init(&c, m.data, m.data_len);
	rc = tt_ber_enter(&c, TT_TAG_SEQUENCE, &sp);
	if (rc == TT_OK && !(m.flags & FLAG_PRIV) && !tt_ber_at_end(&c))
		rc = TT_ERR_TRAILING;
	if (rc == TT_OK)
		rc = tt_ber_expect(&sp, TT_TAG_OCTET_STRING, &ctx_engine);
	if (rc == TT_OK)
		rc = tt_ber_expect(&sp, TT_TAG_OCTET_STRING, &ctx_name);
	if (rc == TT_OK)
		rc = tt_ber_read(&sp, &pdu);
	if (rc == TT_OK && !tt_ber_at_end(&sp))
		rc = TT_ERR_TRAILING;
	if (rc < 0) {
		if (m.level == TT_SEC_PRIV) {
			/* AES-192/256 keys are extended two ways (Blumenthal, Reeder); a sender using
			 * the other one decrypts to garbage just like a wrong password */
			static const char *const why[] = {
				"undecryptable message (wrong privacy password or protocol) for user ",
				"undecryptable message (wrong privacy password or protocol, or the sender "
				"extends the key as AES-192-C, Reeder) for user ",
				"undecryptable message (wrong privacy password or protocol, or the sender "
				"extends the key as AES-256-C, Reeder) for user ",
				"undecryptable message (wrong privacy password or protocol, or the sender "
				"extends the key as AES-192, Blumenthal) for user ",
				"undecryptable message (wrong privacy password or protocol, or the sender "
				"extends the key as AES-256, Blumenthal) for user "};
			enum tt_priv_proto pp = (enum tt_priv_proto)ks.user->priv;
			int w = pp == TT_PRIV_AES192 ? 1 : pp == TT_PRIV_AES256 ? 2
			      : pp == TT_PRIV_AES192_C ? 3 : pp == TT_PRIV_AES256_C ? 4 : 0;
			tt_zeroize(&ks, sizeof ks);
			diag(rx, why[w], &m, from, NULL);
			return refuse(rx, TT_REASON_DECRYPTION_ERROR, &m, 6, NULL, from, now_ms);
		}
		return tt_rx_drop(rx, TT_REASON_PARSE, rc);
	}
	note->v3.context_engine_id = ctx_engine.val;
	note->v3.context_engine_id_len = ctx_engine.len;
	note->v3.context_name = ctx_name.val;
	note->v3.context_name_len = ctx_name.len;

	/* Step 3 for an encrypted PDU taken for a trap: an inform (without the reportable flag)
	 * must be addressed to our engine; this one is not, and gets no Report. */
	if (pdu.tag == TT_PDU_INFORM && !ours) {
		tt_zeroize(&ks, sizeof ks);
		diag(rx, "inform not addressed to our engine ID, user ", &m, from, NULL);
		return refuse(rx, TT_REASON_UNKNOWN_ENGINE_ID, &m, 4, NULL, from, now_ms);
	}
	if ((drop = tt_pdu_decode(rx, &pdu, &vbl, &too_many)) != NULL) {
		tt_zeroize(&ks, sizeof ks);
		return drop;
	}

	uses = user_uses(rx->conf, &m);
	if (!uses) {
		tt_zeroize(&ks, sizeof ks);
		diag(rx, "no authUser line allows this level for user ", &m, from, NULL);
		return tt_rx_drop(rx, TT_REASON_NOT_AUTHORIZED, 0);
	}
	rx->result.uses = uses;

	if (too_many) {
		/* more varbinds than we take: the alternate Response (tooBig, no varbinds) */
		int too_big;
		rc = respond(rx, &m, &ks, &ctx_engine, &ctx_name, NULL, now_ms, &too_big);
		tt_zeroize(&ks, sizeof ks);
		return tt_rx_too_many(rx, too_many, rc);
	}
	rx->result.note = note;
	if (pdu.tag == TT_PDU_INFORM) {
		int too_big;
		rc = respond(rx, &m, &ks, &ctx_engine, &ctx_name, &vbl, now_ms, &too_big);
		tt_zeroize(&ks, sizeof ks);
		return tt_rx_accept(rx, &pdu, rc, too_big, from, now_ms);
	}
	tt_zeroize(&ks, sizeof ks);
	return tt_rx_accept(rx, &pdu, 0, 0, from, now_ms);
}
