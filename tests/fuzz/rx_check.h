/*
 * rx_check.h - what must hold for every result of tt_rx_input, whatever the input (used by
 * fuzz_rx.c and protos_replay.c; test_rx.c and test_v3.c check the same with cmocka), SNMPv3
 * included (Reports and encrypted Responses are checked as far as they can be read without
 * keys), and what must hold for the rendering of a delivered notification. A violation prints
 * the failed condition and aborts, so libFuzzer and the sanitizers report it like a crash.
 */
#ifndef RX_CHECK_H
#define RX_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tinytrap/tinytrap.h"

#define RX_CHECK(cond)                                                                       \
	do {                                                                                 \
		if (!(cond)) {                                                               \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
			abort();                                                             \
		}                                                                            \
	} while (0)

static inline int rx_check_inside(const void *p, size_t n, const uint8_t *buf, size_t len)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)buf;
	return a >= b && a + n <= b + len;
}

/* Checks a reply datagram: a v1/v2c Response to the delivered or duplicate inform, or the
 * tooBig one to an inform with too many varbinds. Returns its error-status. */
static inline int32_t rx_check_reply(const struct tt_rx_result *r, size_t max_reply)
{
	struct tt_ber c, m, pdu, vbl;
	struct tt_tlv t;
	int32_t v, status;

	RX_CHECK(r->reply_len > 0 && r->reply_len <= max_reply);
	tt_ber_init(&c, r->reply, r->reply_len);
	RX_CHECK(tt_ber_enter(&c, TT_TAG_SEQUENCE, &m) == TT_OK);
	RX_CHECK(tt_ber_at_end(&c));
	RX_CHECK(tt_ber_expect(&m, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK && (v == 0 || v == 1));
	RX_CHECK(tt_ber_expect(&m, TT_TAG_OCTET_STRING, &t) == TT_OK);
	RX_CHECK(tt_ber_enter(&m, TT_PDU_RESPONSE, &pdu) == TT_OK);
	RX_CHECK(tt_ber_at_end(&m));
	RX_CHECK(tt_ber_expect(&pdu, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK);
	RX_CHECK(tt_ber_expect(&pdu, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &status) == TT_OK && (status == 0 || status == 1));
	RX_CHECK(tt_ber_expect(&pdu, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK && v == 0);
	RX_CHECK(tt_ber_enter(&pdu, TT_TAG_SEQUENCE, &vbl) == TT_OK);
	RX_CHECK(tt_ber_at_end(&pdu));
	if (status == 1)
		RX_CHECK(tt_ber_at_end(&vbl)); /* tooBig: no varbinds */
	return status;
}

/* Returns the msgVersion of a reply datagram, or -1. */
static inline int32_t rx_check_reply_version(const struct tt_rx_result *r)
{
	struct tt_ber c, m;
	struct tt_tlv t;
	int32_t v;
	tt_ber_init(&c, r->reply, r->reply_len);
	if (tt_ber_enter(&c, TT_TAG_SEQUENCE, &m) < 0 || tt_ber_expect(&m, TT_TAG_INTEGER, &t) < 0 ||
	    tt_ber_get_int32(&t, &v) < 0)
		return -1;
	return v;
}

/* Checks an SNMPv3 reply: a Report (response 0: a refused reportable message) or a Response
 * (response 1) to the delivered inform n (NULL for a duplicate, whose view is not given), from
 * our engine, a Response within max_reply and a Report within the sender's msgMaxSize. The
 * ScopedPDU of an encrypted reply cannot be read here. */
static inline void rx_check_reply_v3(const struct tt_rx *rx, const struct tt_rx_result *r,
                                     const struct tt_notification *n, int response,
                                     size_t max_reply)
{
	struct tt_ber c, m, hd, sp, usm, scoped, pdu, vbl;
	struct tt_tlv t, data;
	int32_t v, status;
	uint8_t flags;

	RX_CHECK(r->reply_len > 0 && r->reply_len <= CONFIG_TT_MAX_MSG_SIZE);
	if (response)
		RX_CHECK(r->reply_len <= max_reply);
	tt_ber_init(&c, r->reply, r->reply_len);
	RX_CHECK(tt_ber_enter(&c, TT_TAG_SEQUENCE, &m) == TT_OK && tt_ber_at_end(&c));
	RX_CHECK(tt_ber_expect(&m, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK && v == TT_VERSION_3);
	RX_CHECK(tt_ber_enter(&m, TT_TAG_SEQUENCE, &hd) == TT_OK);
	RX_CHECK(tt_ber_expect(&hd, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK && v >= 0);
	if (n)
		RX_CHECK(v == n->v3.msg_id);
	RX_CHECK(tt_ber_expect(&hd, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK && v == CONFIG_TT_MAX_MSG_SIZE);
	RX_CHECK(tt_ber_expect(&hd, TT_TAG_OCTET_STRING, &t) == TT_OK && t.len == 1);
	flags = t.val[0];
	RX_CHECK(flags == 0 || flags == 1 || flags == 3); /* never reportable */
	if (n)
		RX_CHECK(flags == (n->v3.level == TT_SEC_PRIV ? 3 : n->v3.level == TT_SEC_AUTH ? 1 : 0));
	RX_CHECK(tt_ber_expect(&hd, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK && v == 3);
	RX_CHECK(tt_ber_at_end(&hd));
	RX_CHECK(tt_ber_enter(&m, TT_TAG_OCTET_STRING, &sp) == TT_OK);
	RX_CHECK(tt_ber_enter(&sp, TT_TAG_SEQUENCE, &usm) == TT_OK && tt_ber_at_end(&sp));
	RX_CHECK(tt_ber_expect(&usm, TT_TAG_OCTET_STRING, &t) == TT_OK);
	RX_CHECK(t.len == rx->engine.id_len && memcmp(t.val, rx->engine.id, t.len) == 0);
	RX_CHECK(tt_ber_expect(&usm, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK && (uint32_t)v == rx->engine.boots);
	RX_CHECK(tt_ber_expect(&usm, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK && v >= 0);
	RX_CHECK(tt_ber_expect(&usm, TT_TAG_OCTET_STRING, &t) == TT_OK && t.len <= 32);
	if (n)
		RX_CHECK(t.len == n->v3.user_len && memcmp(t.val, n->v3.user, t.len) == 0);
	RX_CHECK(tt_ber_expect(&usm, TT_TAG_OCTET_STRING, &t) == TT_OK);
	RX_CHECK(flags ? (t.len == 12 || t.len == 16 || t.len == 24 || t.len == 32 || t.len == 48)
	               : t.len == 0);
	RX_CHECK(tt_ber_expect(&usm, TT_TAG_OCTET_STRING, &t) == TT_OK);
	RX_CHECK(t.len == ((flags & 2) ? 8u : 0u));
	RX_CHECK(tt_ber_at_end(&usm));
	RX_CHECK(tt_ber_read(&m, &data) == TT_OK && tt_ber_at_end(&m));
	RX_CHECK(response || flags <= 1); /* Reports are never encrypted */
	if (flags & 2) {
		RX_CHECK(data.tag == TT_TAG_OCTET_STRING);
		return;
	}
	RX_CHECK(data.tag == TT_TAG_SEQUENCE);
	tt_ber_init(&scoped, data.val, data.len);
	RX_CHECK(tt_ber_expect(&scoped, TT_TAG_OCTET_STRING, &t) == TT_OK);
	if (n)
		RX_CHECK(t.len == n->v3.context_engine_id_len &&
		         memcmp(t.val, n->v3.context_engine_id, t.len) == 0);
	else if (!response)
		RX_CHECK(t.len == rx->engine.id_len && memcmp(t.val, rx->engine.id, t.len) == 0);
	RX_CHECK(tt_ber_expect(&scoped, TT_TAG_OCTET_STRING, &t) == TT_OK);
	if (n)
		RX_CHECK(t.len == n->v3.context_name_len &&
		         memcmp(t.val, n->v3.context_name, t.len) == 0);
	RX_CHECK(tt_ber_enter(&scoped, response ? TT_PDU_RESPONSE : TT_PDU_REPORT, &pdu) == TT_OK);
	RX_CHECK(tt_ber_at_end(&scoped));
	RX_CHECK(tt_ber_expect(&pdu, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK);
	if (n)
		RX_CHECK(v == n->request_id);
	RX_CHECK(tt_ber_expect(&pdu, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &status) == TT_OK && (status == 0 || (response && status == 1)));
	RX_CHECK(tt_ber_expect(&pdu, TT_TAG_INTEGER, &t) == TT_OK);
	RX_CHECK(tt_ber_get_int32(&t, &v) == TT_OK && v == 0);
	RX_CHECK(tt_ber_enter(&pdu, TT_TAG_SEQUENCE, &vbl) == TT_OK && tt_ber_at_end(&pdu));
	if (status == 1) {
		RX_CHECK(tt_ber_at_end(&vbl)); /* tooBig: no varbinds */
	} else if (!response) {
		/* one usmStats counter: 1.3.6.1.6.3.15.1.1.N.0, N 1..6 */
		static const uint8_t prefix[8] = {0x2b, 6, 1, 6, 3, 15, 1, 1};
		struct tt_ber vb;
		RX_CHECK(tt_ber_enter(&vbl, TT_TAG_SEQUENCE, &vb) == TT_OK && tt_ber_at_end(&vbl));
		RX_CHECK(tt_ber_expect(&vb, TT_TAG_OID, &t) == TT_OK);
		RX_CHECK(t.len == 10 && memcmp(t.val, prefix, 8) == 0 && t.val[8] >= 1 &&
		         t.val[8] <= 6 && t.val[9] == 0);
		RX_CHECK(tt_ber_expect(&vb, TT_TAG_COUNTER32, &t) == TT_OK && tt_ber_at_end(&vb));
	}
}

/* Reasons of SNMPv3 refusals, which come with a one-line diagnostic. */
static inline int rx_check_usm_reason(enum tt_reason reason)
{
	return reason == TT_REASON_UNKNOWN_SECURITY_MODEL || reason == TT_REASON_INVALID_MSG ||
	       reason == TT_REASON_UNKNOWN_ENGINE_ID || reason == TT_REASON_UNKNOWN_USER ||
	       reason == TT_REASON_UNSUPPORTED_SEC_LEVEL || reason == TT_REASON_WRONG_DIGEST ||
	       reason == TT_REASON_NOT_IN_TIME_WINDOW || reason == TT_REASON_DECRYPTION_ERROR;
}

/* Checks one result of tt_rx_input(rx, buf, len, ...). */
static inline void rx_check(const struct tt_rx *rx, const struct tt_rx_result *r, const uint8_t *buf,
                     size_t len, size_t max_reply)
{
	const struct tt_notification *n = r->note;
	const struct tt_rx_stats *s = &rx->stats;
	uint32_t sum = s->delivered + s->duplicates;
	size_t i;

	RX_CHECK(r == &rx->result);
	for (i = 0; i < TT_REASON_COUNT; i++)
		sum += s->dropped[i];
	RX_CHECK(sum == s->packets);
	RX_CHECK(s->dropped[TT_REASON_NONE] == 0);
	RX_CHECK(s->delivered == s->traps_v1 + s->traps_v2 + s->informs);
	RX_CHECK(r->reason < TT_REASON_COUNT);
	/* the varbind count is told exactly for the datagrams refused for it */
	RX_CHECK((r->reason == TT_REASON_TOO_MANY_VARBINDS) == (r->n_varbinds != 0));
	RX_CHECK(r->n_varbinds == 0 || r->n_varbinds > CONFIG_TT_MAX_VARBINDS);

	if (r->diag) {
		/* one line, inside rx's buffer */
		RX_CHECK(memchr(r->diag, '\0', sizeof rx->diag) != NULL);
		RX_CHECK(strchr(r->diag, '\n') == NULL && strlen(r->diag) > 0);
	}
	if (r->verdict == TT_VERDICT_DROP) {
		RX_CHECK(r->reason != TT_REASON_NONE);
		RX_CHECK(r->note == NULL && r->reply == NULL && r->reply_len == 0);
		/* an SNMPv3 refusal says why in plain words; only a discovery probe (empty
		 * engine ID) whose Report is not sent goes without */
		if (rx_check_usm_reason(r->reason) && r->reason != TT_REASON_UNKNOWN_ENGINE_ID)
			RX_CHECK(r->diag != NULL);
		return;
	}
	if (r->verdict == TT_VERDICT_REPLY_ONLY) {
		RX_CHECK(n == NULL && r->detail == 0);
		if (r->reason == TT_REASON_NONE) {
			/* a duplicate inform acknowledged again (if its Response could be built) */
			RX_CHECK(rx->stats.duplicates > 0);
			if (!r->reply)
				RX_CHECK(r->reply_len == 0);
			else if (rx_check_reply_version(r) == TT_VERSION_3)
				rx_check_reply_v3(rx, r, NULL, 1, max_reply);
			else
				rx_check_reply(r, max_reply);
		} else if (r->reason == TT_REASON_TOO_MANY_VARBINDS) {
			/* the tooBig Response to an inform with more varbinds than the build takes */
			RX_CHECK(r->reply != NULL && rx->stats.too_many_varbinds_answered > 0);
			if (rx_check_reply_version(r) == TT_VERSION_3)
				rx_check_reply_v3(rx, r, NULL, 1, max_reply);
			else
				RX_CHECK(rx_check_reply(r, max_reply) == 1);
		} else {
			/* a Report to a refused reportable SNMPv3 message */
			RX_CHECK(r->reply != NULL && rx_check_usm_reason(r->reason));
			RX_CHECK(rx->stats.reports > 0);
			rx_check_reply_v3(rx, r, NULL, 0, max_reply);
		}
		return;
	}
	RX_CHECK(r->reason == TT_REASON_NONE && r->detail == 0 && r->diag == NULL);
	RX_CHECK(r->verdict == TT_VERDICT_DELIVER);
	RX_CHECK(n != NULL);
	RX_CHECK(r->uses != 0 && (r->uses & ~TT_USE_ALL) == 0);
	RX_CHECK(n->version == TT_VERSION_1 || n->version == TT_VERSION_2C ||
	         n->version == TT_VERSION_3);
	RX_CHECK(n->pdu_type == TT_PDU_TRAP_V1 || n->pdu_type == TT_PDU_TRAP_V2 ||
	         n->pdu_type == TT_PDU_INFORM);
	if (n->version == TT_VERSION_3) {
		RX_CHECK(n->community == NULL && n->community_len == 0);
		RX_CHECK(n->v3.level >= TT_SEC_NOAUTH && n->v3.level <= TT_SEC_PRIV);
		RX_CHECK(n->v3.engine_id_len >= 5 && n->v3.engine_id_len <= 32);
		RX_CHECK(rx_check_inside(n->v3.engine_id, n->v3.engine_id_len, buf, len));
		RX_CHECK(n->v3.user_len <= 32 && rx_check_inside(n->v3.user, n->v3.user_len, buf, len));
		RX_CHECK(rx_check_inside(n->v3.context_engine_id, n->v3.context_engine_id_len, buf, len));
		RX_CHECK(rx_check_inside(n->v3.context_name, n->v3.context_name_len, buf, len));
		RX_CHECK(n->v3.msg_id >= 0);
		/* an inform is to our engine; a trap carries its sender's */
		if (n->pdu_type == TT_PDU_INFORM)
			RX_CHECK(n->v3.engine_id_len == rx->engine.id_len &&
			         memcmp(n->v3.engine_id, rx->engine.id, rx->engine.id_len) == 0);
	} else {
		RX_CHECK(rx_check_inside(n->community, n->community_len, buf, len));
	}
	RX_CHECK(n->n_varbinds <= CONFIG_TT_MAX_VARBINDS + 5);
	RX_CHECK(n->wire_first + n->wire_count <= n->n_varbinds);
	RX_CHECK((n->anomalies & ~(TT_ANOM_NO_UPTIME | TT_ANOM_NO_TRAP_OID)) == 0);
	for (i = 0; i < n->n_varbinds; i++) {
		const struct tt_varbind *vb = &n->varbinds[i];
		int wire = i >= n->wire_first && i < n->wire_first + n->wire_count;
		RX_CHECK(((vb->flags & TT_VB_SYNTHESIZED) == 0) == (wire != 0));
		RX_CHECK(tt_ber_check_oid(vb->name, vb->name_len) > 0);
		if (wire) {
			RX_CHECK(rx_check_inside(vb->name, vb->name_len, buf, len));
			RX_CHECK(vb->value_len == 0 || rx_check_inside(vb->value, vb->value_len, buf, len));
		}
		switch (vb->type) {
		case TT_TAG_OID:
			RX_CHECK(tt_ber_check_oid(vb->value, vb->value_len) > 0);
			break;
		case TT_TAG_IPADDRESS:
			RX_CHECK(vb->value_len == 4);
			break;
		case TT_TAG_NULL:
		case TT_TAG_NOSUCHOBJECT:
		case TT_TAG_NOSUCHINSTANCE:
		case TT_TAG_ENDOFMIBVIEW:
			RX_CHECK(vb->value_len == 0);
			break;
		/* integers: the value slice is the contents as received (redundant sign octets
		 * included, so of any length); num is their value, within the type */
		case TT_TAG_INTEGER: {
			struct tt_tlv t = {TT_TAG_INTEGER, vb->value, vb->value, vb->value_len};
			int32_t i32;
			RX_CHECK(vb->value_len >= 1);
			RX_CHECK((int64_t)vb->num >= INT32_MIN && (int64_t)vb->num <= INT32_MAX);
			RX_CHECK(tt_ber_get_int32(&t, &i32) == TT_OK && (int64_t)i32 == (int64_t)vb->num);
			break;
		}
		case TT_TAG_COUNTER32:
		case TT_TAG_GAUGE32:
		case TT_TAG_TIMETICKS: {
			struct tt_tlv t = {vb->type, vb->value, vb->value, vb->value_len};
			uint32_t u32;
			RX_CHECK(vb->value_len >= 1 && vb->num <= UINT32_MAX);
			RX_CHECK(tt_ber_get_uint32(&t, &u32) == TT_OK && u32 == vb->num);
			break;
		}
		case TT_TAG_COUNTER64: {
			struct tt_tlv t = {vb->type, vb->value, vb->value, vb->value_len};
			uint64_t u64;
			RX_CHECK(vb->value_len >= 1);
			RX_CHECK(tt_ber_get_uint64(&t, &u64) == TT_OK && u64 == vb->num);
			break;
		}
		case TT_TAG_OCTET_STRING:
		case TT_TAG_OPAQUE:
			break;
		default:
			RX_CHECK(!"varbind type outside the SMI");
		}
	}
	if (n->trap_oid) {
		int arcs = tt_ber_check_oid(n->trap_oid, n->trap_oid_len);
		RX_CHECK(arcs >= 2 && arcs <= TT_OID_MAX_ARCS);
	}
	if (!(n->anomalies & TT_ANOM_NO_UPTIME))
		RX_CHECK(n->has_uptime);
	if (n->pdu_type == TT_PDU_TRAP_V1) {
		RX_CHECK(n->v1.generic >= 0 && n->v1.generic <= 6);
		RX_CHECK(n->trap_oid != NULL && n->anomalies == 0 && n->has_uptime);
		RX_CHECK(n->wire_first == 2 && n->n_varbinds >= 2 + n->wire_count);
		RX_CHECK(n->n_varbinds <= 5 + n->wire_count);
		RX_CHECK(rx_check_inside(n->v1.enterprise, n->v1.enterprise_len, buf, len));
		RX_CHECK(tt_ber_check_oid(n->v1.enterprise, n->v1.enterprise_len) > 0);
		RX_CHECK(r->reply == NULL);
	} else {
		RX_CHECK(n->wire_first == 0 && n->n_varbinds == n->wire_count);
	}
	if (n->pdu_type == TT_PDU_TRAP_V2)
		RX_CHECK(r->reply == NULL);
	if (r->reply && n->version == TT_VERSION_3)
		rx_check_reply_v3(rx, r, n, 1, max_reply);
	else if (r->reply)
		rx_check_reply(r, max_reply);
}

#ifndef TT_RENDER_V1_TRANSLATED
#define TT_RENDER_V1_TRANSLATED 0
#endif
#ifndef TT_RENDER_QUICK
#define TT_RENDER_QUICK 0
#endif

static inline void rx_check_render_ret(int ret, const char *out, size_t cap)
{
	RX_CHECK(ret >= 0);
	RX_CHECK(memchr(out, '\0', cap) != NULL);
	RX_CHECK(strlen(out) == ((size_t)ret < cap ? (size_t)ret : cap - 1));
}

/* Renders a delivered notification with tt_render_default and a format that uses every
 * specifier, into a large and into a small buffer (1 + 9 * (sel >> 5) octets): snprintf
 * semantics, and the small text is a prefix of the large one. sel also picks the render flags,
 * the local address and a host name. */
static inline void rx_check_render(const struct tt_notification *n, const struct tt_addr *src,
                                   uint8_t sel)
{
	static char big[1 << 18], small[64];
	static const char *const fmt =
		"%y-%m-%l %h:%j:%k %#y %H%J%K%L%M%Y %B [%b] %a %A %N %W %w %q %P %s %S %u %E %t %T "
		"%#T %-12b|%012T|%.3v|%10.4N|%V%v\\n\\t\\\\%%%Z\n";
	static const struct tt_addr local = {TT_AF_INET4, {127, 0, 0, 1}, 162};
	struct tt_render_ctx ctx;
	size_t scap = 1 + (size_t)(sel >> 5) * 9; /* 1..64 */
	int r1, r2;

	memset(&ctx, 0, sizeof ctx);
	ctx.note = n;
	ctx.src = src;
	ctx.dst = (sel & 0x20) ? &local : NULL;
	ctx.src_host = (sel & 0x40) ? "trap-sender.example" : NULL;
	ctx.local.year = 2026;
	ctx.local.mon = 11;
	ctx.local.mday = 22;
	ctx.local.hour = 1;
	ctx.local.min = 50;
	ctx.local.sec = 30;
	ctx.utc = ctx.local;
	ctx.epoch = 1795312230;
	ctx.flags = ((sel & 0x20) ? TT_RENDER_NUMERIC : 0) | ((sel & 0x40) ? TT_RENDER_V1_TRANSLATED : 0) |
	            ((sel & 0x80) ? TT_RENDER_QUICK : 0);

	r1 = tt_render_default(big, sizeof big, &ctx);
	rx_check_render_ret(r1, big, sizeof big);
	r2 = tt_render_default(small, scap, &ctx);
	rx_check_render_ret(r2, small, scap);
	RX_CHECK(r1 == r2);
	if ((size_t)r1 < sizeof big)
		RX_CHECK(strncmp(small, big, scap - 1) == 0);

	r1 = tt_render_format(big, sizeof big, fmt, &ctx);
	rx_check_render_ret(r1, big, sizeof big);
	r2 = tt_render_format(small, scap, fmt, &ctx);
	rx_check_render_ret(r2, small, scap);
	RX_CHECK(r1 == r2);
	if ((size_t)r1 < sizeof big)
		RX_CHECK(strncmp(small, big, scap - 1) == 0);
}

#endif /* RX_CHECK_H */
