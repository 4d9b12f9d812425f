/*
 * pdu.c - decoding of notification PDUs into the notification view.
 *
 * Handles the SNMPv1 Trap-PDU (RFC 1157 §4.1.6), the SNMPv2-Trap and InformRequest PDUs
 * (RFC 3416 §3) and their variable bindings of every SMI type, and presents a v1 trap in
 * SNMPv2 form as RFC 3584 §3.1 describes. Varbinds stay slices of the datagram. It does not
 * check communities or build replies (rx.c, reply.c).
 */
#include <string.h>
#include "tt_internal.h"

const uint8_t tt_oid_sysuptime0[8] = {0x2b, 6, 1, 2, 1, 1, 3, 0};
const uint8_t tt_oid_snmptrapoid0[10] = {0x2b, 6, 1, 6, 3, 1, 1, 4, 1, 0};
const uint8_t tt_oid_snmptrapaddress0[9] = {0x2b, 6, 1, 6, 3, 18, 1, 3, 0};
const uint8_t tt_oid_snmptrapcommunity0[9] = {0x2b, 6, 1, 6, 3, 18, 1, 4, 0};
const uint8_t tt_oid_snmptrapenterprise0[10] = {0x2b, 6, 1, 6, 3, 1, 1, 4, 3, 0};
const uint8_t tt_oid_snmptraps[8] = {0x2b, 6, 1, 6, 3, 1, 1, 5};

/* Checks one value TLV against the rules of its SMI type and fills vb's value fields. */
static int decode_value(const struct tt_tlv *t, struct tt_varbind *vb)
{
	int32_t i32 = 0;
	uint32_t u32 = 0;
	uint64_t u64 = 0;
	int rc;

	vb->type = t->tag;
	vb->value = t->val;
	vb->value_len = (uint32_t)t->len;
	vb->num = 0;
	switch (t->tag) {
	case TT_TAG_INTEGER:
		rc = tt_ber_get_int32(t, &i32);
		if (rc < 0)
			return rc;
		vb->num = (uint64_t)(int64_t)i32;
		return TT_OK;
	case TT_TAG_COUNTER32:
	case TT_TAG_GAUGE32:
	case TT_TAG_TIMETICKS:
		rc = tt_ber_get_uint32(t, &u32);
		if (rc < 0)
			return rc;
		vb->num = u32;
		return TT_OK;
	case TT_TAG_COUNTER64:
		rc = tt_ber_get_uint64(t, &u64);
		if (rc < 0)
			return rc;
		vb->num = u64;
		return TT_OK;
	case TT_TAG_OCTET_STRING:
	case TT_TAG_OPAQUE:
		return TT_OK;
	case TT_TAG_OID:
		rc = tt_ber_check_oid(t->val, t->len);
		return rc < 0 ? rc : TT_OK;
	case TT_TAG_IPADDRESS:
		return t->len == 4 ? TT_OK : TT_ERR_VALUE;
	case TT_TAG_NULL:
	case TT_TAG_NOSUCHOBJECT:
	case TT_TAG_NOSUCHINSTANCE:
	case TT_TAG_ENDOFMIBVIEW:
		return t->len == 0 ? TT_OK : TT_ERR_VALUE;
	default:
		return TT_ERR_TAG;
	}
}

/* Decodes a VarBindList into rx->varbinds starting at index first; *count receives how many
 * were stored. Past CONFIG_TT_MAX_VARBINDS the varbinds are still checked and counted (*total)
 * but not stored, and TT_ERR_TOO_MANY_VARBINDS is returned once the list is read. */
static int decode_varbinds(struct tt_rx *rx, const struct tt_tlv *vbl, size_t first,
                           size_t *count, uint32_t *total)
{
	struct tt_ber list;
	struct tt_varbind scratch;
	size_t n = 0;
	uint32_t all = 0;

	tt_ber_init(&list, vbl->val, vbl->len);
	while (!tt_ber_at_end(&list)) {
		struct tt_ber vbc;
		struct tt_tlv name, value;
		struct tt_varbind *vb;
		int rc;

		rc = tt_ber_enter(&list, TT_TAG_SEQUENCE, &vbc);
		if (rc < 0)
			return rc;
		rc = tt_ber_expect(&vbc, TT_TAG_OID, &name);
		if (rc < 0)
			return rc;
		rc = tt_ber_check_oid(name.val, name.len);
		if (rc < 0)
			return rc;
		rc = tt_ber_read(&vbc, &value);
		if (rc < 0)
			return rc;
		if (!tt_ber_at_end(&vbc))
			return TT_ERR_TRAILING;
		vb = n < CONFIG_TT_MAX_VARBINDS ? &rx->varbinds[first + n] : &scratch;
		rc = decode_value(&value, vb);
		if (rc < 0)
			return rc;
		vb->name = name.val;
		vb->name_len = (uint16_t)name.len;
		vb->flags = 0;
		if (n < CONFIG_TT_MAX_VARBINDS)
			n++;
		all++;
	}
	*count = n;
	*total = all;
	return all > CONFIG_TT_MAX_VARBINDS ? TT_ERR_TOO_MANY_VARBINDS : TT_OK;
}

/* Returns the index of the first wire varbind named oid with value type `type`, or -1. */
static long find_varbind(const struct tt_notification *note, const uint8_t *oid, size_t len,
                         uint8_t type)
{
	size_t i;
	for (i = 0; i < note->wire_count; i++) {
		const struct tt_varbind *vb = &note->varbinds[note->wire_first + i];
		if (vb->type == type && tt_oid_equal(vb->name, vb->name_len, oid, len))
			return (long)i;
	}
	return -1;
}

/* SNMPv2 notifications: sysUpTime.0 first, snmpTrapOID.0 second (RFC 3416 §4.2.6). A missing
 * or misplaced one is an anomaly; a misplaced one is still used. */
static void find_v2_header(struct tt_rx *rx)
{
	struct tt_notification *note = &rx->note;
	long i;

	i = find_varbind(note, tt_oid_sysuptime0, sizeof tt_oid_sysuptime0, TT_TAG_TIMETICKS);
	if (i >= 0) {
		note->has_uptime = 1;
		note->uptime = (uint32_t)note->varbinds[i].num;
	}
	if (i != 0)
		note->anomalies |= TT_ANOM_NO_UPTIME;
	i = find_varbind(note, tt_oid_snmptrapoid0, sizeof tt_oid_snmptrapoid0, TT_TAG_OID);
	if (i >= 0) {
		note->trap_oid = note->varbinds[i].value;
		note->trap_oid_len = note->varbinds[i].value_len;
	}
	if (i != 1)
		note->anomalies |= TT_ANOM_NO_TRAP_OID;
}

static void set_synth(struct tt_varbind *vb, const uint8_t *name, size_t name_len, uint8_t type,
                      const uint8_t *value, size_t value_len, uint64_t num)
{
	vb->name = name;
	vb->name_len = (uint16_t)name_len;
	vb->type = type;
	vb->value = value;
	vb->value_len = (uint32_t)value_len;
	vb->num = num;
	vb->flags = TT_VB_SYNTHESIZED;
}

/* RFC 3584 §3.1: the SNMPv2 form of a v1 trap. */
static int translate_v1(struct tt_rx *rx, const struct tt_tlv *ts, const struct tt_tlv *addr)
{
	struct tt_notification *note = &rx->note;
	struct tt_varbind *vbs = rx->varbinds;
	size_t n;

	/* (1) snmpTrapOID.0: snmpTraps.(generic + 1), or enterprise.0.specific */
	if (note->v1.generic != 6) {
		memcpy(rx->v1_trap_oid, tt_oid_snmptraps, sizeof tt_oid_snmptraps);
		rx->v1_trap_oid[sizeof tt_oid_snmptraps] = (uint8_t)(note->v1.generic + 1);
		note->trap_oid_len = sizeof tt_oid_snmptraps + 1;
	} else {
		uint32_t s = (uint32_t)note->v1.specific;
		uint8_t tmp[5];
		size_t k = 0, len = note->v1.enterprise_len;
		memcpy(rx->v1_trap_oid, note->v1.enterprise, len);
		rx->v1_trap_oid[len++] = 0;
		do {
			tmp[k++] = (uint8_t)(s & 0x7f);
			s >>= 7;
		} while (s);
		while (k > 1)
			rx->v1_trap_oid[len++] = (uint8_t)(tmp[--k] | 0x80);
		rx->v1_trap_oid[len++] = tmp[0];
		note->trap_oid_len = len;
	}
	note->trap_oid = rx->v1_trap_oid;

	set_synth(&vbs[0], tt_oid_sysuptime0, sizeof tt_oid_sysuptime0, TT_TAG_TIMETICKS, ts->val,
	          ts->len, note->uptime);
	set_synth(&vbs[1], tt_oid_snmptrapoid0, sizeof tt_oid_snmptrapoid0, TT_TAG_OID,
	          note->trap_oid, note->trap_oid_len, 0);
	/* (3) append snmpTrapAddress.0, snmpTrapCommunity.0, snmpTrapEnterprise.0 unless present */
	n = 2 + note->wire_count;
	if (find_varbind(note, tt_oid_snmptrapaddress0, sizeof tt_oid_snmptrapaddress0,
	                 TT_TAG_IPADDRESS) < 0)
		set_synth(&vbs[n++], tt_oid_snmptrapaddress0, sizeof tt_oid_snmptrapaddress0,
		          TT_TAG_IPADDRESS, addr->val, 4, 0);
	if (find_varbind(note, tt_oid_snmptrapcommunity0, sizeof tt_oid_snmptrapcommunity0,
	                 TT_TAG_OCTET_STRING) < 0)
		set_synth(&vbs[n++], tt_oid_snmptrapcommunity0, sizeof tt_oid_snmptrapcommunity0,
		          TT_TAG_OCTET_STRING, note->community, note->community_len, 0);
	if (find_varbind(note, tt_oid_snmptrapenterprise0, sizeof tt_oid_snmptrapenterprise0,
	                 TT_TAG_OID) < 0)
		set_synth(&vbs[n++], tt_oid_snmptrapenterprise0, sizeof tt_oid_snmptrapenterprise0,
		          TT_TAG_OID, note->v1.enterprise, note->v1.enterprise_len, 0);
	note->n_varbinds = n;
	note->has_uptime = 1;
	return TT_OK;
}

static int decode_v1_trap(struct tt_rx *rx, struct tt_ber *c, struct tt_tlv *vbl,
                          enum tt_reason *reason, uint32_t *total)
{
	struct tt_notification *note = &rx->note;
	struct tt_tlv ent, addr, gen, spec, ts;
	uint32_t uptime = 0; /* set on every path that uses it; LTO cannot see that */
	int arcs, rc;

	if ((rc = tt_ber_expect(c, TT_TAG_OID, &ent)) < 0)
		return rc;
	if ((arcs = tt_ber_check_oid(ent.val, ent.len)) < 0)
		return arcs;
	if ((rc = tt_ber_expect(c, TT_TAG_IPADDRESS, &addr)) < 0)
		return rc;
	if (addr.len != 4)
		return TT_ERR_VALUE;
	if ((rc = tt_ber_expect(c, TT_TAG_INTEGER, &gen)) < 0)
		return rc;
	if ((rc = tt_ber_get_int32(&gen, &note->v1.generic)) < 0)
		return rc;
	if ((rc = tt_ber_expect(c, TT_TAG_INTEGER, &spec)) < 0)
		return rc;
	if ((rc = tt_ber_get_int32(&spec, &note->v1.specific)) < 0)
		return rc;
	if ((rc = tt_ber_expect(c, TT_TAG_TIMETICKS, &ts)) < 0)
		return rc;
	if ((rc = tt_ber_get_uint32(&ts, &uptime)) < 0)
		return rc;
	if ((rc = tt_ber_expect(c, TT_TAG_SEQUENCE, vbl)) < 0)
		return rc;
	if (!tt_ber_at_end(c))
		return TT_ERR_TRAILING;

	note->v1.enterprise = ent.val;
	note->v1.enterprise_len = ent.len;
	memcpy(note->v1.agent_addr, addr.val, 4);
	note->uptime = uptime;
	/* RFC 1157: generic-trap is 0..6; the translated snmpTrapOID must stay within 128 arcs
	 * and a sub-identifier cannot be negative. */
	if (note->v1.generic < 0 || note->v1.generic > 6 ||
	    (note->v1.generic == 6 && (note->v1.specific < 0 || arcs + 2 > TT_OID_MAX_ARCS))) {
		*reason = TT_REASON_BAD_V1_TRAP;
		return TT_ERR_FIELD;
	}
	note->wire_first = 2;
	rc = decode_varbinds(rx, vbl, 2, &note->wire_count, total);
	if (rc < 0)
		return rc;
	return translate_v1(rx, &ts, &addr);
}

/* With more than CONFIG_TT_MAX_VARBINDS varbinds the view still gets the request-id and the
 * first ones (to authorize an inform before it is answered) and TT_ERR_TOO_MANY_VARBINDS is
 * returned. */
static int decode_v2_pdu(struct tt_rx *rx, struct tt_ber *c, struct tt_tlv *vbl, uint32_t *total)
{
	struct tt_notification *note = &rx->note;
	struct tt_tlv t;
	int32_t ignored;
	int rc;

	if ((rc = tt_ber_expect(c, TT_TAG_INTEGER, &t)) < 0)
		return rc;
	if ((rc = tt_ber_get_int32(&t, &note->request_id)) < 0)
		return rc;
	/* error-status and error-index: present and well-formed, values ignored (RFC 3416 §3) */
	if ((rc = tt_ber_expect(c, TT_TAG_INTEGER, &t)) < 0)
		return rc;
	if ((rc = tt_ber_get_int32(&t, &ignored)) < 0)
		return rc;
	if ((rc = tt_ber_expect(c, TT_TAG_INTEGER, &t)) < 0)
		return rc;
	if ((rc = tt_ber_get_int32(&t, &ignored)) < 0)
		return rc;
	if ((rc = tt_ber_expect(c, TT_TAG_SEQUENCE, vbl)) < 0)
		return rc;
	if (!tt_ber_at_end(c))
		return TT_ERR_TRAILING;
	note->wire_first = 0;
	rc = decode_varbinds(rx, vbl, 0, &note->wire_count, total);
	if (rc < 0 && rc != TT_ERR_TOO_MANY_VARBINDS)
		return rc;
	note->n_varbinds = note->wire_count;
	find_v2_header(rx);
	return rc;
}

const struct tt_rx_result *tt_pdu_decode(struct tt_rx *rx, const struct tt_tlv *pdu,
                                         struct tt_tlv *vbl, uint32_t *too_many)
{
	struct tt_notification *note = &rx->note;
	enum tt_reason reason = TT_REASON_PARSE;
	struct tt_ber c;
	uint32_t total = 0;
	int rc;

	*too_many = 0;
	if (pdu->tag != TT_PDU_TRAP_V1 && pdu->tag != TT_PDU_TRAP_V2 && pdu->tag != TT_PDU_INFORM) {
		if (pdu->tag >= TT_PDU_GET && pdu->tag <= TT_PDU_REPORT)
			return tt_rx_drop(rx, TT_REASON_UNEXPECTED_PDU, 0);
		return tt_rx_drop(rx, TT_REASON_PARSE, TT_ERR_TAG);
	}
	note->pdu_type = pdu->tag;
	note->varbinds = rx->varbinds;
	tt_ber_init(&c, pdu->val, pdu->len);
	if (pdu->tag == TT_PDU_TRAP_V1)
		rc = decode_v1_trap(rx, &c, vbl, &reason, &total);
	else
		rc = decode_v2_pdu(rx, &c, vbl, &total);
	if (rc == TT_ERR_TOO_MANY_VARBINDS) {
		/* an inform can still be answered (tooBig); a trap cannot */
		if (pdu->tag == TT_PDU_INFORM) {
			*too_many = total;
			return NULL;
		}
		tt_rx_drop(rx, TT_REASON_TOO_MANY_VARBINDS, rc);
		rx->result.n_varbinds = total;
		return &rx->result;
	}
	return rc < 0 ? tt_rx_drop(rx, reason, rc) : NULL;
}
