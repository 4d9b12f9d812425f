/*
 * reply.c - the Response to a v1/v2c InformRequest (RFC 3416 §4.2.7), and the PDU encoding
 * that every reply shares (v3.c wraps it in a ScopedPDU for SNMPv3 Responses and Reports).
 *
 * The Response carries the inform's request-id and a copy of its variable-bindings with
 * error-status and error-index 0. If that would be larger than rx->max_reply, the alternate
 * Response is sent: error-status tooBig(1), error-index 0, no varbinds; so is an inform with
 * more varbinds than CONFIG_TT_MAX_VARBINDS (our local constraint is the varbind count). Encoded
 * back to front into rx->reply with the BER writer.
 */
#include "tt_internal.h"

#define TT_ERROR_STATUS_TOO_BIG 1

int tt_reply_pdu(struct tt_ber_w *w, uint8_t tag, int32_t request_id, int32_t error_status,
                 const uint8_t *vbl, size_t vbl_len)
{
	static const uint8_t empty_list[2] = {TT_TAG_SEQUENCE, 0};
	size_t end = tt_ber_w_len(w);
	int rc;

	if (vbl)
		rc = tt_ber_w_raw(w, vbl, vbl_len);
	else
		rc = tt_ber_w_raw(w, empty_list, sizeof empty_list);
	if (rc < 0 || (rc = tt_ber_w_int32(w, TT_TAG_INTEGER, 0)) < 0 ||      /* error-index */
	    (rc = tt_ber_w_int32(w, TT_TAG_INTEGER, error_status)) < 0 ||
	    (rc = tt_ber_w_int32(w, TT_TAG_INTEGER, request_id)) < 0 ||
	    (rc = tt_ber_w_header(w, tag, tt_ber_w_len(w) - end)) < 0)
		return rc;
	return TT_OK;
}

static int encode(struct tt_rx *rx, int32_t version, const uint8_t *community,
                  size_t community_len, int32_t request_id, const struct tt_tlv *vbl,
                  int32_t error_status, size_t *start)
{
	struct tt_ber_w w;
	int rc;

	tt_ber_w_init(&w, rx->reply, rx->max_reply);
	if ((rc = tt_reply_pdu(&w, TT_PDU_RESPONSE, request_id, error_status,
	                       vbl ? vbl->start : NULL,
	                       vbl ? (size_t)(vbl->val + vbl->len - vbl->start) : 0)) < 0)
		return rc;
	if ((rc = tt_ber_w_tlv(&w, TT_TAG_OCTET_STRING, community, community_len)) < 0)
		return rc;
	if ((rc = tt_ber_w_int32(&w, TT_TAG_INTEGER, version)) < 0)
		return rc;
	if ((rc = tt_ber_w_header(&w, TT_TAG_SEQUENCE, tt_ber_w_len(&w))) < 0)
		return rc;
	*start = (size_t)(w.p - rx->reply);
	return (int)tt_ber_w_len(&w);
}

int tt_reply_inform(struct tt_rx *rx, int32_t version, const uint8_t *community,
                    size_t community_len, int32_t request_id, const struct tt_tlv *vbl,
                    int *too_big)
{
	size_t start = 0;
	int len;

	*too_big = 0;
	len = vbl ? encode(rx, version, community, community_len, request_id, vbl, 0, &start)
	          : TT_ERR_NOSPACE;
	if (len == TT_ERR_NOSPACE) {
		*too_big = 1;
		len = encode(rx, version, community, community_len, request_id, NULL,
		             TT_ERROR_STATUS_TOO_BIG, &start);
	}
	if (len < 0)
		return len;
	rx->result.reply = rx->reply + start;
	rx->result.reply_len = (size_t)len;
	return len;
}
