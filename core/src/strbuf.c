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
	unsigned n = sizeof tmp;
	/* digits from the end of tmp, then one append: a call per digit is slow */
	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (width > sizeof tmp - n) {
		tt_sb_putc(sb, pad);
		width--;
	}
	tt_sb_mem(sb, tmp + n, sizeof tmp - n);
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

void tt_sb_insert(struct tt_sb *sb, size_t pos, size_t n, char c)
{
	if (sb->cap && pos < sb->cap - 1) {
		size_t lim = sb->cap - 1;
		size_t vis = sb->len < lim ? sb->len : lim;
		size_t fill = n < lim - pos ? n : lim - pos;
		if (pos < vis && fill < lim - pos) {
			size_t move = vis - pos;
			if (move > lim - pos - fill)
				move = lim - pos - fill;
			memmove(sb->buf + pos + fill, sb->buf + pos, move);
		}
		memset(sb->buf + pos, c, fill);
	}
	sb->len += n;
}

void tt_sb_trunc(struct tt_sb *sb, size_t len)
{
	if (len < sb->len)
		sb->len = len;
}

int tt_sb_done(struct tt_sb *sb)
{
	if (sb->cap)
		sb->buf[sb->len < sb->cap - 1 ? sb->len : sb->cap - 1] = '\0';
	return sb->len > 0x7fffffff ? 0x7fffffff : (int)sb->len;
}
