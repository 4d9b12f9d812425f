/*
 * net.h - tinytrapd's UDP sockets (POSIX, Linux first).
 *
 * What it does: opens one non-blocking socket per listening address (IPv4, and IPv6 with
 * IPV6_V6ONLY so that udp:162 and udp6:162 coexist), with a large receive buffer
 * (SO_RCVBUFFORCE 8 MiB, else SO_RCVBUF), and IPV6_RECVPKTINFO, or IP_PKTINFO on a wildcard
 * IPv4 socket, to learn the local address each datagram was sent to; the datagrams the kernel
 * dropped because the buffer was full are read with SO_MEMINFO when counters are printed.
 * Receives in batches with recvmmsg(2) into static buffers of 65536 octets (so an oversized
 * datagram reaches the core whole and is counted there as too big), converts addresses to
 * struct tt_addr, and sends replies with sendmsg(2) from the address the inform was sent to.
 * Also the reverse DNS for %B: a fixed-size cache the receive loop reads without waiting, and
 * one resolver thread that does the lookups (getnameinfo) off the loop (net.c says how).
 *
 * What it does not do: decide anything about the datagrams, or allocate: every buffer is
 * static (glibc's resolver aside). With -n the resolver thread is never started.
 */
#ifndef TINYTRAPD_NET_H
#define TINYTRAPD_NET_H

#include <stddef.h>
#include <stdint.h>
#include "cli.h"
#include "tinytrap/tt_types.h"

/* Datagrams per recvmmsg call. 32 x 64 KiB of static buffers: the pages are only touched by
 * datagrams that large, so the resident size stays small for ordinary traps. */
#define NET_BATCH 32
/* Receive buffer per datagram: larger than any UDP payload over IPv4 (65507) so nothing is cut. */
#define NET_RXBUF 65536
/* Socket receive buffer asked for. */
#define NET_RCVBUF_WANT (8 * 1024 * 1024)

/* One received datagram; valid until the next net_recv() call. */
struct net_dgram {
	uint8_t *data;
	size_t len;
	struct tt_addr src;  /* the sender */
	struct tt_addr dst;  /* the local address and port it was sent to */
	uint8_t has_dst;     /* dst is known (IP_PKTINFO) */
	unsigned ifindex;    /* the interface it came in on (for IPv6 link-local replies) */
	unsigned sock;       /* index of the socket in struct net */
};

/* One listening socket. */
struct net_sock {
	int fd;
	uint8_t family;      /* 4 or 6 */
	struct tt_addr bound;/* the address and port it is bound to (:: / 0.0.0.0 for any) */
	uint8_t fixed_dst;   /* bound to one IPv4 address, so no IP_PKTINFO is asked for */
	char name[300];      /* "udp:127.0.0.1:10162" */
};

/* The sockets and their counters. */
struct net {
	struct net_sock socks[CLI_MAX_ADDRS];
	unsigned n;
	int rcvbuf;              /* the usable SO_RCVBUF of the first socket */
	uint32_t recv_errors;    /* failed recvmmsg calls */
	uint32_t replies;        /* replies sent */
	uint32_t send_errors;    /* replies that could not be sent */
};

/* Receives a warning or an informational message. */
typedef void (*net_report_fn)(void *ctx, int severity, const char *msg);

/* Opens a socket for each of the n addresses. A default address (spec->optional) whose
 * family the kernel lacks is skipped with a warning. Returns 0, or -1 with the reason in err
 * (all sockets are closed again). */
int net_open(struct net *net, const struct listen_spec *specs, unsigned n, net_report_fn report,
             void *report_ctx, char *err, size_t errcap);

/* Receives up to NET_BATCH datagrams from socket i without blocking. *out receives the
 * array. Returns the count, 0 when nothing is waiting, -1 on an error. */
int net_recv(struct net *net, unsigned i, struct net_dgram **out);

/* Sends len octets back to the source of d, from the address d was sent to. Returns 0 or -1. */
int net_send(struct net *net, const struct net_dgram *d, const uint8_t *data, size_t len);

/* Closes every socket. */
void net_close(struct net *net);

/* Returns the total of the kernel's drop counters. */
uint32_t net_kernel_drops(const struct net *net);

/* Reverse-DNS counters (net_dns_stats). */
struct net_dns_stats {
	uint32_t lookups;    /* lookups the thread finished */
	uint32_t named;      /* of them, with a name */
	uint32_t no_name;    /* of them, without (NXDOMAIN, no PTR, timeout, ...) */
	uint32_t queue_full; /* datagrams whose new source could not be queued: printed numerically */
	uint32_t evicted;    /* cache entries given to another address */
	uint32_t queued;     /* addresses waiting now */
};

/* Starts the resolver thread, with every signal blocked in it. Call it after daemonizing (a
 * thread does not survive fork). Returns 0, or -1 with the reason in err; net_host_name() then
 * returns NULL for every address. */
int net_dns_start(char *err, size_t errcap);

/* Stops the resolver thread: waits at most 200 ms for it, and leaves a thread stuck in a
 * lookup to the process exit. */
void net_dns_stop(void);

/* Returns 1 while the resolver thread runs. */
int net_dns_running(void);

/* Copies the reverse-DNS counters. */
void net_dns_stats(struct net_dns_stats *out);

/* Returns the host name of a, or NULL when it is not known yet, there is none, or the resolver
 * is not running; never waits for DNS. A new address (or one whose entry expired) is queued for
 * the resolver thread, and later calls return its name once found; a full queue is counted and
 * retried at the next call. Names are kept 5 minutes, failures 5 minutes too; an expired name
 * is still returned while its refresh is pending. now_ms is CLOCK_MONOTONIC in milliseconds.
 * The string has only printable ASCII without spaces and lives until the next call. */
const char *net_host_name(const struct tt_addr *a, uint64_t now_ms);

/* Writes "127.0.0.1:162" or "[::1]:162". */
void net_addr_text(const struct tt_addr *a, char *out, size_t cap);

#endif /* TINYTRAPD_NET_H */
