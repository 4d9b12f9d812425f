/*
 * protos_replay.c - replays a PROTOS c06-snmpv1 suite through tt_rx_input (make test-protos).
 *
 *   protos_replay SUITE BASE_HEX < suite.cases.txt     one TAP line for the suite
 *   protos_replay --base-cases < trap-app.cases.txt    one TAP line for cases 0..5
 *
 * Input lines: "case_no wire_len captured_len FULL|TRUNC hex" ('#' lines are comments; see
 * tests/vectors/protos-c06/README.txt). Configuration: "authCommunity log,execute,net public".
 * Every case is given in an exact-size heap buffer (built with ASan + UBSan, so any read past
 * it stops the run), its result is checked by rx_check.h, it is given a second time and must
 * get the same decision, and then the valid base trap (case 0 of trap-app) must still be
 * delivered. Whatever is delivered is rendered (tt_render_default and a format with every
 * specifier) and checked by rx_check_render. The TAP line counts the decisions by reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rx_check.h"

static struct tt_conf conf;
static struct tt_rx *rx;
static const struct tt_addr from = {TT_AF_INET4, {192, 168, 0, 2}, 1045};

/* Decodes hex, two digits per octet and nothing else, into a fresh exact-size buffer; returns
 * NULL on bad hex. */
static uint8_t *unhex(const char *h, size_t *len)
{
	size_t n = strlen(h);
	uint8_t *b = malloc(n / 2 ? n / 2 : 1);
	if (!b)
		abort();
	/* n / 2 octets from exactly n characters: no "0x", no blanks, no odd digit */
	if (n % 2 || tt_hex_decode(h, n, b, n / 2) != (long)(n / 2)) {
		free(b);
		return NULL;
	}
	*len = n / 2;
	return b;
}

/* Gives one datagram in an exact-size heap copy and checks the result; a delivered
 * notification is rendered (rx_check_render, sel picks flags and buffer sizes). */
static const struct tt_rx_result *feed(const uint8_t *msg, size_t len, uint64_t now)
{
	uint8_t *b = malloc(len ? len : 1);
	const struct tt_rx_result *r;
	if (!b)
		abort();
	memcpy(b, msg, len);
	r = tt_rx_input(rx, b, len, &from, now);
	rx_check(rx, r, b, len, CONFIG_TT_MAX_MSG_SIZE);
	if (r->verdict == TT_VERDICT_DELIVER)
		rx_check_render(r->note, &from, (uint8_t)(now * 37));
	free(b); /* the result's slices are not used after this */
	return r;
}

/* Parses a case line; returns 0 and fills the fields, or -1 for a comment or a bad line. */
static int parse_line(char *line, long *no, char **flag, char **hex)
{
	char *save = NULL, *t;
	if (line[0] == '#' || line[0] == '\n' || line[0] == '\0')
		return -1;
	line[strcspn(line, "\r\n")] = '\0';
	t = strtok_r(line, " ", &save);
	if (!t)
		return -1;
	*no = strtol(t, NULL, 10);
	if (!strtok_r(NULL, " ", &save) || !strtok_r(NULL, " ", &save))
		return -1;
	*flag = strtok_r(NULL, " ", &save);
	*hex = strtok_r(NULL, " ", &save);
	if (!*flag)
		return -1;
	if (!*hex)
		*hex = (char *)""; /* an empty datagram */
	return 0;
}

static int is_trap_oid(const struct tt_notification *n, int generic)
{
	static const uint8_t snmptraps[8] = {0x2b, 6, 1, 6, 3, 1, 1, 5};
	return n->trap_oid && n->trap_oid_len == 9 && memcmp(n->trap_oid, snmptraps, 8) == 0 &&
	       n->trap_oid[8] == generic + 1;
}

static int base_cases(void)
{
	char *line = NULL;
	size_t cap = 0;
	int seen = 0, bad = 0;

	while (getline(&line, &cap, stdin) > 0) {
		long no;
		char *flag, *hex;
		uint8_t *msg;
		size_t len;
		const struct tt_rx_result *r;
		if (parse_line(line, &no, &flag, &hex) < 0 || no > 5)
			continue;
		msg = unhex(hex, &len);
		if (!msg)
			abort();
		r = feed(msg, len, 1);
		if (r->verdict != TT_VERDICT_DELIVER || r->note->v1.generic != no ||
		    r->note->v1.specific != 0 || r->note->uptime != (uint32_t)no ||
		    !is_trap_oid(r->note, (int)no) || r->note->community_len != 6) {
			printf("# case %ld: verdict %d (%s), generic %d\n", no, r->verdict,
			       tt_reason_name(r->reason), r->note ? r->note->v1.generic : -1);
			bad++;
		}
		seen++;
		free(msg);
	}
	free(line);
	if (seen != 6 || bad) {
		printf("not ok - protos trap-app base cases 0..5: %d of %d not delivered as "
		       "generic-trap 0..5\n", bad, seen);
		return 1;
	}
	printf("ok - protos trap-app base cases 0..5 delivered as generic-trap 0..5 (coldStart .. "
	       "egpNeighborLoss), snmpTrapOID snmpTraps.1 .. snmpTraps.6, time-stamp = case number\n");
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const names[TT_REASON_COUNT] = {
		"delivered", "too big", "parse", "bad version", "bad community", "not authorized",
		"unexpected PDU", "too many varbinds", "bad v1 trap"};
	unsigned long by_reason[TT_REASON_COUNT] = {0}, by_detail[16] = {0};
	unsigned long cases = 0, trunc = 0, base_failures = 0, unstable = 0;
	char *line = NULL, summary[1024];
	size_t cap = 0, base_len = 0, k, n;
	uint8_t *base;
	struct timespec t0, t1;
	double secs;
	char err[128];

	tt_conf_init(&conf);
	if (tt_conf_line(&conf, "authCommunity log,execute,net public", 36, err, sizeof err) != TT_OK)
		abort();
	rx = malloc(sizeof *rx);
	if (!rx)
		abort();
	tt_rx_init(rx, &conf);

	if (argc == 2 && strcmp(argv[1], "--base-cases") == 0)
		return base_cases();
	if (argc != 3) {
		fprintf(stderr, "usage: %s SUITE BASE_HEX < cases | %s --base-cases < cases\n", argv[0],
		        argv[0]);
		return 2;
	}
	base = unhex(argv[2], &base_len);
	if (!base)
		abort();

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (getline(&line, &cap, stdin) > 0) {
		long no;
		char *flag, *hex;
		uint8_t *msg;
		size_t len;
		const struct tt_rx_result *r;
		enum tt_verdict v;
		enum tt_reason why;
		int detail;

		if (parse_line(line, &no, &flag, &hex) < 0)
			continue;
		msg = unhex(hex, &len);
		if (!msg) {
			printf("# case %ld: bad hex\n", no);
			base_failures++;
			continue;
		}
		cases++;
		trunc += strcmp(flag, "TRUNC") == 0;
		r = feed(msg, len, (uint64_t)cases * 10);
		v = r->verdict;
		why = r->reason;
		detail = r->detail;
		by_reason[v == TT_VERDICT_DROP ? why : 0]++;
		if (v == TT_VERDICT_DROP && why == TT_REASON_PARSE && -detail > 0 && -detail < 16)
			by_detail[-detail]++;
		/* the same datagram again: the same decision (no state leaks between calls) */
		r = feed(msg, len, (uint64_t)cases * 10 + 1);
		if (r->verdict != v || r->reason != why || r->detail != detail) {
			if (unstable++ < 5)
				printf("# case %ld: decision changed on replay (%d/%d -> %d/%d)\n", no, v, why,
				       r->verdict, r->reason);
		}
		/* the receiver still works */
		r = feed(base, base_len, (uint64_t)cases * 10 + 2);
		if (r->verdict != TT_VERDICT_DELIVER || !is_trap_oid(r->note, 0)) {
			if (base_failures++ < 5)
				printf("# case %ld: base trap afterwards: verdict %d (%s)\n", no, r->verdict,
				       tt_reason_name(r->reason));
		}
		free(msg);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	free(line);
	free(base);

	n = (size_t)snprintf(summary, sizeof summary, "%lu cases (%lu truncated captures): %lu delivered",
	                     cases, trunc, by_reason[0]);
	for (k = 1; k < TT_REASON_COUNT; k++)
		if (by_reason[k])
			n += (size_t)snprintf(summary + n, sizeof summary - n, ", %lu %s", by_reason[k],
			                      names[k]);
	n += (size_t)snprintf(summary + n, sizeof summary - n, " (parse errors:");
	for (k = 1; k < 16; k++)
		if (by_detail[k])
			n += (size_t)snprintf(summary + n, sizeof summary - n, "%s %lu %s",
			                      n && summary[n - 1] == ':' ? "" : ",", by_detail[k],
			                      tt_strerror(-(int)k));
	snprintf(summary + n, sizeof summary - n, "); %.1f us per datagram under ASan",
	         secs * 1e6 / (double)(cases * 3 ? cases * 3 : 1));

	if (cases == 0 || base_failures || unstable) {
		printf("not ok - protos %s: %lu base traps not delivered, %lu decisions not stable; %s\n",
		       argv[1], base_failures, unstable, summary);
		return 1;
	}
	printf("ok - protos %s: %s; base trap delivered after every case\n", argv[1], summary);
	return 0;
}
