/*
 * arm_image.c - the core as a firmware image uses it, for the flash budget of make test-core:
 * configuration through the API (tt_conf_add_*, no snmptrapd.conf text parser), the receiver,
 * delivery to outputs and the default alert layout (no format-string renderer). Linked for
 * Cortex-M3 with --gc-sections, so the figure is the core code such an image really carries
 * (Mbed TLS and libc are left unresolved and not counted). Never run.
 */
#include "tinytrap/tinytrap.h"

static struct tt_conf conf;
static struct tt_rx rx;
static uint8_t datagram[CONFIG_TT_MAX_MSG_SIZE];
static char alert[1024];

static int to_uart(void *ctx, const struct tt_rx_result *res, const void *meta)
{
	const struct tt_render_ctx *rc = meta;
	(void)ctx;
	(void)res;
	return tt_render_default(alert, sizeof alert, rc) < 0 ? -1 : 0;
}

static const struct tt_output outputs[] = {{to_uart, 0, TT_USE_LOG}};

void tt_image_main(void);
void tt_image_main(void)
{
	static const uint8_t name[] = "u", pass[] = "password", engine[] = {0x80, 0, 0, 0, 1};
	struct tt_user_cfg u = {name, 1, engine, sizeof engine, TT_AUTH_SHA1, TT_KEY_PASSWORD,
	                        pass, 8, TT_PRIV_AES128, TT_KEY_PASSWORD, 0, 0};
	struct tt_addr from = {TT_AF_INET4, {192, 0, 2, 1}, 162};
	struct tt_render_ctx rc = {0};
	const struct tt_rx_result *r;

	tt_conf_init(&conf);
	tt_conf_add_community(&conf, TT_USE_LOG, (const uint8_t *)"public", 6, 0, 0, 0);
	tt_conf_add_user(&conf, &u, alert, sizeof alert);
	tt_conf_add_auth_user(&conf, TT_USE_LOG, name, 1, TT_SEC_AUTH);
	tt_conf_load_done(&conf); /* the configuration is read: wipe the pass phrase memo */
	tt_rx_init(&rx, &conf);
	tt_rx_set_engine(&rx, engine, sizeof engine, 1, 0, 0);
	for (;;) {
		r = tt_rx_input(&rx, datagram, sizeof datagram, &from, 0);
		rc.note = r->note;
		rc.src = &from;
		tt_dispatch(&rx, r, outputs, 1, &rc, 0);
	}
}
