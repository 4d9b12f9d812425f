/*
 * fuzz_rx.c - libFuzzer target over tt_rx_input, with rendering of what is delivered.
 *
 * Input: one selector octet, then the datagram. The selector picks
 *   bit 0     the configuration: "disableAuthorization yes", or four authCommunity entries
 *             with SOURCE and snmpTrapOID restrictions;
 *   bits 1-2  the source address (IPv4 inside/outside the prefixes, IPv4-mapped, IPv6);
 *   bits 3-4  the largest Response (the reply buffer, 484, 64, 16 octets: tooBig paths);
 *   bits 5-7  render flags (numeric, v1 translated, quick) and the size of a small render buffer.
 * For every input the receiver starts fresh (deterministic). Each result is checked by
 * rx_check.h; a delivered notification is rendered with tt_render_default and a format using
 * every specifier, into a large and a small buffer (the small one must hold a prefix of the
 * large one); a delivered inform is confirmed and must then be acknowledged, not delivered,
 * with the same Response, until the de-duplication window has passed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rx_check.h"

static struct tt_conf confs[2];
static struct tt_rx *rx;
static struct tt_addr sources[4];

static const char *const community_lines[] = {
	"authCommunity log public",
	"authCommunity net public 10.0.0.0/8",
	"authCommunity execute private 192.0.2.0/24 1.3.6.1.6.3.1.1.5",
	"authCommunity log,net secret 2001:db8::/32 .1.3.6.1.4.1",
};

static void setup(void)
{
	char err[128];
	size_t i;

	tt_conf_init(&confs[0]);
	RX_CHECK(tt_conf_line(&confs[0], "disableAuthorization yes", 24, err, sizeof err) == TT_OK);
	tt_conf_init(&confs[1]);
	for (i = 0; i < sizeof community_lines / sizeof community_lines[0]; i++)
		RX_CHECK(tt_conf_line(&confs[1], community_lines[i], strlen(community_lines[i]), err,
		                      sizeof err) == TT_OK);
	memset(sources, 0, sizeof sources);
	sources[0].family = TT_AF_INET4;
	memcpy(sources[0].ip, "\x0a\x01\x02\x03", 4);
	sources[1].family = TT_AF_INET4;
	memcpy(sources[1].ip, "\xc0\x00\x02\x07", 4);
	sources[2].family = TT_AF_INET6;
	memcpy(sources[2].ip, "\0\0\0\0\0\0\0\0\0\0\xff\xff\x0a\x09\x08\x07", 16);
	sources[3].family = TT_AF_INET6;
	memcpy(sources[3].ip, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	for (i = 0; i < 4; i++)
		sources[i].port = (uint16_t)(40000 + i);
	rx = malloc(sizeof *rx);
	RX_CHECK(rx != NULL);
}

static const struct tt_rx_result *input(const uint8_t *msg, size_t len, const struct tt_addr *src,
                                        uint64_t now, size_t max_reply, uint8_t **keep)
{
	uint8_t *b = malloc(len ? len : 1);
	const struct tt_rx_result *r;
	RX_CHECK(b != NULL);
	if (len)
		memcpy(b, msg, len);
	r = tt_rx_input(rx, b, len, src, now);
	rx_check(rx, r, b, len, max_reply);
	*keep = b;
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t max_replies[4] = {CONFIG_TT_MAX_MSG_SIZE, 484, 64, 16};
	const struct tt_conf *conf;
	const struct tt_addr *src;
	const struct tt_rx_result *r;
	size_t max_reply, len;
	uint8_t sel, *b1, *b2;
	const uint8_t *msg;

	if (!rx)
		setup();
	if (size < 1)
		return 0;
	sel = data[0];
	msg = data + 1;
	len = size - 1;
	conf = &confs[sel & 1];
	src = &sources[(sel >> 1) & 3];
	max_reply = max_replies[(sel >> 3) & 3];

	tt_rx_init(rx, conf);
	tt_rx_set_max_reply(rx, max_reply);
	r = input(msg, len, src, 1000, max_reply, &b1);
	if (r->verdict == TT_VERDICT_DELIVER) {
		const struct tt_notification *n = r->note;
		if (conf == &confs[1]) {
			/* only configured communities get through */
			RX_CHECK((n->community_len == 6 && (memcmp(n->community, "public", 6) == 0 ||
			                                    memcmp(n->community, "secret", 6) == 0)) ||
			         (n->community_len == 7 && memcmp(n->community, "private", 7) == 0));
		}
		rx_check_render(n, src, sel);
		if (n->pdu_type == TT_PDU_INFORM) {
			uint8_t *reply = NULL;
			size_t reply_len = r->reply_len;
			if (r->reply) {
				reply = malloc(reply_len);
				RX_CHECK(reply != NULL);
				memcpy(reply, r->reply, reply_len);
			}
			tt_rx_delivered(rx, 1000);
			r = input(msg, len, src, 2000, max_reply, &b2);
#if CONFIG_TT_DEDUP_RING > 0
			RX_CHECK(r->verdict == TT_VERDICT_REPLY_ONLY);
			RX_CHECK(r->reply_len == reply_len);
			RX_CHECK(reply_len == 0 || memcmp(r->reply, reply, reply_len) == 0);
#else
			RX_CHECK(r->verdict == TT_VERDICT_DELIVER);
#endif
			free(b2);
			r = input(msg, len, src, 1000 + CONFIG_TT_DEDUP_WINDOW_S * 1000ull + 1, max_reply, &b2);
			RX_CHECK(r->verdict == TT_VERDICT_DELIVER);
			free(b2);
			free(reply);
		}
	}
	free(b1);
	return 0;
}
