/*
 * test_misc.c - the rate limiter, error and reason names, and the core's bounded string
 * builder (strbuf.h, internal).
 */
#include <limits.h>
#include <string.h>

#include "testlib.h"
#include "strbuf.h"

static int allow(struct tt_ratelimit *r, uint64_t t, uint32_t *sup)
{
	*sup = 0xdeadbeef;
	return tt_ratelimit_allow(r, t, sup);
}

static void ratelimit_burst_and_rollover(void **state)
{
	struct tt_ratelimit r;
	uint32_t sup;
	int i;
	(void)state;

	tt_ratelimit_init(&r, 1000, 3);
	/* a burst of 3 in the window that starts with the first event */
	assert_int_equal(allow(&r, 5000, &sup), 1);
	assert_int_equal(sup, 0);
	assert_int_equal(allow(&r, 5001, &sup), 1);
	assert_int_equal(allow(&r, 5001, &sup), 1);
	for (i = 0; i < 5; i++) {
		assert_int_equal(allow(&r, 5002 + (uint64_t)i * 100, &sup), 0);
		assert_int_equal(sup, 0xdeadbeef); /* untouched when refused */
	}
	assert_int_equal(r.suppressed, 5);
	assert_int_equal(allow(&r, 5999, &sup), 0);
	/* the next window: allowed again, and told how many were refused */
	assert_int_equal(allow(&r, 6000, &sup), 1);
	assert_int_equal(sup, 6);
	assert_int_equal(allow(&r, 6001, &sup), 1);
	assert_int_equal(sup, 0);
	assert_int_equal(allow(&r, 6002, &sup), 1);
	assert_int_equal(allow(&r, 6003, &sup), 0);
	/* a quiet period: the window restarts at the next event */
	assert_int_equal(allow(&r, 100000, &sup), 1);
	assert_int_equal(sup, 1);
	assert_int_equal(allow(&r, 100999, &sup), 1);
	assert_int_equal(allow(&r, 100999, &sup), 1);
	assert_int_equal(allow(&r, 100999, &sup), 0);
	assert_int_equal(allow(&r, 101000, &sup), 1);
	/* NULL for the count is fine */
	assert_int_equal(tt_ratelimit_allow(&r, 200000, NULL), 1);
	/* times near the top of the range */
	assert_int_equal(allow(&r, UINT64_MAX - 10, &sup), 1);
	assert_int_equal(allow(&r, UINT64_MAX, &sup), 1);
	assert_int_equal(allow(&r, UINT64_MAX, &sup), 1);
	assert_int_equal(allow(&r, UINT64_MAX, &sup), 0);
}

static void ratelimit_zero_burst_and_backwards_clock(void **state)
{
	struct tt_ratelimit r;
	uint32_t sup;
	int i;
	(void)state;

	tt_ratelimit_init(&r, 1000, 0);
	for (i = 0; i < 10; i++)
		assert_int_equal(allow(&r, (uint64_t)i * 5000, &sup), 0);
	assert_int_equal(r.suppressed, 10);

	/* a clock that steps back starts a new window rather than refusing for ages */
	tt_ratelimit_init(&r, 1000, 1);
	assert_int_equal(allow(&r, 50000, &sup), 1);
	assert_int_equal(allow(&r, 50001, &sup), 0);
	assert_int_equal(allow(&r, 10, &sup), 1);
	assert_int_equal(sup, 1);
}

/* After a flood the count of suppressed events can be had without a further event. */
static void ratelimit_settle(void **state)
{
	struct tt_ratelimit r;
	uint32_t sup;
	(void)state;

	tt_ratelimit_init(&r, 1000, 1);
	assert_int_equal(tt_ratelimit_settle(&r, 0), 0);
	assert_int_equal(allow(&r, 5000, &sup), 1);
	assert_int_equal(tt_ratelimit_pending(&r), 0);
	assert_int_equal(allow(&r, 5001, &sup), 0);
	assert_int_equal(allow(&r, 5002, &sup), 0);
	assert_int_equal(tt_ratelimit_pending(&r), 1);
	assert_int_equal(tt_ratelimit_settle(&r, 5999), 0); /* the window is not over */
	assert_int_equal(tt_ratelimit_settle(&r, 6000), 2);
	assert_int_equal(tt_ratelimit_pending(&r), 0);
	assert_int_equal(tt_ratelimit_settle(&r, 7000), 0); /* said once */
	/* and the next event is not told about them again */
	assert_int_equal(allow(&r, 7001, &sup), 1);
	assert_int_equal(sup, 0);
}

static void strerror_names(void **state)
{
	const char *seen[32];
	int e, n = 0, i;
	(void)state;

	for (e = TT_OK; e >= TT_ERR_TOO_MANY_VARBINDS; e--) {
		const char *s = tt_strerror(e);
		assert_non_null(s);
		assert_true(strlen(s) > 3);
		if (strcmp(s, "unknown error") == 0)
			fail_msg("tt_strerror(%d) has no text", e);
		for (i = 0; i < n; i++)
			if (strcmp(seen[i], s) == 0)
				fail_msg("tt_strerror(%d) repeats '%s'", e, s);
		seen[n++] = s;
	}
	assert_int_equal(n, 14);
	assert_string_equal(tt_strerror(TT_ERR_TOO_MANY_VARBINDS - 1), "unknown error");
	assert_string_equal(tt_strerror(1), "unknown error");
	assert_string_equal(tt_strerror(INT_MIN), "unknown error");
	assert_string_equal(tt_strerror(INT_MAX), "unknown error");
	assert_string_equal(tt_strerror(TT_ERR_TRUNCATED), "length beyond its container");
}

static void reason_names(void **state)
{
	const char *seen[TT_REASON_COUNT];
	int r, i;
	(void)state;

	for (r = 0; r < TT_REASON_COUNT; r++) {
		const char *s = tt_reason_name((enum tt_reason)r);
		assert_non_null(s);
		if (strcmp(s, "unknown") == 0)
			fail_msg("tt_reason_name(%d) has no text", r);
		for (i = 0; i < r; i++)
			if (strcmp(seen[i], s) == 0)
				fail_msg("tt_reason_name(%d) repeats '%s'", r, s);
		seen[r] = s;
	}
	assert_string_equal(tt_reason_name(TT_REASON_BAD_COMMUNITY), "bad community");
	assert_string_equal(tt_reason_name(TT_REASON_COUNT), "unknown");
	assert_string_equal(tt_reason_name((enum tt_reason)1000), "unknown");
}

/* --- strbuf --------------------------------------------------------------------------------- */

static void strbuf_bounds(void **state)
{
	char buf[8];
	struct tt_sb sb;
	(void)state;

	memset(buf, 'Z', sizeof buf);
	tt_sb_init(&sb, buf, sizeof buf);
	assert_string_equal(buf, "");
	tt_sb_str(&sb, "abc");
	tt_sb_putc(&sb, 'd');
	tt_sb_mem(&sb, "efghij", 6);
	assert_int_equal(tt_sb_done(&sb), 10); /* what the whole text needs */
	assert_string_equal(buf, "abcdefg");  /* what fits, NUL-terminated */
	tt_sb_putc(&sb, 'x');
	assert_int_equal(tt_sb_done(&sb), 11);
	assert_string_equal(buf, "abcdefg");

	/* cap 1: only the NUL; cap 0: nothing written at all */
	buf[0] = 'Z';
	tt_sb_init(&sb, buf, 1);
	tt_sb_str(&sb, "hello");
	assert_int_equal(tt_sb_done(&sb), 5);
	assert_int_equal(buf[0], '\0');
	buf[0] = 'Z';
	tt_sb_init(&sb, buf, 0);
	tt_sb_str(&sb, "hello");
	tt_sb_uint(&sb, 123, 6, '0');
	assert_int_equal(tt_sb_done(&sb), 11);
	assert_int_equal(buf[0], 'Z');
	tt_sb_init(&sb, NULL, 0);
	tt_sb_str(&sb, "no buffer");
	assert_int_equal(tt_sb_done(&sb), 9);
}

static void strbuf_numbers(void **state)
{
	char buf[64];
	struct tt_sb sb;
	(void)state;

	tt_sb_init(&sb, buf, sizeof buf);
	tt_sb_uint(&sb, 0, 0, ' ');
	tt_sb_putc(&sb, '|');
	tt_sb_uint(&sb, 7, 3, '0');
	tt_sb_putc(&sb, '|');
	tt_sb_uint(&sb, 42, 5, ' ');
	tt_sb_putc(&sb, '|');
	tt_sb_uint(&sb, 12345, 2, '0');
	tt_sb_putc(&sb, '|');
	tt_sb_uint(&sb, UINT64_MAX, 0, ' ');
	tt_sb_done(&sb);
	assert_string_equal(buf, "0|007|   42|12345|18446744073709551615");

	tt_sb_init(&sb, buf, sizeof buf);
	tt_sb_int(&sb, INT64_MIN);
	tt_sb_putc(&sb, ' ');
	tt_sb_int(&sb, -1);
	tt_sb_putc(&sb, ' ');
	tt_sb_int(&sb, 0);
	tt_sb_putc(&sb, ' ');
	tt_sb_int(&sb, INT64_MAX);
	tt_sb_putc(&sb, ' ');
	tt_sb_hex2(&sb, 0x0a);
	tt_sb_hex2(&sb, 0xff);
	tt_sb_done(&sb);
	assert_string_equal(buf, "-9223372036854775808 -1 0 9223372036854775807 0AFF");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ratelimit_burst_and_rollover),
		cmocka_unit_test(ratelimit_zero_burst_and_backwards_clock),
		cmocka_unit_test(ratelimit_settle),
		cmocka_unit_test(strerror_names),
		cmocka_unit_test(reason_names),
		cmocka_unit_test(strbuf_bounds),
		cmocka_unit_test(strbuf_numbers),
	};
	return cmocka_run_group_tests_name("misc", tests, NULL, NULL);
}
