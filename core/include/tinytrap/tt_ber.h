/*
 * tt_ber.h - bounds-checked BER (X.690) decoding and encoding for the SNMP subset.
 *
 * Decoding: a cursor over a byte range; every read checks that the tag, the length and the
 * contents lie inside the cursor's range and fails otherwise, so no read can run past the
 * datagram. Only definite lengths are accepted (short form, or long form with 1..4 length
 * octets; non-minimal long forms are allowed, as BER permits). Only single-octet tags are
 * accepted: SNMP uses no high-tag-number form.
 *
 * Encoding: a writer that fills a caller buffer from its end towards its start, so that each
 * length is known when its header is written; the finished encoding starts at w->p.
 *
 * It does not know SNMP messages: rx.c, v3.c and pdu.c give the structure.
 */
#ifndef TT_BER_H
#define TT_BER_H

#include <stddef.h>
#include <stdint.h>
#include "tt_types.h"

/* Universal and SNMP application tags (RFC 2578, RFC 3416). */
#define TT_TAG_INTEGER 0x02
#define TT_TAG_OCTET_STRING 0x04
#define TT_TAG_NULL 0x05
#define TT_TAG_OID 0x06
#define TT_TAG_SEQUENCE 0x30
#define TT_TAG_IPADDRESS 0x40
#define TT_TAG_COUNTER32 0x41
#define TT_TAG_GAUGE32 0x42      /* also Unsigned32 */
#define TT_TAG_TIMETICKS 0x43
#define TT_TAG_OPAQUE 0x44
#define TT_TAG_COUNTER64 0x46
#define TT_TAG_NOSUCHOBJECT 0x80
#define TT_TAG_NOSUCHINSTANCE 0x81
#define TT_TAG_ENDOFMIBVIEW 0x82

/* The most sub-identifiers an OID may have (RFC 2578 §3.5). */
#define TT_OID_MAX_ARCS 128
/* The most content octets an OID of TT_OID_MAX_ARCS arcs can need (5 per 32-bit arc). */
#define TT_OID_MAX_LEN (TT_OID_MAX_ARCS * 5)

/* A decoding cursor: the unread octets are [p, end). */
struct tt_ber {
	const uint8_t *p;
	const uint8_t *end;
};

/* One decoded tag-length-value. */
struct tt_tlv {
	uint8_t tag;          /* the identifier octet */
	const uint8_t *start; /* first octet of the identifier: the TLV is [start, val + len) */
	const uint8_t *val;   /* first content octet */
	size_t len;           /* number of content octets */
};

/* Sets up cursor c over len octets at buf. */
void tt_ber_init(struct tt_ber *c, const uint8_t *buf, size_t len);

/* Returns 1 when the cursor has no octets left, else 0. */
int tt_ber_at_end(const struct tt_ber *c);

/* Reads the next TLV into *t and moves the cursor past it. Fails with TT_ERR_TRUNCATED,
 * TT_ERR_TAG (high-tag-number form) or TT_ERR_LENGTH; the cursor is unchanged on failure. */
int tt_ber_read(struct tt_ber *c, struct tt_tlv *t);

/* Reads the next TLV, which must carry tag; *t receives it. TT_ERR_TAG if the tag differs. */
int tt_ber_expect(struct tt_ber *c, uint8_t tag, struct tt_tlv *t);

/* Reads the next TLV, which must carry tag, and sets *inner to a cursor over its contents. */
int tt_ber_enter(struct tt_ber *c, uint8_t tag, struct tt_ber *inner);

/* Integers (X.690 §8.3): redundant leading sign-extension octets (0x00 before an octet with
 * bit 7 clear, 0xff before one with bit 7 set, any number of them) are accepted, as Net-SNMP
 * does; a value is judged by what it is, not by how many octets carry it. Every reader fails
 * with TT_ERR_INT_RANGE, leaving *v untouched, for empty contents and for a value outside its
 * type. */

/* Decodes t's contents as INTEGER / Integer32: -2^31 .. 2^31-1. */
int tt_ber_get_int32(const struct tt_tlv *t, int32_t *v);

/* Decodes t's contents as Counter32, Gauge32/Unsigned32 or TimeTicks: 0 .. 2^32-1. Contents
 * of at most 4 octets are taken as the value's unsigned bit pattern (agents that forget the
 * leading 0x00 before a high bit are common: "80" is 128, "ffffffff" 4294967295); longer
 * contents are two's complement, so a negative value ("ffffffffff") is refused. */
int tt_ber_get_uint32(const struct tt_tlv *t, uint32_t *v);

/* Decodes t's contents as Counter64: 0 .. 2^64-1, at most 8 octets as the bit pattern, longer
 * ones as for tt_ber_get_uint32. */
int tt_ber_get_uint64(const struct tt_tlv *t, uint64_t *v);

/* Decodes t's contents as a signed 64-bit integer: -2^63 .. 2^63-1 (Net-SNMP's Opaque Int64). */
int tt_ber_get_int64(const struct tt_tlv *t, int64_t *v);

/* Checks that len octets at p are a valid OID encoding: not empty, no sub-identifier padded
 * with a leading 0x80, none above 2^32-1, the last one complete, at most TT_OID_MAX_ARCS arcs
 * (the first octet group counts as two). Returns the number of arcs or a negative tt_err. */
int tt_ber_check_oid(const uint8_t *p, size_t len);

/* Iterator over the arcs of a checked OID encoding. */
struct tt_oid_iter {
	const uint8_t *p;
	const uint8_t *end;
	uint32_t second;  /* the second arc, pending after the first was returned */
	uint8_t state;    /* 0: before the first arc, 1: second pending, 2: in the rest */
};

/* Starts iterating over the OID encoded in len octets at p (checked by tt_ber_check_oid). */
void tt_oid_iter_init(struct tt_oid_iter *it, const uint8_t *p, size_t len);

/* Stores the next arc in *arc and returns 1, or returns 0 at the end, or a negative tt_err for
 * an encoding that tt_ber_check_oid would have refused. */
int tt_oid_iter_next(struct tt_oid_iter *it, uint32_t *arc);

/* Parses dotted text ("1.3.6.1.4.1", a leading '.' allowed) into OID content octets at out
 * (cap octets). Returns the encoded length or a negative tt_err (TT_ERR_OID, TT_ERR_NOSPACE). */
int tt_oid_from_text(const char *text, size_t text_len, uint8_t *out, size_t cap);

/* Returns 1 when the OID encoding (prefix, plen) is a prefix of (oid, olen) on arc boundaries. */
int tt_oid_has_prefix(const uint8_t *oid, size_t olen, const uint8_t *prefix, size_t plen);

/* An encoding writer: the free room is [start, p); the encoding written so far is [p, end). */
struct tt_ber_w {
	uint8_t *start;
	uint8_t *p;
	uint8_t *end;
};

/* Sets up a writer over cap octets at buf; nothing is written yet (p == end). */
void tt_ber_w_init(struct tt_ber_w *w, uint8_t *buf, size_t cap);

/* Returns the number of octets written so far. */
size_t tt_ber_w_len(const struct tt_ber_w *w);

/* Prepends len raw octets. Returns len or TT_ERR_NOSPACE. */
int tt_ber_w_raw(struct tt_ber_w *w, const uint8_t *data, size_t len);

/* Prepends a tag and a minimal definite length for content_len octets (the contents must
 * already be written after it). Returns the header size or TT_ERR_NOSPACE. */
int tt_ber_w_header(struct tt_ber_w *w, uint8_t tag, size_t content_len);

/* Prepends a complete TLV with len content octets from data. Returns its size or an error. */
int tt_ber_w_tlv(struct tt_ber_w *w, uint8_t tag, const uint8_t *data, size_t len);

/* Prepends a minimal two's-complement INTEGER-style TLV with the given tag. */
int tt_ber_w_int32(struct tt_ber_w *w, uint8_t tag, int32_t v);

/* Prepends a minimal unsigned TLV (a leading 0x00 when the high bit is set). */
int tt_ber_w_uint32(struct tt_ber_w *w, uint8_t tag, uint32_t v);

#endif /* TT_BER_H */
