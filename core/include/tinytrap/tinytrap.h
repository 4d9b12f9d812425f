/*
 * tinytrap.h - the whole public API of the tinytrap core in one include.
 */
#ifndef TINYTRAP_H
#define TINYTRAP_H

#include "tt_options.h"
#include "tt_types.h"
#include "tt_ber.h"
#include "tt_notification.h"
#include "tt_conf.h"
#include "tt_rx.h"
#include "tt_render.h"
#include "tt_output.h"
#include "tt_ratelimit.h"

#endif /* TINYTRAP_H */
