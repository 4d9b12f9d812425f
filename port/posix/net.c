/*
 * net.c - tinytrapd's UDP sockets and reverse-DNS cache (see net.h).
 *
 * What it does: socket set-up, batched receive with the local destination address, replies
 * from the right address, sockaddr <-> struct tt_addr; reverse DNS off the receive loop.
 *
 * Reverse DNS: the loop asks net_host_name(), which only looks in a fixed cache (128 entries,
 * 32 sets of 4, LRU within a set) under a mutex that is never held across a lookup. An address
 * not there yet goes into a bounded queue (16) and the loop prints the numeric transport, as %B
 * does without a name and as snmptrapd does when its lookup fails; a full queue is counted and
 * the address printed numerically. One resolver thread takes the queue in order, calls
 * getnameinfo() without the lock, sanitises the name and stores it, or "no name" for a failure,
 * both for 5 minutes, so a failing PTR server is asked once per address per 5 minutes, not per
 * datagram. The thread blocks every signal, so SIGTERM/SIGHUP/SIGUSR1 keep reaching the loop's
 * ppoll(). Shutdown waits at most 200 ms for it and then detaches it rather than joining: a
 * lookup stuck in getnameinfo() (glibc's resolver waits up to timeout x attempts, 10 s by
 * default) cannot be cancelled safely, and a join would hold SIGTERM hostage to the DNS server;
 * the thread only touches this file's static state, so the process exit ends it harmlessly.
 * Names found after the stop are discarded. With -n the thread is never started.
 *
 * What it does not do: allocate (glibc's getaddrinfo at start-up and getnameinfo aside), or
 * interpret datagrams.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/sock_diag.h> /* SK_MEMINFO_DROPS */
#endif
#include "net.h"

#if CONFIG_TT_MAX_MSG_SIZE >= NET_RXBUF
#error "NET_RXBUF must exceed CONFIG_TT_MAX_MSG_SIZE so that oversized datagrams are seen whole"
#endif

/* Room for IPV6_PKTINFO (or IP_PKTINFO). The kernel's drop count is not asked for per datagram
 * (SO_RXQ_OVFL, a second control message each) but read when it is printed (SO_MEMINFO). */
#define CTL_SPACE (CMSG_SPACE(sizeof(struct in6_pktinfo)) + 64)

union ctl_buf {
	char buf[CTL_SPACE];
	struct cmsghdr align;
};

/* The datagram buffers, NET_RXBUF apart plus an odd number of cache lines: 64 KiB apart, the
 * first lines of all NET_BATCH buffers would map to the same cache sets and evict each other
 * between the kernel's copy and the core's parse (measured: the core ran 1.5x slower). */
#define RXBUF_STRIDE (NET_RXBUF + 5 * 64)
static uint8_t rxarena[NET_BATCH * RXBUF_STRIDE];
static struct mmsghdr msgs[NET_BATCH];
static struct iovec iovs[NET_BATCH];
static struct sockaddr_storage froms[NET_BATCH];
static union ctl_buf ctls[NET_BATCH];
static struct net_dgram dgrams[NET_BATCH];

/* --- addresses -------------------------------------------------------------------------------- */

static void to_tt_addr(const struct sockaddr_storage *ss, struct tt_addr *a)
{
	memset(a, 0, sizeof *a);
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;
		a->family = TT_AF_INET4;
		memcpy(a->ip, &s4->sin_addr, 4);
		a->port = ntohs(s4->sin_port);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
		a->family = TT_AF_INET6;
		memcpy(a->ip, &s6->sin6_addr, 16);
		a->port = ntohs(s6->sin6_port);
	}
}

static socklen_t to_sockaddr(const struct tt_addr *a, struct sockaddr_storage *ss,
                             unsigned scope)
{
	memset(ss, 0, sizeof *ss);
	if (a->family == TT_AF_INET4) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
		s4->sin_family = AF_INET;
		memcpy(&s4->sin_addr, a->ip, 4);
		s4->sin_port = htons(a->port);
		return sizeof *s4;
	} else {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
		s6->sin6_family = AF_INET6;
		memcpy(&s6->sin6_addr, a->ip, 16);
		s6->sin6_port = htons(a->port);
		if (IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr))
			s6->sin6_scope_id = scope;
		return sizeof *s6;
	}
}

void net_addr_text(const struct tt_addr *a, char *out, size_t cap)
{
	char ip[INET6_ADDRSTRLEN];
	if (a->family == TT_AF_INET4) {
		inet_ntop(AF_INET, a->ip, ip, sizeof ip);
		snprintf(out, cap, "%s:%u", ip, (unsigned)a->port);
	} else {
		inet_ntop(AF_INET6, a->ip, ip, sizeof ip);
		snprintf(out, cap, "[%s]:%u", ip, (unsigned)a->port);
	}
}

/* --- opening ---------------------------------------------------------------------------------- */

static void report(net_report_fn fn, void *ctx, int sev, const char *msg)
{
	if (fn)
		fn(ctx, sev, msg);
}

static int on(int fd, int level, int name)
{
	int one = 1;
	return setsockopt(fd, level, name, &one, sizeof one);
}

/* Resolves spec into *ss (AI_PASSIVE: an empty host is the wildcard). */
static int resolve(const struct listen_spec *spec, struct sockaddr_storage *ss, socklen_t *len,
                   char *err, size_t errcap)
{
	struct addrinfo hints, *res = NULL;
	char port[8];
	int rc;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = spec->family == 6 ? AF_INET6 : AF_INET;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(port, sizeof port, "%u", (unsigned)spec->port);
	rc = getaddrinfo(spec->host[0] ? spec->host : NULL, port, &hints, &res);
	if (rc != 0 || !res) {
		snprintf(err, errcap, "cannot resolve '%s' (%s): %s", spec->host,
		         spec->family == 6 ? "IPv6" : "IPv4", gai_strerror(rc));
		return -1;
	}
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static int open_one(struct net *net, struct net_sock *s, const struct listen_spec *spec,
                    net_report_fn rep, void *rctx, char *err, size_t errcap)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	char text[300];
	int fd, af = spec->family == 6 ? AF_INET6 : AF_INET;
	int want = NET_RCVBUF_WANT, got = 0;
	socklen_t gl = sizeof got;

	listen_spec_text(spec, text, sizeof text);
	if (resolve(spec, &ss, &len, err, errcap) < 0)
		return -1;
	fd = socket(af, SOCK_DGRAM, 0);
	if (fd < 0) {
		if (spec->optional && (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT)) {
			char msg[400];
			snprintf(msg, sizeof msg, "not listening on %s: %s", text, strerror(errno));
			report(rep, rctx, SEV_WARNING, msg);
			return 1;
		}
		snprintf(err, errcap, "%s: socket: %s", text, strerror(errno));
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (af == AF_INET6) {
		/* IPv6 only, so that udp:162 and udp6:162 can both be bound */
		on(fd, IPPROTO_IPV6, IPV6_V6ONLY);
		on(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO);
	} else if (((const struct sockaddr_in *)&ss)->sin_addr.s_addr == htonl(INADDR_ANY)) {
		/* the local address of each datagram: for the log line and the reply's source */
		on(fd, IPPROTO_IP, IP_PKTINFO);
	} else {
		s->fixed_dst = 1; /* bound to one IPv4 address: every datagram was sent to it */
	}
	/* A burst of 20,000 traps overflows the default 208 KiB (reference §0.4). The forced
	 * size needs CAP_NET_ADMIN; without it the kernel caps SO_RCVBUF at rmem_max. */
#ifdef SO_RCVBUFFORCE
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &want, sizeof want) < 0)
#endif
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &want, sizeof want);
	if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &gl) == 0 && net->rcvbuf == 0) {
#ifdef __linux__
		got /= 2; /* Linux doubles the value for its bookkeeping and reports that (socket(7)) */
#endif
		net->rcvbuf = got;
	}
	if (bind(fd, (struct sockaddr *)&ss, len) < 0) {
		snprintf(err, errcap, "cannot listen on %s: %s", text, strerror(errno));
		close(fd);
		return -1;
	}
	len = sizeof ss;
	getsockname(fd, (struct sockaddr *)&ss, &len);
	s->fd = fd;
	s->family = spec->family;
	to_tt_addr(&ss, &s->bound);
	{
		/* the name with the real port (port 0 asks the kernel for one) */
		struct listen_spec named = *spec;
		named.port = s->bound.port;
		listen_spec_text(&named, s->name, sizeof s->name);
	}
	return 0;
}

/* The receive headers point at fixed buffers: set once, not at every net_recv(). */
static void rx_headers_init(void)
{
	unsigned k;
	for (k = 0; k < NET_BATCH; k++) {
		struct msghdr *h = &msgs[k].msg_hdr;
		iovs[k].iov_base = rxarena + (size_t)k * RXBUF_STRIDE;
		iovs[k].iov_len = NET_RXBUF;
		h->msg_name = &froms[k];
		h->msg_iov = &iovs[k];
		h->msg_iovlen = 1;
		h->msg_control = ctls[k].buf;
		dgrams[k].data = iovs[k].iov_base;
	}
}

int net_open(struct net *net, const struct listen_spec *specs, unsigned n, net_report_fn rep,
             void *rctx, char *err, size_t errcap)
{
	unsigned i;

	memset(net, 0, sizeof *net);
	rx_headers_init();
	for (i = 0; i < n; i++) {
		int rc = open_one(net, &net->socks[net->n], &specs[i], rep, rctx, err, errcap);
		if (rc < 0) {
			net_close(net);
			return -1;
		}
		if (rc == 0)
			net->n++;
	}
	if (net->n == 0) {
		snprintf(err, errcap, "no listening address could be opened");
		return -1;
	}
	return 0;
}

void net_close(struct net *net)
{
	unsigned i;
	for (i = 0; i < net->n; i++)
		if (net->socks[i].fd >= 0)
			close(net->socks[i].fd);
	net->n = 0;
}

uint32_t net_kernel_drops(const struct net *net)
{
	uint32_t t = 0;
	unsigned i;
	for (i = 0; i < net->n; i++) {
#if defined(__linux__) && defined(SO_MEMINFO)
		/* Linux 4.6+: sk_drops, the count SO_RXQ_OVFL would attach to every datagram */
		uint32_t mem[SK_MEMINFO_VARS];
		socklen_t ml = sizeof mem;
		if (getsockopt(net->socks[i].fd, SOL_SOCKET, SO_MEMINFO, mem, &ml) == 0 &&
		    ml > SK_MEMINFO_DROPS * sizeof mem[0])
			t += mem[SK_MEMINFO_DROPS];
#endif
	}
	return t;
}

/* --- receiving and sending -------------------------------------------------------------------- */

int net_recv(struct net *net, unsigned i, struct net_dgram **out)
{
	struct net_sock *s = &net->socks[i];
	int n, k;

	for (k = 0; k < NET_BATCH; k++) {
		/* value-result: the kernel shortened them to what the last batch used */
		msgs[k].msg_hdr.msg_namelen = sizeof froms[k];
		msgs[k].msg_hdr.msg_controllen = sizeof ctls[k].buf;
	}
	do
		n = recvmmsg(s->fd, msgs, NET_BATCH, MSG_DONTWAIT, NULL);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return 0;
		net->recv_errors++;
		return -1;
	}
	for (k = 0; k < n; k++) {
		struct msghdr *h = &msgs[k].msg_hdr;
		struct net_dgram *d = &dgrams[k];
		struct cmsghdr *c;

		/* a datagram over NET_RXBUF would come cut to it, and the core counts that too big */
		d->len = msgs[k].msg_len;
		d->sock = i;
		d->ifindex = 0;
		to_tt_addr(&froms[k], &d->src);
		d->dst = s->bound;
		d->has_dst = s->fixed_dst;
		for (c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
			if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
				struct in_pktinfo pi;
				memcpy(&pi, CMSG_DATA(c), sizeof pi);
				memcpy(d->dst.ip, &pi.ipi_addr, 4);
				d->ifindex = (unsigned)pi.ipi_ifindex;
				d->has_dst = 1;
			} else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
				struct in6_pktinfo pi;
				memcpy(&pi, CMSG_DATA(c), sizeof pi);
				memcpy(d->dst.ip, &pi.ipi6_addr, 16);
				d->ifindex = pi.ipi6_ifindex;
				d->has_dst = 1;
			}
		}
	}
	*out = dgrams;
	return n;
}

/* Makes the one control message of h: level, type and n octets of data, in ctl. */
static void put_cmsg(struct msghdr *h, union ctl_buf *ctl, int level, int type, const void *data,
                     size_t n)
{
	struct cmsghdr *c;
	h->msg_control = ctl->buf;
	h->msg_controllen = CMSG_SPACE(n);
	c = CMSG_FIRSTHDR(h);
	c->cmsg_level = level;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(n);
	memcpy(CMSG_DATA(c), data, n);
}

int net_send(struct net *net, const struct net_dgram *d, const uint8_t *data, size_t len)
{
	struct sockaddr_storage to;
	struct msghdr h;
	struct iovec iov;
	union ctl_buf ctl;
	ssize_t rc;

	memset(&h, 0, sizeof h);
	memset(&ctl, 0, sizeof ctl);
	iov.iov_base = (void *)data;
	iov.iov_len = len;
	h.msg_name = &to;
	h.msg_namelen = to_sockaddr(&d->src, &to, d->ifindex);
	h.msg_iov = &iov;
	h.msg_iovlen = 1;
	/* reply from the address the inform was sent to, not whatever the routing picks */
	if (d->has_dst && d->src.family == TT_AF_INET4) {
		struct in_pktinfo pi;
		memset(&pi, 0, sizeof pi);
		memcpy(&pi.ipi_spec_dst, d->dst.ip, 4);
		put_cmsg(&h, &ctl, IPPROTO_IP, IP_PKTINFO, &pi, sizeof pi);
	} else if (d->has_dst) {
		struct in6_pktinfo pi;
		memset(&pi, 0, sizeof pi);
		memcpy(&pi.ipi6_addr, d->dst.ip, 16);
		pi.ipi6_ifindex = d->ifindex;
		put_cmsg(&h, &ctl, IPPROTO_IPV6, IPV6_PKTINFO, &pi, sizeof pi);
	}
	do
		rc = sendmsg(net->socks[d->sock].fd, &h, MSG_DONTWAIT);
	while (rc < 0 && errno == EINTR);
	if (rc < 0 || (size_t)rc != len) {
		net->send_errors++;
		return -1;
	}
	net->replies++;
	return 0;
}

/* --- reverse DNS: the loop's cache, one resolver thread ------------------------------------- */

#define DNS_WAYS 4             /* entries per set (LRU within the set) */
#define DNS_SETS 32            /* 128 entries in all */
#define DNS_NAME_MAX 256       /* a DNS name has at most 253 characters */
#define DNS_QUEUE 16           /* addresses waiting for the thread */
#define DNS_TTL_MS 300000u     /* a name is believed 5 minutes */
#define DNS_NEG_TTL_MS 300000u /* so is "no name" (a failed or timed-out lookup) */
#define DNS_STOP_WAIT_MS 200   /* net_dns_stop() waits this long for the thread */

enum { DNS_NONE, DNS_NAME, DNS_NONAME };

struct dns_slot {
	uint64_t expires_ms; /* state is believed until then */
	uint64_t used_ms;    /* last asked for by the loop (eviction) */
	uint8_t used;        /* the slot holds an address */
	uint8_t state;       /* DNS_NONE (never looked up), DNS_NAME, DNS_NONAME */
	uint8_t pending;     /* queued or being looked up */
	uint8_t family;
	uint8_t ip[16];
	char name[DNS_NAME_MAX];
};

struct dns_req {
	uint8_t family;
	uint8_t ip[16];
};

/* Everything below mu is shared by the loop and the thread and only touched under mu. */
static struct {
	pthread_mutex_t mu;
	pthread_cond_t wake;   /* the thread: work queued, or stop */
	pthread_cond_t exited; /* net_dns_stop(): the thread has finished (CLOCK_MONOTONIC) */
	pthread_t thread;
	int running;           /* the loop's own flag: the thread was started and not stopped */
	int stop, done;
	struct dns_req q[DNS_QUEUE];
	unsigned head, count;
	struct dns_slot slots[DNS_SETS * DNS_WAYS];
	struct net_dns_stats st;
	char out[DNS_NAME_MAX]; /* the loop's copy of the name net_host_name() returned */
} dns = {.mu = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static uint64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static struct dns_slot *dns_set(uint8_t family, const uint8_t *ip)
{
	uint32_t h = 2166136261u;
	unsigned i;

	h = (h ^ family) * 16777619u;
	for (i = 0; i < 16; i++)
		h = (h ^ ip[i]) * 16777619u;
	return &dns.slots[(h % DNS_SETS) * DNS_WAYS];
}

static struct dns_slot *dns_find(uint8_t family, const uint8_t *ip)
{
	struct dns_slot *set = dns_set(family, ip);
	unsigned w;

	for (w = 0; w < DNS_WAYS; w++)
		if (set[w].used && set[w].family == family && memcmp(set[w].ip, ip, 16) == 0)
			return &set[w];
	return NULL;
}

/* The slot a new address takes: a free one, else the least recently used that is not being
 * looked up, else the least recently used (the thread's answer for it is then dropped). */
static struct dns_slot *dns_victim(struct dns_slot *set)
{
	struct dns_slot *best = NULL, *any = NULL;
	unsigned w;

	for (w = 0; w < DNS_WAYS; w++) {
		struct dns_slot *s = &set[w];
		if (!s->used)
			return s;
		if (!any || s->used_ms < any->used_ms)
			any = s;
		if (!s->pending && (!best || s->used_ms < best->used_ms))
			best = s;
	}
	return best ? best : any;
}

/* The blocking part, outside the lock. Returns 1 with the sanitised name in name. */
static int dns_lookup(const struct dns_req *r, char *name, size_t cap)
{
	struct sockaddr_storage ss;
	struct tt_addr a;
	socklen_t len;
	size_t i;

	memset(&a, 0, sizeof a);
	a.family = r->family;
	memcpy(a.ip, r->ip, 16);
	len = to_sockaddr(&a, &ss, 0);
	if (getnameinfo((struct sockaddr *)&ss, len, name, (socklen_t)cap, NULL, 0, NI_NAMEREQD) != 0 ||
	    !name[0])
		return 0;
	/* a PTR record is the sender's to choose: keep it from forging log lines */
	for (i = 0; name[i]; i++)
		if ((unsigned char)name[i] <= 0x20 || (unsigned char)name[i] >= 0x7f)
			name[i] = '?';
	return 1;
}

static void *dns_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&dns.mu);
	for (;;) {
		struct dns_req r;
		struct dns_slot *s;
		char name[DNS_NAME_MAX];
		int found;

		while (!dns.stop && dns.count == 0)
			pthread_cond_wait(&dns.wake, &dns.mu);
		if (dns.stop)
			break;
		r = dns.q[dns.head];
		dns.head = (dns.head + 1) % DNS_QUEUE;
		dns.count--;
		pthread_mutex_unlock(&dns.mu);
		found = dns_lookup(&r, name, sizeof name);
		pthread_mutex_lock(&dns.mu);
		if (dns.stop)
			break;
		dns.st.lookups++;
		if (found)
			dns.st.named++;
		else
			dns.st.no_name++;
		s = dns_find(r.family, r.ip);
		if (!s || !s->pending)
			continue; /* evicted while it was looked up */
		s->pending = 0;
		s->state = found ? DNS_NAME : DNS_NONAME;
		if (found)
			memcpy(s->name, name, sizeof s->name);
		s->expires_ms = mono_ms() + (found ? DNS_TTL_MS : DNS_NEG_TTL_MS);
	}
	dns.done = 1;
	pthread_cond_signal(&dns.exited);
	pthread_mutex_unlock(&dns.mu);
	return NULL;
}

int net_dns_start(char *err, size_t errcap)
{
	pthread_condattr_t ca;
	sigset_t all, old;
	int rc;

	if (dns.running)
		return 0;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&dns.exited, &ca);
	pthread_condattr_destroy(&ca);
	/* every signal stays with the loop's ppoll(): one delivered to this thread would not
	 * wake the loop (SIGTERM, SIGHUP would wait for the next datagram) */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&dns.thread, NULL, dns_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		snprintf(err, errcap, "cannot start the resolver thread: %s", strerror(rc));
		return -1;
	}
	dns.running = 1;
	return 0;
}

void net_dns_stop(void)
{
	struct timespec until;
	int rc = 0, done;

	if (!dns.running)
		return;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_nsec += DNS_STOP_WAIT_MS * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&dns.mu);
	dns.stop = 1;
	pthread_cond_broadcast(&dns.wake);
	while (!dns.done && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&dns.exited, &dns.mu, &until);
	done = dns.done;
	pthread_mutex_unlock(&dns.mu);
	if (done)
		pthread_join(dns.thread, NULL);
	else
		pthread_detach(dns.thread); /* stuck in getnameinfo: the exit ends it */
	dns.running = 0;
}

int net_dns_running(void)
{
	return dns.running;
}

void net_dns_stats(struct net_dns_stats *out)
{
	pthread_mutex_lock(&dns.mu);
	*out = dns.st;
	out->queued = dns.count;
	pthread_mutex_unlock(&dns.mu);
}

const char *net_host_name(const struct tt_addr *a, uint64_t now_ms)
{
	const char *ret = NULL;
	struct dns_slot *s;

	if (!dns.running)
		return NULL;
	pthread_mutex_lock(&dns.mu);
	s = dns_find(a->family, a->ip);
	if (!s) {
		s = dns_victim(dns_set(a->family, a->ip));
		if (s->used)
			dns.st.evicted++;
		memset(s, 0, offsetof(struct dns_slot, name));
		s->used = 1;
		s->family = a->family;
		memcpy(s->ip, a->ip, 16);
	}
	s->used_ms = now_ms;
	if ((s->state == DNS_NONE || now_ms >= s->expires_ms) && !s->pending) {
		if (dns.count < DNS_QUEUE) {
			struct dns_req *r = &dns.q[(dns.head + dns.count) % DNS_QUEUE];
			r->family = a->family;
			memcpy(r->ip, a->ip, 16);
			dns.count++;
			s->pending = 1;
			pthread_cond_signal(&dns.wake);
		} else {
			dns.st.queue_full++;
		}
	}
	/* an expired name still serves while its refresh is queued */
	if (s->state == DNS_NAME && (now_ms < s->expires_ms || s->pending)) {
		memcpy(dns.out, s->name, strlen(s->name) + 1);
		ret = dns.out;
	}
	pthread_mutex_unlock(&dns.mu);
	return ret;
}
