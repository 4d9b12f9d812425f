/*
 * cli.c - tinytrapd's command line and the settings text it shares with the configuration
 * files (see cli.h).
 *
 * What it does: walks argv by hand (getopt is not on every platform, and -L needs
 * snmptrapd's habit of taking one or two following words), parses -L/logOption, -O/
 * outputOption, -F/format and listening addresses, and merges the command-line settings with
 * those of the configuration files.
 *
 * What it does not do: any I/O. It writes no message, opens no file and resolves no name;
 * problems are returned as text for main() to print.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "tinytrap/tt_conf.h"

/* --- small text helpers ----------------------------------------------------------------------- */

/* Words are compared with tt_word_is (tt_conf.h), ignoring ASCII case like snmptrapd; lower()
 * is for the one-letter codes of -L. */
static int lower(int ch)
{
	return (ch >= 'A' && ch <= 'Z') ? ch + ('a' - 'A') : ch;
}

int cli_is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static const char *skip_space(const char *s)
{
	while (*s && cli_is_space((unsigned char)*s))
		s++;
	return s;
}

/* Copies s[0..len) into out[cap] as a string; -1 if it does not fit. */
static int copy_str(char *out, size_t cap, const char *s, size_t len)
{
	if (len >= cap)
		return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

static int all_digits(const char *s, size_t len)
{
	size_t i;
	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int parse_port(const char *s, size_t len, uint16_t *port)
{
	unsigned long v = 0;
	size_t i;
	if (!all_digits(s, len) || len > 5)
		return -1;
	for (i = 0; i < len; i++)
		v = v * 10 + (unsigned long)(s[i] - '0');
	if (v > 65535)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

int cli_parse_bool(const char *s, size_t len)
{
	if (tt_word_is(s, len, "yes") || tt_word_is(s, len, "true") ||
	    tt_word_is(s, len, "1") || tt_word_is(s, len, "on"))
		return 1;
	if (tt_word_is(s, len, "no") || tt_word_is(s, len, "false") ||
	    tt_word_is(s, len, "0") || tt_word_is(s, len, "off"))
		return 0;
	return -1;
}

void settings_init(struct settings *s)
{
	memset(s, 0, sizeof *s);
}

/* --- -L / logOption --------------------------------------------------------------------------- */

/* Net-SNMP's decode_priority(): one of 0-7 or !acewnid (either case), optionally "-X" for a
 * range. Moves *p past what it read. */
static int one_priority(const char **p)
{
	static const char letters[] = "!acewnid";
	char ch = (char)lower((unsigned char)**p);
	const char *hit;

	if (ch >= '0' && ch <= '7') {
		(*p)++;
		return ch - '0';
	}
	if (ch == '\0' || (hit = strchr(letters, ch)) == NULL)
		return -1;
	(*p)++;
	return (int)(hit - letters);
}

static int parse_priority(const char **p, struct log_spec *l)
{
	int a = one_priority(p), b;
	if (a < 0)
		return -1;
	l->min_sev = (uint8_t)a;
	l->max_sev = SEV_EMERG;
	if (**p == '-') {
		(*p)++;
		b = one_priority(p);
		if (b < 0)
			return -1;
		/* "p1-p2" in either order, as Net-SNMP */
		l->min_sev = (uint8_t)(a > b ? a : b);
		l->max_sev = (uint8_t)(a > b ? b : a);
	}
	return 0;
}

/* Net-SNMP takes the first letter only (d, u, 0-7); full names are accepted too. */
static int parse_facility(const char *s, size_t len)
{
	static const struct {
		const char *name;
		int code;
	} names[] = {
		{"kern", 0}, {"user", 1}, {"mail", 2}, {"daemon", 3}, {"auth", 4}, {"syslog", 5},
		{"lpr", 6}, {"news", 7}, {"uucp", 8}, {"cron", 9}, {"authpriv", 10}, {"ftp", 11},
		{"local0", 16}, {"local1", 17}, {"local2", 18}, {"local3", 19},
		{"local4", 20}, {"local5", 21}, {"local6", 22}, {"local7", 23},
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (tt_word_is(s, len, names[i].name))
			return names[i].code;
	if (len == 1) {
		int ch = lower((unsigned char)s[0]);
		if (ch == 'd')
			return FAC_DAEMON;
		if (ch == 'u')
			return FAC_USER;
		if (ch >= '0' && ch <= '7')
			return FAC_LOCAL0 + (ch - '0');
	}
	return -1;
}

/* The next word of a log option: the rest of the current text when there is any, else the
 * next command-line word. */
static const char *log_word(const char **rest, char *const *more, int n_more, int *used)
{
	const char *w = skip_space(*rest);
	if (*w) {
		*rest = w + strlen(w);
		return w;
	}
	if (*used < n_more)
		return more[(*used)++];
	return NULL;
}

int cli_log_option(struct settings *s, const char *text, char *const *more, int n_more,
                   int *used, char *err, size_t errcap)
{
	struct log_spec l;
	const char *rest, *w;
	char letter;

	*used = 0;
	memset(&l, 0, sizeof l);
	l.min_sev = SEV_DEBUG;
	l.max_sev = SEV_EMERG;
	text = skip_space(text);
	letter = *text;
	if (letter == '\0') {
		snprintf(err, errcap, "log option is empty: give e, o, f FILE, s FACILITY or n");
		return -1;
	}
	rest = text + 1;
	if (*rest == '=')
		rest++; /* Net-SNMP also takes "-Lf=FILE" */

	/* The upper-case forms carry a priority threshold. Net-SNMP applies it to traps as well:
	 * traps are logged at LOG_INFO, so snmptrapd -LOw (Debian's systemd unit) silently logs no
	 * traps at all (reference §1.3). tinytrapd applies the threshold to its own messages
	 * only; alerts always reach every destination. */
	if (letter == 'E' || letter == 'O' || letter == 'F' || letter == 'S' || letter == 'N') {
		w = skip_space(rest);
		if (*w) {
			rest = w;
		} else if (*used < n_more) {
			rest = more[(*used)++];
		} else {
			snprintf(err, errcap, "-L%c needs a priority (0-7 or one of !acewnid)", letter);
			return -1;
		}
		if (parse_priority(&rest, &l) < 0) {
			snprintf(err, errcap, "-L%c: invalid priority '%.20s' (0-7 or one of !acewnid)",
			         letter, rest);
			return -1;
		}
	}

	switch (letter) {
	case 'e':
	case 'E':
	case 'o':
	case 'O':
		if (*skip_space(rest)) {
			snprintf(err, errcap, "-L%c: unexpected '%.40s'", letter, skip_space(rest));
			return -1;
		}
		l.kind = (letter == 'e' || letter == 'E') ? LOGK_STDERR : LOGK_STDOUT;
		break;
	case 'f':
	case 'F':
		w = log_word(&rest, more, n_more, used);
		if (!w || !*w) {
			snprintf(err, errcap, "-L%c needs a file name", letter);
			return -1;
		}
		if (copy_str(l.path, sizeof l.path, w, strlen(w)) < 0) {
			snprintf(err, errcap, "-L%c: file name too long", letter);
			return -1;
		}
		l.kind = LOGK_FILE;
		break;
	case 's':
	case 'S': {
		int fac;
		w = log_word(&rest, more, n_more, used);
		if (!w || !*w) {
			snprintf(err, errcap, "-L%c needs a syslog facility (d, u, 0-7 or a name)",
			         letter);
			return -1;
		}
		fac = parse_facility(w, strlen(w));
		if (fac < 0) {
			snprintf(err, errcap,
			         "-L%c: invalid syslog facility '%.40s' (d, u, 0-7, daemon, user, "
			         "local0..local7, ...)", letter, w);
			return -1;
		}
		l.kind = LOGK_SYSLOG;
		l.facility = (uint8_t)fac;
		break;
	}
	case 'n':
	case 'N':
		/* "don't log at all": like Net-SNMP, forget the destinations given so far */
		s->n_logs = 0;
		s->logs_given = 1;
		return 0;
	default:
		snprintf(err, errcap, "unknown log option '%c' (e, o, f FILE, s FACILITY, n, or "
		         "E, O, F, S, N with a priority)", letter);
		return -1;
	}
	if (s->n_logs >= CLI_MAX_LOGS) {
		snprintf(err, errcap, "more than %d log destinations", CLI_MAX_LOGS);
		return -1;
	}
	s->logs[s->n_logs++] = l;
	s->logs_given = 1;
	return 0;
}

/* --- -O / outputOption ------------------------------------------------------------------------ */

int cli_output_option(struct settings *s, const char *letters, char *warn, size_t warncap,
                      char *err, size_t errcap)
{
	static const char known[] = "abeEfnqQsStTuUvxX";
	char ignored[32];
	size_t n_ign = 0;
	const char *p;

	if (warncap)
		warn[0] = '\0';
	for (p = letters; *p; p++) {
		if (cli_is_space((unsigned char)*p))
			continue;
		if (*p == 'n') {
			s->numeric = 1;
		} else if (strchr(known, *p)) {
			if (n_ign + 1 < sizeof ignored)
				ignored[n_ign++] = *p;
		} else {
			snprintf(err, errcap, "unknown output option '%c' (snmpcmd(1) -O letters; "
			         "only n is supported)", *p);
			return -1;
		}
	}
	ignored[n_ign] = '\0';
	if (n_ign && warncap)
		snprintf(warn, warncap, "output options '%s' ignored: only n (numeric OIDs) is "
		         "supported", ignored);
	return 0;
}

/* --- formats ---------------------------------------------------------------------------------- */

int cli_set_format(struct settings *s, const char *kind, size_t kind_len, const char *fmt,
                   size_t fmt_len)
{
	int a, b; /* the slots to set */

	if (tt_word_is(kind, kind_len, "format1") || tt_word_is(kind, kind_len, "print1")) {
		a = b = FMT_PRINT1;
	} else if (tt_word_is(kind, kind_len, "format2") || tt_word_is(kind, kind_len, "print2")) {
		a = b = FMT_PRINT2;
	} else if (tt_word_is(kind, kind_len, "print")) {
		a = FMT_PRINT1;
		b = FMT_PRINT2;
	} else if (tt_word_is(kind, kind_len, "syslog1")) {
		a = b = FMT_SYSLOG1;
	} else if (tt_word_is(kind, kind_len, "syslog2")) {
		a = b = FMT_SYSLOG2;
	} else if (tt_word_is(kind, kind_len, "syslog")) {
		a = FMT_SYSLOG1;
		b = FMT_SYSLOG2;
	} else if (tt_word_is(kind, kind_len, "execute") ||
	           tt_word_is(kind, kind_len, "execute1") ||
	           tt_word_is(kind, kind_len, "execute2")) {
		return 1;
	} else {
		return -1;
	}
	if (copy_str(s->fmt[a], sizeof s->fmt[a], fmt, fmt_len) < 0 ||
	    copy_str(s->fmt[b], sizeof s->fmt[b], fmt, fmt_len) < 0)
		return -1;
	s->fmt_set[a] = s->fmt_set[b] = 1;
	return 0;
}

/* -F FORMAT is "format print FORMAT"; snmptrapd also takes "-F print2=FORMAT" (any of the
 * format kinds followed by '='). */
static int cli_dash_f(struct settings *s, const char *arg, char *err, size_t errcap)
{
	const char *eq = strchr(arg, '=');
	int rc;

	if (eq && (strncmp(arg, "print", 5) == 0 || strncmp(arg, "syslog", 6) == 0 ||
	           strncmp(arg, "execute", 7) == 0)) {
		rc = cli_set_format(s, arg, (size_t)(eq - arg), eq + 1, strlen(eq + 1));
		if (rc == 0)
			return 0;
		if (rc > 0) {
			snprintf(err, errcap, "-F %.*s=: execute formats are not supported yet",
			         (int)(eq - arg), arg);
			return -1;
		}
		/* not a kind after all: the whole argument is the format */
	}
	if (cli_set_format(s, "print", 5, arg, strlen(arg)) != 0) {
		snprintf(err, errcap, "-F: format longer than %d characters", CLI_FMT_MAX - 1);
		return -1;
	}
	return 0;
}

/* --- listening addresses ---------------------------------------------------------------------- */

static int set_host(struct listen_spec *l, const char *s, size_t len, char *err, size_t errcap)
{
	if (copy_str(l->host, sizeof l->host, s, len) < 0) {
		snprintf(err, errcap, "host name too long in listening address");
		return -1;
	}
	return 0;
}

static int is_ipv6_text(const char *s, size_t len)
{
	struct tt_prefix p;
	return tt_prefix_parse(s, len, &p) == TT_OK && p.family == TT_AF_INET6 && p.bits == 128;
}

int cli_parse_listen(const char *text, size_t len, struct listen_spec *l, char *err,
                     size_t errcap)
{
	static const char *const other[] = {"tcp", "tcp6", "tcpv6", "tcpipv6", "unix", "tls",
	                                    "dtls", "dtlsudp", "tlstcp", "ssh", "ipx", "aal5pvc",
	                                    "callback", "alias"};
	const char *colon = memchr(text, ':', len);
	const char *r = text;
	size_t rl = len, i;

	memset(l, 0, sizeof *l);
	l->family = 4;
	l->port = 162;
	if (len == 0) {
		snprintf(err, errcap, "empty listening address");
		return -1;
	}
	if (colon) {
		size_t pl = (size_t)(colon - text);
		if (tt_word_is(text, pl, "udp")) {
			r = colon + 1;
		} else if (tt_word_is(text, pl, "udp6") || tt_word_is(text, pl, "udpv6") ||
		           tt_word_is(text, pl, "udpipv6")) {
			l->family = 6;
			r = colon + 1;
		} else {
			for (i = 0; i < sizeof other / sizeof other[0]; i++) {
				if (tt_word_is(text, pl, other[i])) {
					snprintf(err, errcap, "listening address '%.*s': transport '%.*s' is "
					         "not supported (udp and udp6 only)", (int)len, text, (int)pl,
					         text);
					return -1;
				}
			}
		}
		rl = len - (size_t)(r - text);
	}
	if (rl && r[0] == '[') {
		/* [ADDR] or [ADDR]:PORT: always IPv6 */
		const char *close = memchr(r, ']', rl);
		if (!close)
			goto bad;
		l->family = 6;
		if (set_host(l, r + 1, (size_t)(close - r - 1), err, errcap) < 0)
			return -1;
		rl -= (size_t)(close + 1 - r);
		r = close + 1;
		if (rl == 0)
			return 0;
		if (r[0] != ':' || parse_port(r + 1, rl - 1, &l->port) < 0)
			goto bad;
		return 0;
	}
	if (all_digits(r, rl)) {
		if (parse_port(r, rl, &l->port) < 0)
			goto bad;
		return 0;
	}
	if (l->family == 6 && is_ipv6_text(r, rl))
		return set_host(l, r, rl, err, errcap); /* a bare IPv6 address, default port */
	colon = NULL;
	for (i = rl; i > 0; i--) {
		if (r[i - 1] == ':') {
			colon = r + i - 1;
			break;
		}
	}
	if (colon) {
		if (parse_port(colon + 1, rl - (size_t)(colon + 1 - r), &l->port) < 0)
			goto bad;
		rl = (size_t)(colon - r);
	}
	if (rl == 0 || memchr(r, ':', rl) || memchr(r, ' ', rl))
		goto bad;
	return set_host(l, r, rl, err, errcap);
bad:
	snprintf(err, errcap, "invalid listening address '%.*s' (udp:[HOST:]PORT, "
	         "udp6:[ADDR]:PORT, udp6:PORT, PORT or HOST:PORT)", (int)len, text);
	return -1;
}

int cli_parse_listen_list(struct settings *s, const char *text, size_t len, char *err,
                          size_t errcap)
{
	size_t i = 0;
	int want = 1; /* an address must come next: at the start and after every comma */

	for (;;) {
		size_t start;
		while (i < len && cli_is_space((unsigned char)text[i]))
			i++;
		if (i >= len || text[i] == ',') {
			/* an unset shell variable, "a,,b" or "a," must not become the defaults */
			if (want && i >= len && !memchr(text, ',', len))
				snprintf(err, errcap, "empty listening address (an unset variable?); give "
				         "udp:[HOST:]PORT, udp6:[ADDR]:PORT or PORT");
			else if (want)
				snprintf(err, errcap, "empty element in the listening address list '%.*s'",
				         (int)len, text);
			if (want)
				return -1;
			if (i >= len)
				return 0;
			i++;
			want = 1;
			continue;
		}
		/* blanks alone separate addresses too */
		start = i;
		while (i < len && text[i] != ',' && !cli_is_space((unsigned char)text[i]))
			i++;
		if (s->n_addrs >= CLI_MAX_ADDRS) {
			snprintf(err, errcap, "more than %d listening addresses", CLI_MAX_ADDRS);
			return -1;
		}
		if (cli_parse_listen(text + start, i - start, &s->addrs[s->n_addrs], err, errcap) < 0)
			return -1;
		s->n_addrs++;
		want = 0;
	}
}

void listen_spec_text(const struct listen_spec *l, char *out, size_t cap)
{
	if (l->family == 6)
		snprintf(out, cap, "udp6:[%s]:%u", l->host[0] ? l->host : "::", (unsigned)l->port);
	else
		snprintf(out, cap, "udp:%s:%u", l->host[0] ? l->host : "0.0.0.0", (unsigned)l->port);
}

int settings_merge(struct settings *out, const struct settings *conf,
                   const struct settings *cmd)
{
	int i;

	*out = *conf;
	for (i = 0; i < FMT_SLOTS; i++) {
		if (cmd->fmt_set[i]) {
			memcpy(out->fmt[i], cmd->fmt[i], sizeof out->fmt[i]);
			out->fmt_set[i] = 1;
		}
	}
	/* destinations: the command line's first, then the files' */
	if (cmd->n_logs + conf->n_logs > CLI_MAX_LOGS)
		return -1;
	memcpy(out->logs, cmd->logs, cmd->n_logs * sizeof cmd->logs[0]);
	memcpy(out->logs + cmd->n_logs, conf->logs, conf->n_logs * sizeof conf->logs[0]);
	out->n_logs = (uint8_t)(cmd->n_logs + conf->n_logs);
	out->logs_given = (uint8_t)(cmd->logs_given | conf->logs_given);
	if (cmd->n_addrs) {
		memcpy(out->addrs, cmd->addrs, cmd->n_addrs * sizeof cmd->addrs[0]);
		out->n_addrs = cmd->n_addrs;
	}
	if (out->n_addrs == 0) {
		/* snmptrapd listens on udp:162 only; tinytrapd on both families by default. A
		 * kernel without IPv6 is no error for the default. */
		memset(&out->addrs[0], 0, 2 * sizeof out->addrs[0]);
		out->addrs[0].family = 4;
		out->addrs[0].port = 162;
		out->addrs[0].optional = 1;
		out->addrs[1].family = 6;
		out->addrs[1].port = 162;
		out->addrs[1].optional = 1;
		out->n_addrs = 2;
	}
	if (cmd->pidfile[0])
		memcpy(out->pidfile, cmd->pidfile, sizeof out->pidfile);
	if (cmd->persistent_dir[0])
		memcpy(out->persistent_dir, cmd->persistent_dir, sizeof out->persistent_dir);
	out->foreground |= cmd->foreground;
	out->numeric |= cmd->numeric;
	out->no_dns |= cmd->no_dns;
	out->ignore_auth_failure |= cmd->ignore_auth_failure;
	out->do_not_log_traps |= cmd->do_not_log_traps;
	out->no_syslog_traps |= cmd->no_syslog_traps;
	return 0;
}

/* --- the command line ------------------------------------------------------------------------- */

const char *cli_usage(void)
{
	return
	"Usage: tinytrapd [OPTIONS] [LISTENING ADDRESSES]\n"
	"\n"
	"  -f            stay in the foreground (default: become a daemon)\n"
	"  -C            do not read the default configuration file " "/etc/snmp/snmptrapd.conf\n"
	"  -c FILE[,FILE...]  read FILE as a configuration file (repeatable)\n"
	"  -Lo, -Le      log to standard output, standard error\n"
	"  -Lf FILE      log to FILE (always appended)\n"
	"  -Ls FACILITY  log to syslog (d, u, 0-7 for local0-7, or a name)\n"
	"  -LO PRI, -LE PRI, -LF PRI FILE, -LS PRI FACILITY\n"
	"                the same; PRI (0-7 or !acewnid) filters tinytrapd's own messages,\n"
	"                never the traps\n"
	"  -Ln           do not log\n"
	"  -A            accepted for compatibility: log files are always appended\n"
	"  -F FORMAT     format of logged notifications (= format print FORMAT)\n"
	"  -On           print OIDs numerically\n"
	"  -n            no reverse DNS lookups of source addresses (%B)\n"
	"  -a            ignore authenticationFailure traps\n"
	"  -t            do not log notifications to syslog\n"
	"  -p FILE       write the process id to FILE\n"
	"  -H            list the configuration directives understood\n"
	"  -v, -V        print the version\n"
	"  -h, --help    print this help\n"
	"  --NAME=VALUE  the configuration directive 'NAME VALUE'\n"
	"\n"
	"LISTENING ADDRESSES: udp:[HOST:]PORT, udp6:[ADDR]:PORT, udp6:PORT, PORT, HOST:PORT\n"
	"(default: udp:162 udp6:162)\n";
}

const char *cli_directives(void)
{
	return
	"Configuration directives understood (snmptrapd.conf syntax):\n"
	"  authCommunity     TYPES COMMUNITY [SOURCE [OID]]   TYPES: log,execute,net\n"
	"  disableAuthorization yes|no\n"
	"  createUser        [-e ENGINEID] NAME [AUTH PASS|-m HEX|-l HEX [PRIV [PASS|-m HEX|-l HEX]]]\n"
	"                    AUTH: MD5 SHA SHA-224 SHA-256 SHA-384 SHA-512\n"
	"                    PRIV: DES 3DES AES AES-192 AES-256 AES-192-C AES-256-C\n"
	"  authUser          TYPES [-s usm] NAME [noauth|auth|priv]\n"
	"  engineID          TEXT (our engine ID, RFC 3411 text format)\n"
	"  exactEngineID     0xHEX (our engine ID as given)\n"
	"  persistentDir     DIR (engineBoots and the generated engine ID; default "
	"/var/lib/tinytrap)\n"
	"  format1           FORMAT          (SNMPv1)\n"
	"  format2           FORMAT          (SNMPv2c)\n"
	"  format            print|print1|print2|syslog|syslog1|syslog2 FORMAT\n"
	"  logOption         e|o|f FILE|s FACILITY|n (as -L)\n"
	"  snmpTrapdAddr     ADDRESS[,ADDRESS...]\n"
	"  pidFile           FILE\n"
	"  doNotFork         yes|no\n"
	"  outputOption      LETTERS (as -O; n = numeric OIDs)\n"
	"  printNumericOids  yes|no\n"
	"  ignoreAuthFailure yes|no\n"
	"  doNotLogTraps     yes|no\n"
	"Recognized but not supported yet (a warning, the line is ignored):\n"
	"  authGroup authAccess setAccess traphandle forward ...\n";
}

/* Copies s into o->pool; NULL when the pool is full. */
static const char *pool_put(struct cli_options *o, const char *s, size_t len)
{
	char *p;
	if (len + 1 > sizeof o->pool - o->pool_used)
		return NULL;
	p = o->pool + o->pool_used;
	memcpy(p, s, len);
	p[len] = '\0';
	o->pool_used += len + 1;
	return p;
}

static int usage_error(struct cli_options *o, const char *msg)
{
	if (msg != o->err)
		snprintf(o->err, sizeof o->err, "%s", msg);
	o->action = CLI_ERROR;
	return -1;
}

static void add_warning(struct cli_options *o, const char *msg)
{
	if (o->n_warn < CLI_MAX_WARN)
		snprintf(o->warn[o->n_warn++], sizeof o->warn[0], "%s", msg);
}

/* -c FILE[,FILE...] */
static int add_conf_files(struct cli_options *o, const char *arg)
{
	const char *p = arg;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len) {
			const char *copy;
			if (o->n_conf >= CLI_MAX_FILES)
				return usage_error(o, "too many -c files");
			copy = pool_put(o, p, len);
			if (!copy)
				return usage_error(o, "-c: file names too long");
			o->conf_files[o->n_conf++] = copy;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* --NAME=VALUE: kept as the line "NAME VALUE" for conffile.c. */
static int long_option(struct cli_options *o, const char *a)
{
	const char *eq;
	char line[CLI_FMT_MAX + 64];
	const char *copy;

	if (strcmp(a, "help") == 0) {
		o->action = CLI_HELP;
		return 0;
	}
	if (strcmp(a, "version") == 0) {
		o->action = CLI_VERSION;
		return 0;
	}
	eq = strchr(a, '=');
	if (!eq || eq == a) {
		snprintf(o->err, sizeof o->err, "unknown option --%.60s (--help, --version or "
		         "--NAME=VALUE)", a);
		return usage_error(o, o->err);
	}
	if (o->n_long >= CLI_MAX_LONG)
		return usage_error(o, "too many --NAME=VALUE options");
	snprintf(line, sizeof line, "%.*s %s", (int)(eq - a), a, eq + 1);
	copy = pool_put(o, line, strlen(line));
	if (!copy)
		return usage_error(o, "--NAME=VALUE options too long");
	o->long_opts[o->n_long++] = copy;
	return 0;
}

int cli_parse(struct cli_options *o, int argc, char **argv)
{
	char msg[256];
	int i;

	memset(o, 0, sizeof *o);
	settings_init(&o->set);
	o->action = CLI_RUN;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int j;

		if (a[0] != '-' || a[1] == '\0') {
			if (cli_parse_listen_list(&o->set, a, strlen(a), o->err, sizeof o->err) < 0)
				return usage_error(o, o->err);
			continue;
		}
		if (a[1] == '-') {
			if (a[2] == '\0') { /* "--": only addresses follow */
				for (i++; i < argc; i++)
					if (cli_parse_listen_list(&o->set, argv[i], strlen(argv[i]), o->err,
					                          sizeof o->err) < 0)
						return usage_error(o, o->err);
				break;
			}
			if (long_option(o, a + 2) < 0)
				return -1;
			continue;
		}
		/* a cluster of one-letter options; one that takes an argument ends the cluster */
		for (j = 1; a[j]; j++) {
			char c = a[j];
			const char *arg = NULL;

			if (strchr("cFLOpmMx", c)) {
				if (a[j + 1]) {
					arg = a + j + 1;
				} else if (i + 1 < argc) {
					arg = argv[++i];
				} else {
					snprintf(msg, sizeof msg, "option -%c needs an argument", c);
					return usage_error(o, msg);
				}
			}
			switch (c) {
			case 'f':
				o->set.foreground = 1;
				break;
			case 'C':
				o->no_default_conf = 1;
				break;
			case 'A':
				break; /* log files are always appended (snmptrapd truncates without -A) */
			case 'a':
				o->set.ignore_auth_failure = 1;
				break;
			case 'n':
				o->set.no_dns = 1;
				break;
			case 't':
				o->set.no_syslog_traps = 1;
				break;
			case 'X':
				break; /* "no AgentX": tinytrapd never connects to a master agent */
			case 'h':
				o->action = CLI_HELP;
				break;
			case 'H':
				o->action = CLI_DIRECTIVES;
				break;
			case 'v':
			case 'V':
				o->action = CLI_VERSION;
				break;
			case 'c':
				if (add_conf_files(o, arg) < 0)
					return -1;
				break;
			case 'F':
				if (cli_dash_f(&o->set, arg, o->err, sizeof o->err) < 0)
					return usage_error(o, o->err);
				break;
			case 'L': {
				int used = 0;
				if (cli_log_option(&o->set, arg, argv + i + 1, argc - i - 1, &used, o->err,
				                   sizeof o->err) < 0)
					return usage_error(o, o->err);
				i += used;
				break;
			}
			case 'O':
				if (cli_output_option(&o->set, arg, msg, sizeof msg, o->err,
				                      sizeof o->err) < 0)
					return usage_error(o, o->err);
				if (msg[0])
					add_warning(o, msg);
				break;
			case 'p':
				if (copy_str(o->set.pidfile, sizeof o->set.pidfile, arg, strlen(arg)) < 0)
					return usage_error(o, "-p: file name too long");
				break;
			case 'm':
			case 'M':
				snprintf(msg, sizeof msg, "-%c ignored: tinytrapd loads no MIB files", c);
				add_warning(o, msg);
				break;
			case 'x':
				add_warning(o, "-x ignored: tinytrapd is no AgentX subagent");
				break;
			default:
				snprintf(msg, sizeof msg, "unknown option -%c", c);
				return usage_error(o, msg);
			}
			if (arg)
				break;
		}
	}
	return 0;
}
