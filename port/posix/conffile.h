/*
 * conffile.h - reading snmptrapd.conf-style configuration files.
 *
 * What it does: reads a file line by line, hands every line to the core's tt_conf_line()
 * (authCommunity, disableAuthorization, createUser, authUser, engineID, exactEngineID) and
 * applies the directives the core returns as TT_CONF_NOT_CORE that belong to the daemon
 * (format1, format2, format, logOption, snmpTrapdAddr, pidFile, persistentDir, doNotFork,
 * outputOption, printNumericOids, ignoreAuthFailure, doNotLogTraps) to a struct settings.
 * A NUL byte, a line over 4095 characters or a file over 16 MiB is an error at FILE:LINE.
 * Directives that snmptrapd knows but tinytrapd does not implement yet (traphandle, forward,
 * authGroup, ...) and unknown directives give one warning each, with FILE:LINE, and are
 * otherwise ignored. An error is fatal: it is
 * returned as "FILE:LINE: message" and the caller keeps (or never starts with) the old
 * configuration.
 *
 * What it does not do: open log files, bind sockets or print anything itself: warnings go
 * through the caller's report function. It uses only standard C file I/O, so a Windows port
 * can use it as it is.
 */
#ifndef TINYTRAPD_CONFFILE_H
#define TINYTRAPD_CONFFILE_H

#include <stddef.h>
#include "cli.h"
#include "tinytrap/tt_conf.h"

/* Receives a warning (severity SEV_WARNING) as one line of text. */
typedef void (*conf_report_fn)(void *ctx, int severity, const char *msg);

/* Where the directives of a file go. */
struct conf_sink {
	struct tt_conf *core;     /* the core's configuration being built */
	struct settings *set;     /* the daemon's settings being built */
	conf_report_fn report;    /* receives the warnings (may be NULL) */
	void *report_ctx;
};

/* Reads the configuration file path into sink. With missing_ok, a file that does not exist is
 * skipped silently (snmptrapd's default file). Returns 0, or -1 with the reason in err
 * ("FILE:LINE: message", or "FILE: cannot open: ..."). */
int conffile_read(const struct conf_sink *sink, const char *path, int missing_ok, char *err,
                  size_t errcap);

/* Applies one line of configuration text; where ("FILE:LINE", or "--name" for the command
 * line) prefixes every message. Returns 0, or -1 with the reason in err. */
int conffile_line(const struct conf_sink *sink, const char *where, const char *line, size_t len,
                  char *err, size_t errcap);

#endif /* TINYTRAPD_CONFFILE_H */
