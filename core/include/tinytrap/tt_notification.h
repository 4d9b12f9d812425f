/*
 * tt_notification.h - the notification view that tt_rx_input() hands to the caller.
 *
 * Every version is presented alike, in SNMPv2 form: for an SNMPv1 Trap-PDU the view holds the
 * RFC 3584 §3.1 translation (sysUpTime.0, snmpTrapOID.0, the trap's own varbinds, then
 * snmpTrapAddress.0, snmpTrapCommunity.0 and snmpTrapEnterprise.0 where they are not already
 * present), and the original v1 fields stay available. Varbind names and values are
 * zero-copy slices of the datagram (or of constant tables and the receiver's own buffer for the
 * translated ones); the view is valid until the next call into the receiver.
 */
#ifndef TT_NOTIFICATION_H
#define TT_NOTIFICATION_H

#include <stddef.h>
#include <stdint.h>

/* Message versions as on the wire (msgVersion). */
#define TT_VERSION_1 0
#define TT_VERSION_2C 1
#define TT_VERSION_3 3

/* PDU tags as on the wire. */
#define TT_PDU_GET 0xA0
#define TT_PDU_GETNEXT 0xA1
#define TT_PDU_RESPONSE 0xA2
#define TT_PDU_SET 0xA3
#define TT_PDU_TRAP_V1 0xA4
#define TT_PDU_GETBULK 0xA5
#define TT_PDU_INFORM 0xA6
#define TT_PDU_TRAP_V2 0xA7
#define TT_PDU_REPORT 0xA8

/* SNMPv3 security levels (msgFlags auth and priv bits). */
#define TT_SEC_NOAUTH 1 /* noAuthNoPriv */
#define TT_SEC_AUTH 2   /* authNoPriv */
#define TT_SEC_PRIV 3   /* authPriv */

/* Flags of struct tt_varbind. */
#define TT_VB_SYNTHESIZED 0x01 /* added by the RFC 3584 translation, not on the wire */

/* One variable binding. */
struct tt_varbind {
	const uint8_t *name;  /* OID content octets of the name */
	const uint8_t *value; /* content octets of the value, as received (an integer may carry
	                         redundant sign-extension octets: print num, not these) */
	uint64_t num;         /* decoded number: INTEGER (sign-extended), Counter32, Gauge32,
	                         TimeTicks, Counter64; 0 for other types */
	uint32_t value_len;   /* number of content octets of the value */
	uint16_t name_len;    /* number of content octets of the name */
	uint8_t type;         /* the value's tag: TT_TAG_INTEGER ... TT_TAG_ENDOFMIBVIEW */
	uint8_t flags;        /* TT_VB_* */
};

/* Anomalies: what a notification lacked or had out of place. It is delivered all the same. */
#define TT_ANOM_NO_UPTIME 0x01     /* no sysUpTime.0 TimeTicks as the first varbind */
#define TT_ANOM_NO_TRAP_OID 0x02   /* no snmpTrapOID.0 OID value as the second varbind */

/* The view of one received notification. */
struct tt_notification {
	uint8_t version;         /* TT_VERSION_1, TT_VERSION_2C or TT_VERSION_3 */
	uint8_t pdu_type;        /* TT_PDU_TRAP_V1, TT_PDU_TRAP_V2 or TT_PDU_INFORM */
	uint8_t anomalies;       /* TT_ANOM_* bits */
	uint8_t has_uptime;      /* 1 when uptime holds a value */
	const uint8_t *community;/* v1/v2c community octets (not NUL-terminated) */
	size_t community_len;
	int32_t request_id;      /* SNMPv2 PDUs; 0 for a v1 trap */
	uint32_t uptime;         /* sysUpTime.0 (v2) or time-stamp (v1), in hundredths of a second */
	const uint8_t *trap_oid; /* snmpTrapOID.0 value (OID content octets), NULL when missing */
	size_t trap_oid_len;

	/* SNMPv1 Trap-PDU fields; meaningful only when pdu_type is TT_PDU_TRAP_V1. */
	struct {
		const uint8_t *enterprise; /* OID content octets */
		size_t enterprise_len;
		uint8_t agent_addr[4];     /* IpAddress */
		int32_t generic;           /* generic-trap, 0..6 */
		int32_t specific;          /* specific-trap */
	} v1;

	/* SNMPv3 fields; meaningful only when version is TT_VERSION_3. */
	struct {
		const uint8_t *engine_id;         /* msgAuthoritativeEngineID */
		size_t engine_id_len;
		const uint8_t *user;              /* msgUserName (the securityName) */
		size_t user_len;
		const uint8_t *context_engine_id; /* contextEngineID of the ScopedPDU */
		size_t context_engine_id_len;
		const uint8_t *context_name;      /* contextName of the ScopedPDU */
		size_t context_name_len;
		int32_t msg_id;                   /* msgID */
		uint8_t level;                    /* TT_SEC_NOAUTH, TT_SEC_AUTH or TT_SEC_PRIV */
	} v3;

	/* All varbinds in SNMPv2 form (for v1: translated, see the file comment). */
	const struct tt_varbind *varbinds;
	size_t n_varbinds;
	/* The varbinds that came on the wire are varbinds[wire_first .. wire_first + wire_count);
	 * for v2c and v3 that is all of them. */
	size_t wire_first;
	size_t wire_count;
};

#endif /* TT_NOTIFICATION_H */
