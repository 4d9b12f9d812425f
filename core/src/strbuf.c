/*
 * strbuf.c - the bounded string builder (see strbuf.h).
 */
#include <string.h>
#include "strbuf.h"

void tt_sb_init(struct tt_sb *sb, char *buf, size_t cap)
{
	sb->buf = buf;
	sb->cap = cap;
	sb->len = 0;
	if (cap)
		buf[0] = '\0';
}

void tt_sb_putc(struct tt_sb *sb, char c)
{
	if (sb->cap && sb->len < sb->cap - 1)
		sb->buf[sb->len] = c;
	sb->len++;
}

void tt_sb_mem(struct tt_sb *sb, const char *s, size_t n)
{
	if (sb->cap && sb->len < sb->cap - 1) {
		size_t room = sb->cap - 1 - sb->len;
		memcpy(sb->buf + sb->len, s, n < room ? n : room);
	}
	sb->len += n;
}

void tt_sb_str(struct tt_sb *sb, const char *s)
{
	tt_sb_mem(sb, s, strlen(s));
}

void tt_sb_uint(struct tt_sb *sb, uint64_t v, unsigned width, char pad)
{
	char tmp[24];
	unsigned n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (width > n) {
		tt_sb_putc(sb, pad);
		width--;
	}
	while (n)
		tt_sb_putc(sb, tmp[--n]);
}

void tt_sb_int(struct tt_sb *sb, int64_t v)
{
	if (v < 0) {
		tt_sb_putc(sb, '-');
		tt_sb_uint(sb, (uint64_t)(-(v + 1)) + 1u, 0, ' ');
	} else {
		tt_sb_uint(sb, (uint64_t)v, 0, ' ');
	}
}

void tt_sb_hex2(struct tt_sb *sb, uint8_t v)
{
	static const char digits[] = "0123456789ABCDEF";
	tt_sb_putc(sb, digits[v >> 4]);
	tt_sb_putc(sb, digits[v & 15]);
}

int tt_sb_done(struct tt_sb *sb)
{
	if (sb->cap)
		sb->buf[sb->len < sb->cap - 1 ? sb->len : sb->cap - 1] = '\0';
	return sb->len > 0x7fffffff ? 0x7fffffff : (int)sb->len;
}
