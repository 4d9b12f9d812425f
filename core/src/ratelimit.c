/*
 * ratelimit.c - fixed-window rate limiting (see tt_ratelimit.h).
 */
#include "tinytrap/tt_ratelimit.h"

void tt_ratelimit_init(struct tt_ratelimit *r, uint32_t window_ms, uint32_t burst)
{
	r->window_start_ms = 0;
	r->window_ms = window_ms;
	r->burst = burst;
	r->used = 0;
	r->suppressed = 0;
}

int tt_ratelimit_allow(struct tt_ratelimit *r, uint64_t now_ms, uint32_t *suppressed)
{
	if (r->used == 0 || now_ms - r->window_start_ms >= r->window_ms) {
		r->window_start_ms = now_ms;
		r->used = 0;
	}
	if (r->used >= r->burst) {
		r->suppressed++;
		return 0;
	}
	r->used++;
	if (suppressed)
		*suppressed = r->suppressed;
	r->suppressed = 0;
	return 1;
}

uint32_t tt_ratelimit_settle(struct tt_ratelimit *r, uint64_t now_ms)
{
	uint32_t n = r->suppressed;

	if (n == 0 || now_ms - r->window_start_ms < r->window_ms)
		return 0;
	r->suppressed = 0;
	r->used = 0;
	return n;
}

int tt_ratelimit_pending(const struct tt_ratelimit *r)
{
	return r->suppressed != 0;
}
