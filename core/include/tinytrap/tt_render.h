/*
 * tt_render.h - pure text rendering of notifications, compatible with Net-SNMP snmptrapd.
 *
 * Every function writes into a caller buffer with snprintf semantics: the output is always
 * NUL-terminated when cap > 0, and the return value is the length the whole text needs (not
 * counting the NUL), so a return >= cap means it was cut. Nothing here reads a clock, resolves a
 * name or allocates: the caller supplies the time and host names in struct tt_render_ctx.
 *
 * OIDs print by name where a small built-in table knows them (SNMPv2-MIB::sysUpTime.0,
 * IF-MIB::linkDown, ...) and numerically with a leading dot otherwise (.1.3.6.1.4.1.8072);
 * TT_RENDER_NUMERIC (snmptrapd -On) forces numeric. Octet strings with control characters that
 * could forge log lines (\n, \r) are escaped, unlike snmptrapd.
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

/* Everything a format may refer to besides the notification. */
struct tt_render_ctx {
	const struct tt_notification *note; /* the notification */
	const struct tt_addr *src;          /* where the datagram came from */
	const struct tt_addr *dst;          /* the local address it arrived at; NULL if unknown */
	const char *src_host;               /* %B: name of src, or NULL to print the %b text */
	struct tt_tm local;                 /* the current time, local */
	struct tt_tm utc;                   /* the current time, UTC (the '#' flag) */
	int64_t epoch;                      /* %t: seconds since 1970 */
	unsigned flags;                     /* TT_RENDER_* */
};

/* Renders snmptrapd's default layout: for SNMPv1 its hard-wired v1 text
 *   "2026-11-22 01:50:30 192.0.2.7 [192.0.2.7] (via UDP: [127.0.0.1]:50443->[127.0.0.1]:162)
 *    TRAP, SNMP v1, community public\n\t<enterprise> Enterprise Specific Trap (17) Uptime: ...\n
 *    \t<varbinds, TAB-separated>\n"
 * and for v2c/v3 the format "%.4y-%.2m-%.2l %.2h:%.2j:%.2k %B [%b]:\n%v\n". */
int tt_render_default(char *out, size_t cap, const struct tt_render_ctx *ctx);

/* Renders an snmptrapd format string (format1/format2/-F): %a %A %b %B %h %j %k %l %m %y
 * (current local time, '#' for UTC), %H %J %K %L %M %Y (snmptrapd prints the current time for
 * these too), %N %P %q %s %S %t %T %u %v %V %w %W %E %%, flags '-' '0' '#', width and
 * precision, and the backslash escapes \n \t \r \a \b \f \v \\ \? \% \' \". An unknown
 * letter prints as itself. */
int tt_render_format(char *out, size_t cap, const char *fmt, const struct tt_render_ctx *ctx);

/* Renders an OID (content octets) by name or numerically. */
int tt_render_oid(char *out, size_t cap, const uint8_t *oid, size_t len, unsigned flags);

/* Renders a varbind's value the snmptrapd way: "STRING: \"x\"", "INTEGER: 2",
 * "Timeticks: (23607) 0:03:56.07", "OID: ...", "IpAddress: 10.0.0.1", "Counter32: 1",
 * "Gauge32: 7", "Counter64: 12345678901", "Hex-STRING: DE AD ", "OPAQUE: ...", "NULL", ... */
int tt_render_value(char *out, size_t cap, const struct tt_varbind *vb, unsigned flags);

/* Renders "NAME = VALUE" for one varbind. */
int tt_render_varbind(char *out, size_t cap, const struct tt_varbind *vb, unsigned flags);

/* Renders hundredths of a second as snmptrapd does: "0:03:56.07", "1 day, 1:00:00.00",
 * "3 days, 0:00:00.00". */
int tt_render_ticks(char *out, size_t cap, uint32_t ticks);

/* Renders an address without port: "192.0.2.7" or "2001:db8::1" (RFC 5952 form). */
int tt_render_addr(char *out, size_t cap, const struct tt_addr *a);

/* Renders snmptrapd's transport text "UDP: [127.0.0.1]:50443->[127.0.0.1]:162"
 * ("UDP/IPv6: [::1]:50443->[::1]:162" for IPv6); dst may be NULL ("UDP: [127.0.0.1]:50443"). */
int tt_render_transport(char *out, size_t cap, const struct tt_addr *src, const struct tt_addr *dst);

#endif /* TT_RENDER_H */
