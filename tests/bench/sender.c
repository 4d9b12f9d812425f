/*
 * sender.c - replays one SNMP datagram to 127.0.0.1:PORT at a fixed rate (bench only).
 *
 *   sender -p PORT -r RATE (-d SECONDS | -n COUNT) (-x HEX | -f FILE [-b BLOCK])
 *
 * The datagram is given as hex, either on the command line (-x), or in a file (-f) holding only
 * hex, or, with -b NAME, the "message:" line of block [NAME] of a vectors file such as
 * tests/vectors/packets-netsnmp.txt; blanks and line ends may stand between octets (the core's
 * tt_hex_decode, which also takes a leading "0x"). Datagrams go out in small sendmmsg() batches,
 * one batch per tick of at most 200 us, each tick an absolute deadline on CLOCK_MONOTONIC
 * (clock_nanosleep TIMER_ABSTIME), so the average rate is exact and 100k/s fits in one core.
 * A sender that falls behind catches up in bigger batches (up to 64) rather than drifting.
 * Loopback only: the destination is always 127.0.0.1.
 *
 * Prints one line: "sent N of M in T s: R/s (errors E)".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tinytrap/tt_conf.h"

#define MAX_DGRAM 65507
#define MAX_BATCH 64
#define TICK_NS 200000LL /* at most one batch per 200 us */

static void usage(void)
{
	fprintf(stderr, "usage: sender -p PORT -r RATE (-d SECONDS | -n COUNT) "
	                "(-x HEX | -f FILE [-b BLOCK])\n");
	exit(2);
}

/* Reads a whole file into a NUL-terminated heap buffer. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	if (!f)
		return NULL;
	for (;;) {
		size_t got;
		if (cap - len < 4096) {
			char *nb = realloc(buf, cap + 65536);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
			cap += 65536;
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		if (got == 0)
			break;
		len += got;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	else
		buf[len] = '\0';
	return buf;
}

/* Returns the hex of the "message:" line of block [name] (in place in text), or NULL. */
static char *find_block(char *text, const char *name)
{
	char hdr[256];
	char *p, *m, *end;
	snprintf(hdr, sizeof hdr, "\n[%s]\n", name);
	p = strstr(text, hdr);
	if (!p)
		return NULL;
	p += strlen(hdr);
	for (;;) {
		if (*p == '\0' || *p == '[')
			return NULL; /* end of file or next block */
		end = strchr(p, '\n');
		if (strncmp(p, "message:", 8) == 0) {
			m = p + 8;
			if (end)
				*end = '\0';
			return m;
		}
		if (!end)
			return NULL;
		p = end + 1;
	}
}

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	static uint8_t dgram[MAX_DGRAM];
	struct mmsghdr msgs[MAX_BATCH];
	struct iovec iov;
	struct sockaddr_in to;
	const char *hex = NULL, *file = NULL, *block = NULL;
	char *text = NULL;
	long port = 0, len;
	double rate = 0, duration = 0;
	long long count = 0, sent = 0, errors = 0, i;
	int64_t t0, t_end, deadline;
	int fd, opt, sndbuf = 4 << 20;

	while ((opt = getopt(argc, argv, "p:r:d:n:x:f:b:")) != -1) {
		switch (opt) {
		case 'p': port = strtol(optarg, NULL, 10); break;
		case 'r': rate = strtod(optarg, NULL); break;
		case 'd': duration = strtod(optarg, NULL); break;
		case 'n': count = strtoll(optarg, NULL, 10); break;
		case 'x': hex = optarg; break;
		case 'f': file = optarg; break;
		case 'b': block = optarg; break;
		default: usage();
		}
	}
	if (port <= 0 || port > 65535 || rate <= 0 || (duration <= 0 && count <= 0) ||
	    (!hex == !file) || (block && !file))
		usage();
	if (count <= 0)
		count = (long long)(rate * duration + 0.5);

	if (file) {
		text = slurp(file);
		if (!text) {
			perror(file);
			return 1;
		}
		hex = block ? find_block(text, block) : text;
		if (!hex) {
			fprintf(stderr, "sender: no block [%s] with a message: line in %s\n", block, file);
			return 1;
		}
	}
	len = tt_hex_decode(hex, strlen(hex), dgram, sizeof dgram);
	if (len <= 0) {
		fprintf(stderr, "sender: bad or empty hex datagram\n");
		return 1;
	}
	free(text);

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
	memset(&to, 0, sizeof to);
	to.sin_family = AF_INET;
	to.sin_port = htons((uint16_t)port);
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

	/* Unconnected: an ICMP port-unreachable must not turn later sends into ECONNREFUSED. */
	iov.iov_base = dgram;
	iov.iov_len = (size_t)len;
	memset(msgs, 0, sizeof msgs);
	for (i = 0; i < MAX_BATCH; i++) {
		msgs[i].msg_hdr.msg_name = &to;
		msgs[i].msg_hdr.msg_namelen = sizeof to;
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}

	/* One tick carries rate * TICK datagrams on average; datagram k is due at t0 + k / rate. */
	t0 = now_ns();
	deadline = t0;
	while (sent + errors < count) {
		struct timespec ts;
		int64_t now = now_ns();
		long long due = (long long)((double)(now - t0) * rate / 1e9) + 1;
		long long n;
		int r;
		if (due > count)
			due = count;
		n = due - (sent + errors);
		if (n > MAX_BATCH)
			n = MAX_BATCH;
		if (n > 0) {
			r = sendmmsg(fd, msgs, (unsigned)n, 0);
			if (r < 0) {
				if (errno != EINTR)
					errors++; /* skip one datagram, keep the schedule */
			} else {
				sent += r;
			}
			if (n == MAX_BATCH && sent + errors < due)
				continue; /* behind schedule: catch up without sleeping */
		}
		/* Sleep until the next datagram is due, but at least one tick's worth. */
		deadline = t0 + (int64_t)((double)(sent + errors) * 1e9 / rate);
		if (deadline < now + TICK_NS / 4)
			deadline = now + TICK_NS / 4;
		if (deadline - now < TICK_NS && (double)TICK_NS * rate / 1e9 > 1.0)
			deadline = now + TICK_NS; /* fast rates: batch per tick, not per datagram */
		ts.tv_sec = deadline / 1000000000LL;
		ts.tv_nsec = deadline % 1000000000LL;
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
			;
	}
	t_end = now_ns();
	close(fd);
	{
		double secs = (double)(t_end - t0) / 1e9;
		printf("sent %lld of %lld in %.3f s: %.0f/s (errors %lld)\n", sent, count, secs,
		       secs > 0 ? (double)sent / secs : 0.0, errors);
	}
	return errors ? 1 : 0;
}
