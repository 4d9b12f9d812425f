/*
 * tt_internal.h - functions shared between core source files; not part of the public API.
 */
#ifndef TT_INTERNAL_H
#define TT_INTERNAL_H

#include "tinytrap/tt_rx.h"

/* Well-known OIDs (content octets), defined in pdu.c. */
extern const uint8_t tt_oid_sysuptime0[8];       /* 1.3.6.1.2.1.1.3.0 */
extern const uint8_t tt_oid_snmptrapoid0[10];    /* 1.3.6.1.6.3.1.1.4.1.0 */
extern const uint8_t tt_oid_snmptrapaddress0[9]; /* 1.3.6.1.6.3.18.1.3.0 */
extern const uint8_t tt_oid_snmptrapcommunity0[9]; /* 1.3.6.1.6.3.18.1.4.0 */
extern const uint8_t tt_oid_snmptrapenterprise0[10]; /* 1.3.6.1.6.3.1.1.4.3.0 */
extern const uint8_t tt_oid_snmptraps[8];        /* 1.3.6.1.6.3.1.1.5 */

/* Decodes the PDU TLV pdu (tag TT_PDU_TRAP_V1, TT_PDU_TRAP_V2 or TT_PDU_INFORM) into rx->note
 * and rx->varbinds. The message fields (version, community) must already be set in rx->note.
 * On success *vbl receives the variable-bindings TLV (for the inform Response). Returns TT_OK,
 * a negative tt_err, and sets *reason for failures that are not plain parse errors. */
int tt_pdu_decode(struct tt_rx *rx, const struct tt_tlv *pdu, struct tt_tlv *vbl,
                  enum tt_reason *reason);

/* Builds the Response to a v1/v2c InformRequest into rx->reply (RFC 3416 §4.2.7: same
 * request-id and varbinds, error-status 0; tooBig with no varbinds when it would exceed
 * rx->max_reply). Returns the length or a negative tt_err; *too_big is set to 1 for tooBig. */
int tt_reply_inform(struct tt_rx *rx, int32_t version, const uint8_t *community,
                    size_t community_len, int32_t request_id, const struct tt_tlv *vbl,
                    int *too_big);

/* Returns 1 when the two OID encodings are equal. */
int tt_oid_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);

#endif /* TT_INTERNAL_H */
