/*
 * cli.h - tinytrapd's settings and its snmptrapd-compatible command line.
 *
 * What it does: turns argv into a struct cli_options (pure: no I/O, no allocation, no global
 * state, so a Windows port and the unit tests can use it as it is), and parses the pieces of
 * text that the command line and the configuration files share: -L / logOption log
 * destinations, -O / outputOption letters, -F / format strings and listening addresses
 * ("udp:127.0.0.1:162", "udp6:[::1]:162", "162"). Both sources fill the same struct settings;
 * settings_merge() combines the two into what the daemon runs with.
 *
 * What it does not do: read files (conffile.c), open sockets or resolve host names (net.c),
 * or open log destinations (logout.c). Severity and facility numbers are those of RFC 5424,
 * which equal the LOG_* values of syslog(3), so nothing here includes <syslog.h>.
 */
#ifndef TINYTRAPD_CLI_H
#define TINYTRAPD_CLI_H

#include <stddef.h>
#include <stdint.h>

#ifndef TINYTRAPD_VERSION
#define TINYTRAPD_VERSION "0.1.0"
#endif

#define CLI_MAX_FILES 16   /* -c files (after splitting comma lists) */
#define CLI_MAX_ADDRS 16   /* listening addresses */
#define CLI_MAX_LOGS 8     /* log destinations (-L and logOption together) */
#define CLI_MAX_LONG 16    /* --name=value directives */
#define CLI_MAX_WARN 8     /* warnings kept for the caller to print */
#define CLI_PATH_MAX 1024  /* longest file name */
#define CLI_FMT_MAX 1024   /* longest format string */
#define CLI_HOST_MAX 256   /* longest host part of a listening address */

/* Severities (RFC 5424 §6.2.1; equal to LOG_EMERG..LOG_DEBUG of syslog(3)). */
#define SEV_EMERG 0
#define SEV_ALERT 1
#define SEV_CRIT 2
#define SEV_ERR 3
#define SEV_WARNING 4
#define SEV_NOTICE 5
#define SEV_INFO 6
#define SEV_DEBUG 7

/* Syslog facility codes (RFC 5424 §6.2.1; LOG_DAEMON == FAC_DAEMON << 3). */
#define FAC_USER 1
#define FAC_DAEMON 3
#define FAC_LOCAL0 16

/* Where log output goes. */
enum log_kind {
	LOGK_STDOUT = 1, /* -Lo */
	LOGK_STDERR,     /* -Le */
	LOGK_FILE,       /* -Lf FILE (always appended) */
	LOGK_SYSLOG      /* -Ls FACILITY */
};

/* One log destination. The severity window applies to the daemon's own messages only: a
 * message is written when max_sev <= severity <= min_sev. Alerts are always written (see
 * cli_log_option for why). */
struct log_spec {
	uint8_t kind;      /* enum log_kind */
	uint8_t min_sev;   /* least important severity written (SEV_DEBUG: everything) */
	uint8_t max_sev;   /* most important severity written (SEV_EMERG normally) */
	uint8_t facility;  /* LOGK_SYSLOG: facility code (FAC_DAEMON ...) */
	char path[CLI_PATH_MAX]; /* LOGK_FILE: the file name */
};

/* A listening address. */
struct listen_spec {
	uint8_t family;          /* 4 (udp:) or 6 (udp6:) */
	uint16_t port;           /* UDP port (0: any free port) */
	uint8_t optional;        /* a default address: a kernel without its family is no error */
	char host[CLI_HOST_MAX]; /* address or host name; "" = every local address */
};

/* Output formats: print layout (files, stdout, stderr, -Ls) and syslog layout (the default
 * syslog destination used when no -L option is given), each for v1 and for v2c/v3. */
enum fmt_slot { FMT_PRINT1, FMT_PRINT2, FMT_SYSLOG1, FMT_SYSLOG2, FMT_SLOTS };

/* The settings the command line and the configuration files share. The booleans are 0/1;
 * merging ORs them. */
struct settings {
	char fmt[FMT_SLOTS][CLI_FMT_MAX]; /* format strings (escapes are left for the renderer) */
	uint8_t fmt_set[FMT_SLOTS];       /* 1 when fmt[i] was given */
	struct log_spec logs[CLI_MAX_LOGS];
	uint8_t n_logs;
	uint8_t logs_given;               /* some -L / logOption was given (also -Ln: none) */
	struct listen_spec addrs[CLI_MAX_ADDRS];
	uint8_t n_addrs;
	char pidfile[CLI_PATH_MAX];       /* "" = none */
	char persistent_dir[CLI_PATH_MAX]; /* persistentDir; "" = SNMP_PERSISTENT_DIR or default */
	uint8_t foreground;               /* -f, doNotFork */
	uint8_t numeric;                  /* -On, outputOption n, printNumericOids */
	uint8_t no_dns;                   /* -n */
	uint8_t ignore_auth_failure;      /* -a, ignoreAuthFailure */
	uint8_t do_not_log_traps;         /* doNotLogTraps */
	uint8_t no_syslog_traps;          /* -t: alerts not to syslog */
};

/* What main() is asked to do. */
enum cli_action { CLI_RUN, CLI_HELP, CLI_VERSION, CLI_DIRECTIVES, CLI_ERROR };

/* The parsed command line. */
struct cli_options {
	enum cli_action action;
	uint8_t no_default_conf;              /* -C */
	const char *conf_files[CLI_MAX_FILES];/* -c, in order; strings in pool */
	uint8_t n_conf;
	const char *long_opts[CLI_MAX_LONG];  /* --name=value as "name value"; strings in pool */
	uint8_t n_long;
	struct settings set;                  /* what the command line sets */
	char warn[CLI_MAX_WARN][256];         /* warnings for the caller to print */
	uint8_t n_warn;
	char err[320];                        /* the usage error when action is CLI_ERROR */
	char pool[4096];                      /* storage for conf_files and long_opts */
	size_t pool_used;
};

/* Empties *s (no formats, no destinations, no addresses). */
void settings_init(struct settings *s);

/* Parses argv into *o. Returns 0, or -1 with o->action CLI_ERROR and o->err set. */
int cli_parse(struct cli_options *o, int argc, char **argv);

/* The usage text printed by -h and after a usage error. */
const char *cli_usage(void);

/* The port directives understood (printed by -H). */
const char *cli_directives(void);

/* Applies one log option: the text after -L ("o", "f FILE", "Ow", "S5 d", "s daemon") or the
 * value of a logOption line. When the text lacks a word the option needs (-Lf FILE, -LF 5
 * FILE), it is taken from more[0..n_more) (the following command-line words) and *used says
 * how many were consumed. Returns 0, or -1 with a message in err. */
int cli_log_option(struct settings *s, const char *text, char *const *more, int n_more,
                   int *used, char *err, size_t errcap);

/* Applies -O / outputOption letters. Letter n sets numeric OIDs; the other letters of
 * snmpcmd(1) are accepted and ignored (a warning goes to warn when warncap > 0); any other
 * letter is an error. Returns 0, or -1 with a message in err. */
int cli_output_option(struct settings *s, const char *letters, char *warn, size_t warncap,
                      char *err, size_t errcap);

/* Sets a format: kind is "format1", "format2", "print", "print1", "print2", "syslog",
 * "syslog1" or "syslog2". Returns 0, 1 for a kind snmptrapd knows but tinytrapd does not
 * support yet (execute*), or -1 for an unknown kind or a format that is too long. */
int cli_set_format(struct settings *s, const char *kind, size_t kind_len, const char *fmt,
                   size_t fmt_len);

/* Parses one listening address ("udp:[HOST:]PORT", "udp6:[ADDR]:PORT", "udp6:PORT",
 * "PORT", "HOST:PORT", "HOST"). Returns 0, or -1 with a message in err. */
int cli_parse_listen(const char *text, size_t len, struct listen_spec *out, char *err,
                     size_t errcap);

/* Parses a comma-separated list of listening addresses into s->addrs (appending); blanks
 * around the commas, or alone, separate too. An empty or blank text and an empty element
 * ("a,,b", "a,", ",a") are errors, never the default addresses. Returns 0, or -1 with err. */
int cli_parse_listen_list(struct settings *s, const char *text, size_t len, char *err,
                          size_t errcap);

/* 1 for the blanks between words of option values and configuration lines: space, tab, CR
 * and LF. */
int cli_is_space(int ch);

/* Parses "yes|no|true|false|1|0|on|off". Returns 1, 0, or -1 when it is none of these. */
int cli_parse_bool(const char *text, size_t len);

/* Combines the settings of the configuration files (conf) and of the command line (cmd) into
 * *out: the command line wins for formats, pid file and addresses (its addresses replace
 * snmpTrapdAddr, like snmptrapd); log destinations of both are used; booleans are ORed; with
 * no address at all the default is "udp:162 udp6:162". Returns 0, or -1 when there are more
 * log destinations than CLI_MAX_LOGS. */
int settings_merge(struct settings *out, const struct settings *conf,
                   const struct settings *cmd);

/* Writes a listening address as text ("udp:127.0.0.1:162", "udp6:[::]:162"). */
void listen_spec_text(const struct listen_spec *l, char *out, size_t cap);

#endif /* TINYTRAPD_CLI_H */
