/*
 * output.c - dispatch of a delivered notification to the outputs (see tt_output.h).
 * The all-accepted rule lives here once, so that every port acknowledges informs alike.
 */
#include "tinytrap/tt_output.h"

int tt_dispatch(struct tt_rx *rx, const struct tt_rx_result *res, const struct tt_output *outs,
                size_t n, const void *meta, uint64_t now_ms)
{
	size_t i;
	int all = 1;

	if (res->verdict != TT_VERDICT_DELIVER)
		return res->verdict == TT_VERDICT_REPLY_ONLY;
	for (i = 0; i < n; i++) {
		if (!(outs[i].use & res->uses))
			continue;
		if (outs[i].write(outs[i].ctx, res, meta) < 0)
			all = 0;
	}
	if (all)
		tt_rx_delivered(rx, now_ms);
	return all;
}
