/*
 * conffile.c - reading snmptrapd.conf-style configuration files (see conffile.h).
 *
 * What it does: one line at a time, the core first (tt_conf_line), then the daemon's own
 * directives; warnings for the directives of snmptrapd that tinytrapd does not implement.
 *
 * A NUL byte, a line longer than LINE_MAX_LEN (4095 characters) and a file larger than
 * FILE_MAX_OCTETS (16 MiB, say /dev/zero or a FIFO that never ends) are errors at FILE:LINE:
 * a line cut or split there would be obeyed in part.
 *
 * What it does not do: keep any state between calls, print, or touch the live
 * configuration: the caller builds into scratch structs and switches only when every file
 * was read without error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "conffile.h"

/* The longest line: characters before its "\n" or "\r\n". */
#define LINE_MAX_LEN 4095
/* The most one file may hold: /dev/zero or a FIFO fed forever would be read for ever. */
#define FILE_MAX_OCTETS (16 << 20)

/* Directives of snmptrapd (snmptrapd -H, Net-SNMP 5.9) that tinytrapd does not implement yet,
 * and snmp.conf directives users put in snmptrapd.conf. */
static const char *const unsupported[] = {
	"authGroup", "authAccess", "setAccess", "traphandle",
	"forward", "addForwarderInfo", "engineIDType", "engineIDNic",
	"oldEngineID", "engineBoots", "usmUser", "sqlMaxQueue", "sqlSaveInterval", "agentuser",
	"agentgroup", "authtrapenable", "trapsink", "trap2sink", "informsink", "trapsess",
	"trapcommunity", "v1trapaddress", "agentaddress", "quit", "leave_pidfile",
	"dontLogTCPWrappersConnects", "maxGetbulkRepeats", "maxGetbulkResponses",
	"avgBulkVarbindSize", "pduStatsMax", "pduStatsThreshold", "injectHandler", "table",
	"add_row", "agentxsocket", "agentxRetries", "agentxTimeout", "master", "agentxperms",
	"com2sec", "com2sec6", "com2secunix", "perl", "perlInitFile", "certSecName",
	"snmpTlstmParams", "snmpTlstmAddr", "smuxpeer", "smuxsocket", "agentSecName",
	"iquerySecName", "iqueryVersion", "iquerySecLevel", "group", "access", "view",
	"rwcommunity", "rocommunity", "rwcommunity6", "rocommunity6", "rwuser", "rouser",
	"dontRetainLogs", "defDomain", "defTarget", "sourceFilterType", "sourceFilterAddress",
	"includeFile", "includeDir", "includeSearch", "mibs", "mibdirs", "mibfile",
	"showMibErrors", "logTimestamp", "serverRecvBuf", "serverSendBuf",
	"noPersistentLoad", "noPersistentSave", "doDebugging", "debugTokens", "dumpPacket",
	"disableSNMPv1", "disableSNMPv2c", "disableSNMPv3", "defaultPort",
};

static void warn(const struct conf_sink *sink, const char *where, const char *what)
{
	char msg[CLI_PATH_MAX + CLI_FMT_MAX + 256];
	if (!sink->report)
		return;
	snprintf(msg, sizeof msg, "%s: %s", where, what);
	sink->report(sink->report_ctx, SEV_WARNING, msg);
}

static int fail(char *err, size_t errcap, const char *where, const char *what)
{
	snprintf(err, errcap, "%s: %s", where, what);
	return -1;
}

/* A yes/no directive. */
static int set_bool(uint8_t *flag, const char *name, const char *v, size_t vl, const char *where,
                    char *err, size_t errcap)
{
	char msg[128];
	int b = cli_parse_bool(v, vl);
	if (b < 0) {
		snprintf(msg, sizeof msg, "%s takes yes or no", name);
		return fail(err, errcap, where, msg);
	}
	*flag = (uint8_t)b;
	return 0;
}

int conffile_line(const struct conf_sink *sink, const char *where, const char *line, size_t len,
                  char *err, size_t errcap)
{
	char cerr[256], msg[CLI_FMT_MAX + 128];
	struct settings *s = sink->set;
	const char *name, *val;
	size_t nl, vl, i;
	int rc;

	rc = tt_conf_line(sink->core, line, len, cerr, sizeof cerr);
	if (rc == TT_OK)
		return 0;
	if (rc < 0)
		return fail(err, errcap, where, cerr);

	/* the directive name (compared with tt_word_is: directive names are case-insensitive in
	 * snmptrapd.conf), then the value with surrounding blanks removed */
	for (i = 0; i < len && cli_is_space((unsigned char)line[i]); i++)
		;
	name = line + i;
	while (i < len && !cli_is_space((unsigned char)line[i]))
		i++;
	nl = (size_t)(line + i - name);
	if (nl > 2 && name[0] == '[' && name[nl - 1] == ']') {
		/* Net-SNMP's "[snmp] token value": the section prefix changes nothing here */
		return conffile_line(sink, where, line + i, len - i, err, errcap);
	}
	while (i < len && cli_is_space((unsigned char)line[i]))
		i++;
	val = line + i;
	vl = len - i;
	while (vl && cli_is_space((unsigned char)val[vl - 1]))
		vl--;

	if (tt_word_is(name, nl, "format1") || tt_word_is(name, nl, "format2")) {
		if (vl == 0)
			return fail(err, errcap, where, "format1/format2 need a FORMAT");
		if (cli_set_format(s, name, nl, val, vl) < 0)
			return fail(err, errcap, where, "format longer than 1023 characters");
		return 0;
	}
	if (tt_word_is(name, nl, "format")) {
		const char *kind = val, *fmt;
		size_t kl = 0, fl;
		while (kl < vl && !cli_is_space((unsigned char)kind[kl]))
			kl++;
		fmt = kind + kl;
		fl = vl - kl;
		while (fl && cli_is_space((unsigned char)*fmt)) {
			fmt++;
			fl--;
		}
		if (kl == 0 || fl == 0)
			return fail(err, errcap, where, "format needs a KIND (print, print1, print2, "
			            "syslog, syslog1, syslog2) and a FORMAT");
		rc = cli_set_format(s, kind, kl, fmt, fl);
		if (rc > 0) {
			snprintf(msg, sizeof msg, "'format %.*s' is not supported yet (no traphandle "
			         "programs); line ignored", (int)kl, kind);
			warn(sink, where, msg);
			return 0;
		}
		if (rc < 0) {
			snprintf(msg, sizeof msg, "format: unknown kind '%.*s' (print, print1, print2, "
			         "syslog, syslog1, syslog2) or format too long", (int)kl, kind);
			return fail(err, errcap, where, msg);
		}
		return 0;
	}
	if (tt_word_is(name, nl, "logOption")) {
		char text[CLI_PATH_MAX + 16];
		int used;
		if (vl == 0 || vl >= sizeof text)
			return fail(err, errcap, where, "logOption needs e, o, f FILE or s FACILITY");
		memcpy(text, val, vl);
		text[vl] = '\0';
		if (cli_log_option(s, text, NULL, 0, &used, cerr, sizeof cerr) < 0) {
			snprintf(msg, sizeof msg, "logOption: %s", cerr);
			return fail(err, errcap, where, msg);
		}
		return 0;
	}
	if (tt_word_is(name, nl, "snmpTrapdAddr")) {
		s->n_addrs = 0; /* the last snmpTrapdAddr line wins, as in snmptrapd */
		if (vl == 0 || cli_parse_listen_list(s, val, vl, cerr, sizeof cerr) < 0) {
			snprintf(msg, sizeof msg, "snmpTrapdAddr: %s", vl ? cerr : "needs an address");
			return fail(err, errcap, where, msg);
		}
		return 0;
	}
	if (tt_word_is(name, nl, "pidFile")) {
		if (vl == 0 || vl >= sizeof s->pidfile)
			return fail(err, errcap, where, "pidFile needs a file name (shorter than 1024)");
		memcpy(s->pidfile, val, vl);
		s->pidfile[vl] = '\0';
		return 0;
	}
	if (tt_word_is(name, nl, "persistentDir")) {
		if (vl == 0 || vl >= sizeof s->persistent_dir)
			return fail(err, errcap, where,
			            "persistentDir needs a directory name (shorter than 1024)");
		memcpy(s->persistent_dir, val, vl);
		s->persistent_dir[vl] = '\0';
		return 0;
	}
	if (tt_word_is(name, nl, "doNotFork"))
		return set_bool(&s->foreground, "doNotFork", val, vl, where, err, errcap);
	if (tt_word_is(name, nl, "ignoreAuthFailure"))
		return set_bool(&s->ignore_auth_failure, "ignoreAuthFailure", val, vl, where, err,
		                errcap);
	if (tt_word_is(name, nl, "doNotLogTraps")) {
		/* snmptrapd parses this with atoi(), so "yes" does nothing, and "1" only silences
		 * its syslog handler (reference §1.3). Here "yes" stops the logging of notifications
		 * everywhere, as the manual page promises. */
		return set_bool(&s->do_not_log_traps, "doNotLogTraps", val, vl, where, err, errcap);
	}
	if (tt_word_is(name, nl, "printNumericOids"))
		return set_bool(&s->numeric, "printNumericOids", val, vl, where, err, errcap);
	if (tt_word_is(name, nl, "outputOption")) {
		char text[64], w[200];
		if (vl == 0 || vl >= sizeof text)
			return fail(err, errcap, where, "outputOption needs option letters (n)");
		memcpy(text, val, vl);
		text[vl] = '\0';
		if (cli_output_option(s, text, w, sizeof w, cerr, sizeof cerr) < 0) {
			snprintf(msg, sizeof msg, "outputOption: %s", cerr);
			return fail(err, errcap, where, msg);
		}
		if (w[0])
			warn(sink, where, w);
		return 0;
	}
	if ((tt_word_is(name, nl, "doNotRetainNotificationLogs") ||
	     tt_word_is(name, nl, "disablePerl")) && cli_parse_bool(val, vl) == 1)
		return 0; /* what tinytrapd does anyway: no NOTIFICATION-LOG-MIB, no Perl */
	for (i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++) {
		if (tt_word_is(name, nl, unsupported[i])) {
			snprintf(msg, sizeof msg, "'%s' is not supported yet; line ignored",
			         unsupported[i]);
			warn(sink, where, msg);
			return 0;
		}
	}
	snprintf(msg, sizeof msg, "unknown directive '%.*s'; line ignored", (int)(nl > 64 ? 64 : nl),
	         name);
	warn(sink, where, msg);
	return 0;
}

/* Reads one line of f into line (without its "\n"), counting the octets of the file in *total.
 * Returns the length, -1 at the end of the file, -2 for a NUL byte, -3 for a line longer than
 * LINE_MAX_LEN, -4 when the file exceeds FILE_MAX_OCTETS, -5 for a read error. A line ending in
 * "\r\n" may hold LINE_MAX_LEN characters before its "\r". */
static long read_line(FILE *f, char *line, unsigned long *total)
{
	size_t len = 0;
	int c;

	for (;;) {
		c = getc(f);
		if (c == EOF)
			break;
		if (++*total > FILE_MAX_OCTETS)
			return -4;
		if (c == '\n')
			break;
		if (c == '\0')
			return -2;
		if (len > LINE_MAX_LEN)
			return -3;
		line[len++] = (char)c;
	}
	if (c == EOF && ferror(f))
		return -5;
	if (c == EOF && len == 0)
		return -1;
	if (len > LINE_MAX_LEN && line[len - 1] != '\r')
		return -3;
	return (long)len;
}

int conffile_read(const struct conf_sink *sink, const char *path, int missing_ok, char *err,
                  size_t errcap)
{
	static char line[LINE_MAX_LEN + 2];
	char where[CLI_PATH_MAX + 16];
	unsigned lineno = 0;
	unsigned long total = 0;
	FILE *f = fopen(path, "r");
	int rc = 0;

	if (!f) {
		if (missing_ok && errno == ENOENT)
			return 0;
		snprintf(err, errcap, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		long got = read_line(f, line, &total);
		const char *p = line;
		size_t len;

		if (got == -1)
			break;
		lineno++;
		snprintf(where, sizeof where, "%s:%u", path, lineno);
		if (got < -1) {
			if (got == -2)
				snprintf(err, errcap, "%s: NUL byte in the line (not a text file?)", where);
			else if (got == -3)
				snprintf(err, errcap, "%s: line longer than %d characters", where,
				         LINE_MAX_LEN);
			else if (got == -4)
				snprintf(err, errcap, "%s: file larger than %d MiB (not a configuration "
				         "file?)", where, FILE_MAX_OCTETS >> 20);
			else
				snprintf(err, errcap, "%s: read error: %s", where, strerror(errno));
			rc = -1;
			break;
		}
		len = (size_t)got;
		if (lineno == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
			p += 3; /* a UTF-8 byte-order mark from a Windows editor */
			len -= 3;
		}
		if (conffile_line(sink, where, p, len, err, errcap) < 0) {
			rc = -1;
			break;
		}
	}
	fclose(f);
	return rc;
}
