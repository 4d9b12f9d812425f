/*
 * bench_inproc.c - CPU per notification inside one process: tt_rx_input alone, and
 * tt_rx_input + tt_render_default into a buffer, for the v1 trap, the v2c trap and the v2c
 * inform (whose tt_rx_input builds the Response; tt_rx_delivered is called as a port would)
 * of tests/vectors/packets-netsnmp.txt.
 *
 *   bench_inproc [-n ITERATIONS] [-c CASE] [-v] [VECTORS_FILE]
 *
 * Each case runs ITERATIONS times (default 2,000,000) in 3 rounds after a warm-up; the best
 * round is reported (the machine is shared, the minimum is the least disturbed). The inform's
 * request-id is changed on every iteration so that each one is a new inform (delivered, put in
 * the de-duplication ring) rather than a retransmission. -v prints each rendered alert once;
 * -c runs only that case (v2c-trap, v1-trap, v2c-inform), e.g. under perf.
 *
 * Output: human-readable lines, plus one machine-readable line per case:
 *   RESULT case=v2c-trap decode_ns=95.1 total_ns=480.2 render_bytes=312 reply_bytes=0
 * and "RESULT sizeof_tt_rx=N".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "tinytrap/tinytrap.h"

#define ROUNDS 3

static volatile size_t sink;

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
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
			const char *s = line + 8;
			n = 0;
			while (*s) {
				int hi, lo;
				if (*s == ' ') {
					s++;
					continue;
				}
				hi = hexval((unsigned char)s[0]);
				lo = s[1] ? hexval((unsigned char)s[1]) : -1;
				if (hi < 0 || lo < 0 || (size_t)n >= cap) {
					n = -1;
					break;
				}
				out[n++] = (uint8_t)(hi << 4 | lo);
				s += 2;
			}
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

struct bcase {
	const char *block;
	uint8_t dgram[2048];
	size_t len;
	size_t rid_off; /* vary the request-id here (informs), 0 = never */
};

/* One measured round: returns ns per iteration. */
static double run(struct tt_rx *rx, struct bcase *c, long iters, int render, char *out, size_t cap,
                  const struct tt_addr *src, const struct tt_addr *dst, size_t *bytes,
                  size_t *reply_bytes)
{
	struct tt_render_ctx ctx;
	uint32_t rid = 0x10000000u;
	uint64_t now_ms = 1000;
	int64_t t0, t1;
	long i;

	memset(&ctx, 0, sizeof ctx);
	ctx.src = src;
	ctx.dst = dst;
	ctx.src_host = NULL;
	ctx.local.year = 2026;
	ctx.local.mon = 11;
	ctx.local.mday = 22;
	ctx.local.hour = 1;
	ctx.local.min = 50;
	ctx.local.sec = 30;
	ctx.utc = ctx.local;
	ctx.epoch = 1795315830;
	ctx.flags = 0;

	t0 = now_ns();
	for (i = 0; i < iters; i++) {
		const struct tt_rx_result *r;
		if (c->rid_off) {
			rid++;
			c->dgram[c->rid_off] = (uint8_t)(rid >> 24);
			c->dgram[c->rid_off + 1] = (uint8_t)(rid >> 16);
			c->dgram[c->rid_off + 2] = (uint8_t)(rid >> 8);
			c->dgram[c->rid_off + 3] = (uint8_t)rid;
		}
		r = tt_rx_input(rx, c->dgram, c->len, src, now_ms);
		if (r->verdict != TT_VERDICT_DELIVER) {
			fprintf(stderr, "bench_inproc: %s: verdict %d reason %s (%d) at iteration %ld\n",
			        c->block, (int)r->verdict, tt_reason_name(r->reason), r->detail, i);
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

int main(int argc, char **argv)
{
	static struct bcase cases[] = {{"v2c-trap", {0}, 0, 0}, {"v1-trap", {0}, 0, 0},
	                               {"v2c-inform", {0}, 0, 0}};
	static struct tt_conf conf;
	static struct tt_rx rx;
	static char out[16384];
	const char *vectors = "tests/vectors/packets-netsnmp.txt";
	const char *line = "authCommunity log,execute,net public";
	struct tt_addr src, dst;
	char err[200];
	long iters = 2000000;
	const char *only = NULL;
	int verbose = 0, opt, rc;
	size_t k;

	while ((opt = getopt(argc, argv, "n:c:v")) != -1) {
		switch (opt) {
		case 'n': iters = strtol(optarg, NULL, 10); break;
		case 'c': only = optarg; break;
		case 'v': verbose = 1; break;
		default:
			fprintf(stderr, "usage: bench_inproc [-n ITERATIONS] [-c CASE] [-v] [VECTORS_FILE]\n");
			return 2;
		}
	}
	if (optind < argc)
		vectors = argv[optind];
	if (iters < 1)
		iters = 1;

	tt_conf_init(&conf);
	rc = tt_conf_line(&conf, line, strlen(line), err, sizeof err);
	if (rc != TT_OK) {
		fprintf(stderr, "bench_inproc: %s: %s\n", line, err);
		return 1;
	}
	memset(&src, 0, sizeof src);
	src.family = TT_AF_INET4;
	src.ip[0] = 127;
	src.ip[3] = 1;
	src.port = 54230;
	dst = src;
	dst.port = 162;

	printf("in-process, %ld iterations x %d rounds per case, best round; "
	       "sizeof(struct tt_rx) = %zu\n", iters, ROUNDS, sizeof(struct tt_rx));
	printf("RESULT sizeof_tt_rx=%zu\n", sizeof(struct tt_rx));
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct bcase *c = &cases[k];
		double best_dec = 1e18, best_tot = 1e18;
		size_t bytes = 0, reply_bytes = 0;
		int round;
		long n;
		if (only && strcmp(only, c->block) != 0)
			continue;
		n = load_block(vectors, c->block, c->dgram, sizeof c->dgram);
		if (n <= 0) {
			fprintf(stderr, "bench_inproc: no [%s] message in %s\n", c->block, vectors);
			return 1;
		}
		c->len = (size_t)n;
		if (strstr(c->block, "inform"))
			c->rid_off = request_id_offset(c->dgram, c->len);

		tt_rx_init(&rx, &conf);
		/* warm-up, and a check of the rendered text */
		run(&rx, c, iters / 10 + 1, 1, out, sizeof out, &src, &dst, &bytes, &reply_bytes);
		if (verbose)
			printf("--- %s rendered (%zu bytes), reply %zu bytes:\n%s---\n", c->block, bytes,
			       reply_bytes, out);
		for (round = 0; round < ROUNDS; round++) {
			double d, t;
			tt_rx_init(&rx, &conf);
			d = run(&rx, c, iters, 0, out, sizeof out, &src, &dst, &bytes, &reply_bytes);
			tt_rx_init(&rx, &conf);
			t = run(&rx, c, iters, 1, out, sizeof out, &src, &dst, &bytes, &reply_bytes);
			if (d < best_dec)
				best_dec = d;
			if (t < best_tot)
				best_tot = t;
		}
		printf("%-11s decode %7.1f ns   decode+render %7.1f ns   (alert %zu bytes%s)\n",
		       c->block, best_dec, best_tot, bytes,
		       reply_bytes ? ", Response built in decode" : "");
		printf("RESULT case=%s decode_ns=%.1f total_ns=%.1f render_bytes=%zu reply_bytes=%zu\n",
		       c->block, best_dec, best_tot, bytes, reply_bytes);
	}
	return 0;
}
