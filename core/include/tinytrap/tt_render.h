/*
 * tt_render.h - pure text rendering of notifications, compatible with Net-SNMP snmptrapd.
 *
 * Every function writes into a caller buffer with snprintf semantics: the output is always
 * NUL-terminated when cap > 0, and the return value is the length the whole text needs (not
 * counting the NUL), so a return >= cap means it was cut; out may be NULL when cap is 0.
 * Nothing here reads a clock, resolves a name or allocates: the caller supplies the time and
 * host names in struct tt_render_ctx.
 *
 * OIDs print by name where a small built-in table knows them (SNMPv2-MIB::sysUpTime.0,
 * IF-MIB::linkDown, ...) and numerically with a leading dot otherwise (.1.3.6.1.4.1.8072);
 * TT_RENDER_NUMERIC (snmptrapd -On) forces numeric. Octet strings with control characters that
 * could forge log lines (\n, \r) are escaped, unlike snmptrapd.
 *
 * Deliberate differences from snmptrapd 5.9.3 (where it is plainly wrong; render.c says why):
 * STRING values write '"' '\\' as \" \\ (as snmptrapd does) and also \n \r \t \v \f as
 * two-character escapes; an Opaque Double is labelled "Opaque: Double: " (snmptrapd says
 * "Float"); in formats, %T is the notification's uptime for every version (snmptrapd prints 0
 * for v2), '-' pads with spaces, text fields pad with spaces, and "%.2y" keeps the last digits.
 */
#ifndef TT_RENDER_H
#define TT_RENDER_H

#include <stddef.h>
#include <stdint.h>
#include "tt_types.h"
#include "tt_notification.h"

/* A broken-down date and time. */
struct tt_tm {
	uint16_t year; /* e.g. 2026 */
	uint8_t mon;   /* 1..12 */
	uint8_t mday;  /* 1..31 */
	uint8_t hour;  /* 0..23 */
	uint8_t min;   /* 0..59 */
	uint8_t sec;   /* 0..60 */
};

/* Rendering flags. */
#define TT_RENDER_NUMERIC 0x01 /* every OID numeric (snmptrapd -On) */
/* %v of an SNMPv1 trap lists the RFC 3584 translation (every varbind of the view, with
 * sysUpTime.0, snmpTrapOID.0, snmpTrapAddress.0, ...) as snmptrapd hands a v1 trap to
 * traphandle programs. Without it %v lists only the varbinds that came on the wire, as
 * snmptrapd's format1 and default v1 outputs do. */
#define TT_RENDER_V1_TRANSLATED 0x02
/* Net-SNMP's quick print (-Oq), which snmptrapd forces for traphandle input: a varbind is
 * "NAME VALUE" without " = TYPE: ", a hex dump is quoted ("\"DE AD \""), time ticks read
 * d:h:mm:ss.cc ("0:0:20:34.56"). Strings are quoted and escaped as without it. */
#define TT_RENDER_QUICK 0x04

/* Everything a format may refer to besides the notification. */
struct tt_render_ctx {
	const struct tt_notification *note; /* the notification */
	const struct tt_addr *src;          /* where the datagram came from */
	const struct tt_addr *dst;          /* the local address it arrived at; NULL if unknown */
	const char *src_host;               /* %B: name of src, or NULL to print the %b text;
	                                       octets that are not printable ASCII print as '.' */
	struct tt_tm local;                 /* the current time, local */
	struct tt_tm utc;                   /* the current time, UTC (the '#' flag) */
	int64_t epoch;                      /* %t: seconds since 1970 */
	unsigned flags;                     /* TT_RENDER_* */
};

/* Renders snmptrapd's default layout: for SNMPv1 its hard-wired v1 text
 *   "2026-11-22 01:50:30 192.0.2.7 [192.0.2.7] (via UDP: [127.0.0.1]:50443->[127.0.0.1]:162)
 *    TRAP, SNMP v1, community public\n\t<enterprise> Enterprise Specific Trap (17) Uptime: ...\n
 *    \t<varbind>\t<varbind>...\n"    (only the wire varbinds; none gives an empty line)
 * and for v2c/v3 traps and informs the format "%.4y-%.2m-%.2l %.2h:%.2j:%.2k %B [%b]:\n%v\n".
 * ctx->note must not be NULL. */
int tt_render_default(char *out, size_t cap, const struct tt_render_ctx *ctx);

/* Renders an snmptrapd format string (format1/format2/-F): %a %A %b %B %h %j %k %l %m %y
 * (current local time, '#' for UTC), %H %J %K %L %M %Y (snmptrapd prints the current time for
 * these too), %N %P %q %s %S %t %T %u %v %V %w %W %E %%, flags '-' '0' '#', width and
 * precision, and the backslash escapes \n \t \r \a \b \f \v \\ \? \% \' \". An unknown
 * letter prints as itself. %v separates varbinds with a TAB, %#v with ", " and puts one
 * before the first too; %V takes the characters up to the next '%' as the separator ("%V; %v").
 * %q of an enterprise-specific v1 trap is ".17" (the last arc of enterprise.0.specific, dot
 * included), else the specific-trap number.
 * Values for other versions follow snmptrapd: %a %A are 0.0.0.0, %N is ".", %w %q are 0 and
 * %W "Cold Start" for SNMPv2 notifications; %s is 0, 1 or 3 and %S 1, 2 or 3. For SNMPv3, %u
 * is the user, %E the contextEngineID in hex and %P "TRAP2, SNMP v3, user u, context c".
 * Width: numbers (the clock fields, %t %T %w) pad with '0' unless a precision is given (what
 * snmptrapd does; "%2h" gives "07"), text pads with spaces ('0' under the '0' flag), on the
 * right under '-'. Precision: at least that many digits for numbers, the last digits of the
 * year ("%.2y" gives "26"), the first characters of text ("%.10v"). Width and precision
 * saturate at 65535. ctx->note must not be NULL. */
int tt_render_format(char *out, size_t cap, const char *fmt, const struct tt_render_ctx *ctx);

/* Renders an OID (content octets) by name ("SNMPv2-MIB::sysUpTime.0": the longest entry of
 * the built-in table that is a prefix on whole arcs, then the remaining arcs) or numerically
 * with a leading dot (".1.3.6.1.4.1.8072"); flags TT_RENDER_NUMERIC forces numeric. An empty
 * OID prints as ".", like Net-SNMP. */
int tt_render_oid(char *out, size_t cap, const uint8_t *oid, size_t len, unsigned flags);

/* Renders a varbind's value the snmptrapd way: "STRING: \"x\"", "INTEGER: 2",
 * "Timeticks: (23607) 0:03:56.07", "OID: ...", "IpAddress: 10.0.0.1", "Counter32: 1",
 * "Gauge32: 7", "Counter64: 12345678901", "Hex-STRING: DE AD ", "OPAQUE: DE AD ", "NULL",
 * the texts of noSuchObject, noSuchInstance and endOfMibView. An empty octet string is "\"\"";
 * an octet string with an octet that is neither printable ASCII nor white space is
 * Hex-STRING; hex dumps break the line after every 16 octets when more follow, as
 * Net-SNMP's do. Net-SNMP's Opaque-wrapped types print as "Opaque: Float: 1.500000",
 * "Opaque: Double: ...", "Opaque: Counter64: ", "Opaque: Int64: ", "Opaque: UInt64: ". */
int tt_render_value(char *out, size_t cap, const struct tt_varbind *vb, unsigned flags);

/* Renders "NAME = VALUE" for one varbind ("NAME VALUE" with TT_RENDER_QUICK). */
int tt_render_varbind(char *out, size_t cap, const struct tt_varbind *vb, unsigned flags);

/* Renders hundredths of a second as snmptrapd does: "0:03:56.07", "1 day, 1:00:00.00",
 * "3 days, 0:00:00.00". */
int tt_render_ticks(char *out, size_t cap, uint32_t ticks);

/* Renders an address without port: "192.0.2.7" or "2001:db8::1" (RFC 5952 form: lower case,
 * the longest run of zero groups as "::", an IPv4-mapped address as "::ffff:192.0.2.7").
 * Family TT_AF_NONE gives "". */
int tt_render_addr(char *out, size_t cap, const struct tt_addr *a);

/* Renders snmptrapd's transport text "UDP: [127.0.0.1]:50443->[127.0.0.1]:162"; dst may be
 * NULL or of family TT_AF_NONE ("UDP: [127.0.0.1]:50443"). For an IPv6 source it is
 * "UDP/IPv6: [::1]:50443" whatever dst is: Net-SNMP's udp6 transport never shows the local
 * address (observed with snmptrapd 5.9.3). A NULL src or one of family TT_AF_NONE gives
 * "<UNKNOWN>", snmptrapd's text for a missing transport. */
int tt_render_transport(char *out, size_t cap, const struct tt_addr *src, const struct tt_addr *dst);

#endif /* TT_RENDER_H */
