/*
 * reply.c - the Response to a v1/v2c InformRequest (RFC 3416 §4.2.7).
 *
 * The Response carries the inform's request-id and a copy of its variable-bindings with
 * error-status and error-index 0. If that would be larger than rx->max_reply, the alternate
 * Response is sent: error-status tooBig(1), error-index 0, no varbinds. Encoded back to front
 * into rx->reply with the BER writer. SNMPv3 replies come with the v3 work.
 */
#include "tt_internal.h"

#define TT_ERROR_STATUS_TOO_BIG 1

static int encode(struct tt_rx *rx, int32_t version, const uint8_t *community,
                  size_t community_len, int32_t request_id, const struct tt_tlv *vbl,
                  int32_t error_status, size_t *start)
{
	struct tt_ber_w w;
	static const uint8_t empty_list[2] = {TT_TAG_SEQUENCE, 0};
	size_t pdu_end;
	int rc;

	tt_ber_w_init(&w, rx->reply, rx->max_reply);
	if (vbl)
		rc = tt_ber_w_raw(&w, vbl->start, (size_t)(vbl->val + vbl->len - vbl->start));
	else
		rc = tt_ber_w_raw(&w, empty_list, sizeof empty_list);
	if (rc < 0)
		return rc;
	if ((rc = tt_ber_w_int32(&w, TT_TAG_INTEGER, 0)) < 0)                 /* error-index */
		return rc;
	if ((rc = tt_ber_w_int32(&w, TT_TAG_INTEGER, error_status)) < 0)
		return rc;
	if ((rc = tt_ber_w_int32(&w, TT_TAG_INTEGER, request_id)) < 0)
		return rc;
	pdu_end = tt_ber_w_len(&w);
	if ((rc = tt_ber_w_header(&w, TT_PDU_RESPONSE, pdu_end)) < 0)
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
	len = encode(rx, version, community, community_len, request_id, vbl, 0, &start);
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
