/*
 * testlib.h - helpers shared by the unit tests (hosted code: it allocates and reads files).
 *
 * - hex decoding;
 * - the test-vector files (tests/vectors/packets-netsnmp.txt, malformed-cve.txt): blocks are a
 *   "[name]" line followed by "key: value" lines; "message:" holds the datagram in hex;
 * - a small BER encoder, written independently of the core's, to build test datagrams;
 * - OID text <-> content octets, again independent of the core;
 * - address and receiver helpers.
 *
 * Every helper that cannot do its job fails the running cmocka test (fail_msg), so tests do
 * not have to check their return values. Paths are relative to the repository root, where
 * the test binaries run.
 */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tinytrap/tinytrap.h"

#define TL_PACKETS "tests/vectors/packets-netsnmp.txt"
#define TL_MALFORMED "tests/vectors/malformed-cve.txt"

/* --- hex ------------------------------------------------------------------------------------ */

/* Decodes hex text (white space ignored) into out (cap octets). Returns the number of octets,
 * or -1 for an odd number of digits, a non-hex character or too little room. */
long tl_hex_decode(const char *hex, uint8_t *out, size_t cap);

/* Decodes hex into a fresh heap buffer of exactly the decoded size (so that ASan sees any read
 * past its end); *len receives the size. Fails the test on bad hex. Free with free(). */
uint8_t *tl_hex_alloc(const char *hex, size_t *len);

/* Returns a heap copy of len octets at p, exactly len octets long (at least 1 allocated). */
uint8_t *tl_dup(const uint8_t *p, size_t len);

/* --- vector files --------------------------------------------------------------------------- */

struct tl_kv {
	const char *key;
	const char *val;
};

struct tl_block {
	const char *name;
	struct tl_kv *kv;
	size_t n_kv;
	uint8_t *msg;   /* the decoded "message:" (exactly msg_len octets on the heap), or NULL */
	size_t msg_len;
};

struct tl_file {
	char *text;
	struct tl_block *blocks;
	size_t n_blocks;
};

/* Loads every block of a vector file. Fails the test when the file cannot be read or a
 * "message:" or "length:" line is inconsistent. */
void tl_file_load(struct tl_file *f, const char *path);
void tl_file_free(struct tl_file *f);

/* Returns the block called name, or NULL. */
const struct tl_block *tl_file_find(const struct tl_file *f, const char *name);

/* Returns the value of the first "key:" line of b, or NULL. */
const char *tl_block_get(const struct tl_block *b, const char *key);

/* Stores the values of all "key:" lines of b (at most max) in out; returns how many. */
size_t tl_block_get_all(const struct tl_block *b, const char *key, const char **out, size_t max);

/* Finds "name=" in a "k1=v1 k2=v2" text such as a "pdu:" line and copies the value (up to the
 * next blank) to out; returns 1 when found, else 0. */
int tl_field(const char *text, const char *name, char *out, size_t cap);

/* Loads the message of one block of a vector file into a fresh exact-size heap buffer. */
uint8_t *tl_vector(const char *path, const char *name, size_t *len);

/* --- OIDs ----------------------------------------------------------------------------------- */

/* Encodes dotted text ("1.3.6.1", leading '.' allowed) as OID content octets. Fails the test on
 * bad text. Returns the length. */
size_t tl_oid(const char *text, uint8_t *out, size_t cap);

/* Writes OID content octets as dotted text without a leading dot ("1.3.6.1.4.1"); "?" for an
 * encoding that is not valid. Returns out. */
char *tl_oid_str(const uint8_t *oid, size_t len, char *out, size_t cap);

/* --- BER encoder ---------------------------------------------------------------------------- */

#define TL_W_DEPTH 64

/* A forward writer with nested constructions; lengths are minimal definite ones. */
struct tl_w {
	uint8_t *buf;
	size_t cap;
	size_t len;
	size_t open[TL_W_DEPTH]; /* offset of each open construction's length octet */
	int depth;
};

void tl_w_init(struct tl_w *w, uint8_t *buf, size_t cap);
void tl_w_raw(struct tl_w *w, const void *p, size_t n);
void tl_w_tlv(struct tl_w *w, uint8_t tag, const void *p, size_t n);
void tl_w_int(struct tl_w *w, uint8_t tag, int64_t v);   /* minimal two's complement */
void tl_w_uint(struct tl_w *w, uint8_t tag, uint64_t v); /* minimal, leading 0 if needed */
void tl_w_oid(struct tl_w *w, const char *text);
void tl_w_str(struct tl_w *w, const char *s);            /* OCTET STRING */
void tl_w_begin(struct tl_w *w, uint8_t tag);
void tl_w_end(struct tl_w *w);

/* A varbind for the message builders; value is the complete value TLV (tag included). */
struct tl_vb {
	const char *oid;
	const uint8_t *val;
	size_t val_len;
};

/* Value TLVs for struct tl_vb (static storage, rotating over 64 slots: use them right away). */
const uint8_t *tl_v_int(int64_t v, size_t *len);
const uint8_t *tl_v_ticks(uint32_t v, size_t *len);
const uint8_t *tl_v_oid(const char *text, size_t *len);
const uint8_t *tl_v_str(const char *s, size_t *len);

/* Builds "SEQUENCE { version, community, pdu_tag { request-id, 0, 0, varbinds } }" into a fresh
 * exact-size heap buffer. */
uint8_t *tl_msg_v2(long version, const char *community, uint8_t pdu_tag, int32_t request_id,
                   const struct tl_vb *vbs, size_t n, size_t *len);

/* Builds a v1 Trap-PDU message into a fresh exact-size heap buffer. */
uint8_t *tl_msg_v1(const char *community, const char *enterprise, const uint8_t agent[4],
                   int64_t generic, int64_t specific, uint32_t ts, const struct tl_vb *vbs,
                   size_t n, size_t *len);

/* The usual two v2 header varbinds: sysUpTime.0 = ticks, snmpTrapOID.0 = trap_oid. */
void tl_v2_header(struct tl_vb vbs[2], uint32_t ticks, const char *trap_oid);

/* --- receiver helpers ----------------------------------------------------------------------- */

/* An IPv4 or IPv6 source address (text form); fails the test on bad text. */
struct tt_addr tl_addr(const char *text, uint16_t port);

/* Applies configuration lines (NULL-terminated list) to a freshly initialised conf; each must
 * return TT_OK. */
void tl_conf(struct tt_conf *c, ...);

/* Allocates an initialised receiver (struct tt_rx can be large); free with free(). */
struct tt_rx *tl_rx_new(const struct tt_conf *conf);

/* Copies len octets at msg into an exact-size heap buffer (so that ASan catches a read past
 * the datagram) and runs tt_rx_input on it. The copy stays alive until the next tl_input call,
 * so the notification's slices stay readable as long as the result is valid. */
const struct tt_rx_result *tl_input(struct tt_rx *rx, const uint8_t *msg, size_t len,
                                    const struct tt_addr *from, uint64_t now_ms);

#endif /* TESTLIB_H */
