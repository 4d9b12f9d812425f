/*
 * logout.h - tinytrapd's log destinations: alerts and the daemon's own messages.
 *
 * What it does: opens the destinations of -L / logOption (stdout, stderr, files, syslog),
 * renders each delivered notification once per layout through tt_render_* and writes it to
 * every destination, and writes the daemon's own messages (start, stop, drops, counters)
 * filtered by each destination's severity window. It is the port's one struct tt_output
 * (TT_USE_LOG): logout_alert() says "accepted" only when every destination took the text, so
 * an inform whose log write failed is not acknowledged and its sender retries.
 *
 * Output is buffered per destination and written with write(2) when logout_flush() is called
 * (main.c: about every FLUSH_INTERVAL_MS, 100 ms, while output waits), so at 100k traps/s a
 * destination costs one write(2) per flush, not one per line. Accepted means "in the
 * destination's buffer"; an inform is flushed at once so that its acknowledgement follows the
 * real write.
 *
 * A write that fails (disk full) never leaves a cut record: a log file is truncated back to
 * the end of its last whole record (else, for a pipe or when truncation fails, the cut line is
 * ended before the next write). The destination is then failed: every alert is written at once
 * and refused while the writes fail. The failure is reported on the other destinations and,
 * when they are not destinations already, on standard error and syslog(LOG_ERR) - at once,
 * then every minute while it lasts - and the recovery as "log FILE writable again after N
 * alerts refused".
 *
 * Layouts: files, stdout, stderr and -Ls use the print layout (format1/format2/-F, else
 * snmptrapd's default text from tt_render_default). Without any -L option, alerts go to
 * syslog (facility daemon, LOG_WARNING) in snmptrapd's one-line syslog layout
 * ("%a: %W Trap (%q) Uptime: %#T%#v" for v1, "%B [%b]: Trap %#v" for v2c), or
 * format syslog1/syslog2. An explicit -Ls destination gets the print layout at LOG_INFO like
 * snmptrapd's print handler, with control characters turned into spaces (one record per
 * alert). Priorities of the daemon's own messages: errors SEV_ERR, configuration warnings
 * SEV_WARNING, drops and counters SEV_NOTICE, start/stop/reload SEV_INFO.
 *
 * What it does not do: receive, decide or resolve names (the caller fills struct
 * tt_render_ctx). The write(2)/open(2)/syslog(3) calls are the only POSIX-specific parts and
 * sit in a few small functions at the top of logout.c.
 */
#ifndef TINYTRAPD_LOGOUT_H
#define TINYTRAPD_LOGOUT_H

#include <stddef.h>
#include <stdint.h>
#include "cli.h"
#include "tinytrap/tinytrap.h"

#define LOGOUT_BUF 65536 /* buffered octets per destination */

#define LOGOUT_RECORDS 1024 /* record ends tracked per buffer (more: coarser, still whole) */

/* One open destination. */
struct logout_dest {
	struct log_spec spec;
	int fd;               /* stdout, stderr or the file; -1 for syslog */
	uint8_t failed;       /* the last write failed (reported, then every minute) */
	uint8_t need_nl;      /* a cut line could not be taken back: end it before the next write */
	uint32_t refused;     /* alerts refused since the destination failed */
	uint64_t alarm_ms;    /* when the failure was last reported */
	size_t used;          /* octets waiting in buf */
	size_t n_ends;        /* records in buf */
	uint32_t ends[LOGOUT_RECORDS]; /* where each record in buf ends */
	char buf[LOGOUT_BUF];
};

/* Counters of the log output. */
struct logout_stats {
	uint32_t alerts;       /* notifications offered */
	uint32_t written;      /* ... and accepted by every destination */
	uint32_t refused;      /* ... and refused by some destination (write error) */
	uint32_t skipped;      /* ... and not logged on purpose (doNotLogTraps, ignoreAuthFailure) */
	uint32_t write_errors; /* failed write(2) calls */
};

/* The log output. Declare it static: it holds the buffers. */
struct logout {
	struct logout_dest dests[CLI_MAX_LOGS];
	uint8_t n;               /* destinations in use */
	uint8_t opened;          /* logout_open succeeded: messages go to dests, not stderr */
	uint8_t echo_stderr;     /* also copy the daemon's messages to stderr */
	uint8_t syslog_open;
	const struct settings *set; /* formats and flags of the running configuration */
	struct logout_stats stats;
};

/* Opens the destinations of set (which must stay valid until the next logout_switch or
 * logout_close); with no -L / logOption given, the default syslog destination. echo_stderr
 * copies the daemon's messages to stderr as well. Returns 0, or -1 with the reason in err. */
int logout_open(struct logout *lo, const struct settings *set, int echo_stderr, char *err,
                size_t errcap);

/* Switches to the destinations of set (SIGHUP): opens the new ones first and keeps the old
 * ones when that fails; otherwise flushes and closes the old ones (log files are reopened,
 * so an external rotation takes effect). Returns 0, or -1 with the reason in err. */
int logout_switch(struct logout *lo, const struct settings *set, char *err, size_t errcap);

/* Flushes and closes every destination. */
void logout_close(struct logout *lo);

/* Writes buffered output. Returns 0, or -1 when some destination failed. */
int logout_flush(struct logout *lo);

/* Returns the number of octets buffered and not yet written. */
size_t logout_pending(const struct logout *lo);

/* Writes one message of the daemon at severity sev (SEV_*) to every destination whose
 * window admits it (to stderr before logout_open). */
void logout_msg(struct logout *lo, int sev, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* The tt_output write function: ctx is the struct logout, meta the struct tt_render_ctx of
 * the datagram (its note is res->note). Returns 0 when accepted, -1 when refused. */
int logout_alert(void *ctx, const struct tt_rx_result *res, const void *meta);

#endif /* TINYTRAPD_LOGOUT_H */
