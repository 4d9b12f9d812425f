/*
 * tt_ratelimit.h - a fixed-window rate limiter for log lines and Reports.
 * Pure: the caller passes the time. No state outside the struct.
 */
#ifndef TT_RATELIMIT_H
#define TT_RATELIMIT_H

#include <stdint.h>

struct tt_ratelimit {
	uint64_t window_start_ms; /* start of the current window */
	uint32_t window_ms;       /* window length */
	uint32_t burst;           /* events allowed per window */
	uint32_t used;            /* events allowed in the current window */
	uint32_t suppressed;      /* events refused since the last allowed one */
};

/* Allows at most burst events per window_ms milliseconds. */
void tt_ratelimit_init(struct tt_ratelimit *r, uint32_t window_ms, uint32_t burst);

/* Returns 1 when an event at now_ms may be reported, 0 when it must be suppressed. When it
 * returns 1, *suppressed (if not NULL) receives how many events were refused since the
 * previous allowed one, so the caller can say "N more suppressed". */
int tt_ratelimit_allow(struct tt_ratelimit *r, uint64_t now_ms, uint32_t *suppressed);

/* Once the window in which events were suppressed is over, returns how many were suppressed
 * and forgets them, so that the caller can say "N more" after a flood even when no further
 * event comes; else returns 0. */
uint32_t tt_ratelimit_settle(struct tt_ratelimit *r, uint64_t now_ms);

/* 1 while suppressed events wait for tt_ratelimit_allow() or tt_ratelimit_settle(). */
int tt_ratelimit_pending(const struct tt_ratelimit *r);

#endif /* TT_RATELIMIT_H */
