/*
 * testlib.c - helpers shared by the unit tests (see testlib.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <arpa/inet.h>

#include "testlib.h"

/* --- hex ------------------------------------------------------------------------------------ */

static int hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long tl_hex_decode(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex; hex++) {
		int d;
		if (isspace((unsigned char)*hex))
			continue;
		d = hexdigit((unsigned char)*hex);
		if (d < 0)
			return -1;
		if (hi < 0) {
			hi = d;
			continue;
		}
		if (n >= cap)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | d);
		hi = -1;
	}
	return hi < 0 ? (long)n : -1;
}

uint8_t *tl_dup(const uint8_t *p, size_t len)
{
	uint8_t *b = malloc(len ? len : 1);
	if (!b)
		fail_msg("out of memory");
	if (len)
		memcpy(b, p, len);
	return b;
}

uint8_t *tl_hex_alloc(const char *hex, size_t *len)
{
	size_t cap = strlen(hex) / 2 + 1;
	uint8_t *tmp = malloc(cap), *b;
	long n;

	if (!tmp)
		fail_msg("out of memory");
	n = tl_hex_decode(hex, tmp, cap);
	if (n < 0) {
		free(tmp);
		fail_msg("bad hex: %.40s", hex);
	}
	b = tl_dup(tmp, (size_t)n);
	free(tmp);
	*len = (size_t)n;
	return b;
}

/* --- vector files --------------------------------------------------------------------------- */

static char *read_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	long size;
	char *s;

	if (!fp)
		fail_msg("cannot open %s (run from the repository root)", path);
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	s = malloc((size_t)size + 1);
	if (!s || fread(s, 1, (size_t)size, fp) != (size_t)size)
		fail_msg("cannot read %s", path);
	s[size] = '\0';
	fclose(fp);
	return s;
}

static void *grow(void *p, size_t n, size_t size)
{
	void *q = realloc(p, n * size);
	if (!q)
		fail_msg("out of memory");
	return q;
}

void tl_file_load(struct tl_file *f, const char *path)
{
	char *line, *next;
	struct tl_block *cur = NULL;
	size_t i;

	memset(f, 0, sizeof *f);
	f->text = read_file(path);
	for (line = f->text; line && *line; line = next) {
		char *end, *colon;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		end = line + strlen(line);
		while (end > line && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (line[0] == '[' && end[-1] == ']') {
			end[-1] = '\0';
			f->blocks = grow(f->blocks, f->n_blocks + 1, sizeof *f->blocks);
			cur = &f->blocks[f->n_blocks++];
			memset(cur, 0, sizeof *cur);
			cur->name = line + 1;
			continue;
		}
		colon = strchr(line, ':');
		if (!cur || !colon)
			continue; /* free text before the first block */
		*colon = '\0';
		colon++;
		while (*colon == ' ' || *colon == '\t')
			colon++;
		cur->kv = grow(cur->kv, cur->n_kv + 1, sizeof *cur->kv);
		cur->kv[cur->n_kv].key = line;
		cur->kv[cur->n_kv].val = colon;
		cur->n_kv++;
	}
	for (i = 0; i < f->n_blocks; i++) {
		struct tl_block *b = &f->blocks[i];
		const char *hex = tl_block_get(b, "message");
		const char *length = tl_block_get(b, "length");
		if (!hex)
			continue;
		b->msg = tl_hex_alloc(hex, &b->msg_len);
		if (length && strtoul(length, NULL, 10) != b->msg_len)
			fail_msg("%s [%s]: length %s but message has %zu octets", path, b->name, length,
			         b->msg_len);
	}
}

void tl_file_free(struct tl_file *f)
{
	size_t i;
	for (i = 0; i < f->n_blocks; i++) {
		free(f->blocks[i].kv);
		free(f->blocks[i].msg);
	}
	free(f->blocks);
	free(f->text);
	memset(f, 0, sizeof *f);
}

const struct tl_block *tl_file_find(const struct tl_file *f, const char *name)
{
	size_t i;
	for (i = 0; i < f->n_blocks; i++)
		if (strcmp(f->blocks[i].name, name) == 0)
			return &f->blocks[i];
	return NULL;
}

const char *tl_block_get(const struct tl_block *b, const char *key)
{
	size_t i;
	for (i = 0; i < b->n_kv; i++)
		if (strcmp(b->kv[i].key, key) == 0)
			return b->kv[i].val;
	return NULL;
}

size_t tl_block_get_all(const struct tl_block *b, const char *key, const char **out, size_t max)
{
	size_t i, n = 0;
	for (i = 0; i < b->n_kv && n < max; i++)
		if (strcmp(b->kv[i].key, key) == 0)
			out[n++] = b->kv[i].val;
	return n;
}

int tl_field(const char *text, const char *name, char *out, size_t cap)
{
	size_t nl = strlen(name);
	const char *p = text;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == text || p[-1] == ' ') && p[nl] == '=') {
			size_t n = 0;
			p += nl + 1;
			while (p[n] && p[n] != ' ' && n + 1 < cap) {
				out[n] = p[n];
				n++;
			}
			out[n] = '\0';
			return 1;
		}
		p += nl;
	}
	return 0;
}

uint8_t *tl_vector(const char *path, const char *name, size_t *len)
{
	struct tl_file f;
	const struct tl_block *b;
	uint8_t *msg;

	tl_file_load(&f, path);
	b = tl_file_find(&f, name);
	if (!b || !b->msg)
		fail_msg("%s: no block [%s] with a message", path, name);
	msg = tl_dup(b->msg, b->msg_len);
	*len = b->msg_len;
	tl_file_free(&f);
	return msg;
}

/* --- OIDs ----------------------------------------------------------------------------------- */

static size_t put_arc(uint8_t *out, size_t cap, size_t n, uint64_t v)
{
	uint8_t tmp[10];
	int k = 0;
	do {
		tmp[k++] = (uint8_t)(v & 0x7f);
		v >>= 7;
	} while (v);
	if (n + (size_t)k > cap)
		fail_msg("OID does not fit in %zu octets", cap);
	while (k > 1)
		out[n++] = (uint8_t)(tmp[--k] | 0x80);
	out[n++] = tmp[0];
	return n;
}

size_t tl_oid(const char *text, uint8_t *out, size_t cap)
{
	uint64_t arcs[300];
	size_t n = 0, i, len = 0;
	const char *p = text;

	if (*p == '.')
		p++;
	while (*p) {
		char *end;
		if (!isdigit((unsigned char)*p) || n >= 300)
			fail_msg("bad OID text '%s'", text);
		arcs[n++] = strtoull(p, &end, 10);
		p = end;
		if (*p == '.')
			p++;
		else if (*p)
			fail_msg("bad OID text '%s'", text);
	}
	if (n < 2)
		fail_msg("OID '%s' needs two arcs", text);
	len = put_arc(out, cap, 0, arcs[0] * 40 + arcs[1]);
	for (i = 2; i < n; i++)
		len = put_arc(out, cap, len, arcs[i]);
	return len;
}

char *tl_oid_str(const uint8_t *oid, size_t len, char *out, size_t cap)
{
	size_t i = 0, n = 0;
	int first = 1;

	out[0] = '\0';
	while (i < len) {
		uint64_t v = 0;
		int k = 0;
		do {
			if (i >= len || k++ > 9) {
				snprintf(out, cap, "?");
				return out;
			}
			v = v << 7 | (oid[i] & 0x7f);
		} while (oid[i++] & 0x80);
		if (first) {
			uint64_t x = v < 40 ? 0 : v < 80 ? 1 : 2;
			n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%llu.%llu",
			                      (unsigned long long)x, (unsigned long long)(v - 40 * x));
			first = 0;
		} else {
			n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, ".%llu",
			                      (unsigned long long)v);
		}
	}
	return out;
}

/* --- BER encoder ---------------------------------------------------------------------------- */

void tl_w_init(struct tl_w *w, uint8_t *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->depth = 0;
}

void tl_w_raw(struct tl_w *w, const void *p, size_t n)
{
	if (w->len + n > w->cap)
		fail_msg("test message buffer too small (%zu)", w->cap);
	if (n)
		memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void put_len(struct tl_w *w, size_t n)
{
	uint8_t h[5];
	int k = 0, i;
	if (n < 0x80) {
		h[k++] = (uint8_t)n;
	} else {
		uint8_t t[4];
		int m = 0;
		while (n) {
			t[m++] = (uint8_t)n;
			n >>= 8;
		}
		h[k++] = (uint8_t)(0x80 | m);
		for (i = m - 1; i >= 0; i--)
			h[k++] = t[i];
	}
	tl_w_raw(w, h, (size_t)k);
}

void tl_w_tlv(struct tl_w *w, uint8_t tag, const void *p, size_t n)
{
	tl_w_raw(w, &tag, 1);
	put_len(w, n);
	tl_w_raw(w, p, n);
}

void tl_w_int(struct tl_w *w, uint8_t tag, int64_t v)
{
	uint8_t b[8];
	int i, n = 8;
	for (i = 0; i < 8; i++)
		b[i] = (uint8_t)((uint64_t)v >> (56 - 8 * i));
	while (n > 1 && ((b[8 - n] == 0 && !(b[9 - n] & 0x80)) ||
	                 (b[8 - n] == 0xff && (b[9 - n] & 0x80))))
		n--;
	tl_w_tlv(w, tag, b + 8 - n, (size_t)n);
}

void tl_w_uint(struct tl_w *w, uint8_t tag, uint64_t v)
{
	uint8_t b[9];
	int i, n = 9;
	b[0] = 0;
	for (i = 1; i < 9; i++)
		b[i] = (uint8_t)(v >> (64 - 8 * i));
	while (n > 1 && b[9 - n] == 0 && !(b[10 - n] & 0x80))
		n--;
	tl_w_tlv(w, tag, b + 9 - n, (size_t)n);
}

void tl_w_oid(struct tl_w *w, const char *text)
{
	uint8_t o[1400];
	tl_w_tlv(w, TT_TAG_OID, o, tl_oid(text, o, sizeof o));
}

void tl_w_str(struct tl_w *w, const char *s)
{
	tl_w_tlv(w, TT_TAG_OCTET_STRING, s, strlen(s));
}

void tl_w_begin(struct tl_w *w, uint8_t tag)
{
	if (w->depth >= TL_W_DEPTH)
		fail_msg("tl_w nesting too deep");
	tl_w_raw(w, &tag, 1);
	w->open[w->depth++] = w->len;
	tl_w_raw(w, "", 1); /* placeholder for a short length */
}

void tl_w_end(struct tl_w *w)
{
	size_t at, content, extra = 0, n;
	if (w->depth == 0)
		fail_msg("tl_w_end without tl_w_begin");
	at = w->open[--w->depth];
	content = w->len - at - 1;
	if (content < 0x80) {
		w->buf[at] = (uint8_t)content;
		return;
	}
	for (n = content; n; n >>= 8)
		extra++;
	/* long form: 0x80|extra then extra length octets; shift the contents */
	if (w->len + extra > w->cap)
		fail_msg("test message buffer too small (%zu)", w->cap);
	memmove(w->buf + at + 1 + extra, w->buf + at + 1, content);
	w->buf[at] = (uint8_t)(0x80 | extra);
	for (n = 0; n < extra; n++)
		w->buf[at + 1 + n] = (uint8_t)(content >> (8 * (extra - 1 - n)));
	w->len += extra;
}

#define VSLOTS 64
static uint8_t vslot[VSLOTS][1500];
static unsigned vnext;

static const uint8_t *vfinish(struct tl_w *w, size_t *len)
{
	*len = w->len;
	return w->buf;
}

static struct tl_w *vstart(struct tl_w *w)
{
	tl_w_init(w, vslot[vnext++ % VSLOTS], sizeof vslot[0]);
	return w;
}

const uint8_t *tl_v_int(int64_t v, size_t *len)
{
	struct tl_w w;
	tl_w_int(vstart(&w), TT_TAG_INTEGER, v);
	return vfinish(&w, len);
}

const uint8_t *tl_v_ticks(uint32_t v, size_t *len)
{
	struct tl_w w;
	tl_w_uint(vstart(&w), TT_TAG_TIMETICKS, v);
	return vfinish(&w, len);
}

const uint8_t *tl_v_oid(const char *text, size_t *len)
{
	struct tl_w w;
	tl_w_oid(vstart(&w), text);
	return vfinish(&w, len);
}

const uint8_t *tl_v_str(const char *s, size_t *len)
{
	struct tl_w w;
	tl_w_str(vstart(&w), s);
	return vfinish(&w, len);
}

static void put_varbinds(struct tl_w *w, const struct tl_vb *vbs, size_t n)
{
	size_t i;
	tl_w_begin(w, TT_TAG_SEQUENCE);
	for (i = 0; i < n; i++) {
		tl_w_begin(w, TT_TAG_SEQUENCE);
		tl_w_oid(w, vbs[i].oid);
		tl_w_raw(w, vbs[i].val, vbs[i].val_len);
		tl_w_end(w);
	}
	tl_w_end(w);
}

static uint8_t *finish_msg(struct tl_w *w, size_t *len)
{
	if (w->depth)
		fail_msg("unbalanced test message");
	*len = w->len;
	return tl_dup(w->buf, w->len);
}

uint8_t *tl_msg_v2(long version, const char *community, uint8_t pdu_tag, int32_t request_id,
                   const struct tl_vb *vbs, size_t n, size_t *len)
{
	static uint8_t buf[70000];
	struct tl_w w;

	tl_w_init(&w, buf, sizeof buf);
	tl_w_begin(&w, TT_TAG_SEQUENCE);
	tl_w_int(&w, TT_TAG_INTEGER, version);
	tl_w_str(&w, community);
	tl_w_begin(&w, pdu_tag);
	tl_w_int(&w, TT_TAG_INTEGER, request_id);
	tl_w_int(&w, TT_TAG_INTEGER, 0);
	tl_w_int(&w, TT_TAG_INTEGER, 0);
	put_varbinds(&w, vbs, n);
	tl_w_end(&w);
	tl_w_end(&w);
	return finish_msg(&w, len);
}

uint8_t *tl_msg_v1(const char *community, const char *enterprise, const uint8_t agent[4],
                   int64_t generic, int64_t specific, uint32_t ts, const struct tl_vb *vbs,
                   size_t n, size_t *len)
{
	static uint8_t buf[70000];
	struct tl_w w;

	tl_w_init(&w, buf, sizeof buf);
	tl_w_begin(&w, TT_TAG_SEQUENCE);
	tl_w_int(&w, TT_TAG_INTEGER, 0);
	tl_w_str(&w, community);
	tl_w_begin(&w, TT_PDU_TRAP_V1);
	tl_w_oid(&w, enterprise);
	tl_w_tlv(&w, TT_TAG_IPADDRESS, agent, 4);
	tl_w_int(&w, TT_TAG_INTEGER, generic);
	tl_w_int(&w, TT_TAG_INTEGER, specific);
	tl_w_uint(&w, TT_TAG_TIMETICKS, ts);
	put_varbinds(&w, vbs, n);
	tl_w_end(&w);
	tl_w_end(&w);
	return finish_msg(&w, len);
}

void tl_v2_header(struct tl_vb vbs[2], uint32_t ticks, const char *trap_oid)
{
	vbs[0].oid = "1.3.6.1.2.1.1.3.0";
	vbs[0].val = tl_v_ticks(ticks, &vbs[0].val_len);
	vbs[1].oid = "1.3.6.1.6.3.1.1.4.1.0";
	vbs[1].val = tl_v_oid(trap_oid, &vbs[1].val_len);
}

/* --- receiver helpers ----------------------------------------------------------------------- */

struct tt_addr tl_addr(const char *text, uint16_t port)
{
	struct tt_addr a;
	memset(&a, 0, sizeof a);
	a.port = port;
	if (inet_pton(AF_INET, text, a.ip) == 1)
		a.family = TT_AF_INET4;
	else if (inet_pton(AF_INET6, text, a.ip) == 1)
		a.family = TT_AF_INET6;
	else
		fail_msg("bad address '%s'", text);
	return a;
}

void tl_conf(struct tt_conf *c, ...)
{
	va_list ap;
	const char *line;
	char err[200];

	tt_conf_init(c);
	va_start(ap, c);
	while ((line = va_arg(ap, const char *)) != NULL) {
		int rc = tt_conf_line(c, line, strlen(line), err, sizeof err);
		if (rc != TT_OK)
			fail_msg("config line '%s': %d %s", line, rc, err);
	}
	va_end(ap);
}

struct tt_rx *tl_rx_new(const struct tt_conf *conf)
{
	struct tt_rx *rx = malloc(sizeof *rx);
	if (!rx)
		fail_msg("out of memory");
	memset(rx, 0xa5, sizeof *rx); /* tt_rx_init must set everything it needs */
	tt_rx_init(rx, conf);
	return rx;
}

static uint8_t *kept;

const struct tt_rx_result *tl_input(struct tt_rx *rx, const uint8_t *msg, size_t len,
                                    const struct tt_addr *from, uint64_t now_ms)
{
	free(kept);
	kept = tl_dup(msg, len);
	return tt_rx_input(rx, kept, len, from, now_ms);
}
