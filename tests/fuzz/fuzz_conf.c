/*
 * fuzz_conf.c - libFuzzer target over the configuration parsers: tt_conf_line (every line of
 * the input, into one configuration), tt_prefix_parse and tt_oid_from_text (the whole input).
 *
 * The first octet sets the size of the error buffer (0..128). Checked: the error text is
 * NUL-terminated inside its buffer and says something exactly when the line fails; a failed
 * line leaves the configuration unchanged; a line holding a NUL byte is refused; every entry
 * stays within its limits; an accepted prefix agrees with inet_pton where inet_pton accepts the
 * same text; an accepted OID text encodes the arcs written in it.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rx_check.h"

static void check_conf(const struct tt_conf *c)
{
	unsigned i;
	RX_CHECK(c->n_communities <= CONFIG_TT_MAX_COMMUNITIES);
	RX_CHECK(c->disable_authorization <= 1);
	for (i = 0; i < c->n_communities; i++) {
		const struct tt_community *e = &c->communities[i];
		RX_CHECK(e->name_len >= 1 && e->name_len <= CONFIG_TT_COMMUNITY_MAX_LEN);
		RX_CHECK(e->uses != 0 && (e->uses & ~TT_USE_ALL) == 0);
		RX_CHECK(e->oid_len <= TT_CONF_OID_MAX);
		if (e->oid_len)
			RX_CHECK(tt_ber_check_oid(e->oid, e->oid_len) > 0);
		RX_CHECK(e->source.family == TT_AF_NONE || e->source.family == TT_AF_INET4 ||
		         e->source.family == TT_AF_INET6);
		RX_CHECK(e->source.bits <= (e->source.family == TT_AF_INET4 ? 32 : 128));
	}
}

static void lines(const uint8_t *data, size_t size, size_t errcap)
{
	static struct tt_conf c, before;
	char err[129];
	size_t start = 0;

	tt_conf_init(&c);
	while (start <= size) {
		size_t end = start;
		char *line;
		int rc;
		while (end < size && data[end] != '\n')
			end++;
		line = malloc(end - start ? end - start : 1); /* exact size, no NUL */
		RX_CHECK(line != NULL);
		memcpy(line, data + start, end - start);
		before = c;
		memset(err, 'Z', sizeof err);
		rc = tt_conf_line(&c, line, end - start, errcap ? err : NULL, errcap);
		RX_CHECK(rc == TT_OK || rc == TT_CONF_NOT_CORE || rc < 0);
		if (memchr(line, '\0', end - start))
			RX_CHECK(rc == TT_ERR_INVALID); /* a NUL byte anywhere refuses the line */
		if (errcap) {
			RX_CHECK(memchr(err, '\0', errcap) != NULL);
			RX_CHECK(err[errcap] == 'Z'); /* nothing written past cap */
			if (rc < 0 && errcap > 1)
				RX_CHECK(err[0] != '\0');
			if (rc >= 0)
				RX_CHECK(err[0] == '\0');
		}
		if (rc != TT_OK)
			RX_CHECK(memcmp(&before, &c, sizeof c) == 0);
		check_conf(&c);
		free(line);
		start = end + 1;
	}
}

static void prefix(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1), z[64];
	struct tt_prefix p;
	uint8_t ip[16];
	int rc;

	RX_CHECK(text != NULL);
	memcpy(text, data, size);
	rc = tt_prefix_parse(text, size, &p);
	RX_CHECK(rc == TT_OK || rc == TT_ERR_INVALID);
	if (rc == TT_OK) {
		RX_CHECK(p.family == TT_AF_NONE || p.family == TT_AF_INET4 || p.family == TT_AF_INET6);
		RX_CHECK(p.bits <= (p.family == TT_AF_INET4 ? 32 : 128));
		if (p.family == TT_AF_NONE)
			RX_CHECK(size == 7 && memcmp(text, "default", 7) == 0);
	}
	/* where inet_pton accepts the text (no "/bits"), tt_prefix_parse must give the same */
	if (size < sizeof z && !memchr(data, '\0', size) && !memchr(data, '/', size)) {
		memcpy(z, data, size);
		z[size] = '\0';
		if (inet_pton(AF_INET6, z, ip) == 1) {
			RX_CHECK(rc == TT_OK && p.family == TT_AF_INET6 && p.bits == 128);
			RX_CHECK(memcmp(p.ip, ip, 16) == 0);
		} else if (inet_pton(AF_INET, z, ip) == 1) {
			RX_CHECK(rc == TT_OK && p.family == TT_AF_INET4 && p.bits == 32);
			RX_CHECK(memcmp(p.ip, ip, 4) == 0);
		}
	}
	free(text);
}

static void oid_text(const uint8_t *data, size_t size, size_t cap)
{
	uint8_t out[TT_OID_MAX_LEN];
	char *text = malloc(size ? size : 1);
	int n;

	RX_CHECK(text != NULL);
	memcpy(text, data, size);
	n = tt_oid_from_text(text, size, out, cap);
	RX_CHECK(n <= (int)cap);
	if (n >= 0) {
		/* the arcs of the text, read independently */
		uint64_t arcs[TT_OID_MAX_ARCS + 1];
		size_t na = 0, i = (size && text[0] == '.') ? 1 : 0;
		struct tt_oid_iter it;
		uint32_t arc;
		int k, rc;
		while (i < size) {
			uint64_t v = 0;
			RX_CHECK(text[i] >= '0' && text[i] <= '9');
			while (i < size && text[i] >= '0' && text[i] <= '9')
				v = v * 10 + (uint64_t)(text[i++] - '0');
			RX_CHECK(na <= TT_OID_MAX_ARCS);
			arcs[na++] = v;
			if (i < size) {
				RX_CHECK(text[i] == '.');
				i++;
			}
		}
		RX_CHECK(na >= 2 && tt_ber_check_oid(out, (size_t)n) == (int)na);
		tt_oid_iter_init(&it, out, (size_t)n);
		for (k = 0; (rc = tt_oid_iter_next(&it, &arc)) == 1; k++)
			RX_CHECK(arc == arcs[k]);
		RX_CHECK(rc == 0 && (size_t)k == na);
	}
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	lines(data + 1, size - 1, data[0] % 129);
	prefix(data + 1, size - 1);
	oid_text(data + 1, size - 1, (data[0] & 1) ? TT_OID_MAX_LEN : data[0] >> 1);
	return 0;
}
