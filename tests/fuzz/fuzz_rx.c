/*
 * fuzz_rx.c - libFuzzer target over tt_rx_input, with rendering of what is delivered.
 *
 * Input: one selector octet, then the datagram. The selector picks
 *   bit 0     the configuration: "disableAuthorization yes", or four authCommunity entries
 *             with SOURCE and snmpTrapOID restrictions; each with eight SNMPv3 users of
 *             tests/vectors/packets-netsnmp.txt (with and without engine IDs, every auth and
 *             priv protocol of the captures) and, for the second, authUser lines of every
 *             level, so that the captured v3 messages (and what the corpus builds from them)
 *             reach decryption, the PDU and the Responses;
 *   bits 1-2  the source address (IPv4 inside/outside the prefixes, IPv4-mapped, IPv6);
 *   bits 3-4  the largest Response (the reply buffer, 484, 64, 16 octets: tooBig paths);
 *   bits 5-7  render flags (numeric, v1 translated, quick) and the size of a small render buffer.
 * For every input the receiver starts fresh (deterministic), with our engine set to the one of
 * the captured inform exchange at engineTime 34. Each result is checked by
 * rx_check.h; a delivered notification is rendered with tt_render_default and a format using
 * every specifier, into a large and a small buffer (the small one must hold a prefix of the
 * large one); a delivered inform is confirmed and must then be acknowledged, not delivered,
 * with the same Response (SNMPv3: of the same length; its clock and salt move on), until the
 * de-duplication window has passed. Only an authenticated message may leave an entry in the
 * remote engine table or the localized-key cache: a refusal before or at the MAC leaves both
 * empty.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rx_check.h"

#define T 100000ull /* now_ms of the first input */

static struct tt_conf confs[2];
static struct tt_rx *rx;
static struct tt_addr sources[4];

static const char *const community_lines[] = {
	"authCommunity log public",
	"authCommunity net public 10.0.0.0/8",
	"authCommunity execute private 192.0.2.0/24 1.3.6.1.6.3.1.1.5",
	"authCommunity log,net secret 2001:db8::/32 .1.3.6.1.4.1",
};

/* The users of packets-netsnmp.txt, eight per configuration (CONFIG_TT_MAX_USERS is at least
 * 8); the trap users with the senders' engine ID or as wildcards, the inform user (localized
 * to our engine on first sight) and the noAuth one as wildcards. */
static const char *const v3_lines[2][16] = {
	{"disableAuthorization yes",
	 "createUser noauthuser",
	 "createUser -e 0x8000000001020304 md5user MD5 md5authpass1",
	 "createUser -e 0x8000000001020304 shauser SHA shaauthpass1",
	 "createUser -e 0x8000000001020304 shaaesuser SHA shaaesauth1 AES shaaespriv1",
	 "createUser md5desuser MD5 md5desauth1 DES md5despriv1",
	 "createUser sha1aes256cuser SHA sha1aes256cauth AES-256-C sha1aes256cpriv",
	 "createUser informuser SHA informauth1 AES informpriv1",
	 "createUser -e 0x8000000001020304 sha512aes256user SHA-512 sha512auth1 AES-256 sha512aes256priv",
	 NULL},
	{"createUser noauthuser",
	 "createUser -e 0x8000000001020304 sha256aes256user SHA-256 sha256auth1 AES-256 aes256priv1",
	 "createUser sha1aes256user SHA sha1aes256auth AES-256 sha1aes256priv",
	 "createUser -e 0x8000000001020304 md5aes192user MD5 md5aes192auth AES-192 md5aes192priv",
	 "createUser -e 0x8000000001020304 md5despaduser MD5 md5despadauth DES md5despadpriv",
	 "createUser sha224user SHA-224 sha224auth1",
	 "createUser -e 0x8000000001020304 sha384aesuser SHA-384 sha384auth1 AES sha384aespriv",
	 "createUser -e 0x8000000001020304 md5aes192cuser MD5 md5aes192cauth AES-192-C md5aes192cpriv",
	 "authUser log noauthuser noauth",
	 "authUser log,net -s usm sha256aes256user priv",
	 "authUser net sha1aes256user",
	 "authUser execute md5aes192user noauth",
	 "authUser log md5despaduser authPriv",
	 "authUser log sha224user priv", /* sha224user has no privacy: never authorized */
	 "authUser log,execute sha384aesuser",
	 NULL}};

/* Our engine: the receiver's of the captured inform exchange. */
static const uint8_t our_engine[13] = {0x80, 0x00, 0x1f, 0x88, 0x80, 1, 2, 3, 4, 5, 6, 7, 8};
#define ENTROPY 0x3af232ca71b6afe6ull

/* Starts rx afresh: engineTime 34 at now. */
static void set_engine(uint64_t now)
{
	tt_rx_set_engine(rx, our_engine, sizeof our_engine, 1, now - 34000, ENTROPY);
}

static int tables_empty(void)
{
	static const struct tt_remote_engine no_remote[CONFIG_TT_REMOTE_ENGINES];
	static const struct tt_key_cache_entry no_keys[CONFIG_TT_KEY_CACHE];
	return memcmp(rx->remote, no_remote, sizeof no_remote) == 0 &&
	       memcmp(rx->key_cache, no_keys, sizeof no_keys) == 0;
}

static void setup(void)
{
	char err[160];
	size_t i, c;

	tt_conf_init(&confs[0]);
	tt_conf_init(&confs[1]);
	for (i = 0; i < sizeof community_lines / sizeof community_lines[0]; i++)
		RX_CHECK(tt_conf_line(&confs[1], community_lines[i], strlen(community_lines[i]), err,
		                      sizeof err) == TT_OK);
	for (c = 0; c < 2; c++)
		for (i = 0; v3_lines[c][i]; i++)
			if (tt_conf_line(&confs[c], v3_lines[c][i], strlen(v3_lines[c][i]), err,
			                 sizeof err) != TT_OK) {
				fprintf(stderr, "fuzz_rx: '%s': %s\n", v3_lines[c][i], err);
				abort();
			}
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
	set_engine(T);
	r = input(msg, len, src, T, max_reply, &b1);
	if (!tables_empty()) {
		/* only an authenticated message gets here: past the MAC (and an encrypted inform
		 * without the reportable flag is found to be for another engine only once
		 * decrypted) */
		RX_CHECK(r->verdict == TT_VERDICT_DELIVER || r->verdict == TT_VERDICT_REPLY_ONLY ||
		         r->reason == TT_REASON_DECRYPTION_ERROR || r->reason == TT_REASON_PARSE ||
		         r->reason == TT_REASON_UNKNOWN_ENGINE_ID ||
		         r->reason == TT_REASON_UNEXPECTED_PDU || r->reason == TT_REASON_INVALID_MSG ||
		         r->reason == TT_REASON_NOT_AUTHORIZED || r->reason == TT_REASON_BAD_V1_TRAP ||
		         r->reason == TT_REASON_TOO_MANY_VARBINDS);
		RX_CHECK(r->verdict != TT_VERDICT_REPLY_ONLY ||
		         r->reason == TT_REASON_DECRYPTION_ERROR);
	}
	if (r->verdict == TT_VERDICT_DELIVER) {
		const struct tt_notification *n = r->note;
		if (conf == &confs[1] && n->version != TT_VERSION_3) {
			/* only configured communities get through */
			RX_CHECK((n->community_len == 6 && (memcmp(n->community, "public", 6) == 0 ||
			                                    memcmp(n->community, "secret", 6) == 0)) ||
			         (n->community_len == 7 && memcmp(n->community, "private", 7) == 0));
		}
		rx_check_render(n, src, sel);
		if (n->pdu_type == TT_PDU_INFORM) {
			uint8_t *reply = NULL;
			size_t reply_len = r->reply_len;
			int v3 = n->version == TT_VERSION_3;
			if (r->reply) {
				reply = malloc(reply_len);
				RX_CHECK(reply != NULL);
				memcpy(reply, r->reply, reply_len);
			}
			tt_rx_delivered(rx, T);
			r = input(msg, len, src, T + 1000, max_reply, &b2);
#if CONFIG_TT_DEDUP_RING > 0
			RX_CHECK(r->verdict == TT_VERDICT_REPLY_ONLY);
			RX_CHECK(r->reply_len == reply_len);
			/* a v3 Response carries our clock and a fresh salt */
			RX_CHECK(reply_len == 0 || v3 || memcmp(r->reply, reply, reply_len) == 0);
#else
			RX_CHECK(r->verdict == TT_VERDICT_DELIVER);
#endif
			free(b2);
			/* past the de-duplication window, with our clock where the inform has it */
			set_engine(T + CONFIG_TT_DEDUP_WINDOW_S * 1000ull + 1);
			r = input(msg, len, src, T + CONFIG_TT_DEDUP_WINDOW_S * 1000ull + 1, max_reply, &b2);
			RX_CHECK(r->verdict == TT_VERDICT_DELIVER);
			free(b2);
			free(reply);
		}
	}
	free(b1);
	return 0;
}
