/*
 * logout.c - tinytrapd's log destinations (see logout.h).
 *
 * What it does: buffering per destination, rendering through tt_render_default /
 * tt_render_format into one static buffer, severity windows for the daemon's messages.
 *
 * What it does not do: allocate (every buffer is static or inside struct logout), or block
 * on anything but the write itself. The OS calls are in the os_* functions below; a
 * Windows port replaces those (and has no syslog: it would map LOGK_SYSLOG to the event log
 * or refuse it).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "logout.h"

/* The largest alert: every octet of the largest message rendered as "XX " hex plus names and
 * type labels stays well below 8 octets of text per octet of message. */
#define TEXT_MAX (8 * CONFIG_TT_MAX_MSG_SIZE)

/* snmptrapd's syslog handler formats (snmptrapd_handlers.c SYSLOG_V1_STANDARD_FORMAT and
 * SYSLOG_V23_NOTIFICATION_FORMAT; the v2 one has the leading ", " of %#v after "Trap "). */
static const char syslog_v1_format[] = "%a: %W Trap (%q) Uptime: %#T%#v\n";
static const char syslog_v2_format[] = "%B [%b]: Trap %#v\n";

/* authenticationFailure: 1.3.6.1.6.3.1.1.5.5 (RFC 3418) */
static const uint8_t auth_failure_oid[] = {0x2b, 6, 1, 6, 3, 1, 1, 5, 5};

static char text[TEXT_MAX];

/* --- the OS ----------------------------------------------------------------------------------- */

static int os_open_append(const char *path)
{
	return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

static void os_close(int fd)
{
	close(fd);
}

/* Writes all n octets; a full pipe is waited for at most one second. *done receives the
 * octets written, also on failure (a full disk takes part of a write). */
static int os_write_all(int fd, const char *p, size_t n, size_t *done)
{
	*done = 0;
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				struct pollfd pfd;
				pfd.fd = fd;
				pfd.events = POLLOUT;
				if (poll(&pfd, 1, 1000) > 0)
					continue;
				errno = EAGAIN;
			}
			return -1;
		}
		p += w;
		n -= (size_t)w;
		*done += (size_t)w;
	}
	return 0;
}

/* Takes back the last `back` octets written to the regular file fd (opened to append, so they
 * are its last octets). Returns 0, or -1 when fd is not a regular file or truncation failed. */
static int os_unwrite(int fd, size_t back)
{
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size < back)
		return -1;
	return ftruncate(fd, st.st_size - (off_t)back);
}

/* 1 when the process has a standard error to write to (after daemonizing it is /dev/null). */
static int os_have_stderr(void)
{
	return fcntl(STDERR_FILENO, F_GETFD) >= 0;
}

static uint64_t os_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void os_syslog(int facility, int sev, const char *msg)
{
	syslog(LOG_MAKEPRI(facility << 3, sev), "%s", msg);
}

/* --- buffered destinations -------------------------------------------------------------------- */

static const char *dest_name(const struct logout_dest *d)
{
	switch (d->spec.kind) {
	case LOGK_STDOUT: return "standard output";
	case LOGK_STDERR: return "standard error";
	case LOGK_FILE: return d->spec.path;
	default: return "syslog";
	}
}

/* Formats one message line into line[cap], leaving room for a '\n' and a '\0' after it;
 * returns its length (cut to fit), or -1. */
static int format_line(char *line, size_t cap, const char *fmt, va_list ap)
{
	int len = vsnprintf(line, cap - 1, fmt, ap);
	if (len >= 0 && (size_t)len > cap - 2)
		len = (int)cap - 2;
	return len;
}

/* A destination's failure or recovery: on the other destinations (logout_msg skips a failed
 * one), and also on standard error and syslog (at sev: LOG_ERR for a failure) when those are not
 * destinations already, so that a lone -Lf that fails still reaches someone. */
static void alarm_msg(struct logout *lo, int sev, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
static void alarm_msg(struct logout *lo, int sev, const char *fmt, ...)
{
	char line[2048];
	int has_stderr = lo->echo_stderr, has_syslog = 0, len;
	size_t done;
	unsigned i;
	va_list ap;

	va_start(ap, fmt);
	len = format_line(line, sizeof line, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	line[len] = '\0';
	logout_msg(lo, sev, "%s", line);
	for (i = 0; i < lo->n; i++) {
		const struct logout_dest *d = &lo->dests[i];
		if (d->spec.kind == LOGK_SYSLOG)
			has_syslog = 1;
		else if (d->spec.kind == LOGK_STDERR && !d->failed)
			has_stderr = 1;
	}
	if (!has_syslog)
		os_syslog(FAC_DAEMON, sev, line);
	if (!has_stderr && os_have_stderr()) {
		static const char name[] = "tinytrapd: ";
		os_write_all(STDERR_FILENO, name, sizeof name - 1, &done);
		line[len] = '\n';
		os_write_all(STDERR_FILENO, line, (size_t)len + 1, &done);
	}
}

/* Reports a change of a destination's health: the failure at once and then every
 * ALARM_REPEAT_MS while it lasts, the recovery with the number of alerts refused meanwhile. */
#define ALARM_REPEAT_MS 60000u
static void dest_health(struct logout *lo, struct logout_dest *d, int ok, int err)
{
	uint64_t now;

	if (ok && d->failed) {
		uint32_t refused = d->refused;
		d->failed = 0;
		d->refused = 0;
		alarm_msg(lo, SEV_NOTICE, "log %s writable again after %u alerts refused", dest_name(d),
		          (unsigned)refused);
	} else if (!ok && !d->failed) {
		d->failed = 1;
		d->alarm_ms = os_now_ms();
		alarm_msg(lo, SEV_ERR, "cannot write to %s: %s; notifications are refused (informs "
		          "not acknowledged) until it works again", dest_name(d), strerror(err));
	} else if (!ok && (now = os_now_ms()) - d->alarm_ms >= ALARM_REPEAT_MS) {
		d->alarm_ms = now;
		alarm_msg(lo, SEV_ERR, "still cannot write to %s: %s; %u alerts refused so far",
		          dest_name(d), strerror(err), (unsigned)d->refused);
	}
}

/* After a failed write that took `done` octets of a text whose records end at the offsets
 * ends[0..n_ends) (ascending): the file goes back to its last whole record, so that a record
 * cut by a full disk neither stays nor gets the next one glued onto it. When the octets cannot
 * be taken back (not a regular file, truncation refused) the cut line is ended before the
 * next write. */
static void dest_unwrite(struct logout_dest *d, size_t done, const uint32_t *ends, size_t n_ends)
{
	size_t keep = 0;
	while (n_ends && ends[n_ends - 1] > done)
		n_ends--;
	if (n_ends)
		keep = ends[n_ends - 1];
	if (done == keep)
		return;
	if (d->spec.kind != LOGK_FILE || os_unwrite(d->fd, done - keep) < 0)
		d->need_nl = 1;
}

/* Writes p (n octets, records ending at ends[]) to d; returns 0 or -1 with errno. */
static int dest_write(struct logout_dest *d, const char *p, size_t n, const uint32_t *ends,
                      size_t n_ends)
{
	size_t done;

	if (d->need_nl) {
		if (os_write_all(d->fd, "\n", 1, &done) < 0)
			return -1;
		d->need_nl = 0;
	}
	if (os_write_all(d->fd, p, n, &done) < 0) {
		int e = errno;
		dest_unwrite(d, done, ends, n_ends);
		errno = e;
		return -1;
	}
	return 0;
}

static int dest_flush(struct logout *lo, struct logout_dest *d)
{
	int rc;
	if (d->used == 0 || d->fd < 0)
		return 0;
	rc = dest_write(d, d->buf, d->used, d->ends, d->n_ends);
	d->used = 0; /* on failure the buffered text is lost: it cannot be kept forever */
	d->n_ends = 0;
	if (rc < 0) {
		int e = errno;
		lo->stats.write_errors++;
		dest_health(lo, d, 0, e);
		return -1;
	}
	if (d->failed)
		dest_health(lo, d, 1, 0);
	return 0;
}

/* Appends one record (an alert, a message line). */
static int dest_put(struct logout *lo, struct logout_dest *d, const char *s, size_t n)
{
	if (d->used + n > sizeof d->buf && dest_flush(lo, d) < 0)
		return -1;
	if (n > sizeof d->buf) {
		uint32_t end = (uint32_t)n;
		if (dest_write(d, s, n, &end, 1) < 0) {
			int e = errno;
			lo->stats.write_errors++;
			dest_health(lo, d, 0, e);
			return -1;
		}
		if (d->failed)
			dest_health(lo, d, 1, 0);
		return 0;
	}
	memcpy(d->buf + d->used, s, n);
	d->used += n;
	if (d->n_ends == LOGOUT_RECORDS)
		d->n_ends--; /* coarser: a failed write may then take back more, never less */
	d->ends[d->n_ends++] = (uint32_t)d->used;
	return 0;
}

size_t logout_pending(const struct logout *lo)
{
	size_t n = 0;
	unsigned i;
	for (i = 0; i < lo->n; i++)
		n += lo->dests[i].used;
	return n;
}

int logout_flush(struct logout *lo)
{
	int rc = 0;
	unsigned i;
	for (i = 0; i < lo->n; i++)
		if (dest_flush(lo, &lo->dests[i]) < 0)
			rc = -1;
	return rc;
}

/* --- opening and closing ---------------------------------------------------------------------- */

/* Opens the destination spec: *fd receives its descriptor (-1 for syslog). */
static int spec_open(const struct log_spec *spec, int *fd, char *err, size_t errcap)
{
	switch (spec->kind) {
	case LOGK_STDOUT:
		*fd = STDOUT_FILENO;
		return 0;
	case LOGK_STDERR:
		*fd = STDERR_FILENO;
		return 0;
	case LOGK_FILE:
		*fd = os_open_append(spec->path);
		if (*fd < 0) {
			snprintf(err, errcap, "cannot open log file %s: %s", spec->path, strerror(errno));
			return -1;
		}
		return 0;
	default:
		*fd = -1;
		return 0;
	}
}

static void dest_close(struct logout *lo, struct logout_dest *d)
{
	dest_flush(lo, d);
	if (d->spec.kind == LOGK_FILE && d->fd >= 0)
		os_close(d->fd);
	d->fd = -1;
}

int logout_switch(struct logout *lo, const struct settings *set, char *err, size_t errcap)
{
	/* The new destinations are staged (specs and descriptors only; the buffers stay in
	 * lo->dests) so that a failure leaves the old ones working. */
	static struct log_spec spec[CLI_MAX_LOGS];
	int fd[CLI_MAX_LOGS];
	unsigned i, n;

	if (!set->logs_given) {
		/* snmptrapd without -L: a syslog handler, facility daemon, at LOG_WARNING */
		memset(&spec[0], 0, sizeof spec[0]);
		spec[0].kind = LOGK_SYSLOG;
		spec[0].facility = FAC_DAEMON;
		spec[0].min_sev = SEV_DEBUG;
		spec[0].max_sev = SEV_EMERG;
		fd[0] = -1;
		n = 1;
	} else {
		n = set->n_logs;
		for (i = 0; i < n; i++) {
			spec[i] = set->logs[i];
			if (spec_open(&spec[i], &fd[i], err, errcap) < 0) {
				while (i--)
					if (spec[i].kind == LOGK_FILE)
						os_close(fd[i]);
				return -1;
			}
		}
	}
	for (i = 0; i < lo->n; i++)
		dest_close(lo, &lo->dests[i]);
	for (i = 0; i < n; i++) {
		struct logout_dest *d = &lo->dests[i];
		d->spec = spec[i];
		d->fd = fd[i];
		d->failed = 0;
		d->need_nl = 0;
		d->refused = 0;
		d->used = 0;
		d->n_ends = 0;
		if (d->spec.kind == LOGK_SYSLOG && !lo->syslog_open) {
			openlog("tinytrapd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
			lo->syslog_open = 1;
		}
	}
	lo->n = (uint8_t)n;
	lo->set = set;
	return 0;
}

int logout_open(struct logout *lo, const struct settings *set, int echo_stderr, char *err,
                size_t errcap)
{
	lo->n = 0;
	if (logout_switch(lo, set, err, errcap) < 0)
		return -1;
	lo->echo_stderr = (uint8_t)echo_stderr;
	lo->opened = 1;
	return 0;
}

void logout_close(struct logout *lo)
{
	unsigned i;
	for (i = 0; i < lo->n; i++)
		dest_close(lo, &lo->dests[i]);
	lo->n = 0;
	lo->opened = 0;
	if (lo->syslog_open) {
		closelog();
		lo->syslog_open = 0;
	}
}

/* --- the daemon's messages -------------------------------------------------------------------- */

void logout_msg(struct logout *lo, int sev, const char *fmt, ...)
{
	char line[2048];
	va_list ap;
	int len;
	unsigned i;

	va_start(ap, fmt);
	len = format_line(line, sizeof line, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if (!lo->opened || lo->echo_stderr) {
		size_t done;
		line[len] = '\n';
		os_write_all(STDERR_FILENO, line, (size_t)len + 1, &done);
		if (!lo->opened)
			return;
	}
	for (i = 0; i < lo->n; i++) {
		struct logout_dest *d = &lo->dests[i];
		if (sev > d->spec.min_sev || sev < d->spec.max_sev)
			continue;
		if (d->spec.kind == LOGK_SYSLOG) {
			line[len] = '\0';
			os_syslog(d->spec.facility, sev, line);
		} else if (!d->failed) {
			line[len] = '\n';
			dest_put(lo, d, line, (size_t)len + 1);
		}
	}
}

/* --- alerts ----------------------------------------------------------------------------------- */

static int is_auth_failure(const struct tt_notification *n)
{
	/* snmptrapd checks only v1 generic-trap 4 (reference §1.3); the SNMPv2 form is the same
	 * event and is skipped as well. */
	if (n->pdu_type == TT_PDU_TRAP_V1 && n->v1.generic == 4)
		return 1;
	return n->trap_oid && n->trap_oid_len == sizeof auth_failure_oid &&
	       memcmp(n->trap_oid, auth_failure_oid, sizeof auth_failure_oid) == 0;
}

/* Renders the alert into text[] in the print layout (syslog_layout 0) or the syslog layout.
 * Returns the length; a text that did not fit is cut and marked. */
static size_t render(const struct logout *lo, int syslog_layout, const struct tt_render_ctx *ctx)
{
	static const char cut[] = " [truncated]\n";
	int v1 = ctx->note->pdu_type == TT_PDU_TRAP_V1;
	int slot = syslog_layout ? (v1 ? FMT_SYSLOG1 : FMT_SYSLOG2) : (v1 ? FMT_PRINT1 : FMT_PRINT2);
	int r;

	if (lo->set->fmt_set[slot])
		r = tt_render_format(text, sizeof text, lo->set->fmt[slot], ctx);
	else if (syslog_layout)
		r = tt_render_format(text, sizeof text, v1 ? syslog_v1_format : syslog_v2_format, ctx);
	else
		r = tt_render_default(text, sizeof text, ctx);
	if (r < 0)
		return 0;
	if ((size_t)r >= sizeof text) {
		memcpy(text + sizeof text - sizeof cut, cut, sizeof cut);
		return sizeof text - 1;
	}
	return (size_t)r;
}

/* One syslog record per alert: control characters (newlines, tabs) become spaces and
 * trailing blanks go. */
static void flatten(size_t len)
{
	size_t i;
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	text[len] = '\0';
	for (i = 0; i < len; i++)
		if ((unsigned char)text[i] < 0x20)
			text[i] = ' ';
}

int logout_alert(void *vlo, const struct tt_rx_result *res, const void *meta)
{
	struct logout *lo = vlo;
	const struct tt_render_ctx *ctx = meta;
	const struct tt_notification *n = res->note;
	int inform = n->pdu_type == TT_PDU_INFORM, ok = 1, flat = 0;
	size_t len;
	unsigned i;

	lo->stats.alerts++;
	if (lo->set->do_not_log_traps || (lo->set->ignore_auth_failure && is_auth_failure(n))) {
		lo->stats.skipped++;
		return 0;
	}
	if (!lo->set->logs_given) {
		/* no -L: dests[0] is snmptrapd's syslog handler, with its own layout */
		if (!lo->set->no_syslog_traps) {
			flatten(render(lo, 1, ctx));
			os_syslog(lo->dests[0].spec.facility, SEV_WARNING, text);
		}
	} else if (lo->n) {
		len = render(lo, 0, ctx);
		for (i = 0; i < lo->n; i++) {
			struct logout_dest *d = &lo->dests[i];
			if (d->spec.kind == LOGK_SYSLOG)
				continue;
			/* an inform is written before its Response; while a destination fails,
			 * every alert is tried at once and refused, not buffered and lost */
			if (dest_put(lo, d, text, len) < 0 ||
			    ((inform || d->failed) && dest_flush(lo, d) < 0)) {
				ok = 0;
				d->refused++;
			}
		}
		/* -Ls after the others: flatten() rewrites text for syslog */
		for (i = 0; i < lo->n; i++) {
			struct logout_dest *d = &lo->dests[i];
			if (d->spec.kind != LOGK_SYSLOG || lo->set->no_syslog_traps)
				continue;
			if (!flat) {
				flatten(len);
				flat = 1;
			}
			os_syslog(d->spec.facility, SEV_INFO, text);
		}
	}
	if (ok)
		lo->stats.written++;
	else
		lo->stats.refused++;
	return ok ? 0 : -1;
}
