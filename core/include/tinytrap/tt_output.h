/*
 * tt_output.h - the output interface and the dispatch that every port shares.
 *
 * An output is a function pointer plus a context pointer (littlefs style). Writing means
 * "accepted into the output's bounded queue": slow work (a TCP collector, a handler program)
 * must not block the caller's loop. tt_dispatch offers a delivered notification to every
 * output that the notification's uses (log, execute, net) allow, and only when all accepted
 * it confirms delivery to the receiver, so the caller may then send the inform's Response.
 */
#ifndef TT_OUTPUT_H
#define TT_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include "tt_rx.h"

struct tt_output {
	/* Takes one notification; returns 0 when accepted, a negative value when refused.
	 * meta is the caller's per-datagram data (addresses, host names), passed through. */
	int (*write)(void *ctx, const struct tt_rx_result *res, const void *meta);
	void *ctx;       /* handed to write */
	uint8_t use;     /* the TT_USE_* this output serves: TT_USE_LOG, _EXECUTE or _NET */
};

/* Offers res->note to each of the n outputs whose use is in res->uses. When every one of them
 * accepted (or none applied) it calls tt_rx_delivered(rx, now_ms) and returns 1: the caller
 * then sends res->reply, if any. Otherwise returns 0 and the reply must not be sent, so that
 * an inform's sender retries. */
int tt_dispatch(struct tt_rx *rx, const struct tt_rx_result *res, const struct tt_output *outs,
                size_t n, const void *meta, uint64_t now_ms);

#endif /* TT_OUTPUT_H */
