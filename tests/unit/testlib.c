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

long tl_hex_decode(const char *hex, uint8_t *out, size_t cap)
{
	return tt_hex_decode(hex, strlen(hex), out, cap);
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

int tl_conf_line(struct tt_conf *c, const char *text, char *err, size_t errcap)
{
	size_t n = strlen(text);
	char *h = (char *)tl_dup((const uint8_t *)text, n);
	int rc;

	memset(err, 'Z', errcap);
	rc = tt_conf_line(c, h, n, err, errcap);
	free(h);
	if (!memchr(err, '\0', errcap))
		fail_msg("config line '%s': error text not NUL-terminated", text);
	return rc;
}

void tl_rejects_(int line, struct tt_conf *c, const char *text, int rc, const char *part)
{
	static struct tt_conf before;
	char err[256];
	int got;

	before = *c;
	got = tl_conf_line(c, text, err, sizeof err);
	if (got != rc)
		fail_msg("line %d: '%s' gave %d (%s), expected %d", line, text, got, err, rc);
	if (part && !strstr(err, part))
		fail_msg("line %d: '%s': error '%s' lacks '%s'", line, text, err, part);
	if (memcmp(&before, c, sizeof *c) != 0)
		fail_msg("line %d: '%s' failed but changed the configuration", line, text);
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

/* --- SNMPv3 --------------------------------------------------------------------------------- */

#include "tt_crypto.h"
#include "tt_usm_keys.h"

/* Password-to-key results already computed: (protocol, password) -> Ku. */
#define KU_CACHE 128
static struct {
	enum tt_auth_proto p;
	char pw[80];
	uint8_t ku[TT_HASH_MAX_LEN];
} ku_cache[KU_CACHE];
static size_t ku_n;

static const uint8_t *ku_of(enum tt_auth_proto p, const char *pw)
{
	size_t i;
	for (i = 0; i < ku_n; i++)
		if (ku_cache[i].p == p && strcmp(ku_cache[i].pw, pw) == 0)
			return ku_cache[i].ku;
	if (strlen(pw) >= sizeof ku_cache[0].pw)
		fail_msg("test password too long");
	i = ku_n < KU_CACHE ? ku_n++ : (size_t)(p * 7 + strlen(pw)) % KU_CACHE;
	if (tt_usm_password_to_key(p, (const uint8_t *)pw, strlen(pw), ku_cache[i].ku) < 0)
		fail_msg("password-to-key failed for '%s'", pw);
	ku_cache[i].p = p;
	strcpy(ku_cache[i].pw, pw);
	return ku_cache[i].ku;
}

void tl_usm_keys(struct tl_usm_keys *k, enum tt_auth_proto auth, const char *auth_pass,
                 enum tt_priv_proto priv, const char *priv_pass, const uint8_t *engine,
                 size_t engine_len)
{
	uint8_t kul[TT_HASH_MAX_LEN];

	memset(k, 0, sizeof *k);
	k->auth = auth;
	k->priv = priv_pass ? priv : TT_PRIV_NONE;
	if (auth == TT_AUTH_NONE)
		return;
	if (tt_usm_localize_key(auth, ku_of(auth, auth_pass), engine, engine_len, k->auth_key) < 0)
		fail_msg("key localization failed");
	if (k->priv == TT_PRIV_NONE)
		return;
	if (tt_usm_localize_key(auth, ku_of(auth, priv_pass), engine, engine_len, kul) < 0 ||
	    tt_usm_priv_key_from_kul(auth, priv, kul, engine, engine_len, k->priv_key) < 0)
		fail_msg("privacy key derivation failed");
}

void tl_v3_init(struct tl_v3 *m)
{
	memset(m, 0, sizeof *m);
	m->version = 3;
	m->msg_id = 1;
	m->max_size = 65507;
	m->model = 3;
	m->mac_len = -1;
	m->salt_len = -1;
	m->ctx_name = "";
	m->pdu_tag = TT_PDU_TRAP_V2;
	m->request_id = 1;
}

void tl_v3_user(struct tl_v3 *m, const char *user)
{
	m->user = (const uint8_t *)user;
	m->user_len = strlen(user);
}

void tl_r_init(struct tl_r *r, const uint8_t *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->pos = 0;
}

int tl_r_next(struct tl_r *r, struct tl_tlv *t)
{
	size_t n, i = r->pos, len;
	if (i + 2 > r->len)
		return -1;
	t->tag = r->p[i];
	t->start = r->p + i;
	if ((t->tag & 0x1f) == 0x1f)
		return -1;
	n = r->p[i + 1];
	i += 2;
	if (n & 0x80) {
		size_t k = n & 0x7f;
		if (k == 0 || k > 4 || i + k > r->len)
			return -1;
		for (len = 0; k; k--)
			len = len << 8 | r->p[i++];
	} else {
		len = n;
	}
	if (len > r->len - i)
		return -1;
	t->val = r->p + i;
	t->len = len;
	r->pos = i + len;
	return 0;
}

void tl_r_expect(struct tl_r *r, uint8_t tag, struct tl_tlv *t)
{
	size_t at = r->pos;
	if (tl_r_next(r, t) < 0)
		fail_msg("no TLV at offset %zu", at);
	if (t->tag != tag)
		fail_msg("tag 0x%02x at offset %zu, expected 0x%02x", t->tag, at, tag);
}

void tl_r_enter(struct tl_r *r, uint8_t tag, struct tl_r *inner)
{
	struct tl_tlv t;
	tl_r_expect(r, tag, &t);
	tl_r_init(inner, t.val, t.len);
}

int64_t tl_tlv_int(const struct tl_tlv *t)
{
	uint64_t v;
	size_t i;
	if (t->len < 1 || t->len > 8)
		fail_msg("INTEGER of %zu octets", t->len);
	v = (t->val[0] & 0x80) ? UINT64_MAX : 0;
	for (i = 0; i < t->len; i++)
		v = v << 8 | t->val[i];
	return (int64_t)v;
}

uint64_t tl_tlv_uint(const struct tl_tlv *t)
{
	uint64_t v = 0;
	size_t i;
	if (t->len < 1 || t->len > 9 || (t->len == 9 && t->val[0] != 0))
		fail_msg("unsigned value of %zu octets", t->len);
	for (i = 0; i < t->len; i++)
		v = v << 8 | t->val[i];
	return v;
}

static int is_des(enum tt_priv_proto p)
{
	return p == TT_PRIV_DES || p == TT_PRIV_3DES;
}

uint8_t *tl_msg_v3(const struct tl_v3 *m, size_t *len)
{
	static uint8_t sbuf[70000], buf[70100];
	static uint32_t salt_counter;
	uint8_t salt[16], zeros[128], digest[TT_HASH_MAX_LEN];
	const struct tl_usm_keys *k = m->keys;
	struct tl_w w;
	struct tl_r r, msg, usm;
	struct tl_tlv t;
	size_t slen, mac_len, salt_len, mac_off;
	int encrypt = (m->flags & TL_V3_PRIV) && k && k->priv != TT_PRIV_NONE;

	/* ScopedPDU ::= SEQUENCE { contextEngineID, contextName, data } */
	tl_w_init(&w, sbuf, sizeof sbuf - 8);
	if (m->scoped) {
		tl_w_raw(&w, m->scoped, m->scoped_len);
	} else {
		tl_w_begin(&w, TT_TAG_SEQUENCE);
		if (m->ctx_engine)
			tl_w_tlv(&w, TT_TAG_OCTET_STRING, m->ctx_engine, m->ctx_engine_len);
		else
			tl_w_tlv(&w, TT_TAG_OCTET_STRING, m->engine, m->engine_len);
		tl_w_str(&w, m->ctx_name);
		if (m->pdu) {
			tl_w_raw(&w, m->pdu, m->pdu_len);
		} else {
			tl_w_begin(&w, m->pdu_tag);
			tl_w_int(&w, TT_TAG_INTEGER, m->request_id);
			tl_w_int(&w, TT_TAG_INTEGER, 0);
			tl_w_int(&w, TT_TAG_INTEGER, 0);
			put_varbinds(&w, m->vbs, m->n_vbs);
			tl_w_end(&w);
		}
		tl_w_end(&w);
	}
	slen = w.len;

	salt_len = m->salt_len >= 0 ? (size_t)m->salt_len : (m->flags & TL_V3_PRIV) ? 8 : 0;
	if (salt_len > sizeof salt)
		fail_msg("salt longer than %zu octets", sizeof salt);
	if (m->salt) {
		memcpy(salt, m->salt, salt_len);
	} else {
		salt_counter++;
		memset(salt, 0, sizeof salt);
		salt[0] = 0x5a;
		salt[4] = (uint8_t)(salt_counter >> 24);
		salt[5] = (uint8_t)(salt_counter >> 16);
		salt[6] = (uint8_t)(salt_counter >> 8);
		salt[7] = (uint8_t)salt_counter;
	}
	if (encrypt) {
		if (is_des(k->priv)) {
			size_t pad = (8 - slen % 8) % 8;
			memset(sbuf + slen, (int)pad, pad);
			slen += pad;
		}
		if (salt_len != 8)
			fail_msg("encryption needs an 8-octet salt");
		if (tt_usm_encrypt(k->priv, k->priv_key, (uint32_t)m->boots, (uint32_t)m->time, salt,
		                   sbuf, slen) < 0)
			fail_msg("encryption failed");
	}

	mac_len = m->mac_len >= 0 ? (size_t)m->mac_len
	          : (m->flags & TL_V3_AUTH) && k ? tt_auth_mac_len(k->auth) : 0;
	if ((m->flags & TL_V3_AUTH) && !k && m->mac_len < 0)
		mac_len = 12;
	if (mac_len > sizeof zeros)
		fail_msg("MAC too long for the test builder");
	memset(zeros, 0, sizeof zeros);

	tl_w_init(&w, buf, sizeof buf);
	tl_w_begin(&w, TT_TAG_SEQUENCE);
	tl_w_int(&w, TT_TAG_INTEGER, m->version);
	tl_w_begin(&w, TT_TAG_SEQUENCE); /* HeaderData */
	tl_w_int(&w, TT_TAG_INTEGER, m->msg_id);
	tl_w_int(&w, TT_TAG_INTEGER, m->max_size);
	tl_w_tlv(&w, TT_TAG_OCTET_STRING, &m->flags, 1);
	tl_w_int(&w, TT_TAG_INTEGER, m->model);
	tl_w_end(&w);
	tl_w_begin(&w, TT_TAG_OCTET_STRING); /* msgSecurityParameters */
	tl_w_begin(&w, TT_TAG_SEQUENCE);
	tl_w_tlv(&w, TT_TAG_OCTET_STRING, m->engine, m->engine_len);
	tl_w_int(&w, TT_TAG_INTEGER, m->boots);
	tl_w_int(&w, TT_TAG_INTEGER, m->time);
	tl_w_tlv(&w, TT_TAG_OCTET_STRING, m->user, m->user_len);
	tl_w_tlv(&w, TT_TAG_OCTET_STRING, zeros, mac_len);
	tl_w_tlv(&w, TT_TAG_OCTET_STRING, salt, salt_len);
	tl_w_end(&w);
	tl_w_end(&w);
	if (m->flags & TL_V3_PRIV)
		tl_w_tlv(&w, TT_TAG_OCTET_STRING, sbuf, slen);
	else
		tl_w_raw(&w, sbuf, slen);
	tl_w_end(&w);
	if (w.depth)
		fail_msg("unbalanced test message");

	/* where the MAC went: the lengths were settled by tl_w_end */
	tl_r_init(&r, buf, w.len);
	tl_r_enter(&r, TT_TAG_SEQUENCE, &msg);
	tl_r_expect(&msg, TT_TAG_INTEGER, &t);
	tl_r_expect(&msg, TT_TAG_SEQUENCE, &t);
	tl_r_enter(&msg, TT_TAG_OCTET_STRING, &r);
	tl_r_enter(&r, TT_TAG_SEQUENCE, &usm);
	tl_r_expect(&usm, TT_TAG_OCTET_STRING, &t);
	tl_r_expect(&usm, TT_TAG_INTEGER, &t);
	tl_r_expect(&usm, TT_TAG_INTEGER, &t);
	tl_r_expect(&usm, TT_TAG_OCTET_STRING, &t);
	tl_r_expect(&usm, TT_TAG_OCTET_STRING, &t);
	mac_off = (size_t)(t.val - buf);
	if ((m->flags & TL_V3_AUTH) && k && k->auth != TT_AUTH_NONE) {
		size_t hl = tt_auth_hash_len(k->auth);
		if (tt_hmac(k->auth, k->auth_key, hl, buf, w.len, digest) < 0)
			fail_msg("HMAC failed");
		memcpy(buf + mac_off, digest, mac_len < hl ? mac_len : hl);
	}
	if (m->bad_mac && mac_len)
		buf[mac_off + mac_len - 1] ^= 0x01;
	*len = w.len;
	return tl_dup(buf, w.len);
}

void tl_v3_decode(const uint8_t *msg, size_t len, const struct tl_usm_keys *keys,
                  struct tl_v3_msg *out)
{
	static uint8_t copies[2][70100];
	static unsigned next;
	uint8_t *c = copies[next++ % 2];
	struct tl_r r, m, hd, sp, usm, scoped, pdu, vbl;
	struct tl_tlv t, data;
	size_t i;

	if (len > sizeof copies[0])
		fail_msg("message too long to decode");
	memcpy(c, msg, len);
	memset(out, 0, sizeof *out);
	out->mac_ok = -1;
	tl_r_init(&r, c, len);
	tl_r_enter(&r, TT_TAG_SEQUENCE, &m);
	if (r.pos != len)
		fail_msg("octets after the message");
	tl_r_expect(&m, TT_TAG_INTEGER, &t);
	if (tl_tlv_int(&t) != 3)
		fail_msg("msgVersion %lld", (long long)tl_tlv_int(&t));
	tl_r_enter(&m, TT_TAG_SEQUENCE, &hd);
	tl_r_expect(&hd, TT_TAG_INTEGER, &t);
	out->msg_id = (int32_t)tl_tlv_int(&t);
	tl_r_expect(&hd, TT_TAG_INTEGER, &t);
	out->max_size = (int32_t)tl_tlv_int(&t);
	tl_r_expect(&hd, TT_TAG_OCTET_STRING, &t);
	if (t.len != 1)
		fail_msg("msgFlags of %zu octets", t.len);
	out->flags = t.val[0];
	tl_r_expect(&hd, TT_TAG_INTEGER, &t);
	out->model = (int32_t)tl_tlv_int(&t);
	tl_r_enter(&m, TT_TAG_OCTET_STRING, &sp);
	tl_r_enter(&sp, TT_TAG_SEQUENCE, &usm);
	tl_r_expect(&usm, TT_TAG_OCTET_STRING, &t);
	out->engine = t.val;
	out->engine_len = t.len;
	tl_r_expect(&usm, TT_TAG_INTEGER, &t);
	out->boots = (uint32_t)tl_tlv_int(&t);
	tl_r_expect(&usm, TT_TAG_INTEGER, &t);
	out->time = (uint32_t)tl_tlv_int(&t);
	tl_r_expect(&usm, TT_TAG_OCTET_STRING, &t);
	out->user = t.val;
	out->user_len = t.len;
	tl_r_expect(&usm, TT_TAG_OCTET_STRING, &t);
	out->mac_off = (size_t)(t.val - c);
	out->mac_len = t.len;
	tl_r_expect(&usm, TT_TAG_OCTET_STRING, &t);
	out->salt = t.val;
	out->salt_len = t.len;
	if (usm.pos != usm.len || sp.pos != sp.len)
		fail_msg("octets after the USM parameters");
	if (tl_r_next(&m, &data) < 0 || m.pos != m.len)
		fail_msg("bad msgData");

	if (keys && (out->flags & TL_V3_AUTH)) {
		uint8_t digest[TT_HASH_MAX_LEN], saved[TT_HASH_MAX_LEN];
		size_t hl = tt_auth_hash_len(keys->auth), ml = tt_auth_mac_len(keys->auth);
		out->mac_ok = 0;
		if (out->mac_len == ml) {
			memcpy(saved, c + out->mac_off, ml);
			memset(c + out->mac_off, 0, ml);
			if (tt_hmac(keys->auth, keys->auth_key, hl, c, len, digest) < 0)
				fail_msg("HMAC failed");
			memcpy(c + out->mac_off, saved, ml);
			out->mac_ok = memcmp(digest, saved, ml) == 0;
		}
	}
	if (out->flags & TL_V3_PRIV) {
		if (data.tag != TT_TAG_OCTET_STRING)
			fail_msg("encrypted msgData is not an OCTET STRING");
		if (!keys || keys->priv == TT_PRIV_NONE)
			return; /* nothing more can be read */
		if (out->salt_len != 8)
			fail_msg("msgPrivacyParameters of %zu octets", out->salt_len);
		if (tt_usm_decrypt(keys->priv, keys->priv_key, out->boots, out->time, out->salt,
		                   (uint8_t *)data.val, data.len) < 0)
			fail_msg("decryption failed");
		tl_r_init(&r, data.val, data.len);
		tl_r_enter(&r, TT_TAG_SEQUENCE, &scoped);
		/* DES/3DES padding may follow */
		if (!is_des(keys->priv) && r.pos != r.len)
			fail_msg("octets after the decrypted ScopedPDU");
		if (is_des(keys->priv) && (data.len % 8 || r.len - r.pos >= 8))
			fail_msg("bad DES padding");
		out->scoped = data.val;
		out->scoped_len = r.pos;
	} else {
		if (data.tag != TT_TAG_SEQUENCE)
			fail_msg("plaintext msgData is not a ScopedPDU");
		tl_r_init(&scoped, data.val, data.len);
		out->scoped = data.start;
		out->scoped_len = (size_t)(data.val + data.len - data.start);
	}
	tl_r_expect(&scoped, TT_TAG_OCTET_STRING, &t);
	out->ctx_engine = t.val;
	out->ctx_engine_len = t.len;
	tl_r_expect(&scoped, TT_TAG_OCTET_STRING, &t);
	out->ctx_name = t.val;
	out->ctx_name_len = t.len;
	if (tl_r_next(&scoped, &t) < 0 || scoped.pos != scoped.len)
		fail_msg("bad PDU in the ScopedPDU");
	out->pdu_tag = t.tag;
	if (t.tag == TT_PDU_TRAP_V1)
		return;
	tl_r_init(&pdu, t.val, t.len);
	tl_r_expect(&pdu, TT_TAG_INTEGER, &t);
	out->request_id = (int32_t)tl_tlv_int(&t);
	tl_r_expect(&pdu, TT_TAG_INTEGER, &t);
	out->error_status = (int32_t)tl_tlv_int(&t);
	tl_r_expect(&pdu, TT_TAG_INTEGER, &t);
	out->error_index = (int32_t)tl_tlv_int(&t);
	tl_r_expect(&pdu, TT_TAG_SEQUENCE, &t);
	if (pdu.pos != pdu.len)
		fail_msg("octets after the varbinds");
	out->vbl = t.start;
	out->vbl_len = (size_t)(t.val + t.len - t.start);
	tl_r_init(&vbl, t.val, t.len);
	for (i = 0; vbl.pos < vbl.len; i++) {
		struct tl_r vb;
		struct tl_tlv name, value;
		tl_r_enter(&vbl, TT_TAG_SEQUENCE, &vb);
		tl_r_expect(&vb, TT_TAG_OID, &name);
		if (tl_r_next(&vb, &value) < 0 || vb.pos != vb.len)
			fail_msg("bad varbind %zu", i);
		if (i < sizeof out->vb / sizeof out->vb[0]) {
			out->vb[i].name = name.val;
			out->vb[i].name_len = name.len;
			out->vb[i].value = value;
		}
	}
	out->n_vbs = i;
}

/* See testlib.h. */
void tl_check_vb(const struct tt_varbind *vb, const char *line)
{
	char oid[512], type[64], val[1024];
	const char *eq = strstr(line, " = "), *colon;
	size_t n;

	assert_non_null(eq);
	n = (size_t)(eq - line);
	assert_true(n < sizeof oid);
	memcpy(oid, line, n);
	oid[n] = '\0';
	colon = strstr(eq + 3, ": ");
	assert_non_null(colon);
	n = (size_t)(colon - (eq + 3));
	memcpy(type, eq + 3, n);
	type[n] = '\0';
	snprintf(val, sizeof val, "%s", colon + 2);

	assert_oid(vb->name, vb->name_len, oid);
	assert_int_equal(vb->flags & TT_VB_SYNTHESIZED, 0);
	if (strcmp(type, "INTEGER") == 0) {
		assert_int_equal(vb->type, TT_TAG_INTEGER);
		assert_true((int64_t)vb->num == strtoll(val, NULL, 10));
	} else if (strcmp(type, "TimeTicks") == 0 || strcmp(type, "Gauge32") == 0 ||
	           strcmp(type, "Counter32") == 0 || strcmp(type, "Counter64") == 0) {
		uint8_t tag = type[0] == 'T' ? TT_TAG_TIMETICKS : type[0] == 'G' ? TT_TAG_GAUGE32 :
		              strcmp(type, "Counter64") == 0 ? TT_TAG_COUNTER64 : TT_TAG_COUNTER32;
		assert_int_equal(vb->type, tag);
		assert_true(vb->num == strtoull(val, NULL, 10));
	} else if (strcmp(type, "OID") == 0) {
		assert_int_equal(vb->type, TT_TAG_OID);
		assert_oid(vb->value, vb->value_len, val);
	} else if (strcmp(type, "IpAddress") == 0) {
		char ip[32];
		assert_int_equal(vb->type, TT_TAG_IPADDRESS);
		assert_int_equal(vb->value_len, 4);
		snprintf(ip, sizeof ip, "%u.%u.%u.%u", vb->value[0], vb->value[1], vb->value[2],
		         vb->value[3]);
		assert_string_equal(ip, val);
	} else if (strcmp(type, "OCTET STRING") == 0) {
		assert_int_equal(vb->type, TT_TAG_OCTET_STRING);
		if (val[0] == '\'') {
			size_t l = strlen(val);
			assert_true(l >= 2 && val[l - 1] == '\'');
			assert_int_equal(vb->value_len, l - 2);
			assert_memory_equal(vb->value, val + 1, l - 2);
		} else {
			uint8_t b[512];
			long bl = tl_hex_decode(val, b, sizeof b);
			assert_true(bl >= 0);
			assert_int_equal(vb->value_len, bl);
			assert_memory_equal(vb->value, b, (size_t)bl);
		}
	} else {
		fail_msg("vector type '%s' not handled by the test", type);
	}
}

/* --- redundant sign-extension octets -------------------------------------------------------- */

/* 1 when the n octets at p are exactly one SEQUENCE TLV (msgSecurityParameters holds one). */
static int one_sequence(const uint8_t *p, size_t n)
{
	struct tl_r r;
	struct tl_tlv t;
	tl_r_init(&r, p, n);
	return n > 0 && p[0] == TT_TAG_SEQUENCE && tl_r_next(&r, &t) == 0 && r.pos == n;
}

static void pad_tlvs(struct tl_w *w, const uint8_t *p, size_t n, size_t k)
{
	struct tl_r r;
	struct tl_tlv t;
	size_t i;

	tl_r_init(&r, p, n);
	while (r.pos < r.len) {
		if (tl_r_next(&r, &t) < 0)
			fail_msg("tl_pad_ints: not BER at offset %zu", r.pos);
		if (t.tag == TT_TAG_SEQUENCE || (t.tag >= 0xa0 && t.tag <= 0xa8) ||
		    (t.tag == TT_TAG_OCTET_STRING && one_sequence(t.val, t.len))) {
			tl_w_begin(w, t.tag);
			pad_tlvs(w, t.val, t.len, k);
			tl_w_end(w);
		} else if (t.tag == TT_TAG_INTEGER || t.tag == TT_TAG_COUNTER32 ||
		           t.tag == TT_TAG_GAUGE32 || t.tag == TT_TAG_TIMETICKS ||
		           t.tag == TT_TAG_COUNTER64) {
			/* the sign of an INTEGER; the unsigned types are never negative */
			uint8_t pad = t.tag == TT_TAG_INTEGER && t.len && (t.val[0] & 0x80) ? 0xff : 0;
			tl_w_begin(w, t.tag);
			for (i = 0; i < k; i++)
				tl_w_raw(w, &pad, 1);
			tl_w_raw(w, t.val, t.len);
			tl_w_end(w);
		} else {
			tl_w_raw(w, t.start, (size_t)(t.val + t.len - t.start));
		}
	}
}

uint8_t *tl_pad_ints(const uint8_t *msg, size_t len, size_t k, size_t *out_len)
{
	size_t cap = len * (k + 3) + 64;
	uint8_t *buf = malloc(cap), *out;
	struct tl_w w;

	if (!buf)
		fail_msg("out of memory");
	tl_w_init(&w, buf, cap);
	pad_tlvs(&w, msg, len, k);
	if (w.depth)
		fail_msg("tl_pad_ints: unbalanced");
	*out_len = w.len;
	out = tl_dup(buf, w.len);
	free(buf);
	return out;
}
