/*
 * strbuf.h - a bounded string builder for the core (no stdio in the core).
 *
 * Appends never write past cap - 1 octets and always leave room for the NUL; len counts every
 * octet appended, also those that did not fit, so callers get snprintf-style return values.
 */
#ifndef TT_STRBUF_H
#define TT_STRBUF_H

#include <stddef.h>
#include <stdint.h>

struct tt_sb {
	char *buf;
	size_t cap;
	size_t len; /* octets appended so far, including any that did not fit */
};

void tt_sb_init(struct tt_sb *sb, char *buf, size_t cap);
void tt_sb_putc(struct tt_sb *sb, char c);
void tt_sb_mem(struct tt_sb *sb, const char *s, size_t n);
void tt_sb_str(struct tt_sb *sb, const char *s);
/* Decimal, at least width digits, padded on the left with pad (' ' or '0'). */
void tt_sb_uint(struct tt_sb *sb, uint64_t v, unsigned width, char pad);
void tt_sb_int(struct tt_sb *sb, int64_t v);
/* Two upper-case hex digits. */
void tt_sb_hex2(struct tt_sb *sb, uint8_t v);
/* Inserts n copies of c at position pos (pos <= len), moving what follows to the right; octets
 * pushed past cap - 1 are lost, as if they had never fitted. For padding a field in place. */
void tt_sb_insert(struct tt_sb *sb, size_t pos, size_t n, char c);
/* Forgets everything appended after the first len octets (len <= sb->len). */
void tt_sb_trunc(struct tt_sb *sb, size_t len);
/* NUL-terminates and returns len as an int (saturated at INT32_MAX). */
int tt_sb_done(struct tt_sb *sb);

#endif /* TT_STRBUF_H */
