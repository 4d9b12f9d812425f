/*
 * rx.c - the receiver: tt_rx_input() walks one datagram and decides.
 *
 * Message layer of SNMPv1/v2c (RFC 1157, RFC 1901): version, community authorization against
 * the configuration (snmptrapd's authCommunity semantics: community, then SOURCE, then the
 * snmpTrapOID subtree), the inform de-duplication ring, and the verdict with its counters (an
 * inform with more varbinds than the build takes is answered tooBig, never delivered).
 * PDU decoding is in pdu.c, the Response in reply.c.
 */
#include <string.h>
#include "tt_internal.h"

void tt_rx_init(struct tt_rx *rx, const struct tt_conf *conf)
{
	memset(rx, 0, sizeof *rx);
	rx->conf = conf;
	rx->max_reply = CONFIG_TT_MAX_MSG_SIZE;
	tt_ratelimit_init(&rx->report_limit, 1000, CONFIG_TT_REPORTS_PER_S);
	tt_ratelimit_init(&rx->auth_report_limit, 1000, CONFIG_TT_REPORTS_PER_S);
	tt_ratelimit_init(&rx->slow_key_limit, 1000, CONFIG_TT_SLOW_KEYS_PER_S);
}

void tt_rx_set_conf(struct tt_rx *rx, const struct tt_conf *conf)
{
	rx->conf = conf;
	rx->pending_valid = 0;
	/* Cached keys belong to the old users (indices may have moved). */
	tt_usm_keys_flush(rx);
}

void tt_rx_set_engine(struct tt_rx *rx, const uint8_t *id, size_t id_len, uint32_t boots,
                      uint64_t now_ms, uint64_t entropy)
{
	if (id_len <= TT_ENGINE_ID_MAX) {
		memcpy(rx->engine.id, id, id_len);
		rx->engine.id_len = (uint8_t)id_len;
	}
	/* RFC 3414 §2.2.2: boots latches at 2^31-1 */
	rx->engine.boots = boots > 2147483647u ? 2147483647u : boots;
	rx->engine.start_ms = now_ms;
	rx->aes_salt = entropy;
	rx->des_salt = (uint32_t)(entropy >> 17);
	/* a sender that cannot guess it cannot pick addresses that share another's entry */
	rx->report_seed = (uint32_t)(entropy >> 32) ^ 0x9e3779b9u;
}

void tt_rx_set_max_reply(struct tt_rx *rx, size_t max)
{
	rx->max_reply = (uint16_t)(max < CONFIG_TT_MAX_MSG_SIZE ? max : CONFIG_TT_MAX_MSG_SIZE);
}

const struct tt_rx_result *tt_rx_drop(struct tt_rx *rx, enum tt_reason reason, int detail)
{
	rx->result.verdict = TT_VERDICT_DROP;
	rx->result.reason = reason;
	rx->result.detail = detail;
	rx->result.note = NULL;
	rx->result.reply = NULL;
	rx->result.reply_len = 0;
	rx->stats.dropped[reason]++;
	return &rx->result;
}

/* The uses allowed for the community from src: 0 when no entry matches. *known is set when
 * some entry carries the community at all (to tell "bad community" from "not authorized").
 * With trap_oid NULL the OID restrictions are not looked at yet. */
static uint8_t community_uses(const struct tt_conf *conf, const uint8_t *comm, size_t len,
                              const struct tt_addr *src, const uint8_t *trap_oid,
                              size_t trap_oid_len, int check_oid, int *known)
{
	uint8_t uses = 0;
	unsigned i;

	*known = 0;
	if (conf->disable_authorization) {
		*known = 1;
		return TT_USE_ALL;
	}
	for (i = 0; i < conf->n_communities; i++) {
		const struct tt_community *e = &conf->communities[i];
		if (e->name_len != len || memcmp(e->name, comm, len) != 0)
			continue;
		*known = 1;
		if (!tt_prefix_match(&e->source, src))
			continue;
		if (check_oid && e->oid_len &&
		    (!trap_oid || !tt_oid_has_prefix(trap_oid, trap_oid_len, e->oid, e->oid_len)))
			continue;
		uses |= e->uses;
	}
	return uses;
}

#if CONFIG_TT_DEDUP_RING > 0
static int same_addr(const struct tt_addr *a, const struct tt_addr *b)
{
	return a->family == b->family && a->port == b->port && memcmp(a->ip, b->ip, 16) == 0;
}
#endif

/* 1 when e (source, request-id, PDU hash) was delivered within the de-dup window. */
static int is_duplicate(const struct tt_rx *rx, const struct tt_dedup_entry *e, uint64_t now_ms)
{
#if CONFIG_TT_DEDUP_RING > 0
	unsigned i;
	for (i = 0; i < CONFIG_TT_DEDUP_RING; i++) {
		const struct tt_dedup_entry *d = &rx->dedup[i];
		if (d->when_ms == 0 && d->hash == 0)
			continue;
		if (now_ms - d->when_ms > (uint64_t)CONFIG_TT_DEDUP_WINDOW_S * 1000u)
			continue;
		if (d->request_id == e->request_id && d->hash == e->hash && same_addr(&d->from, &e->from))
			return 1;
	}
#else
	(void)rx;
	(void)e;
	(void)now_ms;
#endif
	return 0;
}

void tt_rx_delivered(struct tt_rx *rx, uint64_t now_ms)
{
	if (!rx->pending_valid)
		return;
	rx->pending_valid = 0;
#if CONFIG_TT_DEDUP_RING > 0
	rx->pending.when_ms = now_ms;
	rx->dedup[rx->dedup_next] = rx->pending;
	rx->dedup_next = (uint16_t)((rx->dedup_next + 1) % CONFIG_TT_DEDUP_RING);
#else
	(void)now_ms;
#endif
}

const struct tt_rx_result *tt_rx_input(struct tt_rx *rx, uint8_t *datagram, size_t len,
                                       const struct tt_addr *from, uint64_t now_ms)
{
	struct tt_notification *note = &rx->note;
	const struct tt_rx_result *drop;
	struct tt_ber msg, body;
	struct tt_tlv version, community, pdu, vbl;
	uint32_t too_many;
	int32_t ver;
	int known, rc;
	uint8_t uses;

	rx->stats.packets++;
	rx->pending_valid = 0;
	memset(&rx->result, 0, sizeof rx->result);
	memset(note, 0, sizeof *note);
	if (len > CONFIG_TT_MAX_MSG_SIZE)
		return tt_rx_drop(rx, TT_REASON_TOO_BIG, 0);

	/* Message ::= SEQUENCE { version, community, data } (RFC 1157 §4, RFC 1901) */
	tt_ber_init(&msg, datagram, len);
	if ((rc = tt_ber_enter(&msg, TT_TAG_SEQUENCE, &body)) < 0)
		return tt_rx_drop(rx, TT_REASON_PARSE, rc);
	if (!tt_ber_at_end(&msg))
		return tt_rx_drop(rx, TT_REASON_PARSE, TT_ERR_TRAILING);
	if ((rc = tt_ber_expect(&body, TT_TAG_INTEGER, &version)) < 0)
		return tt_rx_drop(rx, TT_REASON_PARSE, rc);
	if ((rc = tt_ber_get_int32(&version, &ver)) < 0)
		return tt_rx_drop(rx, TT_REASON_PARSE, rc);
	if (ver == TT_VERSION_3)
		return tt_v3_input(rx, datagram, len, &body, from, now_ms);
	if (ver != TT_VERSION_1 && ver != TT_VERSION_2C)
		return tt_rx_drop(rx, TT_REASON_BAD_VERSION, 0);
	if ((rc = tt_ber_expect(&body, TT_TAG_OCTET_STRING, &community)) < 0)
		return tt_rx_drop(rx, TT_REASON_PARSE, rc);
	if ((rc = tt_ber_read(&body, &pdu)) < 0)
		return tt_rx_drop(rx, TT_REASON_PARSE, rc);
	if (!tt_ber_at_end(&body))
		return tt_rx_drop(rx, TT_REASON_PARSE, TT_ERR_TRAILING);

	note->version = (uint8_t)ver;
	note->community = community.val;
	note->community_len = community.len;
	rx->result.community = community.val;
	rx->result.community_len = community.len;

	/* Community first: unauthorized traffic costs no PDU decoding. */
	uses = community_uses(rx->conf, community.val, community.len, from, NULL, 0, 0, &known);
	if (!known)
		return tt_rx_drop(rx, TT_REASON_BAD_COMMUNITY, 0);
	if (!uses)
		return tt_rx_drop(rx, TT_REASON_NOT_AUTHORIZED, 0);

	if ((drop = tt_pdu_decode(rx, &pdu, &vbl, &too_many)) != NULL)
		return drop;

	/* The OID restrictions of authCommunity apply to snmpTrapOID (snmptrapd: the view is
	 * matched against snmpTrapOID only). */
	uses = community_uses(rx->conf, community.val, community.len, from, note->trap_oid,
	                      note->trap_oid_len, 1, &known);
	if (!uses)
		return tt_rx_drop(rx, TT_REASON_NOT_AUTHORIZED, 0);

	rx->result.uses = uses;
	if (too_many) {
		int too_big;
		rc = tt_reply_inform(rx, ver, community.val, community.len, note->request_id, NULL,
		                     &too_big);
		return tt_rx_too_many(rx, too_many, rc);
	}
	rx->result.note = note;
	if (pdu.tag == TT_PDU_INFORM) {
		int too_big;
		rc = tt_reply_inform(rx, ver, community.val, community.len, note->request_id, &vbl,
		                     &too_big);
		return tt_rx_accept(rx, &pdu, rc, too_big, from, now_ms);
	}
	return tt_rx_accept(rx, &pdu, 0, 0, from, now_ms);
}

const struct tt_rx_result *tt_rx_too_many(struct tt_rx *rx, uint32_t n, int reply_rc)
{
	const uint8_t *reply = rx->result.reply;
	size_t reply_len = rx->result.reply_len;

	tt_rx_drop(rx, TT_REASON_TOO_MANY_VARBINDS, 0);
	rx->result.n_varbinds = n;
	if (reply_rc < 0)
		return &rx->result;
	rx->result.reply = reply;
	rx->result.reply_len = reply_len;
	rx->result.verdict = TT_VERDICT_REPLY_ONLY;
	rx->stats.responses++;
	rx->stats.too_big_responses++;
	rx->stats.too_many_varbinds_answered++;
	return &rx->result;
}

const struct tt_rx_result *tt_rx_accept(struct tt_rx *rx, const struct tt_tlv *pdu, int reply_rc,
                                        int too_big, const struct tt_addr *from, uint64_t now_ms)
{
	const struct tt_notification *note = &rx->note;

	if (pdu->tag == TT_PDU_INFORM) {
		if (reply_rc < 0) {
			rx->stats.no_response++;
		} else {
			rx->stats.responses++;
			if (too_big)
				rx->stats.too_big_responses++;
		}
		rx->pending.from = *from;
		rx->pending.request_id = note->request_id;
		rx->pending.hash = tt_fnv1a(pdu->start, (size_t)(pdu->val + pdu->len - pdu->start));
		if (is_duplicate(rx, &rx->pending, now_ms)) {
			rx->stats.duplicates++;
			rx->result.verdict = TT_VERDICT_REPLY_ONLY;
			rx->result.note = NULL;
			return &rx->result;
		}
		rx->pending_valid = 1;
		rx->stats.informs++;
	} else if (pdu->tag == TT_PDU_TRAP_V1) {
		rx->stats.traps_v1++;
	} else {
		rx->stats.traps_v2++;
	}
	/* counted here, not while decoding: only what is delivered (tt_rx_stats) */
	if (note->anomalies & TT_ANOM_NO_UPTIME)
		rx->stats.no_uptime++;
	if (note->anomalies & TT_ANOM_NO_TRAP_OID)
		rx->stats.no_trap_oid++;
	rx->stats.delivered++;
	rx->result.verdict = TT_VERDICT_DELIVER;
	return &rx->result;
}
