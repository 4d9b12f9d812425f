/*
 * bench_inproc.c - CPU per notification inside one process: tt_rx_input alone, and
 * tt_rx_input + tt_render_default into a buffer, for the v1 trap, the v2c trap, the v2c inform
 * (whose tt_rx_input builds the Response; tt_rx_delivered is called as a port would) and the
 * SNMPv3 authPriv SHA + AES-128 trap of tests/vectors/packets-netsnmp.txt; then the SNMPv3 trap
 * against 1 and CONFIG_TT_MAX_USERS configured users, from one engine and from several.
 *
 *   bench_inproc [-n ITERATIONS] [-m V3_ITERATIONS] [-e ENGINES] [-c CASE] [-v] [VECTORS_FILE]
 *
 * Each case runs ITERATIONS times (default 2,000,000; the SNMPv3 cases V3_ITERATIONS, default
 * ITERATIONS / 10) in 3 rounds after a warm-up; the best round is reported (the machine is
 * shared, the minimum is the least disturbed). The inform's request-id is changed on every
 * iteration so that each one is a new inform (delivered, put in the de-duplication ring) rather
 * than a retransmission. -v prints each rendered alert once; -c runs only that case, e.g. under
 * perf.
 *
 * SNMPv3: tt_rx_input decrypts in place, so every iteration first copies the datagram into a
 * scratch buffer. The copy is timed alone in the same loop (copy_ns) and subtracted from
 * decode_ns and total_ns. now_ms stays constant: the trap was sent with engineBoots 1,
 * engineTime 12345, and the remote engine table accepts repeats of it within 150 s of our
 * clock. The cases:
 *   v3-sha-aes-trap   1 user, createUser -e 0x8000000001020304 (keys localized at
 *                     configuration), the captured trap
 *   v3-u1-wild        1 user without -e (a wildcard: keys localized per engine on first sight,
 *                     then cached), the trap re-keyed for V3_ENGINES engines, round robin
 *   v3-umax-exact     CONFIG_TT_MAX_USERS users, half of them with engine IDs, the matching
 *                     -e user last in the table; the captured trap
 *   v3-umax-wild      the same users; the wildcard one receives from V3_ENGINES engines
 *   v3-u8-exact, v3-u8-wild  the same with 8 users (when CONFIG_TT_MAX_USERS > 8)
 *   v3-thrash         contrast, not a target: 1 wildcard user, CONFIG_TT_KEY_CACHE + 1 engines
 *                     round robin, so that every packet misses the LRU cache and localizes
 *                     its keys again; now_ms advances 1 ms per packet (an LRU needs distinct
 *                     times) and a run is capped at 100,000 packets to stay inside the 150 s
 *                     time window
 * V3_ENGINES is -e, by default CONFIG_TT_KEY_CACHE / 2 (fewer than the cache holds; the
 * remote engine table should hold them too, else its evictions are measured). The re-keyed
 * traps are built here with Mbed TLS (password-to-key, localization, AES-CFB128,
 * HMAC-SHA-96), independently of the core; the derivation is first checked against the
 * captured MAC.
 *
 * Output: human-readable lines, plus one machine-readable line per case:
 *   RESULT case=v2c-trap decode_ns=95.1 total_ns=480.2 copy_ns=0.0 render_bytes=312
 *          reply_bytes=0 users=0 engines=0 key_localizations=0 packets=2000000
 * (one line), and "RESULT sizeof_tt_rx=N", "RESULT max_users=N key_cache=N".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <mbedtls/aes.h>
#include <mbedtls/md.h>
#include "tinytrap/tinytrap.h"

#define ROUNDS 3
#define PKT_CAP 2048
#define THRASH_MAX_ITERS 100000L

static volatile size_t sink;

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Reads the "message:" hex of block [name] of a vectors file into out; returns length or -1. */
static long load_block(const char *path, const char *name, uint8_t *out, size_t cap)
{
	char line[70000], hdr[128];
	FILE *f = fopen(path, "r");
	int in_block = 0;
	long n = -1;
	if (!f) {
		perror(path);
		return -1;
	}
	snprintf(hdr, sizeof hdr, "[%s]", name);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '[') {
			if (in_block)
				break;
			in_block = strcmp(line, hdr) == 0;
			continue;
		}
		if (in_block && strncmp(line, "message:", 8) == 0) {
			n = tt_hex_decode(line + 8, strlen(line + 8), out, cap);
			break;
		}
	}
	fclose(f);
	return n;
}

/* Skips a BER tag+length at *p (definite form); returns the content length or -1. */
static long ber_hdr(const uint8_t *d, size_t len, size_t *p)
{
	size_t i = *p;
	long l;
	if (i + 2 > len)
		return -1;
	i++; /* tag */
	if (d[i] < 0x80) {
		l = d[i++];
	} else {
		int k = d[i++] & 0x7f;
		if (k < 1 || k > 3 || i + (size_t)k > len)
			return -1;
		for (l = 0; k > 0; k--)
			l = l << 8 | d[i++];
	}
	if (i + (size_t)l > len)
		return -1;
	*p = i;
	return l;
}

/* Offset of the 4 content octets of the request-id of a v1/v2c message, or 0 when the
 * request-id is not a 4-octet INTEGER. */
static size_t request_id_offset(const uint8_t *d, size_t len)
{
	size_t p = 0;
	long l;
	if (ber_hdr(d, len, &p) < 0)                    /* Message SEQUENCE */
		return 0;
	if ((l = ber_hdr(d, len, &p)) < 0)              /* version */
		return 0;
	p += (size_t)l;
	if ((l = ber_hdr(d, len, &p)) < 0)              /* community */
		return 0;
	p += (size_t)l;
	if (ber_hdr(d, len, &p) < 0)                    /* PDU */
		return 0;
	if (p + 6 > len || d[p] != 0x02 || d[p + 1] != 4)
		return 0;
	return p + 2;
}

/* --- SNMPv3 traps re-keyed for other engines ---------------------------------------------- */

#define SHA1_LEN 20
#define MAC_LEN 12
#define P2K_OCTETS 1048576u

/* Where the USM fields of an SNMPv3 message are (offsets into the datagram). */
struct v3_layout {
	size_t engine_off, engine_len, mac_off, mac_len, salt_off, salt_len, data_off, data_len;
	uint32_t boots, time;
};

/* Reads the TLV at *p, which must have tag; returns its content length (*p at the content). */
static long ber_tag(const uint8_t *d, size_t len, size_t *p, uint8_t tag)
{
	if (*p >= len || d[*p] != tag)
		return -1;
	return ber_hdr(d, len, p);
}

static int ber_uint(const uint8_t *d, size_t len, size_t *p, uint32_t *v)
{
	long l = ber_tag(d, len, p, 0x02), i;
	if (l < 1 || l > 5)
		return -1;
	for (*v = 0, i = 0; i < l; i++)
		*v = *v << 8 | d[*p + (size_t)i];
	*p += (size_t)l;
	return 0;
}

static int v3_parse(const uint8_t *d, size_t len, struct v3_layout *o)
{
	size_t p = 0;
	uint32_t version;
	long l;
	if (ber_tag(d, len, &p, 0x30) < 0)                          /* Message */
		return -1;
	if (ber_uint(d, len, &p, &version) < 0 || version != 3)     /* msgVersion */
		return -1;
	if ((l = ber_tag(d, len, &p, 0x30)) < 0)                    /* msgGlobalData */
		return -1;
	p += (size_t)l;
	if (ber_tag(d, len, &p, 0x04) < 0 || ber_tag(d, len, &p, 0x30) < 0)
		return -1;                                          /* msgSecurityParameters */
	if ((l = ber_tag(d, len, &p, 0x04)) < 0)                    /* msgAuthoritativeEngineID */
		return -1;
	o->engine_off = p;
	o->engine_len = (size_t)l;
	p += (size_t)l;
	if (ber_uint(d, len, &p, &o->boots) < 0 || ber_uint(d, len, &p, &o->time) < 0)
		return -1;
	if ((l = ber_tag(d, len, &p, 0x04)) < 0)                    /* msgUserName */
		return -1;
	p += (size_t)l;
	if ((l = ber_tag(d, len, &p, 0x04)) < 0)                    /* msgAuthenticationParameters */
		return -1;
	o->mac_off = p;
	o->mac_len = (size_t)l;
	p += (size_t)l;
	if ((l = ber_tag(d, len, &p, 0x04)) < 0)                    /* msgPrivacyParameters */
		return -1;
	o->salt_off = p;
	o->salt_len = (size_t)l;
	p += (size_t)l;
	if ((l = ber_tag(d, len, &p, 0x04)) < 0)                    /* encryptedPDU */
		return -1;
	o->data_off = p;
	o->data_len = (size_t)l;
	return o->mac_len == MAC_LEN && o->salt_len == 8 && o->engine_len >= 5 &&
	       p + (size_t)l == len ? 0 : -1;
}

static void sha1_parts(const uint8_t *a, size_t al, const uint8_t *b, size_t bl, const uint8_t *c,
                       size_t cl, uint8_t *out)
{
	mbedtls_md_context_t ctx;
	mbedtls_md_init(&ctx);
	if (mbedtls_md_setup(&ctx, mbedtls_md_info_from_type(MBEDTLS_MD_SHA1), 0) != 0 ||
	    mbedtls_md_starts(&ctx) != 0 || mbedtls_md_update(&ctx, a, al) != 0 ||
	    mbedtls_md_update(&ctx, b, bl) != 0 || mbedtls_md_update(&ctx, c, cl) != 0 ||
	    mbedtls_md_finish(&ctx, out) != 0) {
		fprintf(stderr, "bench_inproc: SHA-1 failed\n");
		exit(1);
	}
	mbedtls_md_free(&ctx);
}

/* RFC 3414 A.2.2 password-to-key with SHA-1. */
static void sha1_p2k(const char *pw, uint8_t *ku)
{
	mbedtls_md_context_t ctx;
	uint8_t buf[64];
	size_t pl = strlen(pw), idx = 0, j;
	uint32_t count;

	mbedtls_md_init(&ctx);
	if (mbedtls_md_setup(&ctx, mbedtls_md_info_from_type(MBEDTLS_MD_SHA1), 0) != 0 ||
	    mbedtls_md_starts(&ctx) != 0) {
		fprintf(stderr, "bench_inproc: SHA-1 failed\n");
		exit(1);
	}
	for (count = 0; count < P2K_OCTETS; count += sizeof buf) {
		for (j = 0; j < sizeof buf; j++)
			buf[j] = (uint8_t)pw[idx++ % pl];
		mbedtls_md_update(&ctx, buf, sizeof buf);
	}
	mbedtls_md_finish(&ctx, ku);
	mbedtls_md_free(&ctx);
}

/* RFC 3414 §2.6 localization: Kul = SHA-1(Ku || engineID || Ku). */
static void sha1_localize(const uint8_t *ku, const uint8_t *engine, size_t engine_len, uint8_t *kul)
{
	sha1_parts(ku, SHA1_LEN, engine, engine_len, ku, SHA1_LEN, kul);
}

static void hmac_sha96(const uint8_t *key, const uint8_t *msg, size_t len, uint8_t *mac)
{
	uint8_t full[SHA1_LEN];
	if (mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA1), key, SHA1_LEN, msg, len,
	                    full) != 0) {
		fprintf(stderr, "bench_inproc: HMAC-SHA-1 failed\n");
		exit(1);
	}
	memcpy(mac, full, MAC_LEN);
}

/* RFC 3826 AES-128-CFB128, key = Kul[0..15], IV = boots || time || salt. */
static void aes_cfb(const uint8_t *kul, const struct v3_layout *l, const uint8_t *salt,
                    const uint8_t *in, uint8_t *out, int encrypt)
{
	mbedtls_aes_context aes;
	uint8_t iv[16];
	size_t iv_off = 0;
	int i;
	for (i = 0; i < 4; i++) {
		iv[i] = (uint8_t)(l->boots >> (24 - 8 * i));
		iv[4 + i] = (uint8_t)(l->time >> (24 - 8 * i));
	}
	memcpy(iv + 8, salt, 8);
	mbedtls_aes_init(&aes);
	if (mbedtls_aes_setkey_enc(&aes, kul, 128) != 0 ||
	    mbedtls_aes_crypt_cfb128(&aes, encrypt ? MBEDTLS_AES_ENCRYPT : MBEDTLS_AES_DECRYPT,
	                             l->data_len, &iv_off, iv, in, out) != 0) {
		fprintf(stderr, "bench_inproc: AES-CFB128 failed\n");
		exit(1);
	}
	mbedtls_aes_free(&aes);
}

/* Builds out[k], k < n, from the authPriv SHA/AES trap in: the same message from an engine
 * whose ID is in's with its last two octets replaced by first + k, encrypted and signed with
 * the keys of the passwords localized to that engine. Checks the derivation on in first. */
static void rekey(const uint8_t *in, size_t len, const char *auth_pw, const char *priv_pw,
                  int n, unsigned first, uint8_t (*out)[PKT_CAP])
{
	struct v3_layout l;
	uint8_t ku_a[SHA1_LEN], ku_p[SHA1_LEN], kul_a[SHA1_LEN], kul_p[SHA1_LEN], mac[MAC_LEN];
	uint8_t plain[PKT_CAP], tmp[PKT_CAP];
	int k;

	if (v3_parse(in, len, &l) < 0) {
		fprintf(stderr, "bench_inproc: cannot find the USM fields of the SNMPv3 trap\n");
		exit(1);
	}
	/* the original's MAC, with keys derived here */
	sha1_p2k(auth_pw, ku_a);
	sha1_p2k(priv_pw, ku_p);
	sha1_localize(ku_a, in + l.engine_off, l.engine_len, kul_a);
	memcpy(tmp, in, len);
	memset(tmp + l.mac_off, 0, MAC_LEN);
	hmac_sha96(kul_a, tmp, len, mac);
	if (memcmp(mac, in + l.mac_off, MAC_LEN) != 0) {
		fprintf(stderr, "bench_inproc: the MAC computed here does not match the captured one\n");
		exit(1);
	}
	sha1_localize(ku_p, in + l.engine_off, l.engine_len, kul_p);
	aes_cfb(kul_p, &l, in + l.salt_off, in + l.data_off, plain, 0);
	if (plain[0] != 0x30) {
		fprintf(stderr, "bench_inproc: the decrypted ScopedPDU is no SEQUENCE\n");
		exit(1);
	}
	for (k = 0; k < n; k++) {
		uint8_t *o = out[k];
		memcpy(o, in, len);
		o[l.engine_off + l.engine_len - 2] = (uint8_t)((first + (unsigned)k) >> 8);
		o[l.engine_off + l.engine_len - 1] = (uint8_t)(first + (unsigned)k);
		sha1_localize(ku_a, o + l.engine_off, l.engine_len, kul_a);
		sha1_localize(ku_p, o + l.engine_off, l.engine_len, kul_p);
		aes_cfb(kul_p, &l, o + l.salt_off, plain, o + l.data_off, 1);
		memset(o + l.mac_off, 0, MAC_LEN);
		hmac_sha96(kul_a, o, len, mac);
		memcpy(o + l.mac_off, mac, MAC_LEN);
	}
}

/* --- cases -------------------------------------------------------------------------------- */

enum conf_kind { CONF_COMMUNITY, CONF_V3_ONE, CONF_V3_ONE_WILD, CONF_V3_TABLE };

struct bcase {
	const char *name;
	const char *block;
	enum conf_kind conf;
	int table_users;   /* CONF_V3_TABLE: users to configure */
	int engines;       /* 0: the captured datagram; N: re-keyed for N engines, round robin */
	int v3;            /* copy into scratch before every tt_rx_input */
	int ticking;       /* now_ms advances 1 ms per packet */
	uint8_t (*dgram)[PKT_CAP]; /* n_pkts datagrams */
	int n_pkts;
	size_t len;
	size_t rid_off;    /* vary the request-id here (informs), 0 = never */
	int users;         /* users configured */
};

#define V3_BLOCK "v3-sha-aes-trap"
#define V3_ENGINE "0x8000000001020304"
#define V3_AUTH "shaaesauth1"
#define V3_PRIV "shaaespriv1"
#define V3_ENGINES (-1)     /* -e, default CONFIG_TT_KEY_CACHE / 2 */
#define THRASH_ENGINES (-2) /* CONFIG_TT_KEY_CACHE + 1 */

static struct bcase cases[] = {
	{"v2c-trap", "v2c-trap", CONF_COMMUNITY, 0, 0, 0, 0, NULL, 0, 0, 0, 0},
	{"v1-trap", "v1-trap", CONF_COMMUNITY, 0, 0, 0, 0, NULL, 0, 0, 0, 0},
	{"v2c-inform", "v2c-inform", CONF_COMMUNITY, 0, 0, 0, 0, NULL, 0, 0, 0, 0},
	{"v3-sha-aes-trap", V3_BLOCK, CONF_V3_ONE, 1, 0, 1, 0, NULL, 0, 0, 0, 0},
	{"v3-u1-wild", V3_BLOCK, CONF_V3_ONE_WILD, 1, V3_ENGINES, 1, 0, NULL, 0, 0, 0, 0},
	{"v3-u8-exact", V3_BLOCK, CONF_V3_TABLE, 8, 0, 1, 0, NULL, 0, 0, 0, 0},
	{"v3-u8-wild", V3_BLOCK, CONF_V3_TABLE, 8, V3_ENGINES, 1, 0, NULL, 0, 0, 0, 0},
	{"v3-umax-exact", V3_BLOCK, CONF_V3_TABLE, CONFIG_TT_MAX_USERS, 0, 1, 0, NULL, 0, 0, 0, 0},
	{"v3-umax-wild", V3_BLOCK, CONF_V3_TABLE, CONFIG_TT_MAX_USERS, V3_ENGINES, 1, 0, NULL, 0, 0,
	 0, 0},
	{"v3-thrash", V3_BLOCK, CONF_V3_ONE_WILD, 1, THRASH_ENGINES, 1, 1, NULL, 0, 0, 0, 0},
};

static void conf_apply(struct tt_conf *conf, const char *line)
{
	char err[200];
	int rc = tt_conf_line(conf, line, strlen(line), err, sizeof err);
	if (rc != TT_OK) {
		fprintf(stderr, "bench_inproc: %s: %s\n", line, err);
		exit(1);
	}
}

/* Fills *conf for kind; returns the number of USM users. The CONF_V3_TABLE of n users: first
 * n / 2 users without engine ID (decoys of the same name length, then the
 * wildcard shaaesuser), then users with engine IDs (shaaesuser for other engines, then
 * shaaesuser for 0x8000000001020304, last), so both lookups scan the whole table. */
static int conf_build(struct tt_conf *conf, enum conf_kind kind, int n)
{
	char line[256];
	int i, n_wild, n_eng;

	tt_conf_init(conf);
	switch (kind) {
	case CONF_COMMUNITY:
		conf_apply(conf, "authCommunity log,execute,net public");
		return 0;
	case CONF_V3_ONE:
		conf_apply(conf, "createUser -e " V3_ENGINE " shaaesuser SHA " V3_AUTH " AES " V3_PRIV);
		break;
	case CONF_V3_ONE_WILD:
		conf_apply(conf, "createUser shaaesuser SHA " V3_AUTH " AES " V3_PRIV);
		break;
	case CONF_V3_TABLE:
		n_wild = n / 2;
		n_eng = n - n_wild;
		for (i = 0; i < n_wild - 1; i++) {
			snprintf(line, sizeof line,
			         "createUser sha%07d SHA " V3_AUTH " AES " V3_PRIV, i);
			conf_apply(conf, line);
		}
		if (n_wild > 0)
			conf_apply(conf, "createUser shaaesuser SHA " V3_AUTH " AES " V3_PRIV);
		for (i = 0; i < n_eng - 1; i++) {
			snprintf(line, sizeof line,
			         "createUser -e 0x800000000102%04x shaaesuser SHA " V3_AUTH " AES " V3_PRIV,
			         0xe000 + i);
			conf_apply(conf, line);
		}
		conf_apply(conf, "createUser -e " V3_ENGINE " shaaesuser SHA " V3_AUTH " AES " V3_PRIV);
		break;
	}
	conf_apply(conf, "authUser log shaaesuser");
	return conf->n_users;
}

/* One measured round: returns ns per iteration. */
static double run(struct tt_rx *rx, struct bcase *c, long iters, int render, char *out, size_t cap,
                  const struct tt_addr *src, const struct tt_addr *dst, size_t *bytes,
                  size_t *reply_bytes)
{
	static uint8_t scratch[PKT_CAP];
	struct tt_render_ctx ctx;
	uint32_t rid = 0x10000000u;
	uint64_t now_ms = 1000;
	int64_t t0, t1;
	long i;
	int k = 0;

	memset(&ctx, 0, sizeof ctx);
	ctx.src = src;
	ctx.dst = dst;
	ctx.local.year = 2026;
	ctx.local.mon = 11;
	ctx.local.mday = 22;
	ctx.local.hour = 1;
	ctx.local.min = 50;
	ctx.local.sec = 30;
	ctx.utc = ctx.local;
	ctx.epoch = 1795315830;

	t0 = now_ns();
	for (i = 0; i < iters; i++) {
		const struct tt_rx_result *r;
		uint8_t *d = c->dgram[0];
		if (c->rid_off) {
			rid++;
			d[c->rid_off] = (uint8_t)(rid >> 24);
			d[c->rid_off + 1] = (uint8_t)(rid >> 16);
			d[c->rid_off + 2] = (uint8_t)(rid >> 8);
			d[c->rid_off + 3] = (uint8_t)rid;
		}
		if (c->v3) {
			memcpy(scratch, c->dgram[k], c->len);
			if (++k == c->n_pkts)
				k = 0;
			d = scratch;
		}
		if (c->ticking)
			now_ms++;
		r = tt_rx_input(rx, d, c->len, src, now_ms);
		if (r->verdict != TT_VERDICT_DELIVER) {
			fprintf(stderr, "bench_inproc: %s: verdict %d reason %s (%d) at iteration %ld%s%s\n",
			        c->name, (int)r->verdict, tt_reason_name(r->reason), r->detail, i,
			        r->diag ? ": " : "", r->diag ? r->diag : "");
			exit(1);
		}
		if (render) {
			ctx.note = r->note;
			*bytes = (size_t)tt_render_default(out, cap, &ctx);
			sink += *bytes;
		}
		*reply_bytes = r->reply_len;
		sink += r->reply_len;
		tt_rx_delivered(rx, now_ms);
	}
	t1 = now_ns();
	return (double)(t1 - t0) / (double)iters;
}

/* The copy of run() alone: ns per iteration. */
static double run_copy(struct bcase *c, long iters)
{
	static uint8_t scratch[PKT_CAP];
	int64_t t0, t1;
	long i;
	int k = 0;

	t0 = now_ns();
	for (i = 0; i < iters; i++) {
		memcpy(scratch, c->dgram[k], c->len);
		if (++k == c->n_pkts)
			k = 0;
		__asm__ __volatile__("" : : "r"(scratch) : "memory"); /* keep every copy */
	}
	t1 = now_ns();
	sink += scratch[0];
	return (double)(t1 - t0) / (double)iters;
}

int main(int argc, char **argv)
{
	static struct tt_conf conf;
	static struct tt_rx rx;
	static char out[16384];
	const char *vectors = "tests/vectors/packets-netsnmp.txt";
	struct tt_addr src, dst;
	long iters = 2000000, v3_iters = -1;
	int engines = CONFIG_TT_KEY_CACHE / 2 > 0 ? CONFIG_TT_KEY_CACHE / 2 : 1;
	const char *only = NULL;
	int verbose = 0, opt;
	size_t k;

	while ((opt = getopt(argc, argv, "n:m:e:c:v")) != -1) {
		switch (opt) {
		case 'n': iters = strtol(optarg, NULL, 10); break;
		case 'm': v3_iters = strtol(optarg, NULL, 10); break;
		case 'e': engines = atoi(optarg); break;
		case 'c': only = optarg; break;
		case 'v': verbose = 1; break;
		default:
			fprintf(stderr, "usage: bench_inproc [-n ITERATIONS] [-m V3_ITERATIONS] [-e ENGINES] "
			                "[-c CASE] [-v] [VECTORS_FILE]\n");
			return 2;
		}
	}
	if (optind < argc)
		vectors = argv[optind];
	if (iters < 1)
		iters = 1;
	if (engines < 1 || engines > 4096)
		engines = 1;
	if (v3_iters < 1)
		v3_iters = iters / 10 > 0 ? iters / 10 : 1;

	memset(&src, 0, sizeof src);
	src.family = TT_AF_INET4;
	src.ip[0] = 127;
	src.ip[3] = 1;
	src.port = 54230;
	dst = src;
	dst.port = 162;

	printf("in-process, %ld iterations (SNMPv3: %ld) x %d rounds per case, best round; "
	       "sizeof(struct tt_rx) = %zu; CONFIG_TT_MAX_USERS %d, CONFIG_TT_KEY_CACHE %d\n", iters,
	       v3_iters, ROUNDS, sizeof(struct tt_rx), CONFIG_TT_MAX_USERS, CONFIG_TT_KEY_CACHE);
	printf("RESULT sizeof_tt_rx=%zu\n", sizeof(struct tt_rx));
	printf("RESULT max_users=%d key_cache=%d\n", CONFIG_TT_MAX_USERS, CONFIG_TT_KEY_CACHE);
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct bcase *c = &cases[k];
		double best_dec = 1e18, best_tot = 1e18, best_copy = 0;
		size_t bytes = 0, reply_bytes = 0;
		uint32_t localizations = 0, packets = 0;
		long n, it = c->v3 ? v3_iters : iters;
		int round;
		if (only && strcmp(only, c->name) != 0)
			continue;
		/* the 8-user table is an intermediate point only below CONFIG_TT_MAX_USERS, and a
		 * table needs 2 users for a wildcard one */
		if (c->conf == CONF_V3_TABLE &&
		    ((strstr(c->name, "umax") == NULL && c->table_users >= CONFIG_TT_MAX_USERS) ||
		     (c->engines != 0 && CONFIG_TT_MAX_USERS < 2)))
			continue;
		if (c->ticking && it > THRASH_MAX_ITERS)
			it = THRASH_MAX_ITERS;
		if (c->engines == V3_ENGINES)
			c->engines = engines;
		else if (c->engines == THRASH_ENGINES)
			c->engines = CONFIG_TT_KEY_CACHE + 1;
		c->n_pkts = c->engines > 0 ? c->engines : 1;
		c->dgram = calloc((size_t)c->n_pkts, sizeof *c->dgram);
		if (!c->dgram) {
			perror("bench_inproc");
			return 1;
		}
		n = load_block(vectors, c->block, c->dgram[0], sizeof c->dgram[0]);
		if (n <= 0) {
			fprintf(stderr, "bench_inproc: no [%s] message in %s\n", c->block, vectors);
			return 1;
		}
		c->len = (size_t)n;
		if (c->engines > 0) {
			static uint8_t orig[PKT_CAP];
			memcpy(orig, c->dgram[0], c->len);
			rekey(orig, c->len, V3_AUTH, V3_PRIV, c->engines, 0x1000, c->dgram);
		}
		if (strstr(c->block, "inform"))
			c->rid_off = request_id_offset(c->dgram[0], c->len);
		c->users = conf_build(&conf, c->conf, c->table_users);

		tt_rx_init(&rx, &conf);
		/* warm-up, and a check of the rendered text */
		run(&rx, c, it / 10 + 1, 1, out, sizeof out, &src, &dst, &bytes, &reply_bytes);
		if (verbose)
			printf("--- %s rendered (%zu bytes), reply %zu bytes:\n%s---\n", c->name, bytes,
			       reply_bytes, out);
		if (c->v3)
			best_copy = 1e18;
		for (round = 0; round < ROUNDS; round++) {
			double d, t;
			if (c->v3) {
				double cp = run_copy(c, it);
				if (cp < best_copy)
					best_copy = cp;
			}
			tt_rx_init(&rx, &conf);
			d = run(&rx, c, it, 0, out, sizeof out, &src, &dst, &bytes, &reply_bytes);
			localizations = rx.stats.key_localizations;
			packets = rx.stats.packets;
			tt_rx_init(&rx, &conf);
			t = run(&rx, c, it, 1, out, sizeof out, &src, &dst, &bytes, &reply_bytes);
			if (d < best_dec)
				best_dec = d;
			if (t < best_tot)
				best_tot = t;
		}
		best_dec -= best_copy;
		best_tot -= best_copy;
		printf("%-15s decode %7.1f ns   decode+render %7.1f ns   (alert %zu bytes%s", c->name,
		       best_dec, best_tot, bytes, reply_bytes ? ", Response built in decode" : "");
		if (c->v3)
			printf("; %d user%s, %d engine%s, copy %.1f ns subtracted, %u key localizations in "
			       "%u packets", c->users, c->users > 1 ? "s" : "", c->n_pkts,
			       c->n_pkts > 1 ? "s" : "", best_copy, (unsigned)localizations,
			       (unsigned)packets);
		printf(")\n");
		printf("RESULT case=%s decode_ns=%.1f total_ns=%.1f copy_ns=%.1f render_bytes=%zu "
		       "reply_bytes=%zu users=%d engines=%d key_localizations=%u packets=%u\n",
		       c->name, best_dec, best_tot, best_copy, bytes, reply_bytes, c->users,
		       c->v3 ? c->n_pkts : 0, (unsigned)localizations, (unsigned)packets);
		free(c->dgram);
		c->dgram = NULL;
	}
	return 0;
}
