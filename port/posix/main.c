/*
 * main.c - tinytrapd, the POSIX trap receiver daemon: start-up, the receive loop, signals.
 *
 * What it does: reads the command line (cli.c) and the configuration files (conffile.c) into
 * the live struct tt_conf, binds the sockets (net.c), opens the log destinations (logout.c),
 * becomes a daemon unless -f, writes the pid file, then loops: ppoll() over every socket,
 * recvmmsg() batches, one tt_rx_input() per datagram, tt_dispatch() to the log output, the
 * inform Response only when the output accepted (a reply-only verdict: a retransmission's
 * Response, a Report, or the tooBig Response to an inform with more varbinds than the build
 * takes, which is logged as not delivered), the logs flushed within FLUSH_INTERVAL_MS.
 * %B names come from net.c's cache without waiting (its resolver thread, not started with -n,
 * does the lookups; until a name is known the source prints numerically).
 * Signals only set flags, which the loop handles between batches: SIGTERM/SIGINT stop
 * cleanly (counters, pid file removed), SIGHUP re-reads every configuration file into the
 * second struct tt_conf and switches to it only when it is valid, SIGUSR1 prints the
 * counters.
 *
 * What it does not do: parse, decide or render (the core), or allocate in the loop: all
 * state is static (one struct tt_rx, two struct tt_conf: live and reload scratch).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "persist.h"
#include "conffile.h"
#include "logout.h"
#include "net.h"
#include "tinytrap/tinytrap.h"

#ifndef TINYTRAPD_DEFAULT_CONF
#define TINYTRAPD_DEFAULT_CONF "/etc/snmp/snmptrapd.conf"
#endif

/* Batches taken from one socket before the others get their turn. */
#define BATCHES_PER_WAKEUP 8
/* Buffered alerts reach the log within this many milliseconds (informs are written before
 * their Response, see logout.c); flushing per batch cost a write(2) per trap at low rates. */
#define FLUSH_INTERVAL_MS 100
/* After a wakeup that emptied the sockets, wait this long (5 ms) before polling again, so that a
 * steady trickle is taken in batches instead of one system call round per datagram. */
#define COALESCE_NS 5000000L

static struct tt_rx rx;
static struct tt_conf confs[2];          /* the live one and the reload scratch */
static struct settings file_settings[2]; /* what the files of each said */
static struct settings settings[2];      /* merged with the command line */
static int live;                          /* index of the live configuration */
static struct cli_options opts;
static struct logout lo;
static struct net net;
static struct tt_render_ctx rctx;
static struct tt_ratelimit drop_limit;   /* log lines for dropped datagrams */
static struct tt_ratelimit refuse_limit; /* log lines for refused alerts */
static struct tt_ratelimit toomany_limit; /* log lines for informs with too many varbinds */
static char pidfile[CLI_PATH_MAX];       /* the pid file written, "" if none */
static volatile sig_atomic_t got_term, got_hup, got_usr1;
static uint64_t last_flush;              /* when the log buffers were last written */
static struct tt_persist_engine engine;  /* our SNMP engine as started */
static char engine_hex[80];              /* its ID in hex, for messages */
static int dns_on;                       /* the resolver thread was started (not -n) */

static const struct tt_output outputs[] = {
	{logout_alert, &lo, TT_USE_LOG},
};

/* --- time ------------------------------------------------------------------------------------- */

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void to_tt_tm(const struct tm *tm, struct tt_tm *t)
{
	t->year = (uint16_t)(tm->tm_year + 1900);
	t->mon = (uint8_t)(tm->tm_mon + 1);
	t->mday = (uint8_t)tm->tm_mday;
	t->hour = (uint8_t)tm->tm_hour;
	t->min = (uint8_t)tm->tm_min;
	t->sec = (uint8_t)tm->tm_sec;
}

/* The wall clock of the render context: one time() per batch, localtime_r once a second. */
static void update_wall_clock(void)
{
	time_t t = time(NULL);
	struct tm tm;

	if ((int64_t)t == rctx.epoch)
		return;
	rctx.epoch = (int64_t)t;
	localtime_r(&t, &tm);
	to_tt_tm(&tm, &rctx.local);
	gmtime_r(&t, &tm);
	to_tt_tm(&tm, &rctx.utc);
}

/* --- configuration ---------------------------------------------------------------------------- */

static void report(void *ctx, int sev, const char *msg)
{
	(void)ctx;
	logout_msg(&lo, sev, "%s", msg);
}

/* Reads every configuration file into confs[i] and settings[i]. Returns 0, or -1 with err. */
static int read_config(int i, char *err, size_t errcap)
{
	struct conf_sink sink;
	unsigned k;

	tt_conf_init(&confs[i]);
	settings_init(&file_settings[i]);
	sink.core = &confs[i];
	sink.set = &file_settings[i];
	sink.report = report;
	sink.report_ctx = NULL;
	if (!opts.no_default_conf && conffile_read(&sink, TINYTRAPD_DEFAULT_CONF, 1, err, errcap) < 0)
		return -1;
	for (k = 0; k < opts.n_conf; k++)
		if (conffile_read(&sink, opts.conf_files[k], 0, err, errcap) < 0)
			return -1;
	for (k = 0; k < opts.n_long; k++)
		if (conffile_line(&sink, "--option", opts.long_opts[k], strlen(opts.long_opts[k]), err,
		                  errcap) < 0)
			return -1;
	if (settings_merge(&settings[i], &file_settings[i], &opts.set) < 0) {
		snprintf(err, errcap, "more than %d log destinations (-L and logOption together)",
		         CLI_MAX_LOGS);
		return -1;
	}
	return 0;
}

/* read_config(), then the core's password-to-key memo is wiped whatever the outcome. */
static int load_config(int i, char *err, size_t errcap)
{
	int rc = read_config(i, err, errcap);
	tt_conf_load_done(&confs[i]);
	return rc;
}

/* snmptrapd's start-up warning when nothing would be accepted (reference §1). */
static void warn_if_no_access(const struct tt_conf *c)
{
	char files[1024];
	size_t used = 0;
	unsigned k;

	if (c->n_communities || c->n_auth_users || c->disable_authorization)
		return;
	files[0] = '\0';
	for (k = 0; k <= opts.n_conf; k++) {
		const char *f = k == 0 ? (opts.no_default_conf ? NULL : TINYTRAPD_DEFAULT_CONF)
		                       : opts.conf_files[k - 1];
		int n;
		if (!f)
			continue;
		n = snprintf(files + used, sizeof files - used, "%s%s", used ? ", " : "", f);
		if (n > 0 && (size_t)n < sizeof files - used)
			used += (size_t)n;
	}
	logout_msg(&lo, SEV_WARNING, "Warning: no access control information configured.\n"
	           "  (Config files: %s; tinytrapd knows authCommunity, authUser and "
	           "disableAuthorization)\n"
	           "This receiver will *NOT* accept any incoming notifications.",
	           used ? files : "none");
}

static int same_addresses(const struct settings *a, const struct settings *b)
{
	unsigned i;
	if (a->n_addrs != b->n_addrs)
		return 0;
	for (i = 0; i < a->n_addrs; i++)
		if (a->addrs[i].family != b->addrs[i].family || a->addrs[i].port != b->addrs[i].port ||
		    strcmp(a->addrs[i].host, b->addrs[i].host) != 0)
			return 0;
	return 1;
}

/* Our SNMP engine: ID and boots from the persistent directory, boots written before the first
 * datagram is served (RFC 3414 §2.2). */
static int start_engine(char *err, size_t errcap)
{
	const char *dir = settings[live].persistent_dir;
	size_t i;

	if (!dir[0])
		dir = getenv("SNMP_PERSISTENT_DIR");
	if (!dir || !dir[0])
		dir = TT_PERSIST_DEFAULT_DIR;
	if (tt_persist_start(dir, confs[live].engine_id, confs[live].engine_id_len, &engine, err,
	                     errcap) < 0)
		return -1;
	tt_rx_set_engine(&rx, engine.id, engine.id_len, engine.boots, now_ms(), engine.entropy);
	for (i = 0; i < engine.id_len && 2 * i + 3 < sizeof engine_hex; i++)
		snprintf(engine_hex + 2 * i, 3, "%02x", engine.id[i]);
	return 0;
}

/* engineBoots at its maximum stay there (RFC 3414 §2.2.2), and the time window of every inform
 * is then closed: said at every start, in the log and on standard error. */
static void warn_boots_latched(void)
{
	if (engine.boots >= 2147483647u)
		logout_msg(&lo, SEV_ERR, "engineBoots is latched at 2147483647 (RFC 3414 §2.2.2): "
		           "every SNMPv3 inform is refused until the engine is reconfigured with a new "
		           "engine ID (exactEngineID, or remove the state file in the persistent "
		           "directory)");
}

/* SIGHUP: build the scratch configuration; switch only when every file was valid and every
 * log destination opened. */
static void reload(void)
{
	int next = !live;
	char err[1024];

	logout_msg(&lo, SEV_INFO, "SIGHUP: reading the configuration again");
	if (load_config(next, err, sizeof err) < 0 ||
	    logout_switch(&lo, &settings[next], err, sizeof err) < 0) {
		logout_msg(&lo, SEV_ERR, "configuration not reloaded: %s; keeping the old "
		           "configuration", err);
		return;
	}
	if (!same_addresses(&settings[next], &settings[live]))
		logout_msg(&lo, SEV_WARNING, "listening addresses change only at a restart");
	if (strcmp(settings[next].pidfile, settings[live].pidfile) != 0)
		logout_msg(&lo, SEV_WARNING, "the pid file changes only at a restart");
	if (confs[next].engine_id_len && (confs[next].engine_id_len != engine.id_len ||
	                                  memcmp(confs[next].engine_id, engine.id, engine.id_len)))
		logout_msg(&lo, SEV_WARNING, "the engine ID changes only at a restart");
	tt_rx_set_conf(&rx, &confs[next]);
	live = next;
	warn_if_no_access(&confs[live]);
	logout_msg(&lo, SEV_INFO, "configuration reloaded: %u authCommunity entries, %u USM users, "
	           "%u authUser entries%s; %u password-to-key derivations",
	           (unsigned)confs[live].n_communities, (unsigned)confs[live].n_users,
	           (unsigned)confs[live].n_auth_users,
	           confs[live].disable_authorization ? ", authorization disabled" : "",
	           (unsigned)confs[live].n_password_to_key);
}

/* --- counters --------------------------------------------------------------------------------- */

static void log_counters(void)
{
	const struct tt_rx_stats *s = &rx.stats;
	char drops[1024];
	size_t used = 0;
	uint32_t total = 0;
	int r;

	logout_msg(&lo, SEV_NOTICE, "counters: packets %u, delivered %u, v1 traps %u, v2 traps %u, "
	           "informs %u, inform retransmissions %u, responses %u, tooBig responses %u, "
	           "informs without response %u, without sysUpTime %u, without snmpTrapOID %u, "
	           "informs with too many varbinds answered tooBig %u",
	           s->packets, s->delivered, s->traps_v1, s->traps_v2, s->informs, s->duplicates,
	           s->responses, s->too_big_responses, s->no_response, s->no_uptime, s->no_trap_oid,
	           s->too_many_varbinds_answered);
	drops[0] = '\0';
	for (r = 1; r < TT_REASON_COUNT; r++) {
		int n = snprintf(drops + used, sizeof drops - used, ", %s %u",
		                 tt_reason_name((enum tt_reason)r), s->dropped[r]);
		if (n > 0 && (size_t)n < sizeof drops - used)
			used += (size_t)n;
		total += s->dropped[r];
	}
	logout_msg(&lo, SEV_NOTICE, "dropped: total %u%s", total, drops);
	logout_msg(&lo, SEV_NOTICE, "snmpv3: reports %u, reports rate-limited %u, time syncs %u, "
	           "keys localized %u, slow keys derived %u, slow keys refused %u, remote engines "
	           "evicted %u; engine 0x%s, engineBoots %u, engineTime %u",
	           s->reports, s->reports_suppressed, s->time_syncs, s->key_localizations,
	           s->slow_keys_derived, s->slow_keys_refused, s->remote_engines_evicted, engine_hex, (unsigned)engine.boots,
	           (unsigned)((now_ms() - rx.engine.start_ms) / 1000u));
	logout_msg(&lo, SEV_NOTICE, "output: alerts %u, logged %u, refused %u, not logged on "
	           "purpose %u, write errors %u; network: replies sent %u, reply errors %u, receive "
	           "errors %u, dropped by the kernel %u", lo.stats.alerts, lo.stats.written,
	           lo.stats.refused, lo.stats.skipped, lo.stats.write_errors, net.replies,
	           net.send_errors, net.recv_errors, net_kernel_drops(&net));
	if (dns_on) {
		struct net_dns_stats d;
		net_dns_stats(&d);
		logout_msg(&lo, SEV_NOTICE, "reverse DNS: lookups %u (named %u, no name %u), queue full "
		           "%u, queued %u, cache evictions %u", d.lookups, d.named, d.no_name,
		           d.queue_full, d.queued, d.evicted);
	}
}

/* --- one datagram ----------------------------------------------------------------------------- */

/* Writes s as a quoted string that cannot forge log lines; at most 64 octets. */
static void quote(char *out, size_t cap, const uint8_t *s, size_t n)
{
	size_t o = 0, i;
	out[o++] = '"';
	for (i = 0; i < n && i < 64 && o + 6 < cap; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\')
			out[o++] = (char)s[i];
		else
			o += (size_t)snprintf(out + o, cap - o, "\\x%02x", s[i]);
	}
	if (i < n && o + 5 < cap) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o++] = '"';
	out[o] = '\0';
}

/* 1 when limit lets a log line through now; more then says how many it held back. */
static int line_allowed(struct tt_ratelimit *limit, uint64_t now, char *more, size_t cap)
{
	uint32_t suppressed = 0;

	if (!tt_ratelimit_allow(limit, now, &suppressed))
		return 0;
	more[0] = '\0';
	if (suppressed)
		snprintf(more, cap, " (%u more suppressed)", suppressed);
	return 1;
}

static void log_drop(const struct net_dgram *d, const struct tt_rx_result *res, uint64_t now)
{
	char addr[80], detail[96] = "", comm[300] = "", more[48];

	if (!line_allowed(&drop_limit, now, more, sizeof more))
		return;
	if (res->detail)
		snprintf(detail, sizeof detail, " (%s)", tt_strerror(res->detail));
	if (res->diag) {
		/* SNMPv3 refusals: the core names engine, user and reason in plain words */
		logout_msg(&lo, SEV_NOTICE, "%s %zu octets: %s%s%s",
		           res->verdict == TT_VERDICT_REPLY_ONLY ? "refused (Report sent)" : "dropped",
		           d->len, res->diag, detail, more);
		return;
	}
	net_addr_text(&d->src, addr, sizeof addr);
	if ((res->reason == TT_REASON_BAD_COMMUNITY || res->reason == TT_REASON_NOT_AUTHORIZED) &&
	    res->community) {
		char q[300];
		quote(q, sizeof q, res->community, res->community_len);
		snprintf(comm, sizeof comm, ", community %s", q);
	}
	logout_msg(&lo, SEV_NOTICE, "dropped %zu octets from %s: %s%s%s%s", d->len, addr,
	           tt_reason_name(res->reason), detail, comm, more);
}

/* An inform with more varbinds than CONFIG_TT_MAX_VARBINDS: answered tooBig (so that its sender
 * stops retrying), its alert lost. Rate-limited on its own (a flood of junk that fills the
 * drop lines must not hide it). */
static void log_too_many(const struct net_dgram *d, const struct tt_rx_result *res, uint64_t now)
{
	char addr[80], more[48];

	if (!line_allowed(&toomany_limit, now, more, sizeof more))
		return;
	net_addr_text(&d->src, addr, sizeof addr);
	logout_msg(&lo, SEV_WARNING, "inform of %zu octets from %s had %u varbinds, more than this "
	           "build takes (CONFIG_TT_MAX_VARBINDS=%d): answered tooBig, NOT delivered%s",
	           d->len, addr, (unsigned)res->n_varbinds, CONFIG_TT_MAX_VARBINDS, more);
}

/* An output refused a delivered notification, so an inform is not acknowledged. */
static void log_refused(const struct net_dgram *d, const struct tt_rx_result *res, uint64_t now)
{
	char addr[80], more[48];

	if (!line_allowed(&refuse_limit, now, more, sizeof more))
		return;
	net_addr_text(&d->src, addr, sizeof addr);
	logout_msg(&lo, SEV_WARNING, "notification from %s refused by an output%s%s", addr,
	           res->reply ? "; inform not acknowledged" : "", more);
}

static void handle(const struct net_dgram *d, uint64_t now)
{
	const struct settings *s = &settings[live];
	const struct tt_rx_result *res = tt_rx_input(&rx, d->data, d->len, &d->src, now);

	switch (res->verdict) {
	case TT_VERDICT_DELIVER:
		rctx.note = res->note;
		rctx.src = &d->src;
		rctx.dst = d->has_dst ? &d->dst : NULL;
		rctx.flags = s->numeric ? TT_RENDER_NUMERIC : 0;
		rctx.src_host = NULL;
		if (!s->no_dns && (res->uses & TT_USE_LOG))
			rctx.src_host = net_host_name(&d->src, now);
		if (tt_dispatch(&rx, res, outputs, sizeof outputs / sizeof outputs[0], &rctx, now) != 1)
			log_refused(d, res, now);
		else if (res->reply)
			net_send(&net, d, res->reply, res->reply_len);
		break;
	case TT_VERDICT_REPLY_ONLY:
		if (res->reply)
			net_send(&net, d, res->reply, res->reply_len);
		if (res->reason == TT_REASON_TOO_MANY_VARBINDS)
			log_too_many(d, res, now);
		else if (res->diag && !res->time_sync)
			log_drop(d, res, now);
		break;
	default:
		/* SNMPv3 discovery's time synchronization is the protocol working: counted only */
		if (!res->time_sync)
			log_drop(d, res, now);
		break;
	}
}

/* Drains socket i, a few batches at most; returns 1 when the socket was emptied. */
static int receive(unsigned i)
{
	int b;
	for (b = 0; b < BATCHES_PER_WAKEUP; b++) {
		struct net_dgram *d;
		uint64_t now;
		int n = net_recv(&net, i, &d), k;
		if (n <= 0) {
			if (n < 0 && net.recv_errors == 1)
				logout_msg(&lo, SEV_ERR, "receive error on %s: %s", net.socks[i].name,
				           strerror(errno));
			return 1;
		}
		now = now_ms();
		update_wall_clock();
		for (k = 0; k < n; k++)
			handle(&d[k], now);
		if (n < NET_BATCH)
			return 1;
	}
	return 0;
}

/* Says how many drop and refusal lines were held back, once the flood is over. */
static void report_suppressed(uint64_t now)
{
	uint32_t n;

	if ((n = tt_ratelimit_settle(&drop_limit, now)) != 0)
		logout_msg(&lo, SEV_NOTICE, "(%u more dropped datagrams not logged)", n);
	if ((n = tt_ratelimit_settle(&refuse_limit, now)) != 0)
		logout_msg(&lo, SEV_WARNING, "(%u more notifications refused by an output not logged)",
		           n);
	if ((n = tt_ratelimit_settle(&toomany_limit, now)) != 0)
		logout_msg(&lo, SEV_WARNING, "(%u more informs with too many varbinds not logged)", n);
}

/* --- process ---------------------------------------------------------------------------------- */

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGUSR1)
		got_usr1 = 1;
	else
		got_term = 1;
}

/* Installs the handlers with the signals blocked; *open receives the mask for ppoll, under
 * which they are delivered (so none is lost between a check of the flags and the wait). */
static void setup_signals(sigset_t *open)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the wait must return */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL); /* a closed stdout is a write error, not death */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, open);
	sigdelset(open, SIGTERM);
	sigdelset(open, SIGINT);
	sigdelset(open, SIGHUP);
	sigdelset(open, SIGUSR1);
}

/* Becomes a daemon: a child in a new session with /dev/null as standard input and output.
 * The working directory is kept on purpose: relative -c and -Lf paths must still work when
 * SIGHUP re-reads and reopens them. */
static int daemonize(char *err, size_t errcap)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0) {
		snprintf(err, errcap, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid > 0)
		_exit(0);
	setsid();
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	return 0;
}

static int write_pidfile(const char *path, char *err, size_t errcap)
{
	char buf[32];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644), n;

	if (fd < 0) {
		snprintf(err, errcap, "cannot write pid file %s: %s", path, strerror(errno));
		return -1;
	}
	n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
	if (write(fd, buf, (size_t)n) != n) {
		snprintf(err, errcap, "cannot write pid file %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	snprintf(pidfile, sizeof pidfile, "%s", path);
	return 0;
}

static int fatal(const char *msg)
{
	logout_msg(&lo, SEV_ERR, "tinytrapd: %s", msg);
	logout_close(&lo);
	net_close(&net);
	if (pidfile[0])
		unlink(pidfile);
	return 1;
}

int main(int argc, char **argv)
{
	char err[1024], names[1024];
	struct pollfd pfd[CLI_MAX_ADDRS];
	sigset_t open_mask;
	unsigned i;
	size_t used = 0;

	if (cli_parse(&opts, argc, argv) < 0) {
		fprintf(stderr, "tinytrapd: %s\n%s", opts.err, cli_usage());
		return 1;
	}
	switch (opts.action) {
	case CLI_HELP:
		fputs(cli_usage(), stdout);
		return 0;
	case CLI_VERSION:
		printf("tinytrapd %s\n", TINYTRAPD_VERSION);
		return 0;
	case CLI_DIRECTIVES:
		fputs(cli_directives(), stdout);
		return 0;
	default:
		break;
	}
	for (i = 0; i < opts.n_warn; i++)
		logout_msg(&lo, SEV_WARNING, "%s", opts.warn[i]);

	live = 0;
	if (load_config(live, err, sizeof err) < 0)
		return fatal(err);
	tt_rx_init(&rx, &confs[live]);
	if (start_engine(err, sizeof err) < 0)
		return fatal(err);
	if (!(settings[live].foreground && !settings[live].logs_given))
		warn_boots_latched(); /* on stderr too, before the logs open: this needs a person */
	tt_ratelimit_init(&drop_limit, 10000, 10);
	tt_ratelimit_init(&refuse_limit, 10000, 10);
	tt_ratelimit_init(&toomany_limit, 10000, 10);

	if (net_open(&net, settings[live].addrs, settings[live].n_addrs, report, NULL, err,
	             sizeof err) < 0)
		return fatal(err);
	if (logout_open(&lo, &settings[live],
	                settings[live].foreground && !settings[live].logs_given, err,
	                sizeof err) < 0)
		return fatal(err);
	if (!settings[live].foreground && daemonize(err, sizeof err) < 0)
		return fatal(err);
	if (settings[live].pidfile[0] && write_pidfile(settings[live].pidfile, err, sizeof err) < 0)
		return fatal(err);
	setup_signals(&open_mask);

	names[0] = '\0';
	for (i = 0; i < net.n; i++) {
		int n = snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "",
		                 net.socks[i].name);
		if (n > 0 && (size_t)n < sizeof names - used)
			used += (size_t)n;
	}
	logout_msg(&lo, SEV_INFO, "tinytrapd %s listening on %s", TINYTRAPD_VERSION, names);
	logout_msg(&lo, SEV_INFO, "socket receive buffer %d octets (asked for %d)", net.rcvbuf,
	           NET_RCVBUF_WANT);
	logout_msg(&lo, SEV_INFO, "SNMP engine 0x%s, engineBoots %u; %u USM users, %u "
	           "password-to-key derivations", engine_hex, (unsigned)engine.boots,
	           (unsigned)confs[live].n_users, (unsigned)confs[live].n_password_to_key);
	warn_boots_latched();
	warn_if_no_access(&confs[live]);
	/* -n is a command-line option, so a reload never turns the resolver on or off */
	if (!settings[live].no_dns) {
		if (net_dns_start(err, sizeof err) == 0)
			dns_on = 1;
		else
			logout_msg(&lo, SEV_WARNING, "%s; sources are printed numerically", err);
	}
	logout_flush(&lo);

	for (i = 0; i < net.n; i++) {
		pfd[i].fd = net.socks[i].fd;
		pfd[i].events = POLLIN;
	}
	last_flush = now_ms();
	while (!got_term) {
		struct timespec second = {1, 0}, flush_tick = {0, FLUSH_INTERVAL_MS * 1000000L};
		struct timespec coalesce = {0, COALESCE_NS};
		int rc, emptied = 0;
		uint64_t now;

		rc = ppoll(pfd, net.n, logout_pending(&lo) ? &flush_tick
		                       : tt_ratelimit_pending(&drop_limit) ||
		                         tt_ratelimit_pending(&refuse_limit) ||
		                         tt_ratelimit_pending(&toomany_limit) ? &second : NULL, &open_mask);
		if (rc < 0 && errno != EINTR) {
			snprintf(err, sizeof err, "poll: %s", strerror(errno));
			return fatal(err);
		}
		if (got_usr1) {
			got_usr1 = 0;
			log_counters();
		}
		if (got_hup) {
			got_hup = 0;
			reload();
		}
		for (i = 0; rc > 0 && i < net.n; i++)
			if (pfd[i].revents & (POLLIN | POLLERR))
				emptied |= receive(i);
		now = now_ms();
		report_suppressed(now);
		if (rc == 0 || now - last_flush >= FLUSH_INTERVAL_MS) {
			logout_flush(&lo);
			last_flush = now;
		}
		if (emptied)
			nanosleep(&coalesce, NULL);
	}
	logout_flush(&lo);

	net_dns_stop(); /* bounded: a lookup stuck in DNS does not hold up the exit */
	log_counters();
	logout_msg(&lo, SEV_INFO, "tinytrapd stopped");
	logout_close(&lo);
	net_close(&net);
	if (pidfile[0])
		unlink(pidfile);
	return 0;
}
