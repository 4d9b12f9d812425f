/*
 * test_rx.c - the receiver: decoding of real Net-SNMP notifications, the RFC 3584 v1 translation,
 * inform Responses (also tooBig), de-duplication, dispatch, community authorization, and the
 * handling of malformed datagrams (malformed-cve.txt, truncation, nesting, size limits).
 *
 * Every datagram is handed to the receiver in an exact-size heap copy (tl_input), so that the
 * ASan build sees any read past its end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

#include "testlib.h"

#define AUTH_PUBLIC "authCommunity log,execute,net public"
#define OPEN "disableAuthorization yes"

static const char *const SYSUPTIME0 = "1.3.6.1.2.1.1.3.0";
static const char *const TRAPOID0 = "1.3.6.1.6.3.1.1.4.1.0";

static struct tt_addr src4(void)
{
	return tl_addr("127.0.0.1", 47063);
}

/* Builds a message of community "public" with vbs and hands it to rx from src4() at now. */
static const struct tt_rx_result *send_v2(struct tt_rx *rx, long version, uint8_t pdu_tag,
                                          int32_t request_id, const struct tl_vb *vbs, size_t n,
                                          uint64_t now)
{
	struct tt_addr from = src4();
	size_t len;
	uint8_t *m = tl_msg_v2(version, "public", pdu_tag, request_id, vbs, n, &len);
	const struct tt_rx_result *r = tl_input(rx, m, len, &from, now);
	free(m);
	return r;
}

/* --- real notifications --------------------------------------------------------------------- */

static void netsnmp_vectors_decode(void **state)
{
	struct tl_file f;
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	size_t i, checked = 0;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	tl_file_load(&f, TL_PACKETS);
	for (i = 0; i < f.n_blocks; i++) {
		const struct tl_block *b = &f.blocks[i];
		const char *version = tl_block_get(b, "version");
		const char *pdu = tl_block_get(b, "pdu");
		const char *vbl[64];
		size_t nvb = tl_block_get_all(b, "varbind", vbl, 64), j;
		const struct tt_rx_result *r;
		const struct tt_notification *n;
		char v[128];

		assert_non_null(version);
		assert_non_null(pdu);
		assert_non_null(b->msg);
		r = tl_input(rx, b->msg, b->msg_len, &from, 1000 + i);
		if (strcmp(version, "v3") == 0) {
			/* no USM user is configured here: never delivered (a discovery request may
			 * get a Report once SNMPv3 is in); the v3 tests decode these */
			assert_int_not_equal(r->verdict, TT_VERDICT_DELIVER);
			assert_null(r->note);
			continue;
		}
		if (strncmp(pdu, "Response", 8) == 0) {
			assert_int_equal(r->verdict, TT_VERDICT_DROP);
			assert_int_equal(r->reason, TT_REASON_UNEXPECTED_PDU);
			assert_null(r->reply);
			continue;
		}
		if (r->verdict != TT_VERDICT_DELIVER)
			fail_msg("[%s] not delivered: %s (%s)", b->name, tt_reason_name(r->reason),
			         tt_strerror(r->detail));
		assert_ptr_equal(r, &rx->result);
		n = r->note;
		assert_non_null(n);
		assert_int_equal(r->uses, TT_USE_ALL);
		assert_int_equal(n->version, strcmp(version, "v1") == 0 ? TT_VERSION_1 : TT_VERSION_2C);
		assert_int_equal(n->community_len, strlen(tl_block_get(b, "community")));
		assert_memory_equal(n->community, tl_block_get(b, "community"), n->community_len);
		assert_int_equal(n->wire_count, nvb);
		for (j = 0; j < nvb; j++)
			tl_check_vb(&n->varbinds[n->wire_first + j], vbl[j]);
		if (strncmp(pdu, "Trap(v1)", 8) == 0) {
			uint8_t a[4];
			assert_int_equal(n->pdu_type, TT_PDU_TRAP_V1);
			assert_int_equal(n->request_id, 0);
			assert_true(tl_field(pdu, "enterprise", v, sizeof v));
			assert_oid(n->v1.enterprise, n->v1.enterprise_len, v);
			assert_true(tl_field(pdu, "agent-addr", v, sizeof v));
			assert_int_equal(sscanf(v, "%hhu.%hhu.%hhu.%hhu", &a[0], &a[1], &a[2], &a[3]), 4);
			assert_memory_equal(n->v1.agent_addr, a, 4);
			assert_true(tl_field(pdu, "generic", v, sizeof v));
			assert_int_equal(n->v1.generic, atoi(v));
			assert_true(tl_field(pdu, "specific", v, sizeof v));
			assert_int_equal(n->v1.specific, atoi(v));
			assert_true(tl_field(pdu, "time-stamp", v, sizeof v));
			assert_int_equal(n->uptime, strtoul(v, NULL, 10));
			assert_int_equal(n->has_uptime, 1);
			assert_int_equal(n->wire_first, 2);
		} else {
			assert_int_equal(n->pdu_type, strncmp(pdu, "InformRequest", 13) == 0 ?
			                                  TT_PDU_INFORM : TT_PDU_TRAP_V2);
			assert_true(tl_field(pdu, "request-id", v, sizeof v));
			assert_int_equal(n->request_id, strtol(v, NULL, 10));
			assert_int_equal(n->wire_first, 0);
			assert_int_equal(n->n_varbinds, nvb);
			/* sysUpTime.0 and snmpTrapOID.0 in their places */
			assert_int_equal(n->anomalies, 0);
			assert_int_equal(n->has_uptime, 1);
			assert_int_equal(n->uptime, n->varbinds[0].num);
			assert_ptr_equal(n->trap_oid, n->varbinds[1].value);
			assert_int_equal(n->trap_oid_len, n->varbinds[1].value_len);
			assert_int_equal(n->pdu_type == TT_PDU_INFORM, r->reply != NULL);
		}
		checked++;
	}
	assert_int_equal(checked, 4); /* v1-trap, v2c-trap, v2c-inform, v2c-trap-allTypes */
	tl_file_free(&f);
	free(rx);
}

/* --- RFC 3584 §3.1 -------------------------------------------------------------------------- */

static void v1_translation_of_captured_trap(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	const struct tt_notification *n;
	const struct tt_varbind *vb;
	uint8_t *msg;
	size_t len, i;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	msg = tl_vector(TL_PACKETS, "v1-trap", &len);
	r = tl_input(rx, msg, len, &from, 5);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	n = r->note;
	/* sysUpTime.0, snmpTrapOID.0, 2 wire varbinds, snmpTrapAddress.0, snmpTrapCommunity.0,
	 * snmpTrapEnterprise.0 */
	assert_int_equal(n->n_varbinds, 7);
	assert_int_equal(n->wire_first, 2);
	assert_int_equal(n->wire_count, 2);
	vb = n->varbinds;
	assert_oid(vb[0].name, vb[0].name_len, SYSUPTIME0);
	assert_int_equal(vb[0].type, TT_TAG_TIMETICKS);
	assert_int_equal(vb[0].num, 12345);
	assert_oid(vb[1].name, vb[1].name_len, TRAPOID0);
	assert_int_equal(vb[1].type, TT_TAG_OID);
	assert_oid(vb[1].value, vb[1].value_len, "1.3.6.1.4.1.8072.2.3.1.0.17");
	assert_oid(n->trap_oid, n->trap_oid_len, "1.3.6.1.4.1.8072.2.3.1.0.17");
	assert_oid(vb[4].name, vb[4].name_len, "1.3.6.1.6.3.18.1.3.0");
	assert_int_equal(vb[4].type, TT_TAG_IPADDRESS);
	assert_int_equal(vb[4].value_len, 4);
	assert_memory_equal(vb[4].value, "\xc0\x00\x02\x07", 4);
	assert_oid(vb[5].name, vb[5].name_len, "1.3.6.1.6.3.18.1.4.0");
	assert_int_equal(vb[5].type, TT_TAG_OCTET_STRING);
	assert_int_equal(vb[5].value_len, 6);
	assert_memory_equal(vb[5].value, "public", 6);
	assert_oid(vb[6].name, vb[6].name_len, "1.3.6.1.6.3.1.1.4.3.0");
	assert_int_equal(vb[6].type, TT_TAG_OID);
	assert_oid(vb[6].value, vb[6].value_len, "1.3.6.1.4.1.8072.2.3.1");
	for (i = 0; i < 7; i++)
		assert_int_equal(vb[i].flags & TT_VB_SYNTHESIZED, (i == 2 || i == 3) ? 0 : TT_VB_SYNTHESIZED);
	assert_int_equal(n->anomalies, 0);
	assert_int_equal(rx->stats.traps_v1, 1);
	assert_null(r->reply);
	free(msg);
	free(rx);
}

static const struct tt_rx_result *v1(struct tt_rx *rx, const char *ent, int64_t generic,
                                     int64_t specific, const struct tl_vb *vbs, size_t n)
{
	static const uint8_t agent[4] = {10, 1, 2, 3};
	struct tt_addr from = src4();
	size_t len;
	uint8_t *msg = tl_msg_v1("public", ent, agent, generic, specific, 4242, vbs, n, &len);
	const struct tt_rx_result *r = tl_input(rx, msg, len, &from, 1);
	free(msg);
	return r;
}

static void v1_translation_generic_and_specific(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	const struct tt_rx_result *r;
	char want[256];
	int g;
	(void)state;

	tl_conf(&conf, OPEN, NULL);
	rx = tl_rx_new(&conf);
	/* generic 0..5: snmpTraps.(generic + 1); the enterprise does not matter */
	for (g = 0; g <= 5; g++) {
		r = v1(rx, "1.3.6.1.4.1.9", g, 77, NULL, 0);
		assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
		snprintf(want, sizeof want, "1.3.6.1.6.3.1.1.5.%d", g + 1);
		assert_oid(r->note->trap_oid, r->note->trap_oid_len, want);
		assert_oid(r->note->varbinds[1].value, r->note->varbinds[1].value_len, want);
		assert_int_equal(r->note->v1.generic, g);
		assert_int_equal(r->note->v1.specific, 77);
		assert_int_equal(r->note->uptime, 4242);
		assert_int_equal(r->note->n_varbinds, 5);
	}
	/* generic 6: enterprise.0.specific */
	r = v1(rx, "1.3.6.1.4.1.9.9.41", 6, 0, NULL, 0);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_oid(r->note->trap_oid, r->note->trap_oid_len, "1.3.6.1.4.1.9.9.41.0.0");
	r = v1(rx, "1.3.6.1.4.1.9.9.41", 6, 2147483647, NULL, 0);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_oid(r->note->trap_oid, r->note->trap_oid_len, "1.3.6.1.4.1.9.9.41.0.2147483647");
	r = v1(rx, "1.3.6.1.4.1.9.9.41", 6, 128, NULL, 0);
	assert_oid(r->note->trap_oid, r->note->trap_oid_len, "1.3.6.1.4.1.9.9.41.0.128");
	/* a negative specific-trap cannot become a sub-identifier ... */
	r = v1(rx, "1.3.6.1.4.1.9", 6, -1, NULL, 0);
	assert_int_equal(r->verdict, TT_VERDICT_DROP);
	assert_int_equal(r->reason, TT_REASON_BAD_V1_TRAP);
	/* ... but is harmless for the generic traps */
	r = v1(rx, "1.3.6.1.4.1.9", 2, -1, NULL, 0);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(r->note->v1.specific, -1);
	/* generic-trap outside 0..6 */
	r = v1(rx, "1.3.6.1.4.1.9", 7, 1, NULL, 0);
	assert_int_equal(r->reason, TT_REASON_BAD_V1_TRAP);
	r = v1(rx, "1.3.6.1.4.1.9", -1, 1, NULL, 0);
	assert_int_equal(r->reason, TT_REASON_BAD_V1_TRAP);
	r = v1(rx, "1.3.6.1.4.1.9", INT32_MAX, 1, NULL, 0);
	assert_int_equal(r->reason, TT_REASON_BAD_V1_TRAP);
	r = v1(rx, "1.3.6.1.4.1.9", (int64_t)1 << 40, 1, NULL, 0);
	assert_int_equal(r->reason, TT_REASON_PARSE);
	assert_int_equal(r->detail, TT_ERR_INT_RANGE);
	assert_int_equal(rx->stats.dropped[TT_REASON_BAD_V1_TRAP], 4);
	free(rx);
}

/* The enterprise of a generic-6 trap may have at most 126 arcs: the translated snmpTrapOID
 * (enterprise.0.specific) must stay within 128. */
static void v1_translation_arc_limit(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	const struct tt_rx_result *r;
	char ent[2048];
	size_t k;
	int arcs;
	(void)state;

	tl_conf(&conf, OPEN, NULL);
	rx = tl_rx_new(&conf);
	for (arcs = 120; arcs <= 128; arcs++) {
		int a;
		k = (size_t)sprintf(ent, "1.3");
		for (a = 2; a < arcs; a++)
			k += (size_t)sprintf(ent + k, ".%u", 4294967295u); /* longest sub-identifiers */
		r = v1(rx, ent, 6, 4, NULL, 0);
		if (arcs <= 126) {
			assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
			assert_int_equal(tt_ber_check_oid(r->note->trap_oid, r->note->trap_oid_len),
			                 arcs + 2);
			assert_memory_equal(r->note->trap_oid, r->note->v1.enterprise,
			                    r->note->v1.enterprise_len);
		} else {
			assert_int_equal(r->verdict, TT_VERDICT_DROP);
			assert_int_equal(r->reason, TT_REASON_BAD_V1_TRAP);
		}
		/* the generic traps do not use the enterprise in snmpTrapOID */
		r = v1(rx, ent, 0, 4, NULL, 0);
		assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	}
	free(rx);
}

static void v1_translation_keeps_present_varbinds(void **state)
{
	static const uint8_t addr_tlv[] = {0x40, 0x04, 192, 0, 2, 99};
	struct tt_conf conf;
	struct tt_rx *rx;
	const struct tt_rx_result *r;
	const struct tt_notification *n;
	struct tl_vb vbs[3];
	(void)state;

	tl_conf(&conf, OPEN, NULL);
	rx = tl_rx_new(&conf);
	vbs[0].oid = "1.3.6.1.6.3.18.1.3.0";
	vbs[0].val = addr_tlv;
	vbs[0].val_len = sizeof addr_tlv;
	vbs[1].oid = "1.3.6.1.6.3.18.1.4.0";
	vbs[1].val = tl_v_str("forwarded", &vbs[1].val_len);
	vbs[2].oid = "1.3.6.1.6.3.1.1.4.3.0";
	vbs[2].val = tl_v_oid("1.3.6.1.4.1.99", &vbs[2].val_len);

	/* all three present: nothing appended, the wire values stay */
	r = v1(rx, "1.3.6.1.4.1.9", 6, 1, vbs, 3);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	n = r->note;
	assert_int_equal(n->n_varbinds, 5);
	assert_memory_equal(n->varbinds[2].value, "\xc0\x00\x02\x63", 4);
	assert_int_equal(n->varbinds[3].value_len, 9);
	assert_oid(n->varbinds[4].value, n->varbinds[4].value_len, "1.3.6.1.4.1.99");
	assert_int_equal(n->varbinds[4].flags, 0);

	/* only snmpTrapCommunity.0 present: the other two are appended after the wire ones */
	r = v1(rx, "1.3.6.1.4.1.9", 6, 1, &vbs[1], 1);
	n = r->note;
	assert_int_equal(n->n_varbinds, 5);
	assert_oid(n->varbinds[2].name, n->varbinds[2].name_len, "1.3.6.1.6.3.18.1.4.0");
	assert_int_equal(n->varbinds[2].flags, 0);
	assert_oid(n->varbinds[3].name, n->varbinds[3].name_len, "1.3.6.1.6.3.18.1.3.0");
	assert_memory_equal(n->varbinds[3].value, "\x0a\x01\x02\x03", 4);
	assert_oid(n->varbinds[4].name, n->varbinds[4].name_len, "1.3.6.1.6.3.1.1.4.3.0");
	assert_oid(n->varbinds[4].value, n->varbinds[4].value_len, "1.3.6.1.4.1.9");
	assert_int_equal(n->varbinds[4].flags, TT_VB_SYNTHESIZED);
	free(rx);
}

/* --- informs -------------------------------------------------------------------------------- */

static void inform_response_equals_capture(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	uint8_t *inform, *resp;
	size_t ilen, rlen;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	inform = tl_vector(TL_PACKETS, "v2c-inform", &ilen);
	resp = tl_vector(TL_PACKETS, "v2c-inform-response", &rlen);
	r = tl_input(rx, inform, ilen, &from, 10);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_non_null(r->reply);
	assert_int_equal(r->reply_len, rlen);
	assert_memory_equal(r->reply, resp, rlen);
	assert_int_equal(rx->stats.responses, 1);
	assert_int_equal(rx->stats.too_big_responses, 0);
	assert_int_equal(rx->stats.informs, 1);
	assert_int_equal(r->note->request_id, 1848867525);
	free(inform);
	free(resp);
	free(rx);
}

static void inform_too_big_response(void **state)
{
	/* Response of RFC 3416 §4.2.7: same request-id, tooBig(1), index 0, no varbinds */
	static const char *want_hex =
		"301b" "020101" "04067075626c6963" "a20e" "02046e337ac5" "020101" "020100" "3000";
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	uint8_t *inform, want[64];
	size_t ilen;
	long wlen = tl_hex_decode(want_hex, want, sizeof want);
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	inform = tl_vector(TL_PACKETS, "v2c-inform", &ilen);
	assert_int_equal(ilen, 87); /* and so is its Response */

	tt_rx_set_max_reply(rx, 87);
	r = tl_input(rx, inform, ilen, &from, 1);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(r->reply_len, 87);
	assert_int_equal(rx->stats.too_big_responses, 0);

	tt_rx_set_max_reply(rx, 86);
	r = tl_input(rx, inform, ilen, &from, 2);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER); /* the notification still goes out */
	assert_non_null(r->reply);
	assert_int_equal(r->reply_len, wlen);
	assert_memory_equal(r->reply, want, (size_t)wlen);
	assert_int_equal(rx->stats.too_big_responses, 1);
	assert_int_equal(rx->stats.responses, 2);

	tt_rx_set_max_reply(rx, (size_t)wlen);
	r = tl_input(rx, inform, ilen, &from, 3);
	assert_int_equal(r->reply_len, wlen);
	assert_memory_equal(r->reply, want, (size_t)wlen);

	/* not even the tooBig Response fits: delivered without a reply, counted */
	tt_rx_set_max_reply(rx, (size_t)wlen - 1);
	r = tl_input(rx, inform, ilen, &from, 4);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_null(r->reply);
	assert_int_equal(r->reply_len, 0);
	assert_int_equal(rx->stats.no_response, 1);

	/* larger than the reply buffer is capped to it */
	tt_rx_set_max_reply(rx, 1000000);
	r = tl_input(rx, inform, ilen, &from, 5);
	assert_int_equal(r->reply_len, 87);

	/* every limit from 0 up: the full Response, else tooBig, else none - never more octets
	 * than allowed, whichever field runs out of room first */
	for (size_t max = 0; max <= 90; max++) {
		uint32_t none = rx->stats.no_response;
		tt_rx_set_max_reply(rx, max);
		r = tl_input(rx, inform, ilen, &from, 6);
		assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
		if (max >= 87) {
			assert_int_equal(r->reply_len, 87);
		} else if (max >= (size_t)wlen) {
			assert_int_equal(r->reply_len, wlen);
			assert_memory_equal(r->reply, want, (size_t)wlen);
		} else {
			assert_null(r->reply);
			assert_int_equal(rx->stats.no_response, none + 1);
		}
	}
	free(inform);
	free(rx);
}

static void inform_duplicates(void **state)
{
	const uint64_t w = (uint64_t)CONFIG_TT_DEDUP_WINDOW_S * 1000u;
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4(), other = tl_addr("127.0.0.1", 47064);
	const struct tt_rx_result *r;
	uint8_t *inform, first[256];
	size_t ilen, flen;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	inform = tl_vector(TL_PACKETS, "v2c-inform", &ilen);

	/* not confirmed: the retransmission is delivered again */
	r = tl_input(rx, inform, ilen, &from, 1000);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	r = tl_input(rx, inform, ilen, &from, 1100);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	flen = r->reply_len;
	memcpy(first, r->reply, flen);
	tt_rx_delivered(rx, 1100);

#if CONFIG_TT_DEDUP_RING > 0
	/* confirmed: acknowledged again with the same Response, not delivered */
	r = tl_input(rx, inform, ilen, &from, 2000);
	assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
	assert_int_equal(r->reason, TT_REASON_NONE);
	assert_null(r->note);
	assert_int_equal(r->reply_len, flen);
	assert_memory_equal(r->reply, first, flen);
	assert_int_equal(rx->stats.duplicates, 1);
	tt_rx_delivered(rx, 2000); /* no effect: nothing pending */
	/* still within the window at its very end */
	r = tl_input(rx, inform, ilen, &from, 1100 + w);
	assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
	/* from another port it is another inform */
	r = tl_input(rx, inform, ilen, &other, 3000);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	/* the same request-id with other contents is another inform */
	{
		uint8_t *changed = tl_dup(inform, ilen);
		changed[ilen - 1] ^= 1; /* the last INTEGER value */
		r = tl_input(rx, changed, ilen, &from, 3000);
		assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
		assert_int_equal(r->note->request_id, 1848867525);
		free(changed);
	}
	/* after the window it is delivered again */
	r = tl_input(rx, inform, ilen, &from, 1100 + w + 1);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(rx->stats.duplicates, 2);
#else
	r = tl_input(rx, inform, ilen, &from, 2000);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	(void)w;
	(void)other;
	(void)first;
#endif
	free(inform);
	free(rx);
}

#if CONFIG_TT_DEDUP_RING > 0
/* The ring forgets its oldest entry when full. */
static void inform_dedup_ring_wraps(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	const struct tt_rx_result *r;
	struct tl_vb vbs[2];
	int32_t id;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	tl_v2_header(vbs, 1, "1.3.6.1.6.3.1.1.5.1");
	for (id = 1; id <= CONFIG_TT_DEDUP_RING + 1; id++) {
		r = send_v2(rx, 1, TT_PDU_INFORM, id, vbs, 2, 10);
		assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
		tt_rx_delivered(rx, 10);
	}
	/* the newest CONFIG_TT_DEDUP_RING are remembered, the first was overwritten */
	r = send_v2(rx, 1, TT_PDU_INFORM, CONFIG_TT_DEDUP_RING + 1, vbs, 2, 20);
	assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
	r = send_v2(rx, 1, TT_PDU_INFORM, 2, vbs, 2, 20);
	assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
	r = send_v2(rx, 1, TT_PDU_INFORM, 1, vbs, 2, 20);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	free(rx);
}
#endif

/* A trap is never remembered: tt_rx_delivered does nothing for it. */
static void trap_not_deduplicated(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	uint8_t *m;
	size_t len;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	m = tl_vector(TL_PACKETS, "v2c-trap", &len);
	assert_int_equal(tl_input(rx, m, len, &from, 1)->verdict, TT_VERDICT_DELIVER);
	tt_rx_delivered(rx, 1);
	assert_int_equal(tl_input(rx, m, len, &from, 2)->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(rx->stats.duplicates, 0);
	assert_int_equal(rx->stats.traps_v2, 2);
	free(m);
	free(rx);
}

/* --- dispatch ------------------------------------------------------------------------------- */

struct out_ctx {
	int calls;
	int refuse;
	const void *meta;
	const struct tt_rx_result *res;
};

static int out_write(void *ctx, const struct tt_rx_result *res, const void *meta)
{
	struct out_ctx *o = ctx;
	o->calls++;
	o->meta = meta;
	o->res = res;
	return o->refuse ? -1 : 0;
}

static void dispatch_all_accepted_rule(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4(), from2 = tl_addr("127.0.0.2", 1);
	const struct tt_rx_result *r;
	struct out_ctx log = {0, 0, NULL, NULL}, net = {0, 0, NULL, NULL}, exe = {0, 0, NULL, NULL};
	struct tt_output outs[3];
	int meta = 42;
	uint8_t *m;
	size_t len;
	(void)state;

	outs[0].write = out_write;
	outs[0].ctx = &log;
	outs[0].use = TT_USE_LOG;
	outs[1].write = out_write;
	outs[1].ctx = &net;
	outs[1].use = TT_USE_NET;
	outs[2].write = out_write;
	outs[2].ctx = &exe;
	outs[2].use = TT_USE_EXECUTE;
	/* this community may only be logged and forwarded */
	tl_conf(&conf, "authCommunity log,net public", NULL);
	rx = tl_rx_new(&conf);
	m = tl_vector(TL_PACKETS, "v2c-inform", &len);

	/* one output refuses: no reply, not confirmed, so the retransmission is delivered */
	net.refuse = 1;
	r = tl_input(rx, m, len, &from, 100);
	assert_int_equal(r->uses, TT_USE_LOG | TT_USE_NET);
	assert_int_equal(tt_dispatch(rx, r, outs, 3, &meta, 100), 0);
	assert_int_equal(log.calls, 1);
	assert_int_equal(net.calls, 1);
	assert_int_equal(exe.calls, 0); /* not allowed for this community */
	assert_ptr_equal(log.meta, &meta);
	assert_ptr_equal(log.res, r);
	r = tl_input(rx, m, len, &from, 200);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);

	/* all accept: confirmed; the retransmission is only acknowledged */
	net.refuse = 0;
	assert_int_equal(tt_dispatch(rx, r, outs, 3, &meta, 200), 1);
	assert_int_equal(log.calls, 2);
	assert_int_equal(net.calls, 2);
	r = tl_input(rx, m, len, &from, 300);
#if CONFIG_TT_DEDUP_RING > 0
	assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
	/* a reply-only result is not offered to the outputs, and the reply may be sent */
	assert_int_equal(tt_dispatch(rx, r, outs, 3, &meta, 300), 1);
	assert_int_equal(log.calls, 2);
#endif
	/* a drop is offered to nobody and nothing is sent */
	r = tl_input(rx, m, 3, &from, 400);
	assert_int_equal(r->verdict, TT_VERDICT_DROP);
	assert_int_equal(tt_dispatch(rx, r, outs, 3, &meta, 400), 0);
	assert_int_equal(log.calls, 2);
	assert_int_equal(net.calls, 2);
	/* no output applies: nothing refused, so delivered */
	r = tl_input(rx, m, len, &from2, 500);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(tt_dispatch(rx, r, &outs[2], 1, &meta, 500), 1);
	assert_int_equal(exe.calls, 0);
	free(m);
	free(rx);
}

/* --- authorization -------------------------------------------------------------------------- */

static const struct tt_rx_result *v2_from(struct tt_rx *rx, const char *community,
                                          const char *trap_oid, const char *from_ip)
{
	struct tl_vb vbs[3];
	struct tt_addr from = tl_addr(from_ip, 162);
	const struct tt_rx_result *r;
	uint8_t *m;
	size_t len;

	tl_v2_header(vbs, 100, trap_oid);
	vbs[2].oid = "1.3.6.1.2.1.1.5.0";
	vbs[2].val = tl_v_str("host", &vbs[2].val_len);
	m = tl_msg_v2(1, community, TT_PDU_TRAP_V2, 7, vbs, 3, &len);
	r = tl_input(rx, m, len, &from, 1);
	free(m);
	return r;
}

static void bad_community(void **state)
{
	static const char *bad[] = {"private", "Public", "publi", "publicx", "", "public\001"};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	uint8_t *m;
	size_t len, i;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = v2_from(rx, bad[i], "1.3.6.1.6.3.1.1.5.1", "127.0.0.1");
		assert_int_equal(r->verdict, TT_VERDICT_DROP);
		assert_int_equal(r->reason, TT_REASON_BAD_COMMUNITY);
		assert_null(r->note);
		/* the refused community is handed out for the log line */
		assert_non_null(r->community);
		assert_int_equal(r->community_len, strlen(bad[i]));
		assert_memory_equal(r->community, bad[i], strlen(bad[i]));
	}
	assert_int_equal(rx->stats.dropped[TT_REASON_BAD_COMMUNITY], i);
	/* an inform with a wrong community gets no Response */
	m = tl_vector(TL_PACKETS, "v2c-inform", &len);
	memcpy(m + 7, "pubbic", 6);
	r = tl_input(rx, m, len, &from, 1);
	assert_int_equal(r->reason, TT_REASON_BAD_COMMUNITY);
	assert_null(r->reply);
	assert_int_equal(rx->stats.responses, 0);
	assert_int_equal(rx->stats.delivered, 0);
	free(m);
	/* nothing configured: nothing accepted */
	tt_conf_init(&conf);
	r = v2_from(rx, "public", "1.3.6.1.6.3.1.1.5.1", "127.0.0.1");
	assert_int_equal(r->reason, TT_REASON_BAD_COMMUNITY);
	free(rx);
}

static void source_restrictions(void **state)
{
	static const struct {
		const char *source;
		const char *from;
		int ok;
	} cases[] = {
		{"10.0.0.0/8", "10.1.2.3", 1},
		{"10.0.0.0/8", "10.255.255.255", 1},
		{"10.0.0.0/8", "11.0.0.1", 0},
		{"10.0.0.0/8", "9.255.255.255", 0},
		{"10.0.0.0/8", "::ffff:10.1.2.3", 1},   /* v4-mapped matches as IPv4 */
		{"10.0.0.0/8", "::ffff:11.1.2.3", 0},
		{"10.0.0.0/8", "::a01:203", 0},         /* IPv4-compatible is not mapped */
		{"10.0.0.0/8", "2001:db8::1", 0},
		{"192.0.2.7", "192.0.2.7", 1},
		{"192.0.2.7", "192.0.2.8", 0},
		{"192.0.2.7/32", "192.0.2.6", 0},
		{"192.0.2.0/25", "192.0.2.127", 1},
		{"192.0.2.0/25", "192.0.2.128", 0},
		{"0.0.0.0/0", "203.0.113.9", 1},
		{"0.0.0.0/0", "2001:db8::1", 0},
		{"2001:db8::/32", "2001:db8:ffff::1", 1},
		{"2001:db8::/32", "2001:db9::1", 0},
		{"2001:db8::/32", "10.0.0.1", 0},
		{"::1", "::1", 1},
		{"::1", "::2", 0},
		{"::1", "127.0.0.1", 0},
		{"::ffff:1.2.3.4", "::ffff:1.2.3.4", 1},
		{"::/0", "2001:db8::1", 1},
		{"fe80::/10", "febf::1", 1},
		{"fe80::/10", "fec0::1", 0},
		{"default", "198.51.100.1", 1},
		{"default", "2001:db8::1", 1},
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tt_conf conf;
		struct tt_rx *rx;
		char line[128];
		const struct tt_rx_result *r;
		snprintf(line, sizeof line, "authCommunity log public %s", cases[i].source);
		tl_conf(&conf, line, NULL);
		rx = tl_rx_new(&conf);
		r = v2_from(rx, "public", "1.3.6.1.6.3.1.1.5.1", cases[i].from);
		if (cases[i].ok != (r->verdict == TT_VERDICT_DELIVER))
			fail_msg("SOURCE %s, from %s: %s", cases[i].source, cases[i].from,
			         r->verdict == TT_VERDICT_DELIVER ? "delivered" : tt_reason_name(r->reason));
		if (!cases[i].ok) {
			assert_int_equal(r->reason, TT_REASON_NOT_AUTHORIZED);
			assert_int_equal(rx->stats.dropped[TT_REASON_NOT_AUTHORIZED], 1);
		} else {
			assert_int_equal(r->uses, TT_USE_LOG);
		}
		free(rx);
	}
}

static void oid_restrictions(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	const struct tt_rx_result *r;
	struct tl_vb vbs[1];
	(void)state;

	tl_conf(&conf, "authCommunity log public default .1.3.6.1.6.3.1.1.5", NULL);
	rx = tl_rx_new(&conf);
	r = v2_from(rx, "public", "1.3.6.1.6.3.1.1.5.1", "127.0.0.1");
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	r = v2_from(rx, "public", "1.3.6.1.6.3.1.1.5", "127.0.0.1"); /* the subtree itself */
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	r = v2_from(rx, "public", "1.3.6.1.6.3.1.1.50", "127.0.0.1");
	assert_int_equal(r->reason, TT_REASON_NOT_AUTHORIZED);
	r = v2_from(rx, "public", "1.3.6.1.6.3.1.1", "127.0.0.1");
	assert_int_equal(r->reason, TT_REASON_NOT_AUTHORIZED);
	r = v2_from(rx, "public", "1.3.6.1.4.1.8072.2.3.0.1", "127.0.0.1");
	assert_int_equal(r->reason, TT_REASON_NOT_AUTHORIZED);
	/* no snmpTrapOID.0 at all: nothing to match */
	vbs[0].oid = SYSUPTIME0;
	vbs[0].val = tl_v_ticks(5, &vbs[0].val_len);
	r = send_v2(rx, 1, TT_PDU_TRAP_V2, 1, vbs, 1, 1);
	assert_int_equal(r->reason, TT_REASON_NOT_AUTHORIZED);
	/* v1: matched against the translated snmpTrapOID */
	r = v1(rx, "1.3.6.1.4.1.9", 0, 0, NULL, 0);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	r = v1(rx, "1.3.6.1.4.1.9", 6, 1, NULL, 0);
	assert_int_equal(r->reason, TT_REASON_NOT_AUTHORIZED);
	/* and the restriction is on a wrong community nothing but "bad community" */
	r = v2_from(rx, "private", "1.3.6.1.6.3.1.1.5.1", "127.0.0.1");
	assert_int_equal(r->reason, TT_REASON_BAD_COMMUNITY);
	free(rx);
}

static void uses_union_over_entries(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	const struct tt_rx_result *r;
	(void)state;

	tl_conf(&conf, "authCommunity log public",
	        "authCommunity net public 10.0.0.0/8",
	        "authCommunity execute public default 1.3.6.1.6.3.1.1.5",
	        "authCommunity execute,net other",
	        NULL);
	rx = tl_rx_new(&conf);
	r = v2_from(rx, "public", "1.3.6.1.6.3.1.1.5.3", "10.9.9.9");
	assert_int_equal(r->uses, TT_USE_LOG | TT_USE_NET | TT_USE_EXECUTE);
	r = v2_from(rx, "public", "1.3.6.1.4.1.9.0.1", "10.9.9.9");
	assert_int_equal(r->uses, TT_USE_LOG | TT_USE_NET);
	r = v2_from(rx, "public", "1.3.6.1.6.3.1.1.5.3", "192.0.2.1");
	assert_int_equal(r->uses, TT_USE_LOG | TT_USE_EXECUTE);
	r = v2_from(rx, "public", "1.3.6.1.4.1.9.0.1", "192.0.2.1");
	assert_int_equal(r->uses, TT_USE_LOG);
	r = v2_from(rx, "other", "1.3.6.1.4.1.9.0.1", "192.0.2.1");
	assert_int_equal(r->uses, TT_USE_EXECUTE | TT_USE_NET);
	free(rx);

	/* all entries of a community restricted away: not authorized */
	tl_conf(&conf, "authCommunity net public 10.0.0.0/8",
	        "authCommunity log public 192.0.2.0/24 1.3.6.1.4.1", NULL);
	rx = tl_rx_new(&conf);
	r = v2_from(rx, "public", "1.3.6.1.6.3.1.1.5.3", "192.0.2.1");
	assert_int_equal(r->reason, TT_REASON_NOT_AUTHORIZED);
	r = v2_from(rx, "public", "1.3.6.1.4.1.9.0.1", "192.0.2.1");
	assert_int_equal(r->uses, TT_USE_LOG);
	r = v2_from(rx, "public", "1.3.6.1.4.1.9.0.1", "198.51.100.1");
	assert_int_equal(r->reason, TT_REASON_NOT_AUTHORIZED);
	free(rx);
}

static void disable_authorization(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	const struct tt_rx_result *r;
	char err[128];
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, OPEN, NULL);
	rx = tl_rx_new(&conf);
	r = v2_from(rx, "anything", "1.3.6.1.4.1.9.0.1", "203.0.113.1");
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(r->uses, TT_USE_ALL);
	r = v2_from(rx, "", "1.3.6.1.4.1.9.0.1", "2001:db8::1");
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(tt_conf_line(&conf, "disableAuthorization no", 23, err, sizeof err), TT_OK);
	r = v2_from(rx, "anything", "1.3.6.1.4.1.9.0.1", "203.0.113.1");
	assert_int_equal(r->reason, TT_REASON_BAD_COMMUNITY);
	r = v2_from(rx, "public", "1.3.6.1.4.1.9.0.1", "203.0.113.1");
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	free(rx);
}

/* tt_rx_set_conf switches the configuration, keeping the counters and the ring. */
static void set_conf_keeps_state(void **state)
{
	struct tt_conf a, b;
	struct tt_rx *rx;
	struct tt_addr from = src4(), from9 = tl_addr("127.0.0.9", 5);
	const struct tt_rx_result *r;
	uint8_t *m;
	size_t len;
	(void)state;

	tl_conf(&a, AUTH_PUBLIC, NULL);
	tl_conf(&b, "authCommunity log private", NULL);
	rx = tl_rx_new(&a);
	m = tl_vector(TL_PACKETS, "v2c-inform", &len);
	r = tl_input(rx, m, len, &from, 1);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	tt_rx_delivered(rx, 1);
	tt_rx_set_conf(rx, &b);
	assert_int_equal(tl_input(rx, m, len, &from, 2)->reason, TT_REASON_BAD_COMMUNITY);
	tt_rx_set_conf(rx, &a);
#if CONFIG_TT_DEDUP_RING > 0
	assert_int_equal(tl_input(rx, m, len, &from, 3)->verdict, TT_VERDICT_REPLY_ONLY);
#endif
	assert_int_equal(rx->stats.packets, 3);
	assert_int_equal(rx->stats.delivered, 1);
	/* a pending inform is forgotten by set_conf: confirming after it does nothing */
	r = tl_input(rx, m, len, &from9, 4);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	tt_rx_set_conf(rx, &a);
	tt_rx_delivered(rx, 4);
	assert_int_equal(tl_input(rx, m, len, &from9, 5)->verdict,
	                 TT_VERDICT_DELIVER);
	free(m);
	free(rx);
}

/* --- versions and PDU types ----------------------------------------------------------------- */

static void bad_versions(void **state)
{
	static const long versions[] = {2, -1, 4, 255, 256, 0x7fffffff, -2147483647 - 1};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_vb vbs[2];
	const struct tt_rx_result *r;
	size_t i;
	(void)state;

	tl_conf(&conf, OPEN, NULL);
	rx = tl_rx_new(&conf);
	tl_v2_header(vbs, 1, "1.3.6.1.6.3.1.1.5.1");
	for (i = 0; i < sizeof versions / sizeof versions[0]; i++) {
		r = send_v2(rx, versions[i], TT_PDU_TRAP_V2, 1, vbs, 2, 1);
		assert_int_equal(r->verdict, TT_VERDICT_DROP);
		assert_int_equal(r->reason, TT_REASON_BAD_VERSION);
	}
	assert_int_equal(rx->stats.dropped[TT_REASON_BAD_VERSION], i);
	/* a version whose value is outside 32 bits is a parse error */
	r = send_v2(rx, 0x100000000L, TT_PDU_TRAP_V2, 1, vbs, 2, 1);
	assert_int_equal(r->reason, TT_REASON_PARSE);
	assert_int_equal(r->detail, TT_ERR_INT_RANGE);
	/* and 0 and 1 are fine */
	assert_int_equal(send_v2(rx, 0, TT_PDU_TRAP_V2, 1, vbs, 2, 1)->verdict, TT_VERDICT_DELIVER);
	free(rx);
}

static void unexpected_pdus(void **state)
{
	static const uint8_t unexpected[] = {TT_PDU_GET, TT_PDU_GETNEXT, TT_PDU_RESPONSE, TT_PDU_SET,
	                                     TT_PDU_GETBULK, TT_PDU_REPORT};
	static const uint8_t garbage[] = {0xa9, 0xaa, 0x30, 0x04, 0x02, 0x00, 0xbe, 0x80};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	struct tl_vb vbs[2];
	const struct tt_rx_result *r;
	uint8_t *m;
	size_t len, i;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	tl_v2_header(vbs, 1, "1.3.6.1.6.3.1.1.5.1");
	for (i = 0; i < sizeof unexpected; i++) {
		r = send_v2(rx, 1, unexpected[i], 1, vbs, 2, 1);
		assert_int_equal(r->verdict, TT_VERDICT_DROP);
		assert_int_equal(r->reason, TT_REASON_UNEXPECTED_PDU);
		assert_null(r->reply);
	}
	for (i = 0; i < sizeof garbage; i++) {
		r = send_v2(rx, 1, garbage[i], 1, vbs, 2, 1);
		assert_int_equal(r->verdict, TT_VERDICT_DROP);
		assert_int_equal(r->reason, TT_REASON_PARSE);
	}
	/* the captured Response of Net-SNMP */
	m = tl_vector(TL_PACKETS, "v2c-inform-response", &len);
	assert_int_equal(tl_input(rx, m, len, &from, 1)->reason, TT_REASON_UNEXPECTED_PDU);
	free(m);
	assert_int_equal(rx->stats.dropped[TT_REASON_UNEXPECTED_PDU], sizeof unexpected + 1);
	free(rx);
}

/* --- integers with redundant sign-extension octets ------------------------------------------ */

/* The default rendering of a delivered notification (fixed clock, src4()), into out. */
static void render_note(const struct tt_notification *n, char *out, size_t cap)
{
	struct tt_render_ctx ctx;
	struct tt_addr from = src4();
	memset(&ctx, 0, sizeof ctx);
	ctx.note = n;
	ctx.src = &from;
	ctx.local.year = 2026;
	ctx.local.mon = 11;
	ctx.local.mday = 22;
	ctx.utc = ctx.local;
	assert_true(tt_render_default(out, cap, &ctx) >= 0);
}

/* The VarBindList TLV of a v1/v2c message: where it starts in msg, and its size. */
static size_t vbl_of(const uint8_t *msg, size_t len, size_t *size)
{
	struct tl_r r, m, pdu;
	struct tl_tlv t;
	tl_r_init(&r, msg, len);
	tl_r_enter(&r, TT_TAG_SEQUENCE, &m);
	tl_r_expect(&m, TT_TAG_INTEGER, &t);
	tl_r_expect(&m, TT_TAG_OCTET_STRING, &t);
	assert_int_equal(tl_r_next(&m, &t), 0);
	tl_r_init(&pdu, t.val, t.len);
	do
		assert_int_equal(tl_r_next(&pdu, &t), 0);
	while (t.tag != TT_TAG_SEQUENCE || pdu.pos != pdu.len);
	*size = (size_t)(t.val + t.len - t.start);
	return (size_t)(t.start - msg);
}

/* scapy encodes INTEGER -2^31 with a redundant 0xff ("02 05 ff 80 00 00 00"), Net-SNMP takes
 * it: delivered, printed as the value, and the inform's Response echoes the varbind as it
 * came. Every other padded integer of the issue too; values that do not fit stay refused. */
static void padded_integer_inform(void **state)
{
	static const struct {
		const char *tlv, *text;
	} ok[] = {
		{"0205ff80000000", "INTEGER: -2147483648"},
		{"0205007fffffff", "INTEGER: 2147483647"},
		{"02020005", "INTEGER: 5"},
		{"02080000000000000005", "INTEGER: 5"},
		{"0209ffffffffffffffffff", "INTEGER: -1"},
		{"41050000000007", "Counter32: 7"},
		{"420500ffffffff", "Gauge32: 4294967295"},
		{"4306000000000064", "Timeticks: (100) 0:00:01.00"},
		{"460b000000ffffffffffffffff", "Counter64: 18446744073709551615"},
	};
	static const char *const bad[] = {
		"02050080000000",       /* 2^31 */
		"0205ff7fffffff",       /* -2^31 - 1 */
		"020500ffffffff",       /* 00 before ff is no padding: 4294967295 */
		"4105ffffffffff",       /* -1 */
		"41050100000000",       /* 2^32 */
		"4609ff00000000000000ff", /* negative */
		"0200",
	};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	struct tl_vb v[3];
	const struct tt_rx_result *r;
	uint8_t val[16], *m;
	char text[128];
	size_t len, i, at, size;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	tl_v2_header(v, 77, "1.3.6.1.6.3.1.1.5.1");
	v[2].oid = "1.3.6.1.4.1.8072.9.1";
	v[2].val = val;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		v[2].val_len = (size_t)tl_hex_decode(ok[i].tlv, val, sizeof val);
		m = tl_msg_v2(1, "public", TT_PDU_INFORM, 1000 + (int32_t)i, v, 3, &len);
		r = tl_input(rx, m, len, &from, 1 + i);
		if (r->verdict != TT_VERDICT_DELIVER)
			fail_msg("%s: verdict %d, %s (%s)", ok[i].tlv, r->verdict,
			         tt_reason_name(r->reason), tt_strerror(r->detail));
		assert_int_equal(r->note->n_varbinds, 3);
		assert_int_equal(tt_render_value(text, sizeof text, &r->note->varbinds[2], 0),
		                 strlen(ok[i].text));
		assert_string_equal(text, ok[i].text);
		/* the Response: same request-id, the varbinds octet for octet as received */
		assert_non_null(r->reply);
		at = vbl_of(m, len, &size);
		assert_true(r->reply_len > size);
		assert_memory_equal(r->reply + r->reply_len - size, m + at, size);
		{
			struct tl_r rr, mm, pdu;
			struct tl_tlv t;
			tl_r_init(&rr, r->reply, r->reply_len);
			tl_r_enter(&rr, TT_TAG_SEQUENCE, &mm);
			tl_r_expect(&mm, TT_TAG_INTEGER, &t);
			tl_r_expect(&mm, TT_TAG_OCTET_STRING, &t);
			tl_r_enter(&mm, TT_PDU_RESPONSE, &pdu);
			tl_r_expect(&pdu, TT_TAG_INTEGER, &t);
			assert_int_equal(tl_tlv_int(&t), 1000 + (int64_t)i);
			tl_r_expect(&pdu, TT_TAG_INTEGER, &t);
			assert_int_equal(tl_tlv_int(&t), 0); /* noError */
		}
		free(m);
	}
	/* the exact datagram of the scapy sender renders the value in the alert text */
	v[2].val_len = (size_t)tl_hex_decode("0205ff80000000", val, sizeof val);
	m = tl_msg_v2(1, "public", TT_PDU_INFORM, 7, v, 3, &len);
	r = tl_input(rx, m, len, &from, 100);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	{
		char alert[1024];
		render_note(r->note, alert, sizeof alert);
		if (!strstr(alert, ".1.3.6.1.4.1.8072.9.1 = INTEGER: -2147483648"))
			fail_msg("alert text: %s", alert);
	}
	free(m);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v[2].val_len = (size_t)tl_hex_decode(bad[i], val, sizeof val);
		m = tl_msg_v2(1, "public", TT_PDU_INFORM, 2000 + (int32_t)i, v, 3, &len);
		r = tl_input(rx, m, len, &from, 200 + i);
		if (r->verdict != TT_VERDICT_DROP || r->reason != TT_REASON_PARSE ||
		    r->detail != TT_ERR_INT_RANGE)
			fail_msg("%s: verdict %d, %s (%s), expected a parse error", bad[i], r->verdict,
			         tt_reason_name(r->reason), tt_strerror(r->detail));
		assert_null(r->reply);
		free(m);
	}
	free(rx);
}

/* Every v1 and v2c capture with 1, 2 or 9 redundant sign octets before every integer
 * (version, request-id, error-status, error-index, generic-trap, specific-trap, time-stamp
 * and every integer value) is the same notification and renders the same text; an inform's
 * Response echoes the padded varbinds octet for octet. */
static void padded_integers_in_captures(void **state)
{
	static const size_t pads[] = {1, 2, 9};
	struct tl_file f;
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	size_t i, j, p, checked = 0;
	static char want[8192], got[8192];
	struct tt_varbind vbs[64];
	struct tt_notification n0;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	tl_file_load(&f, TL_PACKETS);
	for (i = 0; i < f.n_blocks; i++) {
		const struct tl_block *b = &f.blocks[i];
		const char *version = tl_block_get(b, "version");
		const char *pdu = tl_block_get(b, "pdu");
		const struct tt_rx_result *r;
		if ((strcmp(version, "v1") != 0 && strcmp(version, "v2c") != 0) ||
		    strncmp(pdu, "Response", 8) == 0)
			continue;
		r = tl_input(rx, b->msg, b->msg_len, &from, 10 * i);
		assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
		n0 = *r->note;
		assert_true(n0.n_varbinds <= 64);
		memcpy(vbs, n0.varbinds, n0.n_varbinds * sizeof vbs[0]);
		render_note(r->note, want, sizeof want);
		for (p = 0; p < sizeof pads / sizeof pads[0]; p++) {
			size_t len, at, size;
			uint8_t *m = tl_pad_ints(b->msg, b->msg_len, pads[p], &len);
			assert_true(len >= b->msg_len + 3 * pads[p]);
			r = tl_input(rx, m, len, &from, 10 * i + 1 + p);
			if (r->verdict != TT_VERDICT_DELIVER)
				fail_msg("[%s] with %zu padding octets: verdict %d, %s (%s)", b->name,
				         pads[p], r->verdict, tt_reason_name(r->reason),
				         tt_strerror(r->detail));
			assert_int_equal(r->note->version, n0.version);
			assert_int_equal(r->note->request_id, n0.request_id);
			assert_int_equal(r->note->uptime, n0.uptime);
			assert_int_equal(r->note->v1.generic, n0.v1.generic);
			assert_int_equal(r->note->v1.specific, n0.v1.specific);
			assert_int_equal(r->note->n_varbinds, n0.n_varbinds);
			assert_int_equal(r->note->anomalies, n0.anomalies);
			for (j = 0; j < n0.n_varbinds; j++) {
				assert_int_equal(r->note->varbinds[j].type, vbs[j].type);
				assert_true(r->note->varbinds[j].num == vbs[j].num);
			}
			render_note(r->note, got, sizeof got);
			assert_string_equal(got, want);
			if (n0.pdu_type == TT_PDU_INFORM) {
				at = vbl_of(m, len, &size);
				assert_non_null(r->reply);
				assert_memory_equal(r->reply + r->reply_len - size, m + at, size);
			}
			free(m);
			checked++;
		}
	}
	assert_true(checked >= 3 * 4); /* v1 trap, v2c trap, inform, allTypes */
	tl_file_free(&f);
	free(rx);
}

/* --- malformed-cve.txt ---------------------------------------------------------------------- */

#define ANY_DROP (-1)

struct expect {
	const char *name;
	int auth_verdict, auth_reason; /* with "authCommunity ... public" */
	int open_verdict, open_reason; /* with "disableAuthorization yes" */
	int detail;                    /* for drops with a detail, else 0 */
	unsigned anomalies;            /* for deliveries */
};

#define D TT_VERDICT_DROP
#define OK TT_VERDICT_DELIVER, TT_REASON_NONE
#define P(d) D, TT_REASON_PARSE, D, TT_REASON_PARSE, d, 0
#define BOTH(r) D, r, D, r

static const struct expect expects[] = {
	{"cve-2025-68615-v1-empty-enterprise", P(TT_ERR_OID)},
	{"netsnmp-439b12cf-trapoid-octetstring-1041", D, TT_REASON_BAD_COMMUNITY, OK, 0, TT_ANOM_NO_TRAP_OID},
	{"netsnmp-26ab2f1a-generic-trap-LONG_MAX", P(TT_ERR_INT_RANGE)},
	{"v1-generic-trap-negative", BOTH(TT_REASON_BAD_V1_TRAP), TT_ERR_FIELD, 0},
	{"v1-generic-trap-7", BOTH(TT_REASON_BAD_V1_TRAP), TT_ERR_FIELD, 0},
	{"v1-enterprise-128-subids", BOTH(TT_REASON_BAD_V1_TRAP), TT_ERR_FIELD, 0},
	{"v1-enterprise-127-subids", BOTH(TT_REASON_BAD_V1_TRAP), TT_ERR_FIELD, 0},
	{"oid-129-subids", P(TT_ERR_OID_TOO_LONG)},
	{"cve-2014-3565-null-for-typed-object", OK, OK, 0, TT_ANOM_NO_UPTIME},
	{"cve-2015-5621-bad-type-after-good-varbinds", P(TT_ERR_TAG)},
	{"cve-2015-5621-truncated-third-varbind", P(TT_ERR_TRUNCATED)},
	{"cve-2014-2285-empty-community-v1", D, TT_REASON_BAD_COMMUNITY, OK, 0, 0},
	{"cve-2014-2285-empty-community-v2c", D, TT_REASON_BAD_COMMUNITY, OK, 0, 0},
	{"cve-2004-0635-missing-community", P(TT_ERR_TAG)},
	{"cve-2004-0635-community-wrong-tag", P(TT_ERR_TAG)},
	{"cve-2008-0960-hmac-1-byte", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"cve-2008-0960-hmac-0-bytes", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"hmac-13-bytes", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"gosnmp-pr608-privparams-4-bytes", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"privparams-empty-with-priv-flag", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"msgflags-priv-without-auth", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"msgflags-two-bytes", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"msgsecuritymodel-99", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"msgmaxsize-483", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"engineid-33-bytes", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"username-33-bytes", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"gosnmp-194-wrong-privkey-plaintext", ANY_DROP, 0, ANY_DROP, 0, 0, 0},
	{"gosnmp-440-6-byte-v3-header", BOTH(TT_REASON_BAD_VERSION), 0, 0},
	{"gosnmp-552-8-byte-length", D, TT_REASON_BAD_COMMUNITY, D, TT_REASON_UNEXPECTED_PDU, 0, 0},
	{"length-0x84-ffffffff", P(TT_ERR_TRUNCATED)},
	{"indefinite-length-outer", P(TT_ERR_LENGTH)},
	{"deep-nesting-30-80", P(TT_ERR_LENGTH)},
	{"talos-2020-0976-int-len-past-end", P(TT_ERR_TRUNCATED)},
	/* "04 c8": 0xc8 is a long form with 72 length octets, not the length 200 */
	{"cve-2020-12141-string-len-past-end", P(TT_ERR_LENGTH)},
	{"integer-zero-length", P(TT_ERR_INT_RANGE)},
	{"integer-9-bytes-request-id", P(TT_ERR_INT_RANGE)},
	{"integer-5-bytes-int32-min-scapy", OK, OK, 0, 0},
	{"integer-5-bytes-2-31", P(TT_ERR_INT_RANGE)},
	{"counter32-5-bytes-padded", OK, OK, 0, 0},
	{"counter32-negative-padded", P(TT_ERR_INT_RANGE)},
	{"request-id-padded-9-bytes", OK, OK, 0, 0},
	{"counter64-max-9-bytes", OK, OK, 0, 0},
	{"counter64-10-bytes", P(TT_ERR_INT_RANGE)},
	{"oid-subid-over-32-bits", P(TT_ERR_OID)},
	{"oid-non-minimal-subid", P(TT_ERR_OID)},
	{"oid-empty-varbind-name", P(TT_ERR_OID)},
	{"v2-trap-missing-snmptrapoid", OK, OK, 0, TT_ANOM_NO_TRAP_OID},
	{"v2-trap-trapoid-wrong-type", OK, OK, 0, TT_ANOM_NO_TRAP_OID},
	{"trailing-garbage", P(TT_ERR_TRAILING)},
	{"version-2-v2u", BOTH(TT_REASON_BAD_VERSION), 0, 0},
	{"inform-with-getbulk-tag", BOTH(TT_REASON_UNEXPECTED_PDU), 0, 0},
};

static void check_expect(const char *name, const struct tt_rx_result *r, int verdict, int reason,
                         int detail, unsigned anomalies, size_t len)
{
	if (verdict == ANY_DROP) {
		/* SNMPv3 inputs: not delivered (the v3 tests say more) */
		if (r->verdict == TT_VERDICT_DELIVER)
			fail_msg("[%s] delivered", name);
		return;
	}
	if (len > CONFIG_TT_MAX_MSG_SIZE) {
		verdict = TT_VERDICT_DROP;
		reason = TT_REASON_TOO_BIG;
		detail = 0;
	}
	if ((int)r->verdict != verdict || (int)r->reason != reason)
		fail_msg("[%s] verdict %d reason '%s' (%s), expected %d '%s'", name, r->verdict,
		         tt_reason_name(r->reason), tt_strerror(r->detail), verdict,
		         tt_reason_name((enum tt_reason)reason));
	if (verdict == TT_VERDICT_DROP) {
		assert_null(r->note);
		assert_null(r->reply);
		if (detail && r->detail != detail)
			fail_msg("[%s] detail '%s', expected '%s'", name, tt_strerror(r->detail),
			         tt_strerror(detail));
	} else {
		assert_non_null(r->note);
		if (r->note->anomalies != anomalies)
			fail_msg("[%s] anomalies %#x, expected %#x", name, r->note->anomalies, anomalies);
	}
}

static void malformed_vectors(void **state)
{
	struct tl_file f;
	struct tt_conf auth, open;
	struct tt_rx *ra, *ro;
	struct tt_addr from = src4();
	size_t i, j;
	(void)state;

	tl_conf(&auth, AUTH_PUBLIC, NULL);
	tl_conf(&open, OPEN, NULL);
	ra = tl_rx_new(&auth);
	ro = tl_rx_new(&open);
	tl_file_load(&f, TL_MALFORMED);
	assert_int_equal(f.n_blocks, sizeof expects / sizeof expects[0]);
	for (i = 0; i < f.n_blocks; i++) {
		const struct tl_block *b = &f.blocks[i];
		const struct expect *e = NULL;
		const struct tt_rx_result *r;
		for (j = 0; j < sizeof expects / sizeof expects[0]; j++)
			if (strcmp(expects[j].name, b->name) == 0)
				e = &expects[j];
		if (!e)
			fail_msg("[%s] has no expectation in test_rx.c", b->name);
		assert_non_null(b->msg);
		r = tl_input(ra, b->msg, b->msg_len, &from, 1);
		check_expect(b->name, r, e->auth_verdict, e->auth_reason, e->detail, e->anomalies,
		             b->msg_len);
		r = tl_input(ro, b->msg, b->msg_len, &from, 1);
		check_expect(b->name, r, e->open_verdict, e->open_reason, e->detail, e->anomalies,
		             b->msg_len);
		if (strcmp(b->name, "netsnmp-439b12cf-trapoid-octetstring-1041") == 0 &&
		    r->verdict == TT_VERDICT_DELIVER) {
			assert_null(r->note->trap_oid);
			assert_int_equal(r->note->varbinds[1].type, TT_TAG_OCTET_STRING);
			assert_int_equal(r->note->varbinds[1].value_len, 1041);
		}
		if (strcmp(b->name, "integer-5-bytes-int32-min-scapy") == 0) {
			assert_int_equal(r->note->varbinds[2].type, TT_TAG_INTEGER);
			assert_true((int64_t)r->note->varbinds[2].num == INT32_MIN);
		}
		if (strcmp(b->name, "counter32-5-bytes-padded") == 0) {
			assert_int_equal(r->note->varbinds[2].type, TT_TAG_COUNTER32);
			assert_true(r->note->varbinds[2].num == 7);
		}
		if (strcmp(b->name, "request-id-padded-9-bytes") == 0) {
			assert_int_equal(r->note->request_id, 1);
			assert_true(r->note->varbinds[2].num == 7);
		}
		if (strcmp(b->name, "counter64-max-9-bytes") == 0) {
			assert_int_equal(r->note->varbinds[2].type, TT_TAG_COUNTER64);
			assert_true(r->note->varbinds[2].num == UINT64_MAX);
		}
		if (strcmp(b->name, "cve-2014-2285-empty-community-v1") == 0) {
			assert_int_equal(r->note->community_len, 0);
			assert_int_equal(r->note->varbinds[r->note->n_varbinds - 2].value_len, 0);
		}
		if (strcmp(b->name, "cve-2014-3565-null-for-typed-object") == 0) {
			assert_int_equal(r->note->has_uptime, 0);
			assert_int_equal(r->note->varbinds[0].type, TT_TAG_NULL);
			assert_int_equal(r->note->varbinds[2].type, TT_TAG_NULL);
		}
	}
	tl_file_free(&f);
	free(ra);
	free(ro);
}

/* --- anomalies ------------------------------------------------------------------------------ */

static const struct tt_rx_result *v2_vbs(struct tt_rx *rx, const struct tl_vb *vbs, size_t n)
{
	return send_v2(rx, 1, TT_PDU_TRAP_V2, 99, vbs, n, 1);
}

static void header_anomalies(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	const struct tt_rx_result *r;
	struct tl_vb h[2], vbs[4];
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	tl_v2_header(h, 777, "1.3.6.1.6.3.1.1.5.2");

	/* in order */
	r = v2_vbs(rx, h, 2);
	assert_int_equal(r->note->anomalies, 0);
	assert_int_equal(rx->stats.no_uptime + rx->stats.no_trap_oid, 0);

	/* swapped: both flagged, both still used */
	vbs[0] = h[1];
	vbs[1] = h[0];
	r = v2_vbs(rx, vbs, 2);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(r->note->anomalies, TT_ANOM_NO_UPTIME | TT_ANOM_NO_TRAP_OID);
	assert_int_equal(r->note->has_uptime, 1);
	assert_int_equal(r->note->uptime, 777);
	assert_oid(r->note->trap_oid, r->note->trap_oid_len, "1.3.6.1.6.3.1.1.5.2");
	assert_int_equal(rx->stats.no_uptime, 1);
	assert_int_equal(rx->stats.no_trap_oid, 1);

	/* no sysUpTime.0: snmpTrapOID.0 is first, so misplaced too */
	r = v2_vbs(rx, &h[1], 1);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(r->note->anomalies, TT_ANOM_NO_UPTIME | TT_ANOM_NO_TRAP_OID);
	assert_int_equal(r->note->has_uptime, 0);
	assert_int_equal(r->note->uptime, 0);
	assert_non_null(r->note->trap_oid);

	/* no snmpTrapOID.0 */
	r = v2_vbs(rx, h, 1);
	assert_int_equal(r->note->anomalies, TT_ANOM_NO_TRAP_OID);
	assert_null(r->note->trap_oid);
	assert_int_equal(r->note->trap_oid_len, 0);
	assert_int_equal(r->note->has_uptime, 1);

	/* snmpTrapOID.0 third, after another varbind */
	vbs[0] = h[0];
	vbs[1].oid = "1.3.6.1.2.1.1.5.0";
	vbs[1].val = tl_v_str("x", &vbs[1].val_len);
	vbs[2] = h[1];
	r = v2_vbs(rx, vbs, 3);
	assert_int_equal(r->note->anomalies, TT_ANOM_NO_TRAP_OID);
	assert_oid(r->note->trap_oid, r->note->trap_oid_len, "1.3.6.1.6.3.1.1.5.2");

	/* sysUpTime.0 of the wrong type */
	vbs[0].oid = SYSUPTIME0;
	vbs[0].val = tl_v_int(777, &vbs[0].val_len);
	vbs[1] = h[1];
	r = v2_vbs(rx, vbs, 2);
	assert_int_equal(r->note->anomalies, TT_ANOM_NO_UPTIME);
	assert_int_equal(r->note->has_uptime, 0);

	/* nothing at all */
	r = v2_vbs(rx, NULL, 0);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(r->note->n_varbinds, 0);
	assert_int_equal(r->note->anomalies, TT_ANOM_NO_UPTIME | TT_ANOM_NO_TRAP_OID);

	assert_int_equal(rx->stats.no_uptime, 4);
	assert_int_equal(rx->stats.no_trap_oid, 5);
	assert_int_equal(rx->stats.delivered, 7);
	free(rx);
}

/* The anomaly counters count deliveries: not a notification that is then refused, nor the
 * acknowledged retransmission of an inform. */
static void anomaly_counters_count_deliveries(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	struct tl_vb vbs[1];
	uint8_t *m;
	size_t len;
	(void)state;

	tl_conf(&conf, "authCommunity log public default 1.3.6.1.6.3.1.1.5", NULL);
	rx = tl_rx_new(&conf);
	vbs[0].oid = "1.3.6.1.2.1.1.5.0";
	vbs[0].val = tl_v_str("no header at all", &vbs[0].val_len);
	r = v2_vbs(rx, vbs, 1);
	assert_int_equal(r->reason, TT_REASON_NOT_AUTHORIZED);
	assert_int_equal(rx->stats.no_uptime, 0);
	assert_int_equal(rx->stats.no_trap_oid, 0);
	free(rx);

	/* an inform without sysUpTime.0: counted once, not for its acknowledged retransmission */
	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	vbs[0].oid = TRAPOID0;
	vbs[0].val = tl_v_oid("1.3.6.1.6.3.1.1.5.1", &vbs[0].val_len);
	m = tl_msg_v2(1, "public", TT_PDU_INFORM, 5, vbs, 1, &len);
	r = tl_input(rx, m, len, &from, 1);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	tt_rx_delivered(rx, 1);
	r = tl_input(rx, m, len, &from, 2);
#if CONFIG_TT_DEDUP_RING > 0
	assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
	assert_int_equal(rx->stats.no_uptime, 1);
	assert_int_equal(rx->stats.no_trap_oid, 1);
#endif
	free(m);
	free(rx);
}

/* --- limits --------------------------------------------------------------------------------- */

static const uint8_t null_tlv[2] = {TT_TAG_NULL, 0};

/* n varbinds "1.3 = NULL" after the two header varbinds (n >= 2 counts them). */
static struct tl_vb *many_vbs(size_t n)
{
	struct tl_vb *v = calloc(n, sizeof *v);
	size_t i;
	assert_non_null(v);
	tl_v2_header(v, 1, "1.3.6.1.6.3.1.1.5.1");
	for (i = 2; i < n; i++) {
		v[i].oid = "1.3";
		v[i].val = null_tlv;
		v[i].val_len = 2;
	}
	return v;
}

static void too_many_varbinds(void **state)
{
	const size_t max = CONFIG_TT_MAX_VARBINDS;
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	struct tl_vb *v;
	uint8_t *m;
	size_t len, big = 5000;
	(void)state;

	if (7 * (max + 1) + 80 > CONFIG_TT_MAX_MSG_SIZE)
		skip(); /* cannot test at this configuration */
	while (7 * big + 80 > CONFIG_TT_MAX_MSG_SIZE)
		big /= 2;
	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	v = many_vbs(big > max + 1 ? big : max + 1);

	/* v2c: exactly the maximum */
	r = send_v2(rx, 1, TT_PDU_TRAP_V2, 1, v, max, 1);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(r->note->n_varbinds, max);
	/* an inform with the maximum is answered with all of them */
	m = tl_msg_v2(1, "public", TT_PDU_INFORM, 1, v, max, &len);
	r = tl_input(rx, m, len, &from, 1);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(r->reply_len, len);
	/* the varbinds after the header ones, copied as they came */
	assert_memory_equal(r->reply + len - 7 * (max - 2), m + len - 7 * (max - 2), 7 * (max - 2));
	free(m);
	/* one more */
	r = send_v2(rx, 1, TT_PDU_TRAP_V2, 1, v, max + 1, 1);
	assert_int_equal(r->verdict, TT_VERDICT_DROP);
	assert_int_equal(r->reason, TT_REASON_TOO_MANY_VARBINDS);
	assert_int_equal(r->detail, TT_ERR_TOO_MANY_VARBINDS);
	assert_int_equal(r->n_varbinds, max + 1);
	assert_null(r->reply);
	/* an inform with thousands is answered tooBig (below), not delivered */
	if (big > max + 1) {
		r = send_v2(rx, 1, TT_PDU_INFORM, 1, v, big, 1);
		assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
		assert_int_equal(r->reason, TT_REASON_TOO_MANY_VARBINDS);
		assert_int_equal(r->n_varbinds, big);
		assert_null(r->note);
		assert_non_null(r->reply);
	}
	/* v1: the maximum on the wire, plus the five of the translation */
	{
		static const uint8_t agent[4] = {1, 2, 3, 4};
		m = tl_msg_v1("public", "1.3.6.1.4.1.9", agent, 6, 1, 5, v + 2, max, &len);
		if (len <= CONFIG_TT_MAX_MSG_SIZE) {
			r = tl_input(rx, m, len, &from, 1);
			assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
			assert_int_equal(r->note->wire_count, max);
			assert_int_equal(r->note->n_varbinds, max + 5);
			assert_oid(r->note->varbinds[max + 4].name, r->note->varbinds[max + 4].name_len,
			           "1.3.6.1.6.3.1.1.4.3.0");
		}
		free(m);
		m = tl_msg_v1("public", "1.3.6.1.4.1.9", agent, 6, 1, 5, v + 2, max + 1, &len);
		if (len <= CONFIG_TT_MAX_MSG_SIZE) {
			r = tl_input(rx, m, len, &from, 1);
			assert_int_equal(r->reason, TT_REASON_TOO_MANY_VARBINDS);
		}
		free(m);
	}
	free(v);
	free(rx);
}

/* An inform with one varbind more than the build takes: the alternate Response of RFC 3416
 * §4.2.7 (tooBig, error-index 0, no varbinds, same request-id) so that its sender stops
 * retrying, counted; the notification itself is not delivered. */
static void inform_too_many_varbinds_answered(void **state)
{
	static const char *want_hex =
		"301b" "020101" "04067075626c6963" "a20e" "02046e337ac5" "020101" "020100" "3000";
	const size_t max = CONFIG_TT_MAX_VARBINDS;
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	struct tl_vb *v;
	uint8_t want[64];
	long wlen = tl_hex_decode(want_hex, want, sizeof want);
	size_t i;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, "authCommunity log narrow default .1.3.6.1.4.1.8072.9", NULL);
	rx = tl_rx_new(&conf);
	v = many_vbs(max + 1);
	for (i = 1; i <= 3; i++) {
		r = send_v2(rx, 1, TT_PDU_INFORM, 0x6e337ac5, v, max + 1, 10 * i);
		if (r->verdict != TT_VERDICT_REPLY_ONLY)
			fail_msg("verdict %d, %s (%s), expected a tooBig Response only", r->verdict,
			         tt_reason_name(r->reason), tt_strerror(r->detail));
		assert_int_equal(r->reason, TT_REASON_TOO_MANY_VARBINDS);
		assert_int_equal(r->detail, 0);
		assert_int_equal(r->n_varbinds, max + 1);
		assert_null(r->note);
		/* tooBig(1), error-index 0, no varbinds, the inform's request-id: octet for octet */
		assert_non_null(r->reply);
		assert_int_equal(r->reply_len, wlen);
		assert_memory_equal(r->reply, want, (size_t)wlen);
		/* counted; nothing delivered, nothing remembered as delivered */
		assert_int_equal(rx->stats.too_many_varbinds_answered, i);
		assert_int_equal(rx->stats.dropped[TT_REASON_TOO_MANY_VARBINDS], i);
		assert_int_equal(rx->stats.too_big_responses, i);
		assert_int_equal(rx->stats.responses, i);
		assert_int_equal(rx->stats.delivered, 0);
		assert_int_equal(rx->stats.informs, 0);
		assert_int_equal(rx->stats.duplicates, 0);
		/* the outputs see nothing, the reply may go out */
		assert_int_equal(tt_dispatch(rx, r, NULL, 0, NULL, 10 * i), 1);
	}
	/* a trap with too many varbinds cannot be answered: dropped as before */
	r = send_v2(rx, 1, TT_PDU_TRAP_V2, 5, v, max + 1, 100);
	assert_int_equal(r->verdict, TT_VERDICT_DROP);
	assert_int_equal(r->reason, TT_REASON_TOO_MANY_VARBINDS);
	assert_null(r->reply);
	assert_int_equal(rx->stats.too_many_varbinds_answered, 3);
	/* a community whose OID restriction refuses the inform gets no answer at all */
	{
		size_t len;
		uint8_t *m = tl_msg_v2(1, "narrow", TT_PDU_INFORM, 6, v, max + 1, &len);
		r = tl_input(rx, m, len, &from, 110);
		assert_int_equal(r->verdict, TT_VERDICT_DROP);
		assert_int_equal(r->reason, TT_REASON_NOT_AUTHORIZED);
		assert_null(r->reply);
		free(m);
	}
	/* a malformed varbind after the limit is a parse error, not answered */
	{
		static const uint8_t bad[2] = {0x09, 0x00};
		v[max].val = bad;
		r = send_v2(rx, 1, TT_PDU_INFORM, 7, v, max + 1, 120);
		assert_int_equal(r->verdict, TT_VERDICT_DROP);
		assert_int_equal(r->reason, TT_REASON_PARSE);
		assert_null(r->reply);
	}
	assert_int_equal(rx->stats.too_many_varbinds_answered, 3);
	free(v);
	free(rx);
}

static void message_size_limit(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	struct tl_vb v[3];
	uint8_t *m, *zero;
	char *s;
	size_t len = 0, slen;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	/* one octet too many: dropped before anything is read */
	zero = calloc(1, CONFIG_TT_MAX_MSG_SIZE + 1);
	r = tl_input(rx, zero, CONFIG_TT_MAX_MSG_SIZE + 1, &from, 1);
	assert_int_equal(r->verdict, TT_VERDICT_DROP);
	assert_int_equal(r->reason, TT_REASON_TOO_BIG);
	assert_int_equal(rx->stats.dropped[TT_REASON_TOO_BIG], 1);
	free(zero);
	/* a valid trap of exactly CONFIG_TT_MAX_MSG_SIZE octets is accepted */
	s = malloc(CONFIG_TT_MAX_MSG_SIZE + 1);
	tl_v2_header(v, 1, "1.3.6.1.6.3.1.1.5.1");
	v[2].oid = "1.3.6.1.2.1.1.5.0";
	for (slen = CONFIG_TT_MAX_MSG_SIZE - 80; slen > 0; slen--) {
		memset(s, 'x', slen);
		s[slen] = '\0';
		v[2].val = NULL;
		{
			/* build the OCTET STRING value TLV on the heap (it can exceed a value slot) */
			static uint8_t tlv[CONFIG_TT_MAX_MSG_SIZE + 8];
			struct tl_w w;
			tl_w_init(&w, tlv, sizeof tlv);
			tl_w_str(&w, s);
			v[2].val = tlv;
			v[2].val_len = w.len;
		}
		m = tl_msg_v2(1, "public", TT_PDU_INFORM, 1, v, 3, &len);
		if (len <= CONFIG_TT_MAX_MSG_SIZE)
			break;
		free(m);
	}
	assert_int_equal(len, CONFIG_TT_MAX_MSG_SIZE);
	r = tl_input(rx, m, len, &from, 1);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(r->note->varbinds[2].value_len, slen);
	/* the Response is as large as the inform and fits the reply buffer */
	assert_int_equal(r->reply_len, len);
	assert_int_equal(rx->stats.too_big_responses, 0);
	free(m);
	free(s);
	free(rx);
}

static void nesting(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	size_t depth = 1000, len, i;
	uint8_t *m;
	(void)state;

	tl_conf(&conf, OPEN, NULL);
	rx = tl_rx_new(&conf);
	/* 30 82 hh ll, nested 1000 deep (or as deep as the size limit allows), definite lengths */
	while (4 * depth + 3 > CONFIG_TT_MAX_MSG_SIZE)
		depth--;
	len = 4 * depth + 3;
	m = malloc(len);
	memcpy(m + 4 * depth, "\x02\x01\x00", 3);
	for (i = depth; i-- > 0;) {
		size_t inner = len - 4 * i - 4;
		m[4 * i] = 0x30;
		m[4 * i + 1] = 0x82;
		m[4 * i + 2] = (uint8_t)(inner >> 8);
		m[4 * i + 3] = (uint8_t)inner;
	}
	r = tl_input(rx, m, len, &from, 1);
	assert_int_equal(r->verdict, TT_VERDICT_DROP);
	assert_int_equal(r->reason, TT_REASON_PARSE);
	assert_int_equal(r->detail, TT_ERR_TAG);
	free(m);
	/* 30 80 30 80 ...: indefinite lengths */
	len = CONFIG_TT_MAX_MSG_SIZE & ~(size_t)1;
	m = malloc(len);
	for (i = 0; i < len; i += 2)
		memcpy(m + i, "\x30\x80", 2);
	r = tl_input(rx, m, len, &from, 1);
	assert_int_equal(r->reason, TT_REASON_PARSE);
	assert_int_equal(r->detail, TT_ERR_LENGTH);
	free(m);
	/* a constructed value inside a varbind */
	{
		static const uint8_t seq_val[] = {0x30, 0x03, 0x02, 0x01, 0x00};
		struct tl_vb v[3];
		tl_v2_header(v, 1, "1.3.6.1.6.3.1.1.5.1");
		v[2].oid = "1.3.6.1.2.1.1.5.0";
		v[2].val = seq_val;
		v[2].val_len = sizeof seq_val;
		r = v2_vbs(rx, v, 3);
		assert_int_equal(r->reason, TT_REASON_PARSE);
		assert_int_equal(r->detail, TT_ERR_TAG);
	}
	free(rx);
}

static void truncated_everywhere(void **state)
{
	static const char *const names[] = {"v1-trap", "v2c-trap", "v2c-inform", "v2c-trap-allTypes"};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	size_t i, k, total = 0;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t len;
		uint8_t *m = tl_vector(TL_PACKETS, names[i], &len);
		assert_int_equal(tl_input(rx, m, len, &from, 1)->verdict, TT_VERDICT_DELIVER);
		for (k = 0; k < len; k++) {
			const struct tt_rx_result *r = tl_input(rx, m, k, &from, 1);
			if (r->verdict != TT_VERDICT_DROP || r->reason != TT_REASON_PARSE)
				fail_msg("[%s] cut to %zu octets: verdict %d reason %s", names[i], k,
				         r->verdict, tt_reason_name(r->reason));
			assert_null(r->reply);
			total++;
		}
		free(m);
	}
	assert_int_equal(rx->stats.dropped[TT_REASON_PARSE], total);
	assert_int_equal(rx->stats.delivered, 4);
	assert_int_equal(rx->stats.packets, total + 4);
	free(rx);
}

static void trailing_octets(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	uint8_t *m, buf[256];
	size_t len;
	struct tl_w w;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	/* after the message */
	m = tl_vector(TL_PACKETS, "v2c-trap", &len);
	memcpy(buf, m, len);
	buf[len] = 0;
	r = tl_input(rx, buf, len + 1, &from, 1);
	assert_int_equal(r->reason, TT_REASON_PARSE);
	assert_int_equal(r->detail, TT_ERR_TRAILING);
	free(m);

	/* inside the message after the PDU, inside the PDU after the varbinds, inside a varbind
	 * after the value */
	for (int where = 0; where < 3; where++) {
		tl_w_init(&w, buf, sizeof buf);
		tl_w_begin(&w, 0x30);
		tl_w_int(&w, 2, 1);
		tl_w_str(&w, "public");
		tl_w_begin(&w, TT_PDU_TRAP_V2);
		tl_w_int(&w, 2, 5);
		tl_w_int(&w, 2, 0);
		tl_w_int(&w, 2, 0);
		tl_w_begin(&w, 0x30);
		tl_w_begin(&w, 0x30);
		tl_w_oid(&w, SYSUPTIME0);
		tl_w_uint(&w, TT_TAG_TIMETICKS, 5);
		if (where == 2)
			tl_w_tlv(&w, 0x05, NULL, 0);
		tl_w_end(&w);
		tl_w_end(&w);
		if (where == 1)
			tl_w_tlv(&w, 0x05, NULL, 0);
		tl_w_end(&w);
		if (where == 0)
			tl_w_tlv(&w, 0x05, NULL, 0);
		tl_w_end(&w);
		r = tl_input(rx, buf, w.len, &from, 1);
		assert_int_equal(r->verdict, TT_VERDICT_DROP);
		assert_int_equal(r->reason, TT_REASON_PARSE);
		assert_int_equal(r->detail, TT_ERR_TRAILING);
	}
	free(rx);
}

/* BER allows non-minimal long-form lengths; the Response copies the varbinds as they came. */
static void non_minimal_lengths(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	const struct tt_rx_result *r;
	uint8_t *m, buf[512];
	size_t len, n = 0, vlen;
	(void)state;

	tl_conf(&conf, AUTH_PUBLIC, NULL);
	rx = tl_rx_new(&conf);
	m = tl_vector(TL_PACKETS, "v2c-inform", &len);
	/* 30 55 | 02 01 01 | 04 06 public | a6 48 | 02 04 id | 02 01 00 | 02 01 00 | 30 3a vbs
	 * becomes 30 84 00 00 00 58 | ... | a6 81 4a | ... | 30 82 00 3a vbs */
	vlen = len - 29;
	assert_int_equal(m[27], 0x30);
	assert_int_equal(m[28], vlen);
	memcpy(buf + n, "\x30\x84\x00\x00\x00\x58", 6);
	n += 6;
	memcpy(buf + n, m + 2, 11); /* version, community */
	n += 11;
	memcpy(buf + n, "\xa6\x81\x4a", 3);
	n += 3;
	memcpy(buf + n, m + 15, 12); /* request-id, error-status, error-index */
	n += 12;
	memcpy(buf + n, "\x30\x82\x00\x3a", 4);
	n += 4;
	memcpy(buf + n, m + 29, vlen);
	n += vlen;
	assert_int_equal(n, len + 4 + 1 + 2);
	r = tl_input(rx, buf, n, &from, 1);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_int_equal(r->note->n_varbinds, 3);
	assert_int_equal(r->note->request_id, 1848867525);
	/* Response: minimal headers around the varbind list exactly as received */
	assert_non_null(r->reply);
	assert_int_equal(r->reply_len, len + 2);
	assert_memory_equal(r->reply + r->reply_len - vlen - 4, "\x30\x82\x00\x3a", 4);
	assert_memory_equal(r->reply + r->reply_len - vlen, m + 29, vlen);
	assert_memory_equal(r->reply, "\x30\x57", 2);
	free(m);
	free(rx);
}

/* --- mutations: every octet of every valid vector replaced by boundary values -------------- */

static int inside(const void *p, size_t n, const uint8_t *buf, size_t len)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)buf;
	return a >= b && a + n <= b + len;
}

/* What must hold for any result (fuzz_rx checks the same). */
static void check_result_sane(const struct tt_rx *rx, const struct tt_rx_result *r,
                              const uint8_t *buf, size_t len)
{
	const struct tt_notification *n = r->note;
	size_t i;

	assert_ptr_equal(r, &rx->result);
	assert_true(r->reason < TT_REASON_COUNT);
	if (r->verdict == TT_VERDICT_DROP) {
		assert_int_not_equal(r->reason, TT_REASON_NONE);
		assert_null(n);
		assert_null(r->reply);
		return;
	}
	if (r->verdict == TT_VERDICT_REPLY_ONLY) {
		/* a duplicate inform, or the tooBig answer to one with too many varbinds */
		if (r->reason != TT_REASON_NONE)
			assert_int_equal(r->reason, TT_REASON_TOO_MANY_VARBINDS);
		assert_null(n);
		assert_non_null(r->reply);
		return;
	}
	assert_int_equal(r->reason, TT_REASON_NONE);
	assert_int_equal(r->verdict, TT_VERDICT_DELIVER);
	assert_non_null(n);
	assert_true(n->pdu_type == TT_PDU_TRAP_V1 || n->pdu_type == TT_PDU_TRAP_V2 ||
	            n->pdu_type == TT_PDU_INFORM);
	assert_true(inside(n->community, n->community_len, buf, len));
	assert_true(n->n_varbinds <= CONFIG_TT_MAX_VARBINDS + 5);
	assert_true(n->wire_first + n->wire_count <= n->n_varbinds);
	for (i = 0; i < n->n_varbinds; i++) {
		const struct tt_varbind *vb = &n->varbinds[i];
		int wire = i >= n->wire_first && i < n->wire_first + n->wire_count;
		assert_int_equal(!(vb->flags & TT_VB_SYNTHESIZED), wire);
		assert_true(tt_ber_check_oid(vb->name, vb->name_len) > 0);
		if (wire) {
			assert_true(inside(vb->name, vb->name_len, buf, len));
			assert_true(inside(vb->value, vb->value_len, buf, len));
		}
		if (vb->type == TT_TAG_OID)
			assert_true(tt_ber_check_oid(vb->value, vb->value_len) > 0);
		if (vb->type == TT_TAG_IPADDRESS)
			assert_int_equal(vb->value_len, 4);
	}
	if (n->trap_oid)
		assert_true(tt_ber_check_oid(n->trap_oid, n->trap_oid_len) > 0);
	if (n->pdu_type == TT_PDU_TRAP_V1) {
		assert_true(n->v1.generic >= 0 && n->v1.generic <= 6);
		assert_non_null(n->trap_oid);
		assert_true(n->n_varbinds >= 2 + n->wire_count);
		assert_true(inside(n->v1.enterprise, n->v1.enterprise_len, buf, len));
	}
	if (r->reply) {
		struct tt_ber c, m, pdu;
		struct tt_tlv t;
		int32_t v;
		assert_int_equal(n->pdu_type, TT_PDU_INFORM);
		tt_ber_init(&c, r->reply, r->reply_len);
		assert_int_equal(tt_ber_enter(&c, 0x30, &m), TT_OK);
		assert_true(tt_ber_at_end(&c));
		assert_int_equal(tt_ber_expect(&m, 0x02, &t), TT_OK);
		assert_int_equal(tt_ber_get_int32(&t, &v), TT_OK);
		assert_int_equal(v, n->version);
		assert_int_equal(tt_ber_expect(&m, 0x04, &t), TT_OK);
		assert_int_equal(t.len, n->community_len);
		assert_memory_equal(t.val, n->community, t.len);
		assert_int_equal(tt_ber_enter(&m, TT_PDU_RESPONSE, &pdu), TT_OK);
		assert_true(tt_ber_at_end(&m));
		assert_int_equal(tt_ber_expect(&pdu, 0x02, &t), TT_OK);
		assert_int_equal(tt_ber_get_int32(&t, &v), TT_OK);
		assert_int_equal(v, n->request_id);
	}
}

static void mutations(void **state)
{
	static const char *const names[] = {"v1-trap", "v2c-trap", "v2c-inform", "v2c-trap-allTypes"};
	static const uint8_t vals[] = {0x00, 0x01, 0x02, 0x05, 0x06, 0x30, 0x7f, 0x80, 0x81, 0x82,
	                               0x84, 0x85, 0xa4, 0xa6, 0xa7, 0xff};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = src4();
	size_t i, k, v, delivered = 0, runs = 0;
	(void)state;

	tl_conf(&conf, OPEN, NULL);
	rx = tl_rx_new(&conf);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t len;
		uint8_t *m = tl_vector(TL_PACKETS, names[i], &len);
		for (k = 0; k < len; k++) {
			for (v = 0; v < sizeof vals + 2; v++) {
				uint8_t *b = tl_dup(m, len);
				const struct tt_rx_result *r;
				b[k] = v < sizeof vals ? vals[v] : (uint8_t)(m[k] ^ (v == sizeof vals ? 1 : 0x80));
				r = tt_rx_input(rx, b, len, &from, 1);
				check_result_sane(rx, r, b, len);
				delivered += r->verdict == TT_VERDICT_DELIVER;
				runs++;
				free(b);
			}
		}
		free(m);
	}
	/* some mutations hit values only (still valid), most break the structure */
	assert_true(delivered > 0 && delivered < runs);
	assert_int_equal(rx->stats.packets, runs);
	{
		uint32_t sum = rx->stats.delivered + rx->stats.duplicates;
		for (k = 0; k < TT_REASON_COUNT; k++)
			sum += rx->stats.dropped[k];
		assert_int_equal(sum, rx->stats.packets);
		assert_int_equal(rx->stats.dropped[TT_REASON_NONE], 0);
		assert_int_equal(rx->stats.delivered,
		                 rx->stats.traps_v1 + rx->stats.traps_v2 + rx->stats.informs);
	}
	free(rx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(netsnmp_vectors_decode),
		cmocka_unit_test(v1_translation_of_captured_trap),
		cmocka_unit_test(v1_translation_generic_and_specific),
		cmocka_unit_test(v1_translation_arc_limit),
		cmocka_unit_test(v1_translation_keeps_present_varbinds),
		cmocka_unit_test(inform_response_equals_capture),
		cmocka_unit_test(inform_too_big_response),
		cmocka_unit_test(inform_duplicates),
#if CONFIG_TT_DEDUP_RING > 0
		cmocka_unit_test(inform_dedup_ring_wraps),
#endif
		cmocka_unit_test(trap_not_deduplicated),
		cmocka_unit_test(dispatch_all_accepted_rule),
		cmocka_unit_test(bad_community),
		cmocka_unit_test(source_restrictions),
		cmocka_unit_test(oid_restrictions),
		cmocka_unit_test(uses_union_over_entries),
		cmocka_unit_test(disable_authorization),
		cmocka_unit_test(set_conf_keeps_state),
		cmocka_unit_test(bad_versions),
		cmocka_unit_test(unexpected_pdus),
		cmocka_unit_test(padded_integer_inform),
		cmocka_unit_test(padded_integers_in_captures),
		cmocka_unit_test(malformed_vectors),
		cmocka_unit_test(header_anomalies),
		cmocka_unit_test(anomaly_counters_count_deliveries),
		cmocka_unit_test(too_many_varbinds),
		cmocka_unit_test(inform_too_many_varbinds_answered),
		cmocka_unit_test(message_size_limit),
		cmocka_unit_test(nesting),
		cmocka_unit_test(truncated_everywhere),
		cmocka_unit_test(trailing_octets),
		cmocka_unit_test(non_minimal_lengths),
		cmocka_unit_test(mutations),
	};
	return cmocka_run_group_tests_name("rx", tests, NULL, NULL);
}
