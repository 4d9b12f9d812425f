/*
 * test_v3.c - SNMPv3 with the User-based Security Model through tt_rx_input: the real Net-SNMP
 * v3 traps and the inform exchange of tests/vectors/packets-netsnmp.txt, and messages built
 * here (testlib's tl_msg_v3: BER, then encryption, then the MAC) for every auth x priv
 * protocol, the RFC 3414 §3.2 step 7 time windows (ours for informs, the sender's for traps),
 * spoofing, the localized-key cache, authUser levels, discovery and the usmStats Reports,
 * Responses (also tooBig), malformed security parameters, truncations and mutations, and the
 * createUser / authUser / engineID configuration lines.
 *
 * Every datagram is handed to the receiver in an exact-size heap copy (tl_input), so that the
 * ASan build sees any read past its end. Works with CONFIG_TT_MAX_USERS 8 and 1500-octet
 * messages (make CONFIG=default test-unit): no configuration here holds more than 8 users.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

#include "testlib.h"
#include "tt_crypto.h"
#include "tt_usm_keys.h"

/* The tests below configure up to 8 users and send up to 12 Reports within one second, 10 of
 * them to one source. */
#if CONFIG_TT_MAX_USERS < 8 || CONFIG_TT_REPORTS_PER_S < 12 || CONFIG_TT_MAX_VARBINDS < 20 || \
    CONFIG_TT_REPORTS_PER_SOURCE < 10
#error "test_v3 needs CONFIG_TT_MAX_USERS >= 8, CONFIG_TT_REPORTS_PER_S >= 12, CONFIG_TT_MAX_VARBINDS >= 20, CONFIG_TT_REPORTS_PER_SOURCE >= 10"
#endif

/* The sender engine of the captured traps (snmptrap -e) and our engine in the capture
 * (snmptrapd exactEngineID). */
static const uint8_t TRAP_ENGINE[8] = {0x80, 0, 0, 0, 0x01, 0x02, 0x03, 0x04};
#define TRAP_ENGINE_HEX "0x8000000001020304"
static const uint8_t OUR_ENGINE[13] = {0x80, 0x00, 0x1f, 0x88, 0x80, 1, 2, 3, 4, 5, 6, 7, 8};
#define OUR_ENGINE_HEX "0x80001f88800102030405060708"
static const uint8_t OTHER_ENGINE[8] = {0x80, 0, 0, 0, 0x01, 0x02, 0x03, 0x05};
static const uint8_t THIRD_ENGINE[8] = {0x80, 0, 0, 0, 0x01, 0x02, 0x03, 0x06};

/* now_ms when our engine was set: our engineTime is (now - T0) / 1000 */
#define T0 1000000ull
/* the entropy that makes our first AES salt the one of the captured Response */
#define ENTROPY 0x3af232ca71b6afe6ull

static const char *const AUTH_NAME[] = {"", "MD5", "SHA", "SHA-224", "SHA-256", "SHA-384",
                                        "SHA-512"};
static const char *const PRIV_NAME[] = {"", "DES", "3DES", "AES", "AES-192", "AES-256",
                                        "AES-192-C", "AES-256-C"};

static struct tt_addr from_addr(void)
{
	return tl_addr("127.0.0.1", 54671);
}

static uint32_t etime(uint64_t now)
{
	return (uint32_t)((now - T0) / 1000u);
}

static void conf_add(struct tt_conf *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void conf_add(struct tt_conf *c, const char *fmt, ...)
{
	char line[600], err[200];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	rc = tt_conf_line(c, line, strlen(line), err, sizeof err);
	if (rc != TT_OK)
		fail_msg("config line '%s': %d %s", line, rc, err);
}

/* A receiver with our engine (boots 1 unless told) set at T0. */
static struct tt_rx *new_rx(const struct tt_conf *c, uint32_t boots)
{
	struct tt_rx *rx = tl_rx_new(c);
	tt_rx_set_engine(rx, OUR_ENGINE, sizeof OUR_ENGINE, boots, T0, ENTROPY);
	return rx;
}

static char *hex(const uint8_t *p, size_t n, char *out)
{
	size_t i;
	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
	out[2 * n] = '\0';
	return out;
}

static void assert_hex(const uint8_t *p, size_t n, const char *want)
{
	char h[300];
	uint8_t w[150];
	long wn = tl_hex_decode(want, w, sizeof w);
	if (wn < 0 || (size_t)wn != n || memcmp(w, p, n) != 0)
		fail_msg("got %s, expected %s", hex(p, n, h), want);
}

/* sysUpTime.0, snmpTrapOID.0 coldStart, sysName.0 = text */
static size_t std_vbs(struct tl_vb *v, const char *text)
{
	tl_v2_header(v, 12345, "1.3.6.1.6.3.1.1.5.1");
	v[2].oid = "1.3.6.1.2.1.1.5.0";
	v[2].val = tl_v_str(text, &v[2].val_len);
	return 3;
}

/* A message from user with keys at flags to engine (boots, time), carrying std_vbs(text). */
static void sender(struct tl_v3 *m, struct tl_vb *vbs, const char *user,
                   const struct tl_usm_keys *k, uint8_t flags, const uint8_t *engine,
                   size_t engine_len, uint32_t boots, uint32_t time, const char *text)
{
	tl_v3_init(m);
	tl_v3_user(m, user);
	m->keys = k;
	m->flags = flags;
	m->engine = engine;
	m->engine_len = engine_len;
	m->boots = boots;
	m->time = time;
	m->vbs = vbs;
	m->n_vbs = std_vbs(vbs, text);
	if (flags & TL_V3_REPORTABLE)
		m->pdu_tag = TT_PDU_INFORM;
}

static const struct tt_rx_result *send_from(struct tt_rx *rx, const struct tl_v3 *m,
                                            const struct tt_addr *from, uint64_t now)
{
	size_t len;
	uint8_t *b = tl_msg_v3(m, &len);
	const struct tt_rx_result *r = tl_input(rx, b, len, from, now);
	free(b);
	return r;
}

static const struct tt_rx_result *send_msg(struct tt_rx *rx, const struct tl_v3 *m,
                                           uint64_t now)
{
	struct tt_addr from = from_addr();
	return send_from(rx, m, &from, now);
}

/* A trap from user (keys k, level from flags) to engine with std_vbs. */
static const struct tt_rx_result *trap(struct tt_rx *rx, const char *user,
                                       const struct tl_usm_keys *k, uint8_t flags,
                                       const uint8_t *engine, size_t engine_len,
                                       uint32_t boots, uint32_t time, uint64_t now)
{
	struct tl_v3 m;
	struct tl_vb v[3];
	sender(&m, v, user, k, flags, engine, engine_len, boots, time, "trap");
	return send_msg(rx, &m, now);
}

/* An inform from user to our engine, in our time window at now. */
static const struct tt_rx_result *inform(struct tt_rx *rx, const char *user,
                                         const struct tl_usm_keys *k, uint8_t flags,
                                         int32_t request_id, uint64_t now)
{
	struct tl_v3 m;
	struct tl_vb v[3];
	sender(&m, v, user, k, flags | TL_V3_REPORTABLE, OUR_ENGINE, sizeof OUR_ENGINE, 1,
	       etime(now), "inform");
	m.request_id = request_id;
	m.msg_id = request_id + 7;
	return send_msg(rx, &m, now);
}

/* The diagnostic of a refused message: one line naming the user. */
static void check_diag(const struct tt_rx_result *r, const char *user)
{
	if (!r->diag)
		fail_msg("no diagnostic for %s", tt_reason_name(r->reason));
	assert_true(strlen(r->diag) > 10);
	assert_null(strchr(r->diag, '\n'));
	assert_null(strchr(r->diag, '\r'));
	if (user) {
		char q[80];
		snprintf(q, sizeof q, "'%s'", user);
		if (!strstr(r->diag, q))
			fail_msg("diagnostic '%s' does not name %s", r->diag, q);
	}
}

static void expect_delivered_(int line, const struct tt_rx_result *r)
{
	if (r->verdict != TT_VERDICT_DELIVER)
		fail_msg("line %d: not delivered: verdict %d, %s (%s) %s", line, r->verdict,
		         tt_reason_name(r->reason), tt_strerror(r->detail), r->diag ? r->diag : "");
	assert_non_null(r->note);
	assert_null(r->diag);
	assert_int_equal(r->reason, TT_REASON_NONE);
}
#define expect_delivered(r) expect_delivered_(__LINE__, (r))

/* Dropped for reason without a reply; user NULL: no diagnostic needed. */
static void expect_refused_(int line, const struct tt_rx_result *r, enum tt_reason reason,
                            const char *user)
{
	if (r->verdict != TT_VERDICT_DROP || r->reason != reason)
		fail_msg("line %d: verdict %d, reason %s (%s), expected a drop for %s", line,
		         r->verdict, tt_reason_name(r->reason), r->diag ? r->diag : "",
		         tt_reason_name(reason));
	assert_null(r->reply);
	assert_int_equal(r->reply_len, 0);
	assert_null(r->note);
	if (user)
		check_diag(r, user);
}
#define expect_refused(r, reason, user) expect_refused_(__LINE__, (r), (reason), (user))

/* A Report (RFC 3412 §7.1 step 3) with usmStats<arc>.0 = the drop counter of reason, from our
 * engine (boots, time at now), to msg_id; authenticated with keys when given. */
static void expect_report_(int line, const struct tt_rx *rx, const struct tt_rx_result *r,
                           enum tt_reason reason, unsigned arc, int32_t msg_id,
                           const struct tl_usm_keys *keys, uint32_t boots, uint64_t now,
                           struct tl_v3_msg *d)
{
	char oid[64];
	if (r->verdict != TT_VERDICT_REPLY_ONLY || r->reason != reason)
		fail_msg("line %d: verdict %d, reason %s, expected a Report for %s", line, r->verdict,
		         tt_reason_name(r->reason), tt_reason_name(reason));
	assert_non_null(r->reply);
	assert_null(r->note);
	tl_v3_decode(r->reply, r->reply_len, keys, d);
	assert_int_equal(d->msg_id, msg_id);
	assert_int_equal(d->max_size, CONFIG_TT_MAX_MSG_SIZE);
	assert_int_equal(d->flags, keys ? TL_V3_AUTH : 0);
	assert_int_equal(d->model, 3);
	if (keys) {
		assert_int_equal(d->mac_len, tt_auth_mac_len(keys->auth));
		assert_int_equal(d->mac_ok, 1);
	} else {
		assert_int_equal(d->mac_len, 0);
	}
	assert_int_equal(d->salt_len, 0);
	assert_int_equal(d->engine_len, sizeof OUR_ENGINE);
	assert_memory_equal(d->engine, OUR_ENGINE, sizeof OUR_ENGINE);
	assert_int_equal(d->boots, boots);
	assert_int_equal(d->time, etime(now));
	assert_int_equal(d->ctx_engine_len, sizeof OUR_ENGINE);
	assert_memory_equal(d->ctx_engine, OUR_ENGINE, sizeof OUR_ENGINE);
	assert_int_equal(d->ctx_name_len, 0);
	assert_int_equal(d->pdu_tag, TT_PDU_REPORT);
	assert_int_equal(d->error_status, 0);
	assert_int_equal(d->error_index, 0);
	assert_int_equal(d->n_vbs, 1);
	snprintf(oid, sizeof oid, "1.3.6.1.6.3.15.1.1.%u.0", arc);
	assert_oid(d->vb[0].name, d->vb[0].name_len, oid);
	assert_int_equal(d->vb[0].value.tag, TT_TAG_COUNTER32);
	assert_int_equal(tl_tlv_uint(&d->vb[0].value), rx->stats.dropped[reason]);
	assert_true(r->reply_len <= CONFIG_TT_MAX_MSG_SIZE);
}
#define expect_report(rx, r, reason, arc, msg_id, keys, boots, now, d)                       \
	expect_report_(__LINE__, (rx), (r), (reason), (arc), (msg_id), (keys), (boots), (now), (d))

/* The Response to an inform of user (keys k, level from flags) with request-id 4242: the
 * inform's level, reportable clear (a Response is never reportable), same msgID, request-id
 * and varbinds. */
static void expect_response_(int line, const struct tt_rx_result *r, const struct tl_usm_keys *k,
                             uint8_t flags, int32_t msg_id)
{
	struct tl_v3_msg d;
	expect_delivered_(line, r);
	if (!r->reply)
		fail_msg("line %d: delivered without a Response", line);
	assert_int_equal(r->note->pdu_type, TT_PDU_INFORM);
	tl_v3_decode(r->reply, r->reply_len, k, &d);
	assert_int_equal(d.flags, flags & (TL_V3_AUTH | TL_V3_PRIV));
	assert_int_equal(d.mac_ok, 1);
	assert_int_equal(d.msg_id, msg_id);
	assert_int_equal(d.pdu_tag, TT_PDU_RESPONSE);
	assert_int_equal(d.request_id, 4242);
	assert_int_equal(d.error_status, 0);
	assert_int_equal(d.n_vbs, 3);
	assert_int_equal(d.engine_len, sizeof OUR_ENGINE);
	assert_memory_equal(d.engine, OUR_ENGINE, sizeof OUR_ENGINE);
	assert_int_equal(d.salt_len, (flags & TL_V3_PRIV) ? 8 : 0);
}
#define expect_response(r, k, flags, msg_id) expect_response_(__LINE__, (r), (k), (flags), (msg_id))

static const struct tt_remote_engine *remote_of(const struct tt_rx *rx, const uint8_t *id,
                                                size_t len)
{
	size_t i;
	for (i = 0; i < CONFIG_TT_REMOTE_ENGINES; i++)
		if (rx->remote[i].stamp_ms && rx->remote[i].id_len == len &&
		    memcmp(rx->remote[i].id, id, len) == 0)
			return &rx->remote[i];
	return NULL;
}

static size_t remote_count(const struct tt_rx *rx)
{
	size_t i, n = 0;
	for (i = 0; i < CONFIG_TT_REMOTE_ENGINES; i++)
		n += rx->remote[i].stamp_ms != 0;
	return n;
}

/* The word after opt in a command line ("-u" -> "md5user"), or NULL. */
static const char *cmd_opt(const char *cmd, const char *opt, char *out, size_t cap)
{
	char buf[1024], *tok, *save = NULL;
	snprintf(buf, sizeof buf, "%s", cmd);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		if (strcmp(tok, opt) == 0) {
			tok = strtok_r(NULL, " ", &save);
			if (!tok)
				return NULL;
			snprintf(out, cap, "%s", tok);
			return out;
		}
	}
	return NULL;
}

static uint8_t level_of(const char *l)
{
	if (strcmp(l, "noAuthNoPriv") == 0)
		return TT_SEC_NOAUTH;
	if (strcmp(l, "authNoPriv") == 0)
		return TT_SEC_AUTH;
	if (strcmp(l, "authPriv") == 0)
		return TT_SEC_PRIV;
	fail_msg("level '%s'", l);
	return 0;
}

static const char *const LEVEL_WORD[] = {"", "noauth", "auth", "priv"};

/* Configures the user of a captured v3 block from its command line: with the sender's engine
 * ID (-e) when with_engine, else as a wildcard entry; authUser at the command's level. The
 * receiver's passwords are the block's authPassword/privPassword lines where present (the
 * WRONGPASS block's sender used another one). Returns the level. */
static uint8_t conf_block_user(struct tt_conf *c, const struct tl_block *b, int with_engine,
                               char *user, size_t ucap)
{
	const char *cmd = tl_block_get(b, "command");
	char level[32], a[32], x[32], apass[64], xpass[64], eng[80], line[400];
	const char *ap = tl_block_get(b, "authPassword"), *xp = tl_block_get(b, "privPassword");
	uint8_t lv;
	int n;

	assert_non_null(cmd);
	assert_non_null(cmd_opt(cmd, "-u", user, ucap));
	assert_non_null(cmd_opt(cmd, "-l", level, sizeof level));
	lv = level_of(level);
	n = snprintf(line, sizeof line, "createUser ");
	if (with_engine) {
		if (cmd_opt(cmd, "-e", eng, sizeof eng))
			n += snprintf(line + n, sizeof line - (size_t)n, "-e %s ", eng);
		else
			n += snprintf(line + n, sizeof line - (size_t)n, "-e %s ", OUR_ENGINE_HEX);
	}
	n += snprintf(line + n, sizeof line - (size_t)n, "%s", user);
	if (lv >= TT_SEC_AUTH) {
		assert_non_null(cmd_opt(cmd, "-a", a, sizeof a));
		assert_non_null(cmd_opt(cmd, "-A", apass, sizeof apass));
		if (ap && !strstr(b->name, "WRONGPASS"))
			assert_string_equal(ap, apass);
		n += snprintf(line + n, sizeof line - (size_t)n, " %s %s", a, ap ? ap : apass);
	}
	if (lv == TT_SEC_PRIV) {
		assert_non_null(cmd_opt(cmd, "-x", x, sizeof x));
		assert_non_null(cmd_opt(cmd, "-X", xpass, sizeof xpass));
		if (xp)
			assert_string_equal(xp, xpass);
		snprintf(line + n, sizeof line - (size_t)n, " %s %s", x, xpass);
	}
	conf_add(c, "%s", line);
	conf_add(c, "authUser log,execute,net %s %s", user, LEVEL_WORD[lv]);
	return lv;
}

static int64_t field_num(const struct tl_block *b, const char *key)
{
	const char *v = tl_block_get(b, key);
	assert_non_null(v);
	return strtoll(v, NULL, 10);
}

static void check_ctx(const struct tt_notification *n, const struct tl_block *b)
{
	const char *ce = tl_block_get(b, "contextEngineID"), *cn = tl_block_get(b, "contextName");
	assert_non_null(ce);
	assert_non_null(cn);
	assert_hex(n->v3.context_engine_id, n->v3.context_engine_id_len, ce);
	assert_string_equal(cn, "''");
	assert_int_equal(n->v3.context_name_len, 0);
}

/* --- the captured Net-SNMP v3 traps ---------------------------------------------------------- */

static void netsnmp_v3_traps(void **state)
{
	struct tl_file f;
	struct tt_addr from = from_addr();
	size_t i, delivered = 0, wrongpass = 0;
	(void)state;

	tl_file_load(&f, TL_PACKETS);
	for (i = 0; i < f.n_blocks; i++) {
		const struct tl_block *b = &f.blocks[i];
		const char *version = tl_block_get(b, "version"), *pdu = tl_block_get(b, "pdu");
		const char *vbl[16];
		size_t nvb = tl_block_get_all(b, "varbind", vbl, 16), j;
		int with_engine;

		if (strcmp(version, "v3") != 0 || strncmp(pdu, "SNMPv2-Trap", 11) != 0)
			continue;
		for (with_engine = 1; with_engine >= 0; with_engine--) {
			struct tt_conf conf;
			struct tt_rx *rx;
			const struct tt_rx_result *r;
			const struct tt_notification *n;
			char user[64], v[64];
			uint8_t lv;

			tt_conf_init(&conf);
			lv = conf_block_user(&conf, b, with_engine, user, sizeof user);
			rx = new_rx(&conf, 1);
			r = tl_input(rx, b->msg, b->msg_len, &from, T0 + 5000);
			if (strstr(b->name, "WRONGPASS")) {
				expect_refused(r, TT_REASON_WRONG_DIGEST, "shauser");
				assert_non_null(strstr(r->diag, "0x8000000001020304"));
				assert_int_equal(rx->stats.dropped[TT_REASON_WRONG_DIGEST], 1);
				assert_int_equal(remote_count(rx), 0);
				wrongpass++;
				free(rx);
				continue;
			}
			if (r->verdict != TT_VERDICT_DELIVER)
				fail_msg("[%s] (%s) not delivered: %s %s", b->name,
				         with_engine ? "-e" : "wildcard", tt_reason_name(r->reason),
				         r->diag ? r->diag : "");
			expect_delivered(r);
			n = r->note;
			assert_int_equal(r->uses, TT_USE_ALL);
			assert_null(r->reply);
			assert_int_equal(n->version, TT_VERSION_3);
			assert_int_equal(n->pdu_type, TT_PDU_TRAP_V2);
			assert_null(n->community);
			assert_int_equal(n->v3.level, lv);
			assert_int_equal(n->v3.msg_id, field_num(b, "msgID"));
			assert_int_equal(n->v3.engine_id_len, sizeof TRAP_ENGINE);
			assert_memory_equal(n->v3.engine_id, TRAP_ENGINE, sizeof TRAP_ENGINE);
			assert_int_equal(n->v3.user_len, strlen(user));
			assert_memory_equal(n->v3.user, user, strlen(user));
			check_ctx(n, b);
			assert_true(tl_field(pdu, "request-id", v, sizeof v));
			assert_int_equal(n->request_id, strtol(v, NULL, 10));
			assert_int_equal(n->wire_first, 0);
			assert_int_equal(n->n_varbinds, nvb);
			assert_int_equal(n->anomalies, 0);
			for (j = 0; j < nvb; j++)
				tl_check_vb(&n->varbinds[j], vbl[j]);
			assert_int_equal(rx->stats.traps_v2, 1);
			if (lv >= TT_SEC_AUTH) {
				/* the authenticated sender's clock is now known (RFC 3414 §3.2 7b) */
				const struct tt_remote_engine *e =
					remote_of(rx, TRAP_ENGINE, sizeof TRAP_ENGINE);
				assert_non_null(e);
				assert_int_equal(e->boots, 1);
				assert_int_equal(e->time, 12345);
			} else {
				assert_int_equal(remote_count(rx), 0);
			}
			/* a wildcard user's keys are localized once for the sender's engine */
			assert_int_equal(rx->stats.key_localizations,
			                 !with_engine && lv >= TT_SEC_AUTH ? 1 : 0);
			delivered++;
			free(rx);
		}
	}
	/* 14 traps, each with an -e user and a wildcard user; WRONGPASS twice */
	assert_int_equal(delivered, 28);
	assert_int_equal(wrongpass, 2);
	tl_file_free(&f);
}

/* The receiver refuses the same traps when its passwords differ from the sender's. */
static void netsnmp_v3_traps_wrong_keys(void **state)
{
	static const char *const names[] = {"v3-sha-aes-trap", "v3-md5-des-trap",
	                                    "v3-sha1-aes256c-reeder-trap",
	                                    "v3-md5-aes192-blumenthal-trap"};
	struct tt_addr from = from_addr();
	size_t i;
	(void)state;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t len;
		uint8_t *m = tl_vector(TL_PACKETS, names[i], &len);
		struct tl_file f;
		const struct tl_block *b;
		struct tt_conf conf;
		struct tt_rx *rx;
		const struct tt_rx_result *r;
		char user[64], a[32], x[32], ap[64], cmdx[32], hint[96];
		const char *cmd;

		tl_file_load(&f, TL_PACKETS);
		b = tl_file_find(&f, names[i]);
		cmd = tl_block_get(b, "command");
		assert_non_null(cmd_opt(cmd, "-u", user, sizeof user));
		assert_non_null(cmd_opt(cmd, "-a", a, sizeof a));
		assert_non_null(cmd_opt(cmd, "-A", ap, sizeof ap));
		assert_non_null(cmd_opt(cmd, "-x", x, sizeof x));
		/* right auth password, wrong privacy password: the MAC passes, decryption
		 * gives garbage (usmStatsDecryptionErrors) */
		tt_conf_init(&conf);
		conf_add(&conf, "createUser -e %s %s %s %s %s not-the-priv-password", TRAP_ENGINE_HEX,
		         user, a, ap, x);
		conf_add(&conf, "authUser log %s priv", user);
		rx = new_rx(&conf, 1);
		r = tl_input(rx, m, len, &from, T0);
		expect_refused(r, TT_REASON_DECRYPTION_ERROR, user);
		assert_non_null(strstr(r->diag, "privacy"));
		free(rx);
		/* the other AES key extension (Blumenthal vs Reeder) cannot decrypt either */
		if (strncmp(x, "AES-", 4) == 0) {
			const char *xp = tl_block_get(b, "privPassword");
			snprintf(cmdx, sizeof cmdx, "%s", x);
			if (strlen(cmdx) > 7)
				cmdx[7] = '\0'; /* AES-256-C -> AES-256 */
			else
				strcat(cmdx, "-C");
			tt_conf_init(&conf);
			conf_add(&conf, "createUser -e %s %s %s %s %s %s", TRAP_ENGINE_HEX, user, a, ap,
			         cmdx, xp);
			conf_add(&conf, "authUser log %s priv", user);
			rx = new_rx(&conf, 1);
			r = tl_input(rx, m, len, &from, T0);
			expect_refused(r, TT_REASON_DECRYPTION_ERROR, user);
			/* the hint names the sender's variant, the one not configured */
			snprintf(hint, sizeof hint, "extends the key as %s, %s", x,
			         strlen(x) > 7 ? "Reeder" : "Blumenthal");
			assert_non_null(strstr(r->diag, hint));
			free(rx);
		}
		tl_file_free(&f);
		free(m);
	}
}

/* --- the captured inform exchange ------------------------------------------------------------ */

static void netsnmp_inform_exchange(void **state)
{
	struct tt_addr from = from_addr();
	struct tl_file f;
	int with_engine;
	(void)state;

	tl_file_load(&f, TL_PACKETS);
	for (with_engine = 0; with_engine < 2; with_engine++) {
		const struct tl_block *req = tl_file_find(&f, "v3-inform-discovery-request");
		const struct tl_block *rep = tl_file_find(&f, "v3-inform-discovery-report");
		const struct tl_block *inf = tl_file_find(&f, "v3-authpriv-inform");
		const struct tl_block *resp = tl_file_find(&f, "v3-authpriv-inform-response");
		const char *vbl[8];
		size_t nvb = tl_block_get_all(inf, "varbind", vbl, 8), j;
		struct tt_conf conf, conf2;
		struct tt_rx *rx, *rx2;
		const struct tt_rx_result *r;
		const struct tt_notification *n;
		struct tl_usm_keys keys;
		struct tl_v3_msg got, want;
		uint64_t now = T0 + 34000 + 400; /* engineTime 34, as in the capture */
		uint8_t first_salt[8], *reply, want_vbl[256];
		size_t reply_len, want_vbl_len;
		char user[64];

		assert_non_null(req);
		assert_non_null(rep);
		assert_non_null(inf);
		assert_non_null(resp);
		tt_conf_init(&conf);
		assert_int_equal(conf_block_user(&conf, inf, with_engine, user, sizeof user),
		                 TT_SEC_PRIV);
		assert_string_equal(user, "informuser");
		rx = new_rx(&conf, 1);

		/* discovery: a Report with usmStatsUnknownEngineIDs.0 and our engine ID */
		r = tl_input(rx, req->msg, req->msg_len, &from, now);
		expect_report(rx, r, TT_REASON_UNKNOWN_ENGINE_ID, 4, 437574323, NULL, 1, now, &got);
		assert_null(r->diag); /* a discovery is no refusal worth a log line */
		assert_int_equal(got.request_id, 2146989318);
		assert_int_equal(got.user_len, 0);
		assert_int_equal(tl_tlv_uint(&got.vb[0].value), 1);
		tl_v3_decode(rep->msg, rep->msg_len, NULL, &want);
		assert_int_equal(got.msg_id, want.msg_id);
		assert_int_equal(got.flags, want.flags);
		assert_int_equal(got.boots, want.boots);
		assert_int_equal(got.time, want.time);
		assert_int_equal(got.engine_len, want.engine_len);
		assert_memory_equal(got.engine, want.engine, want.engine_len);
		assert_int_equal(got.user_len, want.user_len);
		assert_int_equal(got.ctx_engine_len, want.ctx_engine_len);
		assert_memory_equal(got.ctx_engine, want.ctx_engine, want.ctx_engine_len);
		assert_int_equal(got.request_id, want.request_id);
		assert_int_equal(got.vb[0].name_len, want.vb[0].name_len);
		assert_memory_equal(got.vb[0].name, want.vb[0].name, want.vb[0].name_len);
		assert_int_equal(got.vb[0].value.len, want.vb[0].value.len);
		assert_memory_equal(got.vb[0].value.start, want.vb[0].value.start,
		                    want.vb[0].value.len + 2);
		assert_int_equal(got.scoped_len, want.scoped_len);
		assert_memory_equal(got.scoped, want.scoped, want.scoped_len);
		if (CONFIG_TT_MAX_MSG_SIZE == 65507) {
			/* with the same msgMaxSize as snmptrapd, octet for octet */
			assert_int_equal(r->reply_len, rep->msg_len);
			assert_memory_equal(r->reply, rep->msg, rep->msg_len);
		}
		assert_int_equal(rx->stats.reports, 1);

		/* the authPriv inform: delivered, with an encrypted, signed Response */
		r = tl_input(rx, inf->msg, inf->msg_len, &from, now);
		expect_delivered(r);
		n = r->note;
		assert_int_equal(n->version, TT_VERSION_3);
		assert_int_equal(n->pdu_type, TT_PDU_INFORM);
		assert_int_equal(n->request_id, 2146989317);
		assert_int_equal(n->v3.level, TT_SEC_PRIV);
		assert_int_equal(n->v3.msg_id, 437574322);
		assert_int_equal(n->v3.engine_id_len, sizeof OUR_ENGINE);
		assert_memory_equal(n->v3.engine_id, OUR_ENGINE, sizeof OUR_ENGINE);
		assert_int_equal(n->v3.user_len, 10);
		assert_memory_equal(n->v3.user, "informuser", 10);
		check_ctx(n, inf);
		assert_int_equal(n->n_varbinds, nvb);
		for (j = 0; j < nvb; j++)
			tl_check_vb(&n->varbinds[j], vbl[j]);
		assert_int_equal(rx->stats.informs, 1);
		assert_int_equal(rx->stats.responses, 1);
		assert_int_equal(remote_count(rx), 0); /* we are the authoritative engine */
		assert_non_null(r->reply);

		tl_usm_keys(&keys, TT_AUTH_SHA1, "informauth1", TT_PRIV_AES128, "informpriv1",
		            OUR_ENGINE, sizeof OUR_ENGINE);
		assert_hex(keys.auth_key, 20, tl_block_get(inf, "authKey (Kul = localize(P2K(authPassword), msgAuthoritativeEngineID))"));
		assert_hex(keys.priv_key, 16, tl_block_get(inf, "privKey (as used by the cipher, derived with the auth hash)"));
		tl_v3_decode(inf->msg, inf->msg_len, &keys, &want);
		assert_int_equal(want.mac_ok, 1);
		assert_true(want.vbl_len <= sizeof want_vbl);
		memcpy(want_vbl, want.vbl, want.vbl_len); /* want's copy is reused two decodes on */
		want_vbl_len = want.vbl_len;
		tl_v3_decode(r->reply, r->reply_len, &keys, &got);
		assert_int_equal(got.mac_ok, 1);
		assert_int_equal(got.flags, TL_V3_AUTH | TL_V3_PRIV);
		assert_int_equal(got.msg_id, 437574322);
		assert_int_equal(got.engine_len, sizeof OUR_ENGINE);
		assert_memory_equal(got.engine, OUR_ENGINE, sizeof OUR_ENGINE);
		assert_int_equal(got.boots, 1);
		assert_int_equal(got.time, 34);
		assert_int_equal(got.user_len, 10);
		assert_memory_equal(got.user, "informuser", 10);
		assert_int_equal(got.pdu_tag, TT_PDU_RESPONSE);
		assert_int_equal(got.request_id, 2146989317);
		assert_int_equal(got.error_status, 0);
		assert_int_equal(got.error_index, 0);
		assert_int_equal(got.ctx_engine_len, want.ctx_engine_len);
		assert_memory_equal(got.ctx_engine, want.ctx_engine, want.ctx_engine_len);
		assert_int_equal(got.ctx_name_len, 0);
		assert_int_equal(got.vbl_len, want.vbl_len);
		assert_memory_equal(got.vbl, want.vbl, want.vbl_len);
		assert_int_equal(got.n_vbs, 3);
		memcpy(first_salt, got.salt, 8);
		assert_hex(first_salt, 8, "3af232ca71b6afe6"); /* RFC 3826: the salt from entropy */
		if (CONFIG_TT_MAX_MSG_SIZE == 65507) {
			/* the same salt and clock as snmptrapd: the same octets */
			assert_int_equal(r->reply_len, resp->msg_len);
			assert_memory_equal(r->reply, resp->msg, resp->msg_len);
		}

		/* the Response authenticates and decrypts with the user's keys in another receiver
		 * too: it is refused there only for being a Response */
		reply_len = r->reply_len;
		reply = tl_dup(r->reply, reply_len);
		tt_conf_init(&conf2);
		conf_add(&conf2, "createUser -e %s informuser SHA informauth1 AES informpriv1",
		         OUR_ENGINE_HEX);
		conf_add(&conf2, "authUser log informuser priv");
		rx2 = tl_rx_new(&conf2);
		r = tl_input(rx2, reply, reply_len, &from, now);
		assert_int_equal(r->verdict, TT_VERDICT_DROP);
		assert_int_equal(r->reason, TT_REASON_UNEXPECTED_PDU);
		assert_int_equal(rx2->stats.dropped[TT_REASON_WRONG_DIGEST], 0);
		assert_int_equal(rx2->stats.dropped[TT_REASON_DECRYPTION_ERROR], 0);
		free(rx2);

		/* delivered; a retransmission is acknowledged again, with a fresh salt, and not
		 * delivered twice */
		tt_rx_delivered(rx, now);
		r = tl_input(rx, inf->msg, inf->msg_len, &from, now + 1000);
		assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
		assert_int_equal(r->reason, TT_REASON_NONE);
		assert_null(r->note);
		assert_int_equal(rx->stats.duplicates, 1);
		tl_v3_decode(r->reply, r->reply_len, &keys, &got);
		assert_int_equal(got.mac_ok, 1);
		assert_int_equal(got.request_id, 2146989317);
		assert_int_equal(got.msg_id, 437574322);
		assert_int_equal(got.vbl_len, want_vbl_len);
		assert_memory_equal(got.vbl, want_vbl, want_vbl_len);
		assert_memory_not_equal(got.salt, first_salt, 8);
		free(reply);
		free(rx);
	}
	tl_file_free(&f);
}

/* --- every auth protocol x every priv protocol ----------------------------------------------- */

static void auth_priv_matrix(void **state)
{
	int a, p;
	(void)state;

	for (a = TT_AUTH_MD5; a <= TT_AUTH_SHA512; a++) {
		for (p = TT_PRIV_NONE; p <= TT_PRIV_AES256_C; p++) {
			char apass[32], ppass[32], ctx[32];
			struct tt_conf conf;
			struct tt_rx *rx;
			struct tl_usm_keys kt, ki, k3;
			const struct tt_rx_result *r;
			struct tl_v3 m;
			struct tl_vb v[3];
			struct tl_v3_msg sent, got;
			uint8_t flags = (uint8_t)(TL_V3_AUTH | (p ? TL_V3_PRIV : 0));
			uint8_t level = p ? TT_SEC_PRIV : TT_SEC_AUTH;
			uint64_t now = T0 + 20000u + (uint64_t)(a * 10 + p) * 1000u;
			uint8_t ctx_engine[9] = {0x80, 0, 0x1f, 0x88, 0x80, 9, 9, (uint8_t)a, (uint8_t)p};

			snprintf(apass, sizeof apass, "auth-pass-%d", a);
			snprintf(ppass, sizeof ppass, "priv-pass-%d-%d", a, p);
			snprintf(ctx, sizeof ctx, "ctx-%s-%s", AUTH_NAME[a], PRIV_NAME[p]);
			tt_conf_init(&conf);
			/* the sender's engine has its own entry; every other engine, ours included,
			 * uses the wildcard one */
			conf_add(&conf, "createUser -e %s mx %s %s%s%s%s%s", TRAP_ENGINE_HEX, AUTH_NAME[a],
			         apass, p ? " " : "", PRIV_NAME[p], p ? " " : "", p ? ppass : "");
			conf_add(&conf, "createUser mx %s %s%s%s%s%s", AUTH_NAME[a], apass, p ? " " : "",
			         PRIV_NAME[p], p ? " " : "", p ? ppass : "");
			conf_add(&conf, "authUser log mx %s", LEVEL_WORD[level]);
			rx = new_rx(&conf, 1);
			tl_usm_keys(&kt, (enum tt_auth_proto)a, apass, (enum tt_priv_proto)p,
			            p ? ppass : NULL, TRAP_ENGINE, sizeof TRAP_ENGINE);
			tl_usm_keys(&ki, (enum tt_auth_proto)a, apass, (enum tt_priv_proto)p,
			            p ? ppass : NULL, OUR_ENGINE, sizeof OUR_ENGINE);
			tl_usm_keys(&k3, (enum tt_auth_proto)a, apass, (enum tt_priv_proto)p,
			            p ? ppass : NULL, THIRD_ENGINE, sizeof THIRD_ENGINE);

			/* a trap to the -e entry */
			sender(&m, v, "mx", &kt, flags, TRAP_ENGINE, sizeof TRAP_ENGINE, 3, 1000,
			       ctx);
			m.ctx_name = ctx;
			r = send_msg(rx, &m, now);
			if (r->verdict != TT_VERDICT_DELIVER)
				fail_msg("%s/%s trap: %s %s", AUTH_NAME[a], PRIV_NAME[p],
				         tt_reason_name(r->reason), r->diag ? r->diag : "");
			assert_int_equal(r->note->v3.level, level);
			assert_int_equal(r->note->n_varbinds, 3);
			assert_int_equal(r->note->varbinds[2].value_len, strlen(ctx));
			assert_memory_equal(r->note->varbinds[2].value, ctx, strlen(ctx));
			assert_int_equal(r->note->v3.context_name_len, strlen(ctx));
			assert_memory_equal(r->note->v3.context_name, ctx, strlen(ctx));
			assert_int_equal(rx->stats.key_localizations, 0);

			/* a trap from a third engine: the wildcard entry, localized now */
			r = trap(rx, "mx", &k3, flags, THIRD_ENGINE, sizeof THIRD_ENGINE, 1, 50, now);
			expect_delivered(r);
			assert_int_equal(rx->stats.key_localizations, 1);

			/* an inform to our engine: wildcard keys localized to our engine ID; the
			 * Response at the same level, same msgID, request-id, context and varbinds */
			sender(&m, v, "mx", &ki, flags | TL_V3_REPORTABLE, OUR_ENGINE,
			       sizeof OUR_ENGINE, 1, etime(now), ctx);
			m.msg_id = 5000 + a * 10 + p;
			m.request_id = -77 - p;
			m.ctx_engine = ctx_engine;
			m.ctx_engine_len = sizeof ctx_engine;
			m.ctx_name = ctx;
			{
				size_t len;
				uint8_t *b = tl_msg_v3(&m, &len);
				struct tt_addr from = from_addr();
				tl_v3_decode(b, len, &ki, &sent);
				r = tl_input(rx, b, len, &from, now);
				free(b);
			}
			if (r->verdict != TT_VERDICT_DELIVER)
				fail_msg("%s/%s inform: %s %s", AUTH_NAME[a], PRIV_NAME[p],
				         tt_reason_name(r->reason), r->diag ? r->diag : "");
			assert_int_equal(r->note->pdu_type, TT_PDU_INFORM);
			assert_int_equal(r->note->request_id, -77 - p);
			assert_int_equal(rx->stats.key_localizations, 2);
			assert_non_null(r->reply);
			tl_v3_decode(r->reply, r->reply_len, &ki, &got);
			assert_int_equal(got.mac_ok, 1);
			assert_int_equal(got.flags, flags);
			assert_int_equal(got.mac_len, tt_auth_mac_len((enum tt_auth_proto)a));
			assert_int_equal(got.salt_len, p ? 8 : 0);
			assert_int_equal(got.msg_id, 5000 + a * 10 + p);
			assert_int_equal(got.boots, 1);
			assert_int_equal(got.time, etime(now));
			assert_int_equal(got.user_len, 2);
			assert_int_equal(got.pdu_tag, TT_PDU_RESPONSE);
			assert_int_equal(got.request_id, -77 - p);
			assert_int_equal(got.error_status, 0);
			assert_int_equal(got.ctx_engine_len, sizeof ctx_engine);
			assert_memory_equal(got.ctx_engine, ctx_engine, sizeof ctx_engine);
			assert_int_equal(got.ctx_name_len, strlen(ctx));
			assert_memory_equal(got.ctx_name, ctx, strlen(ctx));
			assert_int_equal(got.vbl_len, sent.vbl_len);
			assert_memory_equal(got.vbl, sent.vbl, sent.vbl_len);
			assert_int_equal(rx->stats.responses, 1);

			/* and the same inform again, now from the key cache */
			r = inform(rx, "mx", &ki, flags, 99, now + 1000);
			expect_delivered(r);
			assert_int_equal(rx->stats.key_localizations, 2);
			free(rx);
		}
	}
}

/* noAuthNoPriv: a trap and an inform with an unauthenticated Response. */
static void noauth_user(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	const struct tt_rx_result *r;
	struct tl_v3_msg got;
	uint64_t now = T0 + 7000;
	(void)state;

	tl_conf(&conf, "createUser nobodyspecial", "authUser log nobodyspecial noauth", NULL);
	rx = new_rx(&conf, 1);
	r = trap(rx, "nobodyspecial", NULL, 0, TRAP_ENGINE, sizeof TRAP_ENGINE, 0, 0, now);
	expect_delivered(r);
	assert_int_equal(r->note->v3.level, TT_SEC_NOAUTH);
	assert_int_equal(remote_count(rx), 0); /* no clock from an unauthenticated message */
	r = inform(rx, "nobodyspecial", NULL, 0, 4242, now);
	expect_delivered(r);
	tl_v3_decode(r->reply, r->reply_len, NULL, &got);
	assert_int_equal(got.flags, 0);
	assert_int_equal(got.mac_len, 0);
	assert_int_equal(got.salt_len, 0);
	assert_int_equal(got.pdu_tag, TT_PDU_RESPONSE);
	assert_int_equal(got.request_id, 4242);
	assert_int_equal(got.msg_id, 4242 + 7);
	assert_int_equal(got.n_vbs, 3);
	assert_int_equal(rx->stats.key_localizations, 0);
	free(rx);
}

/* --- the sender's time window (traps, RFC 3414 §3.2 step 7b) -------------------------------- */

static void remote_time_window(void **state)
{
	/* snmptrapd.md §4.1: one engine, one trap per (boots, time) */
	static const struct {
		uint32_t boots, time;
		int ok;
	} seq[] = {{5, 100000, 1}, {5, 99000, 0},        {5, 99900, 1},       {4, 200000, 0},
	           {6, 10, 1},     {6, 5, 1},            {2147483647u, 1, 1}, {7, 1, 0},
	           {2147483647u, 1, 0}, {2147483647u, 500, 0}};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k;
	const struct tt_rx_result *r;
	uint64_t now = T0 + 1000;
	size_t i, drops = 0;
	(void)state;

	tl_conf(&conf, "createUser -e " TRAP_ENGINE_HEX " tw SHA twauthpass1",
	        "authUser log tw", NULL);
	tl_usm_keys(&k, TT_AUTH_SHA1, "twauthpass1", TT_PRIV_NONE, NULL, TRAP_ENGINE,
	            sizeof TRAP_ENGINE);
	rx = new_rx(&conf, 1);
	for (i = 0; i < sizeof seq / sizeof seq[0]; i++) {
		now += 1000;
		r = trap(rx, "tw", &k, TL_V3_AUTH, TRAP_ENGINE, sizeof TRAP_ENGINE, seq[i].boots,
		         seq[i].time, now);
		if (seq[i].ok != (r->verdict == TT_VERDICT_DELIVER))
			fail_msg("(%u, %u): verdict %d %s", seq[i].boots, seq[i].time, r->verdict,
			         r->diag ? r->diag : "");
		if (!seq[i].ok) {
			expect_refused(r, TT_REASON_NOT_IN_TIME_WINDOW, "tw");
			drops++;
			if (seq[i].boots == 5)
				assert_non_null(strstr(r->diag, "1001 s behind")); /* 100001 - 99000 */
			else
				assert_non_null(strstr(r->diag, "engineBoots"));
		}
		/* a message with a wrong MAC never moves the clock, even to the latched boots */
		if (i == 0) {
			struct tl_v3 m;
			struct tl_vb v[3];
			sender(&m, v, "tw", &k, TL_V3_AUTH, TRAP_ENGINE, sizeof TRAP_ENGINE,
			       2147483647u, 1, "x");
			m.bad_mac = 1;
			expect_refused(send_msg(rx, &m, now), TT_REASON_WRONG_DIGEST, "tw");
		}
	}
	assert_int_equal(rx->stats.dropped[TT_REASON_NOT_IN_TIME_WINDOW], drops);
	assert_int_equal(rx->stats.traps_v2, 5);
	assert_int_equal(remote_of(rx, TRAP_ENGINE, sizeof TRAP_ENGINE)->boots, 2147483647u);
	/* a new configuration does not forget the clocks */
	tt_rx_set_conf(rx, &conf);
	expect_refused(trap(rx, "tw", &k, TL_V3_AUTH, TRAP_ENGINE, sizeof TRAP_ENGINE, 8, 1, now),
	               TT_REASON_NOT_IN_TIME_WINDOW, "tw");
	free(rx);
}

/* The 150-second window exactly, against the cached time advanced by our clock. */
static void remote_time_window_boundary(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k;
	uint64_t t = T0 + 3000;
	(void)state;

	tl_conf(&conf, "createUser -e " TRAP_ENGINE_HEX " tw MD5 twauthpass1",
	        "authUser log tw", NULL);
	tl_usm_keys(&k, TT_AUTH_MD5, "twauthpass1", TT_PRIV_NONE, NULL, TRAP_ENGINE,
	            sizeof TRAP_ENGINE);
	rx = new_rx(&conf, 1);
#define TW(b, tm, now) trap(rx, "tw", &k, TL_V3_AUTH, TRAP_ENGINE, sizeof TRAP_ENGINE, (b), (tm), (now))
	expect_delivered(TW(5, 100000, t));
	expect_delivered(TW(5, 99850, t));                       /* 150 s behind: inside */
	expect_refused(TW(5, 99849, t), TT_REASON_NOT_IN_TIME_WINDOW, "tw"); /* 151 s */
	/* 10.999 s later the sender's clock is estimated at 100010 */
	expect_delivered(TW(5, 99860, t + 10999));
	expect_refused(TW(5, 99859, t + 10999), TT_REASON_NOT_IN_TIME_WINDOW, "tw");
	/* ahead of the estimate is fine, and moves latestReceivedEngineTime */
	expect_delivered(TW(5, 100500, t + 11000));
	assert_int_equal(remote_of(rx, TRAP_ENGINE, sizeof TRAP_ENGINE)->time, 100500);
	expect_delivered(TW(5, 100350, t + 11000));
	expect_refused(TW(5, 100349, t + 11000), TT_REASON_NOT_IN_TIME_WINDOW, "tw");
	/* boots + 1 is accepted at once, whatever its time */
	expect_delivered(TW(6, 0, t + 11000));
	expect_refused(TW(5, 100500, t + 11000), TT_REASON_NOT_IN_TIME_WINDOW, "tw");
#undef TW
	free(rx);
}

/* Replays of a captured trap. */
static void remote_replay(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k;
	struct tl_v3 m;
	struct tl_vb v[3];
	struct tt_addr from = from_addr();
	const struct tt_rx_result *r;
	uint64_t t = T0 + 5000;
	uint8_t *b;
	size_t len;
	(void)state;

	tl_conf(&conf, "createUser -e " TRAP_ENGINE_HEX " rp SHA rpauthpass1 AES rpprivpass1",
	        "authUser log rp priv", NULL);
	tl_usm_keys(&k, TT_AUTH_SHA1, "rpauthpass1", TT_PRIV_AES128, "rpprivpass1", TRAP_ENGINE,
	            sizeof TRAP_ENGINE);
	rx = new_rx(&conf, 1);
	sender(&m, v, "rp", &k, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, sizeof TRAP_ENGINE, 5,
	       100000, "captured");
	b = tl_msg_v3(&m, &len);
	expect_delivered(tl_input(rx, b, len, &from, t));
	/* replayed right away: inside the window, and USM keeps no msgID cache for traps
	 * (RFC 3414 has none; snmptrapd logged all 4 copies) */
	expect_delivered(tl_input(rx, b, len, &from, t));
	expect_delivered(tl_input(rx, b, len, &from, t + 150000));
	/* 151 s and 176 s later the sender's clock has moved on: a replay (snmptrapd compares
	 * with the last time received and accepted the 176 s one) */
	expect_refused(tl_input(rx, b, len, &from, t + 151000), TT_REASON_NOT_IN_TIME_WINDOW, "rp");
	r = tl_input(rx, b, len, &from, t + 176000);
	expect_refused(r, TT_REASON_NOT_IN_TIME_WINDOW, "rp");
	assert_non_null(strstr(r->diag, "176 s behind"));
	assert_non_null(strstr(r->diag, "0x8000000001020304"));
	assert_non_null(strstr(r->diag, "127.0.0.1"));
	assert_int_equal(rx->stats.traps_v2, 3);
	free(b);
	free(rx);
}

/* --- spoofing, users on several engines, the localized-key cache ---------------------------- */

static uint32_t rng_state = 0x12345678u;

static uint32_t rng(void)
{
	/* xorshift32: deterministic */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void spoofed_flood(void **state)
{
	static struct tt_remote_engine remote_before[CONFIG_TT_REMOTE_ENGINES];
	static struct tt_key_cache_entry cache_before[CONFIG_TT_KEY_CACHE];
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys kwe, ke;
	uint64_t now = T0 + 10000;
	uint32_t loc_before, spoofed_wildcard = 0, delivered_before;
	size_t i;
	(void)state;

	tl_conf(&conf, "createUser fw SHA floodauth1 AES floodpriv1",
	        "createUser -e " TRAP_ENGINE_HEX " fe SHA-256 floodauth2",
	        "createUser nn", "authUser log fw priv", "authUser log fe", "authUser log nn noauth",
	        NULL);
	tl_usm_keys(&kwe, TT_AUTH_SHA1, "floodauth1", TT_PRIV_AES128, "floodpriv1", OTHER_ENGINE,
	            sizeof OTHER_ENGINE);
	tl_usm_keys(&ke, TT_AUTH_SHA256, "floodauth2", TT_PRIV_NONE, NULL, TRAP_ENGINE,
	            sizeof TRAP_ENGINE);
	rx = new_rx(&conf, 1);
	/* two authentic senders: a wildcard user's keys are cached for OTHER_ENGINE */
	expect_delivered(trap(rx, "fw", &kwe, TL_V3_AUTH | TL_V3_PRIV, OTHER_ENGINE,
	                      sizeof OTHER_ENGINE, 3, 3000, now));
	expect_delivered(trap(rx, "fe", &ke, TL_V3_AUTH, TRAP_ENGINE, sizeof TRAP_ENGINE, 4, 4000,
	                      now));
	assert_int_equal(remote_count(rx), 2);
	assert_int_equal(rx->stats.key_localizations, 1);
	memcpy(remote_before, rx->remote, sizeof remote_before);
	memcpy(cache_before, rx->key_cache, sizeof cache_before);
	loc_before = rx->stats.key_localizations;
	delivered_before = rx->stats.delivered;

	for (i = 0; i < 10000; i++) {
		uint8_t engine[32];
		size_t elen = 5 + rng() % 28, j;
		struct tl_v3 m;
		struct tl_vb v[3];
		unsigned kind = (unsigned)(i % 5);

		for (j = 0; j < elen; j++)
			engine[j] = (uint8_t)rng();
		now += 1 + rng() % 3;
		switch (kind) {
		case 0: /* noAuth for a user with auth */
			sender(&m, v, "fw", NULL, 0, engine, elen, rng() >> 1, rng() >> 1, "spoof");
			expect_refused(send_msg(rx, &m, now), TT_REASON_UNSUPPORTED_SEC_LEVEL, "fw");
			break;
		case 1: /* a forged MAC for the wildcard user at a new engine */
			sender(&m, v, "fw", &kwe, TL_V3_AUTH | TL_V3_PRIV, engine, elen, rng() >> 1,
			       rng() >> 1, "spoof");
			expect_refused(send_msg(rx, &m, now), TT_REASON_WRONG_DIGEST, "fw");
			spoofed_wildcard++;
			break;
		case 2: /* a forged MAC for a known engine, claiming the latched boots */
			sender(&m, v, "fw", &kwe, TL_V3_AUTH | TL_V3_PRIV, OTHER_ENGINE,
			       sizeof OTHER_ENGINE, 2147483647u, rng() >> 1, "spoof");
			m.bad_mac = 1;
			expect_refused(send_msg(rx, &m, now), TT_REASON_WRONG_DIGEST, "fw");
			sender(&m, v, "fe", &ke, TL_V3_AUTH, TRAP_ENGINE, sizeof TRAP_ENGINE,
			       2147483647u, rng() >> 1, "spoof");
			m.bad_mac = 1;
			expect_refused(send_msg(rx, &m, now), TT_REASON_WRONG_DIGEST, "fe");
			break;
		case 3: /* a user that exists only for another engine */
			sender(&m, v, "fe", &ke, TL_V3_AUTH, engine, elen, 1, 1, "spoof");
			expect_refused(send_msg(rx, &m, now), TT_REASON_UNKNOWN_USER, "fe");
			break;
		default: /* noAuth for a noAuth user: delivered, but no clock is taken from it */
			sender(&m, v, "nn", NULL, 0, engine, elen, rng() >> 1, rng() >> 1, "spoof");
			expect_delivered(send_msg(rx, &m, now));
			break;
		}
	}
	assert_memory_equal(rx->remote, remote_before, sizeof remote_before);
	assert_memory_equal(rx->key_cache, cache_before, sizeof cache_before);
	/* a forged message costs one localization hash of the wildcard user's Ku (no
	 * password-to-key, no privacy key) and is then forgotten */
	assert_int_equal(rx->stats.key_localizations, loc_before + spoofed_wildcard);
	assert_int_equal(rx->stats.delivered, delivered_before + 2000);
	assert_int_equal(rx->stats.dropped[TT_REASON_WRONG_DIGEST], 6000);
	/* the authentic senders still get through, from the cache */
	expect_delivered(trap(rx, "fw", &kwe, TL_V3_AUTH | TL_V3_PRIV, OTHER_ENGINE,
	                      sizeof OTHER_ENGINE, 3, 3001, now));
	expect_delivered(trap(rx, "fe", &ke, TL_V3_AUTH, TRAP_ENGINE, sizeof TRAP_ENGINE, 4, 4001,
	                      now));
	assert_int_equal(rx->stats.key_localizations, loc_before + spoofed_wildcard);
	free(rx);
}

static void same_user_two_engines(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k1, k2, k1on2, k2on1, kany3, kany1, kany_ours;
	const struct tt_rx_result *r;
	uint64_t now = T0 + 2000;
	(void)state;

	tl_conf(&conf, "createUser -e " TRAP_ENGINE_HEX " alice SHA alice-pass-1",
	        "createUser -e 0x8000000001020305 alice MD5 alice-pass-2 DES alice-priv-2",
	        "authUser log alice", NULL);
	tl_usm_keys(&k1, TT_AUTH_SHA1, "alice-pass-1", TT_PRIV_NONE, NULL, TRAP_ENGINE, 8);
	tl_usm_keys(&k2, TT_AUTH_MD5, "alice-pass-2", TT_PRIV_DES, "alice-priv-2", OTHER_ENGINE, 8);
	tl_usm_keys(&k1on2, TT_AUTH_SHA1, "alice-pass-1", TT_PRIV_NONE, NULL, OTHER_ENGINE, 8);
	tl_usm_keys(&k2on1, TT_AUTH_MD5, "alice-pass-2", TT_PRIV_DES, "alice-priv-2", TRAP_ENGINE, 8);
	rx = new_rx(&conf, 1);
	expect_delivered(trap(rx, "alice", &k1, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 10, now));
	expect_delivered(trap(rx, "alice", &k2, TL_V3_AUTH | TL_V3_PRIV, OTHER_ENGINE, 8, 1, 10, now));
	expect_delivered(trap(rx, "alice", &k2, TL_V3_AUTH, OTHER_ENGINE, 8, 1, 11, now));
	/* each engine's keys only work on their engine */
	expect_refused(trap(rx, "alice", &k2on1, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 12, now),
	               TT_REASON_WRONG_DIGEST, "alice");
	expect_refused(trap(rx, "alice", &k1on2, TL_V3_AUTH, OTHER_ENGINE, 8, 1, 12, now),
	               TT_REASON_WRONG_DIGEST, "alice");
	/* engine 1's user has no privacy */
	expect_refused(trap(rx, "alice", &k2on1, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 12, now),
	               TT_REASON_UNSUPPORTED_SEC_LEVEL, "alice");
	/* a third engine has no entry */
	r = trap(rx, "alice", &k1, TL_V3_AUTH, THIRD_ENGINE, 8, 1, 12, now);
	expect_refused(r, TT_REASON_UNKNOWN_USER, "alice");
	assert_non_null(strstr(r->diag, "other engines"));
	assert_int_equal(rx->stats.key_localizations, 0);
	free(rx);

	/* with a wildcard entry besides: it serves the third engine and our own, while the
	 * entries with an engine ID keep theirs */
	conf_add(&conf, "createUser alice SHA-256 alice-pass-any");
	tl_usm_keys(&kany3, TT_AUTH_SHA256, "alice-pass-any", TT_PRIV_NONE, NULL, THIRD_ENGINE, 8);
	tl_usm_keys(&kany1, TT_AUTH_SHA256, "alice-pass-any", TT_PRIV_NONE, NULL, TRAP_ENGINE, 8);
	tl_usm_keys(&kany_ours, TT_AUTH_SHA256, "alice-pass-any", TT_PRIV_NONE, NULL, OUR_ENGINE,
	            sizeof OUR_ENGINE);
	rx = new_rx(&conf, 1);
	expect_delivered(trap(rx, "alice", &kany3, TL_V3_AUTH, THIRD_ENGINE, 8, 1, 12, now));
	expect_delivered(trap(rx, "alice", &k1, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 12, now));
	expect_refused(trap(rx, "alice", &kany1, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 13, now),
	               TT_REASON_WRONG_DIGEST, "alice");
	expect_delivered(inform(rx, "alice", &kany_ours, TL_V3_AUTH, 1, now));
	assert_int_equal(rx->stats.key_localizations, 2);
	free(rx);
}

static void wildcard_user_many_engines(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k1, k2;
	uint64_t now = T0 + 2000;
	int i;
	(void)state;

	/* a full user table: the per-packet cost does not depend on the number of users */
	tt_conf_init(&conf);
	for (i = 0; i < CONFIG_TT_MAX_USERS - 1; i++)
		conf_add(&conf, "createUser other%d MD5 -m 0x%032d", i, i);
	conf_add(&conf, "createUser wc SHA wcauthpass AES-256-C wcprivpass");
	conf_add(&conf, "authUser log wc priv");
	assert_int_equal(conf.n_users, CONFIG_TT_MAX_USERS);
	tl_usm_keys(&k1, TT_AUTH_SHA1, "wcauthpass", TT_PRIV_AES256_C, "wcprivpass", TRAP_ENGINE, 8);
	tl_usm_keys(&k2, TT_AUTH_SHA1, "wcauthpass", TT_PRIV_AES256_C, "wcprivpass", OTHER_ENGINE, 8);
	rx = new_rx(&conf, 1);
	for (i = 0; i < 20; i++) {
		now += 100;
		expect_delivered(trap(rx, "wc", &k1, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1,
		                      (uint32_t)(100 + i), now));
		assert_int_equal(rx->stats.key_localizations, i == 0 ? 1 : 2);
		expect_delivered(trap(rx, "wc", &k2, TL_V3_AUTH | TL_V3_PRIV, OTHER_ENGINE, 8, 1,
		                      (uint32_t)(100 + i), now));
		assert_int_equal(rx->stats.key_localizations, 2);
	}
	/* a new configuration empties the cache (its users may have moved) */
	tt_rx_set_conf(rx, &conf);
	expect_delivered(trap(rx, "wc", &k1, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 500, now));
	assert_int_equal(rx->stats.key_localizations, 3);
	free(rx);
}

/* A trap of a wildcard user from engine 0x80000000 <tag> 00 <i:16>, keys derived here from the
 * pass phrases (no privacy when priv_pw is NULL), one second after the previous one; it must
 * be delivered (line: the caller's, for the failure message). */
static void engine_trap_(int line, struct tt_rx *rx, const char *user, enum tt_auth_proto ap,
                         const char *auth_pw, enum tt_priv_proto pp, const char *priv_pw,
                         uint8_t tag, uint32_t i, uint64_t *now)
{
	uint8_t e[8] = {0x80, 0, 0, 0, tag, 0, (uint8_t)(i >> 8), (uint8_t)i};
	struct tl_usm_keys k;

	tl_usm_keys(&k, ap, auth_pw, priv_pw ? pp : TT_PRIV_NONE, priv_pw, e, 8);
	*now += 1000;
	expect_delivered_(line, trap(rx, user, &k, priv_pw ? TL_V3_AUTH | TL_V3_PRIV : TL_V3_AUTH,
	                             e, 8, 1, (uint32_t)(*now / 1000), *now));
}
#define engine_trap(...) engine_trap_(__LINE__, __VA_ARGS__)

static void key_cache_lru(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	uint64_t now = T0;
	uint32_t n = CONFIG_TT_KEY_CACHE, i;
	(void)state;

	tl_conf(&conf, "createUser lru SHA-224 lruauthpass DES lruprivpass", "authUser log lru",
	        NULL);
	rx = new_rx(&conf, 1);
#define LRU_TRAP(i) \
	engine_trap(rx, "lru", TT_AUTH_SHA224, "lruauthpass", TT_PRIV_DES, "lruprivpass", 2, (i), &now)
	for (i = 0; i < n; i++) {
		LRU_TRAP(i);
		assert_int_equal(rx->stats.key_localizations, i + 1);
	}
	LRU_TRAP(0); /* a hit: engine 0 is now the most recently used */
	assert_int_equal(rx->stats.key_localizations, n);
	LRU_TRAP(n); /* one engine too many: evicts the least recently used, engine 1 */
	assert_int_equal(rx->stats.key_localizations, n + 1);
	LRU_TRAP(0);
	assert_int_equal(rx->stats.key_localizations, n + 1);
	LRU_TRAP(n);
	assert_int_equal(rx->stats.key_localizations, n + 1);
	LRU_TRAP(1);
	assert_int_equal(rx->stats.key_localizations, n + 2);
	/* the remote engine table has its own LRU: more engines than it holds */
	for (i = 0; i < CONFIG_TT_REMOTE_ENGINES + 2; i++)
		LRU_TRAP(100 + i);
	assert_int_equal(remote_count(rx), CONFIG_TT_REMOTE_ENGINES);
	assert_true(rx->stats.remote_engines_evicted >= 2);
#undef LRU_TRAP
	free(rx);
}

/* The decryption key schedule kept for the last privacy key (usm.c) must follow the cache
 * entry it was made from: here the entry whose schedule is kept becomes the least recently
 * used one (other engines send auth-only traps), is evicted, and receives the same user's keys
 * for another engine at the same address. A stale schedule would decrypt garbage. */
static void cipher_memo_follows_key_cache(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	uint64_t now = T0;
	uint32_t n = CONFIG_TT_KEY_CACHE, i;
	(void)state;

	tl_conf(&conf, "createUser mp SHA mpauthpass1 AES mpprivpass1",
	        "createUser ma SHA maauthpass1", "authUser log mp", "authUser log ma", NULL);
	rx = new_rx(&conf, 1);
#define MP_TRAP(i) \
	engine_trap(rx, "mp", TT_AUTH_SHA1, "mpauthpass1", TT_PRIV_AES128, "mpprivpass1", 3, (i), &now)
	MP_TRAP(0);
	assert_non_null(rx->cipher_memo_key);
	for (i = 1; i < n; i++)
		engine_trap(rx, "ma", TT_AUTH_SHA1, "maauthpass1", TT_PRIV_NONE, NULL, 3, i, &now);
	/* the cache is full and engine 0's entry, whose schedule is kept, is the oldest */
	MP_TRAP(n);
	assert_int_equal(rx->stats.key_localizations, n + 1);
	MP_TRAP(n);
	/* and back and forth between two keys of the same user */
	MP_TRAP(1000);
	MP_TRAP(n);
	MP_TRAP(1000);
#undef MP_TRAP
	free(rx);
}

/* The Reeder-extended privacy key of a wildcard user costs a password-to-key run per new
 * engine: at most CONFIG_TT_SLOW_KEYS_PER_S of them per second (usm.c). Authentic traps from
 * more engines than the cache holds, all in one second: the budget's worth are derived and
 * delivered, the rest dropped (no Report) with a diagnostic, and the next second serves more;
 * a cached engine, an authNoPriv message, a forged MAC and a user whose key is cheap never
 * spend the budget. */
static void slow_key_budget(void **state)
{
	enum { N = CONFIG_TT_KEY_CACHE + 50 };
	const uint32_t budget = CONFIG_TT_SLOW_KEYS_PER_S;
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys *k = malloc((N + 1) * sizeof *k), fast;
	uint8_t (*e)[8] = malloc((N + 1) * sizeof *e);
	const struct tt_rx_result *r;
	uint64_t now = T0 + 10000;
	uint32_t i, delivered, loc;
	struct tl_v3 m;
	struct tl_vb v[3];
	char want[200];
	(void)state;

	assert_non_null(k);
	assert_non_null(e);
	tl_conf(&conf, "createUser slow SHA slowauthpass AES-256-C slowprivpass",
	        "createUser fast SHA fastauthpass AES fastprivpass",
	        "createUser cheapc SHA-256 cheapauthpass AES-256-C cheapprivpass",
	        "authUser log slow auth", "authUser log fast", "authUser log cheapc", NULL);
	rx = new_rx(&conf, 1);
	for (i = 0; i <= N; i++) {
		uint8_t id[8] = {0x80, 0, 0, 0, 9, 0, (uint8_t)(i >> 8), (uint8_t)i};
		memcpy(e[i], id, 8);
		tl_usm_keys(&k[i], TT_AUTH_SHA1, "slowauthpass", TT_PRIV_AES256_C, "slowprivpass",
		            e[i], 8);
	}
	/* engine N is heard first: its keys are cached */
	expect_delivered(trap(rx, "slow", &k[N], TL_V3_AUTH | TL_V3_PRIV, e[N], 8, 1, 1000, now));

	/* the next second: a flood of forged MACs from every engine derives nothing expensive
	 * (the auth key localization is cheap and runs) and spends none of the budget */
	now += 1000;
	loc = rx->stats.key_localizations;
	for (i = 0; i < N; i++) {
		sender(&m, v, "slow", &k[i], TL_V3_AUTH | TL_V3_PRIV, e[i], 8, 1, 1000, "forged");
		m.bad_mac = 1;
		expect_refused(send_msg(rx, &m, now), TT_REASON_WRONG_DIGEST, "slow");
	}
	assert_int_equal(rx->stats.key_localizations, loc + N);

	/* in the same second, authentic traps from all N engines: the budget, then drops */
	delivered = 0;
	for (i = 0; i < N; i++) {
		r = trap(rx, "slow", &k[i], TL_V3_AUTH | TL_V3_PRIV, e[i], 8, 1, 1000, now);
		if (i < budget) {
			expect_delivered(r);
			delivered++;
			continue;
		}
		expect_refused(r, TT_REASON_DECRYPTION_ERROR, "slow");
		snprintf(want, sizeof want, "key derivation budget exceeded for user 'slow' from "
		         "127.0.0.1, engine 0x%02X%02X%02X%02X%02X%02X%02X%02X: message dropped "
		         "(CONFIG_TT_SLOW_KEYS_PER_S)", e[i][0], e[i][1], e[i][2], e[i][3], e[i][4],
		         e[i][5], e[i][6], e[i][7]);
		if (strcmp(r->diag, want) != 0)
			fail_msg("diag '%s', expected '%s'", r->diag, want);
	}
	assert_int_equal(delivered, budget);
	/* engine N's, and the budget: the forged flood derived none */
	assert_int_equal(rx->stats.slow_keys_derived, 1 + budget);
	assert_int_equal(rx->stats.slow_keys_refused, N - budget);
	assert_int_equal(rx->stats.dropped[TT_REASON_DECRYPTION_ERROR], N - budget);
	assert_int_equal(rx->stats.reports, 0);
	/* still in that second: a cached engine is served, from the cache (the last one derived;
	 * with a cache larger than the budget, engine N's and the first one too) */
	loc = rx->stats.key_localizations;
	expect_delivered(trap(rx, "slow", &k[budget - 1], TL_V3_AUTH | TL_V3_PRIV, e[budget - 1], 8,
	                      1, 1001, now));
	if (CONFIG_TT_KEY_CACHE > budget) {
		expect_delivered(trap(rx, "slow", &k[N], TL_V3_AUTH | TL_V3_PRIV, e[N], 8, 1, 1001,
		                      now));
		expect_delivered(trap(rx, "slow", &k[0], TL_V3_AUTH | TL_V3_PRIV, e[0], 8, 1, 1001,
		                      now));
	}
	assert_int_equal(rx->stats.key_localizations, loc);
	/* an authNoPriv trap from an engine not cached needs no privacy key: served with its
	 * auth key, which is not cached (a second one localizes it again) */
	expect_delivered(trap(rx, "slow", &k[N - 1], TL_V3_AUTH, e[N - 1], 8, 1, 1001, now));
	expect_delivered(trap(rx, "slow", &k[N - 1], TL_V3_AUTH, e[N - 1], 8, 1, 1001, now));
	assert_int_equal(rx->stats.key_localizations, loc + 2);
	assert_int_equal(rx->stats.slow_keys_derived, 1 + budget);
	assert_int_equal(rx->stats.slow_keys_refused, N - budget);

	/* the next second serves the next engines */
	now += 1000;
	for (i = budget; i < N; i++) {
		r = trap(rx, "slow", &k[i], TL_V3_AUTH | TL_V3_PRIV, e[i], 8, 1, 1002, now);
		if (i < 2 * budget)
			expect_delivered(r);
		else
			expect_refused(r, TT_REASON_DECRYPTION_ERROR, "slow");
	}
	assert_int_equal(rx->stats.slow_keys_derived, 1 + 2 * budget);
	assert_int_equal(rx->stats.slow_keys_refused, 2 * (N - budget) - budget);

	/* AES-128, and AES-256-C over SHA-256 (no extension needed), are cheap: never bounded */
	for (i = 0; i < N; i++) {
		tl_usm_keys(&fast, TT_AUTH_SHA1, "fastauthpass", TT_PRIV_AES128, "fastprivpass", e[i], 8);
		expect_delivered(trap(rx, "fast", &fast, TL_V3_AUTH | TL_V3_PRIV, e[i], 8, 1, 1002, now));
		tl_usm_keys(&fast, TT_AUTH_SHA256, "cheapauthpass", TT_PRIV_AES256_C, "cheapprivpass",
		            e[i], 8);
		expect_delivered(trap(rx, "cheapc", &fast, TL_V3_AUTH | TL_V3_PRIV, e[i], 8, 1, 1002,
		                      now));
	}
	assert_int_equal(rx->stats.slow_keys_derived, 1 + 2 * budget);
	free(rx);
	free(k);
	free(e);
}

/* --- authUser levels; security levels a user supports ---------------------------------------- */

static void auth_user_levels(void **state)
{
	struct tt_conf conf, open;
	struct tt_rx *rx;
	struct tl_usm_keys ka, kp, kx, ky;
	const struct tt_rx_result *r;
	uint64_t now = T0 + 1000;
	(void)state;

	tl_conf(&conf, "createUser un", "createUser ua SHA ua-auth-pass",
	        "createUser up SHA up-auth-pass AES up-priv-pass",
	        "createUser ux SHA ux-auth-pass AES ux-priv-pass",
	        "createUser uy MD5 uy-auth-pass DES uy-priv-pass", "createUser un2",
	        "authUser log un noauth", "authUser log,net ua", "authUser log up priv",
	        "authUser log -s usm uy auth", "authUser net uy authPriv", "authUser log un2",
	        NULL);
	tl_usm_keys(&ka, TT_AUTH_SHA1, "ua-auth-pass", TT_PRIV_NONE, NULL, TRAP_ENGINE, 8);
	tl_usm_keys(&kp, TT_AUTH_SHA1, "up-auth-pass", TT_PRIV_AES128, "up-priv-pass", TRAP_ENGINE, 8);
	tl_usm_keys(&kx, TT_AUTH_SHA1, "ux-auth-pass", TT_PRIV_AES128, "ux-priv-pass", TRAP_ENGINE, 8);
	tl_usm_keys(&ky, TT_AUTH_MD5, "uy-auth-pass", TT_PRIV_DES, "uy-priv-pass", TRAP_ENGINE, 8);
	rx = new_rx(&conf, 1);

	r = trap(rx, "un", NULL, 0, TRAP_ENGINE, 8, 1, 1, now);
	expect_delivered(r);
	assert_int_equal(r->uses, TT_USE_LOG);
	r = trap(rx, "ua", &ka, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, now);
	expect_delivered(r);
	assert_int_equal(r->uses, TT_USE_LOG | TT_USE_NET);
	/* below the authUser level */
	r = trap(rx, "up", &kp, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, now);
	expect_refused(r, TT_REASON_NOT_AUTHORIZED, "up");
	assert_non_null(strstr(r->diag, "authUser"));
	r = trap(rx, "up", &kp, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 1, now);
	expect_delivered(r);
	assert_int_equal(r->uses, TT_USE_LOG);
	/* no authUser line at all */
	expect_refused(trap(rx, "ux", &kx, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 1, now),
	               TT_REASON_NOT_AUTHORIZED, "ux");
	/* the uses of every line the level reaches */
	r = trap(rx, "uy", &ky, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, now);
	expect_delivered(r);
	assert_int_equal(r->uses, TT_USE_LOG);
	r = trap(rx, "uy", &ky, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 1, now);
	expect_delivered(r);
	assert_int_equal(r->uses, TT_USE_LOG | TT_USE_NET);
	/* authUser's default level is auth: a user without auth never reaches it */
	expect_refused(trap(rx, "un2", NULL, 0, TRAP_ENGINE, 8, 1, 1, now),
	               TT_REASON_NOT_AUTHORIZED, "un2");
	/* an inform refused by authUser gets no Response (and no Report) */
	{
		struct tl_usm_keys kpo;
		tl_usm_keys(&kpo, TT_AUTH_SHA1, "up-auth-pass", TT_PRIV_AES128, "up-priv-pass",
		            OUR_ENGINE, sizeof OUR_ENGINE);
		expect_refused(inform(rx, "up", &kpo, TL_V3_AUTH, 5, now), TT_REASON_NOT_AUTHORIZED, "up");
	}
	assert_int_equal(rx->stats.dropped[TT_REASON_NOT_AUTHORIZED], 4);
	free(rx);

	/* disableAuthorization: every user at every level it supports, for every use */
	open = conf;
	conf_add(&open, "disableAuthorization yes");
	rx = new_rx(&open, 1);
	r = trap(rx, "ux", &kx, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 1, now);
	expect_delivered(r);
	assert_int_equal(r->uses, TT_USE_ALL);
	expect_delivered(trap(rx, "up", &kp, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 2, now));
	expect_delivered(trap(rx, "un2", NULL, 0, TRAP_ENGINE, 8, 1, 1, now));
	/* but never below what the user is configured with */
	expect_refused(trap(rx, "ux", NULL, 0, TRAP_ENGINE, 8, 1, 1, now),
	               TT_REASON_UNSUPPORTED_SEC_LEVEL, "ux");
	free(rx);
}

static void unsupported_levels(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys ka, kao, kfake, kfakeo;
	const struct tt_rx_result *r;
	struct tl_v3_msg d;
	uint64_t now = T0 + 30000;
	(void)state;

	tl_conf(&conf, "createUser a1 SHA a1-auth-pass", "createUser n1",
	        "disableAuthorization yes", NULL);
	tl_usm_keys(&ka, TT_AUTH_SHA1, "a1-auth-pass", TT_PRIV_NONE, NULL, TRAP_ENGINE, 8);
	tl_usm_keys(&kao, TT_AUTH_SHA1, "a1-auth-pass", TT_PRIV_NONE, NULL, OUR_ENGINE, 13);
	/* what a sender that believes a1 has privacy would use */
	tl_usm_keys(&kfake, TT_AUTH_SHA1, "a1-auth-pass", TT_PRIV_AES128, "a1-auth-pass", TRAP_ENGINE, 8);
	tl_usm_keys(&kfakeo, TT_AUTH_SHA1, "a1-auth-pass", TT_PRIV_AES128, "a1-auth-pass", OUR_ENGINE, 13);
	rx = new_rx(&conf, 1);

	/* a user with auth never accepts an unauthenticated message */
	r = trap(rx, "a1", NULL, 0, TRAP_ENGINE, 8, 1, 1, now);
	expect_refused(r, TT_REASON_UNSUPPORTED_SEC_LEVEL, "a1");
	assert_non_null(strstr(r->diag, "unauthenticated"));
	r = inform(rx, "a1", NULL, 0, 11, now);
	expect_report(rx, r, TT_REASON_UNSUPPORTED_SEC_LEVEL, 1, 18, NULL, 1, now, &d);
	check_diag(r, "a1");
	assert_int_equal(d.request_id, 11);
	assert_int_equal(d.user_len, 2);
	assert_memory_equal(d.user, "a1", 2);
	/* authPriv to an auth-only user */
	r = trap(rx, "a1", &kfake, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 1, now);
	expect_refused(r, TT_REASON_UNSUPPORTED_SEC_LEVEL, "a1");
	r = inform(rx, "a1", &kfakeo, TL_V3_AUTH | TL_V3_PRIV, 12, now);
	expect_report(rx, r, TT_REASON_UNSUPPORTED_SEC_LEVEL, 1, 19, NULL, 1, now, &d);
	assert_int_equal(d.request_id, 0); /* encrypted: the request-id is not readable */
	/* auth for a user without auth */
	expect_refused(trap(rx, "n1", &ka, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, now),
	               TT_REASON_UNSUPPORTED_SEC_LEVEL, "n1");
	/* below the user's capability is a matter for authUser, not USM */
	expect_delivered(trap(rx, "a1", &ka, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, now));
	expect_delivered(inform(rx, "a1", &kao, TL_V3_AUTH, 13, now));
	assert_int_equal(rx->stats.dropped[TT_REASON_UNSUPPORTED_SEC_LEVEL], 5);
	assert_int_equal(rx->stats.reports, 2);
	free(rx);
}

static uint8_t *v1_trap_pdu(int generic, int specific, size_t *len);

/* --- informs: discovery and the usmStats Reports; traps never get one ------------------------ */

static void inform_reports(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k, kwrong, knoenc, kt, kd, kx;
	const struct tt_rx_result *r;
	struct tl_v3_msg d;
	struct tl_v3 m;
	struct tl_vb v[3];
	uint64_t now = T0 + 500000; /* our engineTime 500 */
	static const uint8_t salt7[7] = {1, 2, 3, 4, 5, 6, 7};
	uint32_t reports;
	int i;
	(void)state;

	tl_conf(&conf, "createUser ir SHA irauthpass1 AES irprivpass1",
	        "createUser ird MD5 irdauthpass DES irdprivpass", "authUser log ir priv",
	        "authUser log ird priv", NULL);
	tl_usm_keys(&k, TT_AUTH_SHA1, "irauthpass1", TT_PRIV_AES128, "irprivpass1", OUR_ENGINE, 13);
	tl_usm_keys(&kwrong, TT_AUTH_SHA1, "irauthpass1", TT_PRIV_AES128, "not-irprivpass1",
	            OUR_ENGINE, 13);
	tl_usm_keys(&kt, TT_AUTH_SHA1, "irauthpass1", TT_PRIV_AES128, "irprivpass1", TRAP_ENGINE, 8);
	tl_usm_keys(&kd, TT_AUTH_MD5, "irdauthpass", TT_PRIV_DES, "irdprivpass", OUR_ENGINE, 13);
	knoenc = k;
	knoenc.priv = TT_PRIV_NONE;
	kx = kd;
	kx.priv = TT_PRIV_AES128; /* encrypts without padding: not a multiple of 8 for DES */
	rx = new_rx(&conf, 1);

	/* an inform for another engine: usmStatsUnknownEngineIDs */
	sender(&m, v, "ir", &kt, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, TRAP_ENGINE, 8, 1, 500,
	       "x");
	m.msg_id = 101;
	r = send_msg(rx, &m, now);
	expect_report(rx, r, TT_REASON_UNKNOWN_ENGINE_ID, 4, 101, NULL, 1, now, &d);
	check_diag(r, "ir");
	assert_non_null(strstr(r->diag, "our engine ID"));
	/* an unknown user: usmStatsUnknownUserNames */
	r = inform(rx, "nobody", NULL, 0, 102, now);
	expect_report(rx, r, TT_REASON_UNKNOWN_USER, 3, 109, NULL, 1, now, &d);
	check_diag(r, "nobody");
	assert_int_equal(d.request_id, 102);
	assert_int_equal(d.user_len, 6);
	assert_memory_equal(d.user, "nobody", 6);
	/* a wrong MAC: usmStatsWrongDigests */
	sender(&m, v, "ir", &k, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE, 13, 1, 500,
	       "x");
	m.msg_id = 103;
	m.bad_mac = 1;
	r = send_msg(rx, &m, now);
	expect_report(rx, r, TT_REASON_WRONG_DIGEST, 5, 103, NULL, 1, now, &d);
	check_diag(r, "ir");
	/* outside our time window: an authenticated Report with our clock (RFC 3414 §3.2 7a) */
	{
		static const struct {
			uint32_t boots, time;
			int ok;
		} tw[] = {{1, 651, 0}, {1, 349, 0}, {2, 500, 0}, {0, 500, 0},
		          {1, 650, 1}, {1, 350, 1}, {1, 500, 1}};
		for (i = 0; i < (int)(sizeof tw / sizeof tw[0]); i++) {
			sender(&m, v, "ir", &k, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE,
			       13, tw[i].boots, tw[i].time, "x");
			m.msg_id = 200 + i;
			m.request_id = 300 + i;
			r = send_msg(rx, &m, now);
			if (tw[i].ok) {
				expect_delivered(r);
				continue;
			}
			expect_report(rx, r, TT_REASON_NOT_IN_TIME_WINDOW, 2, 200 + i, &k, 1, now, &d);
			check_diag(r, "ir");
			assert_int_equal(d.user_len, 2);
			assert_memory_equal(d.user, "ir", 2);
		}
	}
	/* the wrong privacy password: usmStatsDecryptionErrors */
	sender(&m, v, "ir", &kwrong, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE, 13, 1,
	       500, "x");
	m.msg_id = 104;
	r = send_msg(rx, &m, now);
	expect_report(rx, r, TT_REASON_DECRYPTION_ERROR, 6, 104, NULL, 1, now, &d);
	check_diag(r, "ir");
	/* msgPrivacyParameters not 8 octets (RFC 3414 §8.3.2 step 1) */
	sender(&m, v, "ir", &knoenc, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE, 13, 1,
	       500, "x");
	m.msg_id = 105;
	m.salt = salt7;
	m.salt_len = 7;
	r = send_msg(rx, &m, now);
	expect_report(rx, r, TT_REASON_DECRYPTION_ERROR, 6, 105, NULL, 1, now, &d);
	/* DES data that is not a multiple of 8 octets */
	sender(&m, v, "ird", &kx, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE, 13, 1,
	       500, "x");
	m.msg_id = 106;
	r = send_msg(rx, &m, now);
	expect_report(rx, r, TT_REASON_DECRYPTION_ERROR, 6, 106, NULL, 1, now, &d);
	check_diag(r, "ird");
	assert_int_equal(rx->stats.reports, 10);
	/* and the user's DES informs work */
	expect_delivered(inform(rx, "ird", &kd, TL_V3_AUTH | TL_V3_PRIV, 107, now));

	/* traps with the same errors get no reply, ever */
	reports = rx->stats.reports;
	expect_refused(trap(rx, "nobody", NULL, 0, TRAP_ENGINE, 8, 1, 1, now),
	               TT_REASON_UNKNOWN_USER, "nobody");
	sender(&m, v, "ir", &kt, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 1000, "x");
	m.bad_mac = 1;
	expect_refused(send_msg(rx, &m, now), TT_REASON_WRONG_DIGEST, "ir");
	expect_refused(trap(rx, "ir", NULL, 0, TRAP_ENGINE, 8, 1, 1, now),
	               TT_REASON_UNSUPPORTED_SEC_LEVEL, "ir");
	expect_delivered(trap(rx, "ir", &kt, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 1000, now));
	expect_refused(trap(rx, "ir", &kt, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 800, now),
	               TT_REASON_NOT_IN_TIME_WINDOW, "ir");
	{
		struct tl_usm_keys ktw = kt;
		tl_usm_keys(&ktw, TT_AUTH_SHA1, "irauthpass1", TT_PRIV_AES128, "wrong-privpass",
		            TRAP_ENGINE, 8);
		expect_refused(trap(rx, "ir", &ktw, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 1001, now),
		               TT_REASON_DECRYPTION_ERROR, "ir");
	}
	sender(&m, v, "ir", &kt, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 4, 1, 1, "x");
	r = send_msg(rx, &m, now);
	expect_refused(r, TT_REASON_UNKNOWN_ENGINE_ID, "ir"); /* 4 octets: no engine ID */
	sender(&m, v, "ir", NULL, 0, NULL, 0, 0, 0, "x");
	expect_refused(send_msg(rx, &m, now), TT_REASON_UNKNOWN_ENGINE_ID, "ir");
	/* a trap that sets the reportable flag anyway (RFC 3412 §6.4 says it must not) is a trap
	 * wherever its PDU can be read: the sender is authoritative, and it never gets a Report */
	sender(&m, v, "ir", &kt, TL_V3_AUTH | TL_V3_REPORTABLE, TRAP_ENGINE, 8, 1, 1, "x");
	m.pdu_tag = TT_PDU_TRAP_V2;
	expect_refused(send_msg(rx, &m, now), TT_REASON_NOT_IN_TIME_WINDOW, "ir");
	m.time = 1002; /* the sender's clock passes: authUser (priv) has the last word */
	expect_refused(send_msg(rx, &m, now), TT_REASON_NOT_AUTHORIZED, "ir");
	sender(&m, v, "nobody", NULL, TL_V3_REPORTABLE, OUR_ENGINE, 13, 1, 500, "x");
	m.pdu_tag = TT_PDU_TRAP_V2;
	expect_refused(send_msg(rx, &m, now), TT_REASON_UNKNOWN_USER, "nobody");
	m.pdu = v1_trap_pdu(6, 1, &m.pdu_len);
	expect_refused(send_msg(rx, &m, now), TT_REASON_UNKNOWN_USER, "nobody");
	sender(&m, v, "ir", &k, TL_V3_AUTH | TL_V3_REPORTABLE, OUR_ENGINE, 13, 1, 500, "x");
	m.pdu_tag = TT_PDU_TRAP_V2;
	m.bad_mac = 1;
	expect_refused(send_msg(rx, &m, now), TT_REASON_WRONG_DIGEST, "ir");
	assert_int_equal(rx->stats.reports, reports);
	assert_int_equal(rx->stats.reports_suppressed, 0);
	free(rx);
}

/* RFC 3414 §4 discovery as pysnmp and Perl's Net::SNMP do it: a probe (empty engine ID) gets
 * usmStatsUnknownEngineIDs, then an authenticated message with engineBoots 0 and engineTime 0
 * gets the authenticated notInTimeWindows Report with our clock, then the inform goes through.
 * Neither step is a refusal to log: the probe has no diagnostic, the second step says
 * time_sync and is counted; a message with real but stale boots/time is a refusal. */
static void discovery_time_sync(void **state)
{
	static const uint8_t levels[2] = {TL_V3_AUTH | TL_V3_PRIV, TL_V3_AUTH};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k;
	struct tl_v3 m;
	struct tl_vb v[3];
	struct tl_v3_msg d;
	const struct tt_rx_result *r;
	struct tt_addr from = from_addr();
	uint64_t now = T0 + 42000; /* our engineTime 42 */
	size_t len;
	uint8_t *probe = tl_vector(TL_PACKETS, "v3-inform-discovery-request", &len);
	unsigned i;
	(void)state;

	tl_conf(&conf, "createUser ds SHA dsauthpass1 AES dsprivpass1", "authUser log ds", NULL);
	tl_usm_keys(&k, TT_AUTH_SHA1, "dsauthpass1", TT_PRIV_AES128, "dsprivpass1", OUR_ENGINE, 13);
	rx = new_rx(&conf, 3);
	for (i = 0; i < 2; i++) {
		uint32_t reports = rx->stats.reports;
		/* step 1: the probe */
		r = tl_input(rx, probe, len, &from, now);
		assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
		assert_int_equal(r->reason, TT_REASON_UNKNOWN_ENGINE_ID);
		assert_non_null(r->reply);
		assert_null(r->diag);
		assert_int_equal(r->time_sync, 0);
		/* step 2: authenticated, boots 0, time 0 */
		sender(&m, v, "ds", &k, levels[i] | TL_V3_REPORTABLE, OUR_ENGINE, 13, 0, 0, "sync");
		m.msg_id = 300 + i;
		r = send_msg(rx, &m, now);
		expect_report(rx, r, TT_REASON_NOT_IN_TIME_WINDOW, 2, 300 + (int32_t)i, &k, 3, now, &d);
		assert_int_equal(r->time_sync, 1);
		assert_int_equal(rx->stats.time_syncs, i + 1);
		assert_int_equal(rx->stats.dropped[TT_REASON_NOT_IN_TIME_WINDOW], i + 1);
		assert_int_equal(rx->stats.reports, reports + 2);
		/* step 3: the inform with the clock of that Report */
		sender(&m, v, "ds", &k, levels[i] | TL_V3_REPORTABLE, OUR_ENGINE, 13, d.boots, d.time,
		       i ? "synced auth" : "synced priv");
		r = send_msg(rx, &m, now + 300);
		expect_delivered(r);
		assert_non_null(r->reply);
		assert_int_equal(r->time_sync, 0);
		tt_rx_delivered(rx, now + 300);
	}
	/* real but stale boots/time (a replay, a clock problem) is a refusal, not a time sync */
	{
		static const struct {
			uint32_t boots, time;
		} stale[] = {{2, 42}, {3, 500}, {0, 5}, {0, 42}, {4, 0}};
		for (i = 0; i < sizeof stale / sizeof stale[0]; i++) {
			sender(&m, v, "ds", &k, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE, 13,
			       stale[i].boots, stale[i].time, "stale");
			r = send_msg(rx, &m, now);
			expect_report(rx, r, TT_REASON_NOT_IN_TIME_WINDOW, 2, 1, &k, 3, now, &d);
			assert_int_equal(r->time_sync, 0);
			check_diag(r, "ds");
			assert_non_null(strstr(r->diag, "outside our time window"));
		}
	}
	/* boots 0, time 0 without the reportable flag gets no Report: a plain drop */
	sender(&m, v, "ds", &k, TL_V3_AUTH | TL_V3_PRIV, OUR_ENGINE, 13, 0, 0, "x");
	m.pdu_tag = TT_PDU_INFORM;
	r = send_msg(rx, &m, now);
	expect_refused(r, TT_REASON_NOT_IN_TIME_WINDOW, "ds");
	assert_int_equal(r->time_sync, 0);
	/* nor is a wrong digest with boots 0, time 0 (not authenticated) */
	sender(&m, v, "ds", &k, TL_V3_AUTH | TL_V3_REPORTABLE, OUR_ENGINE, 13, 0, 0, "x");
	m.bad_mac = 1;
	r = send_msg(rx, &m, now);
	assert_int_equal(r->reason, TT_REASON_WRONG_DIGEST);
	assert_int_equal(r->time_sync, 0);
	assert_int_equal(rx->stats.time_syncs, 2);
	free(rx);
	free(probe);
}

#define PER_SOURCE                                                                            \
	(CONFIG_TT_REPORTS_PER_SOURCE < CONFIG_TT_REPORTS_PER_S ? CONFIG_TT_REPORTS_PER_SOURCE     \
	                                                        : CONFIG_TT_REPORTS_PER_S)

/* The Report budget (README "SNMPv3"): per second at most CONFIG_TT_REPORTS_PER_SOURCE to one
 * source (IPv4 address, IPv6 /64), CONFIG_TT_REPORTS_PER_S unauthenticated ones to all, and as
 * many authenticated ones (notInTimeWindows to a good MAC) from a budget of their own. */
static void report_rate_limit(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = from_addr(), src;
	struct tl_usm_keys k;
	struct tl_v3 m;
	struct tl_vb v[3];
	struct tl_v3_msg d;
	const struct tt_rx_result *r;
	uint64_t now = T0 + 100000;
	size_t len;
	uint8_t *probe = tl_vector(TL_PACKETS, "v3-inform-discovery-request", &len);
	unsigned i, n = PER_SOURCE, others = CONFIG_TT_REPORTS_PER_S - PER_SOURCE;
	char text[64];
	(void)state;

	tl_conf(&conf, "createUser x", "createUser rl SHA rlauthpass1", "authUser log rl", NULL);
	tl_usm_keys(&k, TT_AUTH_SHA1, "rlauthpass1", TT_PRIV_NONE, NULL, OUR_ENGINE, 13);
	rx = new_rx(&conf, 1);
	/* one source */
	for (i = 0; i < n + 5; i++) {
		r = tl_input(rx, probe, len, &from, now + i % 3);
		if (i < n) {
			assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
			assert_non_null(r->reply);
		} else {
			expect_refused(r, TT_REASON_UNKNOWN_ENGINE_ID, NULL);
		}
	}
	assert_int_equal(rx->stats.reports, n);
	assert_int_equal(rx->stats.reports_suppressed, 5);
	/* its authenticated Reports count against its share too (a replayed authenticated
	 * message needs no credentials) */
	sender(&m, v, "rl", &k, TL_V3_AUTH | TL_V3_REPORTABLE, OUR_ENGINE, 13, 0, 0, "sync");
	r = send_from(rx, &m, &from, now + 10);
	expect_refused(r, TT_REASON_NOT_IN_TIME_WINDOW, NULL);
	assert_int_equal(r->time_sync, 1); /* still the discovery step, not logged */
	assert_int_equal(rx->stats.reports_suppressed, 6);
	/* all sources together: the rest of CONFIG_TT_REPORTS_PER_S */
	for (i = 0; i < others + 3; i++) {
		snprintf(text, sizeof text, "10.0.%u.%u", i / 250, i % 250 + 1);
		src = tl_addr(text, 1024);
		r = tl_input(rx, probe, len, &src, now + 20);
		if (i < others)
			assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
		else
			expect_refused(r, TT_REASON_UNKNOWN_ENGINE_ID, NULL);
	}
	assert_int_equal(rx->stats.reports, CONFIG_TT_REPORTS_PER_S);
	assert_int_equal(rx->stats.reports_suppressed, 9);
	/* other unauthenticated Reports share that budget */
	src = tl_addr("10.1.0.1", 1024);
	sender(&m, v, "nobody", NULL, TL_V3_REPORTABLE, OUR_ENGINE, 13, 1, 100, "x");
	expect_refused(send_from(rx, &m, &src, now + 30), TT_REASON_UNKNOWN_USER, "nobody");
	assert_int_equal(rx->stats.reports_suppressed, 10);
	/* authenticated Reports have a budget of their own: the probes did not use it up */
	sender(&m, v, "rl", &k, TL_V3_AUTH | TL_V3_REPORTABLE, OUR_ENGINE, 13, 0, 0, "sync");
	m.msg_id = 61;
	r = send_from(rx, &m, &src, now + 40);
	expect_report(rx, r, TT_REASON_NOT_IN_TIME_WINDOW, 2, 61, &k, 1, now + 40, &d);
	assert_int_equal(r->time_sync, 1);
	/* the next second, every source again */
	r = tl_input(rx, probe, len, &from, now + 1000);
	assert_int_equal(r->verdict, TT_VERDICT_REPLY_ONLY);
	assert_int_equal(rx->stats.reports, CONFIG_TT_REPORTS_PER_S + 2);
	assert_int_equal(rx->stats.dropped[TT_REASON_UNKNOWN_ENGINE_ID], CONFIG_TT_REPORTS_PER_S + 9);

	/* an IPv6 /64 is one source, an IPv4-mapped address the IPv4 one */
	{
		static const char *const same[][2] = {{"2001:db8::1", "2001:db8::ffff:1"},
		                                       {"192.0.2.9", "::ffff:192.0.2.9"}};
		static const char *const other[] = {"2001:db8:0:1::1", "192.0.2.10"};
		for (i = 0; i < 2; i++) {
			uint64_t t = now + 2000 + 1000 * i;
			unsigned j;
			src = tl_addr(same[i][0], 161);
			for (j = 0; j < n; j++)
				assert_int_equal(tl_input(rx, probe, len, &src, t)->verdict,
				                 TT_VERDICT_REPLY_ONLY);
			src = tl_addr(same[i][1], 162);
			expect_refused(tl_input(rx, probe, len, &src, t), TT_REASON_UNKNOWN_ENGINE_ID,
			               NULL);
			src = tl_addr(other[i], 161);
			assert_int_equal(tl_input(rx, probe, len, &src, t)->verdict,
			                 TT_VERDICT_REPLY_ONLY);
		}
	}

	/* without an engine of ours, no Report at all */
	free(rx);
	rx = tl_rx_new(&conf);
	expect_refused(tl_input(rx, probe, len, &from, now), TT_REASON_UNKNOWN_ENGINE_ID, NULL);
	assert_int_equal(rx->stats.reports, 0);
	free(rx);
	free(probe);
}

/* The flood of the issue: 1,000 discovery probes a second from one source for 5 s (no
 * credentials needed), and meanwhile 10 other sources each run a whole discovery and inform
 * (probe, boots 0 / time 0, inform): each gets both Reports and its Response, the flooder gets
 * its share of each second and no more. */
static void report_fair_share(void **state)
{
	static const char *const legit[10] = {
		"198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4", "198.51.100.5",
		"203.0.113.77", "192.0.2.200", "2001:db8:1::7", "2001:db8:2::7", "fd00:1:2:3::99"};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k;
	struct tl_v3 m;
	struct tl_vb v[3];
	struct tl_v3_msg d;
	const struct tt_rx_result *r;
	struct tt_addr flooder = tl_addr("192.0.2.66", 1161);
	uint64_t start = T0 + 100000, t;
	size_t len;
	uint8_t *probe = tl_vector(TL_PACKETS, "v3-inform-discovery-request", &len);
	uint32_t flood_reports = 0, probes = 0, done = 0;
	(void)state;

	tl_conf(&conf, "createUser fs SHA fsauthpass1 AES fsprivpass1", "authUser log fs", NULL);
	tl_usm_keys(&k, TT_AUTH_SHA1, "fsauthpass1", TT_PRIV_AES128, "fsprivpass1", OUR_ENGINE, 13);
	rx = new_rx(&conf, 1);
	for (t = 0; t < 5000; t++) {
		uint64_t now = start + t;
		r = tl_input(rx, probe, len, &flooder, now);
		probes++;
		if (r->verdict == TT_VERDICT_REPLY_ONLY) {
			assert_non_null(r->reply);
			flood_reports++;
		} else {
			expect_refused(r, TT_REASON_UNKNOWN_ENGINE_ID, NULL);
		}
		if (t >= 250 && (t - 250) % 480 == 0 && done < 10) {
			struct tt_addr src = tl_addr(legit[done], (uint16_t)(40000 + done));
			char text[32];
			r = tl_input(rx, probe, len, &src, now);
			if (r->verdict != TT_VERDICT_REPLY_ONLY || !r->reply)
				fail_msg("source %s at %" PRIu64 " ms: no discovery Report (verdict %d, "
				         "%u Reports suppressed so far)", legit[done], t, r->verdict,
				         rx->stats.reports_suppressed);
			sender(&m, v, "fs", &k, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE,
			       13, 0, 0, "sync");
			m.msg_id = 700 + done;
			r = send_from(rx, &m, &src, now);
			if (r->verdict != TT_VERDICT_REPLY_ONLY)
				fail_msg("source %s at %" PRIu64 " ms: no time-sync Report (verdict %d)",
				         legit[done], t, r->verdict);
			expect_report(rx, r, TT_REASON_NOT_IN_TIME_WINDOW, 2, 700 + (int32_t)done, &k, 1,
			              now, &d);
			snprintf(text, sizeof text, "legit %u", done);
			sender(&m, v, "fs", &k, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE,
			       13, d.boots, d.time, text);
			m.pdu_tag = TT_PDU_INFORM;
			m.request_id = 4242;
			m.msg_id = 800 + done;
			r = send_from(rx, &m, &src, now);
			expect_response(r, &k, TL_V3_AUTH | TL_V3_PRIV, 800 + (int32_t)done);
			tt_rx_delivered(rx, now);
			done++;
		}
	}
	assert_int_equal(done, 10);
	assert_int_equal(rx->stats.informs, 10);
	assert_int_equal(rx->stats.time_syncs, 10);
	/* the flooder: its share in each of the 5 seconds, every other probe suppressed */
	assert_int_equal(flood_reports, 5 * PER_SOURCE);
	assert_int_equal(rx->stats.reports_suppressed, probes - flood_reports);
	assert_int_equal(rx->stats.reports, flood_reports + 20);
	free(rx);
	free(probe);
}

static void boots_latched(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k;
	struct tl_v3 m;
	struct tl_vb v[3];
	struct tl_v3_msg d;
	uint64_t now = T0 + 9000;
	(void)state;

	tl_conf(&conf, "createUser bl SHA-384 blauthpass1 AES-192 blprivpass1", "authUser log bl priv",
	        NULL);
	tl_usm_keys(&k, TT_AUTH_SHA384, "blauthpass1", TT_PRIV_AES192, "blprivpass1", OUR_ENGINE, 13);
	rx = new_rx(&conf, 0xffffffffu); /* capped at 2^31-1 */
	sender(&m, v, "bl", &k, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE, 13,
	       2147483647u, etime(now), "x");
	m.msg_id = 77;
	expect_report(rx, send_msg(rx, &m, now), TT_REASON_NOT_IN_TIME_WINDOW, 2, 77, &k,
	              2147483647u, now, &d);
	/* one boot earlier everything works */
	tt_rx_set_engine(rx, OUR_ENGINE, 13, 2147483646u, T0, 1);
	m.boots = 2147483646u;
	expect_delivered(send_msg(rx, &m, now));
	free(rx);
}

/* --- what the notification carries ----------------------------------------------------------- */

static uint8_t *v1_trap_pdu(int generic, int specific, size_t *len)
{
	static const uint8_t agent[4] = {192, 0, 2, 7};
	static uint8_t buf[512];
	struct tl_w w;

	tl_w_init(&w, buf, sizeof buf);
	tl_w_begin(&w, TT_PDU_TRAP_V1);
	tl_w_oid(&w, "1.3.6.1.4.1.8072.2.3.1");
	tl_w_tlv(&w, TT_TAG_IPADDRESS, agent, 4);
	tl_w_int(&w, TT_TAG_INTEGER, generic);
	tl_w_int(&w, TT_TAG_INTEGER, specific);
	tl_w_uint(&w, TT_TAG_TIMETICKS, 12345);
	tl_w_begin(&w, TT_TAG_SEQUENCE);
	tl_w_begin(&w, TT_TAG_SEQUENCE);
	tl_w_oid(&w, "1.3.6.1.2.1.1.5.0");
	tl_w_str(&w, "v1-in-v3");
	tl_w_end(&w);
	tl_w_end(&w);
	tl_w_end(&w);
	*len = w.len;
	return buf;
}

static void v1_trap_pdu_in_v3(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k;
	struct tl_v3 m;
	struct tl_vb v[3];
	const struct tt_rx_result *r;
	const struct tt_notification *n;
	uint64_t now = T0 + 1000;
	size_t i;
	int found_addr = 0;
	(void)state;

	tl_conf(&conf, "createUser -e " TRAP_ENGINE_HEX " v1u SHA v1uauthpass", "authUser log v1u",
	        NULL);
	tl_usm_keys(&k, TT_AUTH_SHA1, "v1uauthpass", TT_PRIV_NONE, NULL, TRAP_ENGINE, 8);
	rx = new_rx(&conf, 1);
	sender(&m, v, "v1u", &k, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 10, "x");
	m.pdu = v1_trap_pdu(6, 17, &m.pdu_len);
	r = send_msg(rx, &m, now);
	expect_delivered(r);
	n = r->note;
	assert_int_equal(n->version, TT_VERSION_3);
	assert_int_equal(n->pdu_type, TT_PDU_TRAP_V1);
	assert_int_equal(n->v3.level, TT_SEC_AUTH);
	assert_int_equal(n->v3.user_len, 3);
	assert_int_equal(n->request_id, 0);
	assert_oid(n->v1.enterprise, n->v1.enterprise_len, "1.3.6.1.4.1.8072.2.3.1");
	assert_memory_equal(n->v1.agent_addr, "\xc0\x00\x02\x07", 4);
	assert_int_equal(n->v1.generic, 6);
	assert_int_equal(n->v1.specific, 17);
	assert_int_equal(n->uptime, 12345);
	/* the RFC 3584 §3.1 view */
	assert_oid(n->trap_oid, n->trap_oid_len, "1.3.6.1.4.1.8072.2.3.1.0.17");
	assert_int_equal(n->wire_first, 2);
	assert_int_equal(n->wire_count, 1);
	assert_oid(n->varbinds[0].name, n->varbinds[0].name_len, "1.3.6.1.2.1.1.3.0");
	assert_int_equal(n->varbinds[0].num, 12345);
	assert_true(n->varbinds[0].flags & TT_VB_SYNTHESIZED);
	assert_oid(n->varbinds[1].value, n->varbinds[1].value_len, "1.3.6.1.4.1.8072.2.3.1.0.17");
	assert_oid(n->varbinds[2].name, n->varbinds[2].name_len, "1.3.6.1.2.1.1.5.0");
	assert_int_equal(n->varbinds[2].flags, 0);
	for (i = 3; i < n->n_varbinds; i++) {
		char s[64];
		tl_oid_str(n->varbinds[i].name, n->varbinds[i].name_len, s, sizeof s);
		if (strcmp(s, "1.3.6.1.6.3.18.1.3.0") == 0) {
			found_addr = 1;
			assert_memory_equal(n->varbinds[i].value, "\xc0\x00\x02\x07", 4);
		}
	}
	assert_true(found_addr);
	assert_null(r->reply);
	assert_int_equal(rx->stats.traps_v1, 1);
	/* it renders like a v1 trap */
	{
		static const struct tt_addr src = {TT_AF_INET4, {127, 0, 0, 1}, 54671};
		struct tt_render_ctx ctx;
		char out[2048];
		memset(&ctx, 0, sizeof ctx);
		ctx.note = n;
		ctx.src = &src;
		assert_true(tt_render_default(out, sizeof out, &ctx) > 0);
		assert_non_null(strstr(out, "v1-in-v3"));
		ctx.flags = TT_RENDER_V1_TRANSLATED;
		assert_true(tt_render_default(out, sizeof out, &ctx) > 0);
		assert_true(tt_render_format(out, sizeof out, "%P %u %N %q %w %v %V", &ctx) > 0);
		assert_non_null(strstr(out, "TRAP, SNMP v3, user v1u"));
	}
	/* a generic trap */
	sender(&m, v, "v1u", &k, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 11, "x");
	m.pdu = v1_trap_pdu(0, 0, &m.pdu_len);
	r = send_msg(rx, &m, now);
	expect_delivered(r);
	assert_oid(r->note->trap_oid, r->note->trap_oid_len, "1.3.6.1.6.3.1.1.5.1");
	/* a v1 trap that cannot be translated */
	sender(&m, v, "v1u", &k, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 12, "x");
	m.pdu = v1_trap_pdu(7, 0, &m.pdu_len);
	expect_refused(send_msg(rx, &m, now), TT_REASON_BAD_V1_TRAP, NULL);
	free(rx);
}

static void inform_too_big(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k;
	struct tl_v3 m;
	struct tl_vb v[20];
	struct tl_v3_msg d;
	const struct tt_rx_result *r;
	char oids[18][40];
	uint64_t now = T0 + 60000;
	int i, pass;
	(void)state;

	tl_conf(&conf, "createUser tb MD5 tbauthpass DES tbprivpass", "authUser log tb priv", NULL);
	tl_usm_keys(&k, TT_AUTH_MD5, "tbauthpass", TT_PRIV_DES, "tbprivpass", OUR_ENGINE, 13);
	rx = new_rx(&conf, 1);
	for (pass = 0; pass < 3; pass++) {
		tl_v3_init(&m);
		tl_v3_user(&m, "tb");
		m.keys = &k;
		m.flags = TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE;
		m.engine = OUR_ENGINE;
		m.engine_len = 13;
		m.boots = 1;
		m.time = etime(now);
		m.pdu_tag = TT_PDU_INFORM;
		m.msg_id = 66 + pass;
		m.request_id = 6060 + pass;
		m.max_size = pass == 0 ? 484 : 65507;
		tl_v2_header(v, 1, "1.3.6.1.6.3.1.1.5.1");
		for (i = 0; i < 18; i++) {
			snprintf(oids[i], sizeof oids[i], "1.3.6.1.4.1.99999.1.%d", i);
			v[2 + i].oid = oids[i];
			v[2 + i].val = tl_v_str("0123456789012345678901234567890123456789",
			                        &v[2 + i].val_len);
		}
		m.vbs = v;
		m.n_vbs = 20;
		if (pass == 2)
			tt_rx_set_max_reply(rx, 600); /* a path MTU, say */
		r = send_msg(rx, &m, now);
		expect_delivered(r); /* the notification itself is fine */
		assert_int_equal(r->note->n_varbinds, 20);
		assert_non_null(r->reply);
		tl_v3_decode(r->reply, r->reply_len, &k, &d);
		assert_int_equal(d.mac_ok, 1);
		assert_int_equal(d.flags, TL_V3_AUTH | TL_V3_PRIV);
		assert_int_equal(d.msg_id, 66 + pass);
		assert_int_equal(d.pdu_tag, TT_PDU_RESPONSE);
		assert_int_equal(d.request_id, 6060 + pass);
		assert_int_equal(d.error_index, 0);
		if (pass == 1) {
			assert_int_equal(d.error_status, 0);
			assert_int_equal(d.n_vbs, 20);
			assert_true(r->reply_len > 600);
		} else {
			/* RFC 3416 §4.2.7: tooBig, no varbinds, within the limit */
			assert_int_equal(d.error_status, 1);
			assert_int_equal(d.n_vbs, 0);
			assert_true(r->reply_len <= (pass == 0 ? 484u : 600u));
		}
	}
	assert_int_equal(rx->stats.too_big_responses, 2);
	assert_int_equal(rx->stats.responses, 3);
	free(rx);
}

/* An inform with one varbind more than the build takes: the tooBig Response at the inform's
 * level (authPriv and authNoPriv), the same msgID and request-id, no varbinds; counted, not
 * delivered. A user whose authUser level refuses it gets nothing. */
static void inform_too_many_varbinds(void **state)
{
	const size_t n = CONFIG_TT_MAX_VARBINDS + 1;
	static const uint8_t null_tlv[2] = {TT_TAG_NULL, 0};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k;
	struct tl_v3 m;
	struct tl_vb *v = calloc(n, sizeof *v);
	struct tl_v3_msg d;
	const struct tt_rx_result *r;
	uint64_t now = T0 + 60000;
	size_t i;
	int pass;
	(void)state;

	assert_non_null(v);
	tl_conf(&conf, "createUser tm SHA-256 tmauthpass AES tmprivpass", "authUser log tm auth",
	        "createUser tp SHA-256 tpauthpass AES tpprivpass", "authUser log tp priv", NULL);
	rx = new_rx(&conf, 1);
	tl_v2_header(v, 1, "1.3.6.1.6.3.1.1.5.1");
	for (i = 2; i < n; i++) {
		v[i].oid = "1.3";
		v[i].val = null_tlv;
		v[i].val_len = 2;
	}
	for (pass = 0; pass < 3; pass++) {
		/* 0: authPriv, 1: authNoPriv, 2: authNoPriv for a user that needs priv */
		const char *user = pass == 2 ? "tp" : "tm";
		uint8_t flags = TL_V3_AUTH | TL_V3_REPORTABLE | (pass == 0 ? TL_V3_PRIV : 0);
		tl_usm_keys(&k, TT_AUTH_SHA256, pass == 2 ? "tpauthpass" : "tmauthpass", TT_PRIV_AES128,
		            pass == 2 ? "tpprivpass" : "tmprivpass", OUR_ENGINE, sizeof OUR_ENGINE);
		tl_v3_init(&m);
		tl_v3_user(&m, user);
		m.keys = &k;
		m.flags = flags;
		m.engine = OUR_ENGINE;
		m.engine_len = sizeof OUR_ENGINE;
		m.boots = 1;
		m.time = etime(now);
		m.pdu_tag = TT_PDU_INFORM;
		m.msg_id = 900 + pass;
		m.request_id = 77000 + pass;
		m.vbs = v;
		m.n_vbs = n;
		r = send_msg(rx, &m, now);
		if (pass == 2) {
			expect_refused(r, TT_REASON_NOT_AUTHORIZED, "tp");
			break;
		}
		if (r->verdict != TT_VERDICT_REPLY_ONLY || r->reason != TT_REASON_TOO_MANY_VARBINDS)
			fail_msg("pass %d: verdict %d, %s (%s) %s", pass, r->verdict,
			         tt_reason_name(r->reason), tt_strerror(r->detail), r->diag ? r->diag : "");
		assert_null(r->note);
		assert_int_equal(r->n_varbinds, n);
		assert_non_null(r->reply);
		tl_v3_decode(r->reply, r->reply_len, &k, &d);
		assert_int_equal(d.mac_ok, 1);
		assert_int_equal(d.flags, flags & (TL_V3_AUTH | TL_V3_PRIV));
		assert_int_equal(d.msg_id, 900 + pass);
		assert_int_equal(d.user_len, 2);
		assert_memory_equal(d.user, user, 2);
		assert_int_equal(d.pdu_tag, TT_PDU_RESPONSE);
		assert_int_equal(d.request_id, 77000 + pass);
		assert_int_equal(d.error_status, 1); /* tooBig */
		assert_int_equal(d.error_index, 0);
		assert_int_equal(d.n_vbs, 0);
		assert_int_equal(rx->stats.too_many_varbinds_answered, pass + 1);
		assert_int_equal(rx->stats.too_big_responses, pass + 1);
		assert_int_equal(rx->stats.delivered, 0);
	}
	assert_int_equal(rx->stats.too_many_varbinds_answered, 2);
	assert_int_equal(rx->stats.dropped[TT_REASON_TOO_MANY_VARBINDS], 2);
	free(v);
	free(rx);
}

/* --- integers with redundant sign-extension octets ------------------------------------------ */

/* The captured noAuthNoPriv trap with 1, 3 or 9 redundant sign octets before every integer
 * (msgVersion, msgID, msgMaxSize, msgSecurityModel, engine boots and time, request-id,
 * error-status, error-index, the TimeTicks) is the same trap; an authPriv inform whose
 * ScopedPDU pads every integer is delivered, and its Response echoes the padded varbinds. */
static void padded_integers_v3(void **state)
{
	static const size_t pads[] = {1, 3, 9};
	struct tl_file f;
	const struct tl_block *b;
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tt_addr from = from_addr();
	const struct tt_rx_result *r;
	char user[64];
	size_t p, j;
	(void)state;

	tl_file_load(&f, TL_PACKETS);
	b = tl_file_find(&f, "v3-noauth-trap");
	assert_non_null(b);
	tt_conf_init(&conf);
	assert_int_equal(conf_block_user(&conf, b, 1, user, sizeof user), TT_SEC_NOAUTH);
	rx = new_rx(&conf, 1);
	for (p = 0; p < sizeof pads / sizeof pads[0]; p++) {
		size_t len;
		uint8_t *m = tl_pad_ints(b->msg, b->msg_len, pads[p], &len);
		assert_true(len >= b->msg_len + 10 * pads[p]);
		r = tl_input(rx, m, len, &from, T0 + 5000 + p);
		if (r->verdict != TT_VERDICT_DELIVER)
			fail_msg("padded by %zu: verdict %d, %s (%s) %s", pads[p], r->verdict,
			         tt_reason_name(r->reason), tt_strerror(r->detail), r->diag ? r->diag : "");
		assert_int_equal(r->note->v3.msg_id, 216138446);
		assert_int_equal(r->note->request_id, 325903524);
		assert_int_equal(r->note->uptime, 12345);
		assert_int_equal(r->note->n_varbinds, 3);
		tl_check_vb(&r->note->varbinds[0], "1.3.6.1.2.1.1.3.0 = TimeTicks: 12345");
		free(m);
	}
	tl_file_free(&f);
	free(rx);

	{
		struct tl_usm_keys k;
		struct tl_v3 m;
		struct tl_vb v[4];
		struct tl_v3_msg d;
		struct tl_w w;
		uint8_t sbuf[512], val[16], *scoped;
		size_t slen;
		uint64_t now = T0 + 30000;
		struct tl_r vr;
		struct tl_tlv t;

		tl_conf(&conf, "createUser pd SHA pdauthpass AES pdprivpass", "authUser log pd priv",
		        NULL);
		tl_usm_keys(&k, TT_AUTH_SHA1, "pdauthpass", TT_PRIV_AES128, "pdprivpass", OUR_ENGINE,
		            sizeof OUR_ENGINE);
		rx = new_rx(&conf, 1);
		tl_v2_header(v, 4242, "1.3.6.1.6.3.1.1.5.1");
		v[2].oid = "1.3.6.1.4.1.8072.9.1";
		v[2].val = val;
		v[2].val_len = (size_t)tl_hex_decode("0205ff80000000", val, sizeof val);
		v[3].oid = "1.3.6.1.4.1.8072.9.2";
		v[3].val = tl_v_str("x", &v[3].val_len);
		tl_w_init(&w, sbuf, sizeof sbuf);
		tl_w_begin(&w, TT_TAG_SEQUENCE);
		tl_w_tlv(&w, TT_TAG_OCTET_STRING, OUR_ENGINE, sizeof OUR_ENGINE);
		tl_w_str(&w, "");
		tl_w_begin(&w, TT_PDU_INFORM);
		tl_w_int(&w, TT_TAG_INTEGER, -5);
		tl_w_int(&w, TT_TAG_INTEGER, 0);
		tl_w_int(&w, TT_TAG_INTEGER, 0);
		tl_w_begin(&w, TT_TAG_SEQUENCE);
		for (j = 0; j < 4; j++) {
			tl_w_begin(&w, TT_TAG_SEQUENCE);
			tl_w_oid(&w, v[j].oid);
			tl_w_raw(&w, v[j].val, v[j].val_len);
			tl_w_end(&w);
		}
		tl_w_end(&w);
		tl_w_end(&w);
		tl_w_end(&w);
		scoped = tl_pad_ints(sbuf, w.len, 2, &slen);
		sender(&m, v, "pd", &k, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE,
		       sizeof OUR_ENGINE, 1, etime(now), "unused");
		m.scoped = scoped;
		m.scoped_len = slen;
		m.msg_id = 515;
		r = send_msg(rx, &m, now);
		expect_delivered(r);
		assert_int_equal(r->note->request_id, -5);
		assert_true((int64_t)r->note->varbinds[2].num == INT32_MIN);
		assert_int_equal(r->note->uptime, 4242);
		assert_non_null(r->reply);
		tl_v3_decode(r->reply, r->reply_len, &k, &d);
		assert_int_equal(d.mac_ok, 1);
		assert_int_equal(d.msg_id, 515);
		assert_int_equal(d.pdu_tag, TT_PDU_RESPONSE);
		assert_int_equal(d.request_id, -5);
		assert_int_equal(d.error_status, 0);
		assert_int_equal(d.n_vbs, 4);
		/* the VarBindList as it came: the last TLV of the padded ScopedPDU */
		tl_r_init(&vr, scoped, slen);
		{
			struct tl_r sp, pdu;
			tl_r_enter(&vr, TT_TAG_SEQUENCE, &sp);
			tl_r_expect(&sp, TT_TAG_OCTET_STRING, &t);
			tl_r_expect(&sp, TT_TAG_OCTET_STRING, &t);
			tl_r_enter(&sp, TT_PDU_INFORM, &pdu);
			for (j = 0; j < 3; j++)
				tl_r_expect(&pdu, TT_TAG_INTEGER, &t);
			tl_r_expect(&pdu, TT_TAG_SEQUENCE, &t);
		}
		assert_int_equal(d.vbl_len, (size_t)(t.val + t.len - t.start));
		assert_memory_equal(d.vbl, t.start, d.vbl_len);
		free(scoped);
		free(rx);
	}
}

/* --- header and USM parameter checks --------------------------------------------------------- */

static void header_checks(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k, ko;
	struct tl_v3 m;
	struct tl_vb v[3];
	const struct tt_rx_result *r;
	uint64_t now = T0 + 1000;
	static const int64_t models[] = {0, 1, 2, 4, 2147483647};
	size_t i;
	(void)state;

	tl_conf(&conf, "createUser hc SHA hcauthpass1 AES hcprivpass1", "disableAuthorization yes",
	        NULL);
	tl_usm_keys(&k, TT_AUTH_SHA1, "hcauthpass1", TT_PRIV_AES128, "hcprivpass1", TRAP_ENGINE, 8);
	tl_usm_keys(&ko, TT_AUTH_SHA1, "hcauthpass1", TT_PRIV_AES128, "hcprivpass1", OUR_ENGINE, 13);
	rx = new_rx(&conf, 1);
	/* privacy without authentication (RFC 3412 §7.2 step 5): snmpInvalidMsgs, no Report */
	sender(&m, v, "hc", &k, TL_V3_PRIV, TRAP_ENGINE, 8, 1, 1, "x");
	r = send_msg(rx, &m, now);
	expect_refused(r, TT_REASON_INVALID_MSG, NULL);
	check_diag(r, NULL);
	sender(&m, v, "hc", &ko, TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE, 13, 1, 1, "x");
	expect_refused(send_msg(rx, &m, now), TT_REASON_INVALID_MSG, NULL);
	/* not USM: snmpUnknownSecurityModels */
	for (i = 0; i < sizeof models / sizeof models[0]; i++) {
		sender(&m, v, "hc", &ko, TL_V3_AUTH | TL_V3_REPORTABLE, OUR_ENGINE, 13, 1, 1, "x");
		m.model = models[i];
		r = send_msg(rx, &m, now);
		expect_refused(r, TT_REASON_UNKNOWN_SECURITY_MODEL, NULL);
		check_diag(r, NULL);
	}
	/* msgMaxSize is 484..2^31-1 (RFC 3412 §6) */
	sender(&m, v, "hc", &k, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, "x");
	m.max_size = 483;
	r = send_msg(rx, &m, now);
	expect_refused(r, TT_REASON_PARSE, NULL);
	assert_int_equal(r->detail, TT_ERR_FIELD);
	m.max_size = 484;
	expect_delivered(send_msg(rx, &m, now));
	/* negative msgID, boots, time */
	m.msg_id = -1;
	expect_refused(send_msg(rx, &m, now), TT_REASON_PARSE, NULL);
	m.msg_id = 1;
	m.boots = -1;
	expect_refused(send_msg(rx, &m, now), TT_REASON_PARSE, NULL);
	m.boots = 1;
	m.time = -5;
	expect_refused(send_msg(rx, &m, now), TT_REASON_PARSE, NULL);
	/* an inform without the reportable flag is still an inform (RFC 3412 §6.4: the PDU
	 * type decides; inform_not_reportable has the details) */
	sender(&m, v, "hc", &ko, TL_V3_AUTH | TL_V3_PRIV, OUR_ENGINE, 13, 1, etime(now), "x");
	m.pdu_tag = TT_PDU_INFORM;
	r = send_msg(rx, &m, now);
	expect_delivered(r);
	assert_non_null(r->reply);
	/* PDUs that are no notification */
	sender(&m, v, "hc", &k, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 2, "x");
	m.pdu_tag = TT_PDU_GET;
	expect_refused(send_msg(rx, &m, now), TT_REASON_UNEXPECTED_PDU, NULL);
	sender(&m, v, "hc", &ko, TL_V3_AUTH | TL_V3_PRIV | TL_V3_REPORTABLE, OUR_ENGINE, 13, 1,
	       etime(now), "x");
	m.pdu_tag = TT_PDU_REPORT;
	expect_refused(send_msg(rx, &m, now), TT_REASON_UNEXPECTED_PDU, NULL);
	m.pdu_tag = 0xa9;
	expect_refused(send_msg(rx, &m, now), TT_REASON_PARSE, NULL);
	/* msgVersion 3 only as 3 */
	sender(&m, v, "hc", &k, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 3, "x");
	m.version = 2;
	expect_refused(send_msg(rx, &m, now), TT_REASON_BAD_VERSION, NULL);
	assert_int_equal(rx->stats.reports, 0);
	free(rx);
}

/* gosnmp clears msgFlags' reportable bit on its v3 InformRequests. RFC 3412 §6.4: the flag is
 * a secondary aid, the PDU type decides: such an inform to our engine is delivered and
 * acknowledged like any other; informs to another engine ID and informs outside our time
 * window are refused as for reportable ones, but never with a Report (RFC 3412 §7.1 step 3). */
static void inform_not_reportable(void **state)
{
	static const uint8_t levels[2] = {TL_V3_AUTH | TL_V3_PRIV, TL_V3_AUTH};
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k, ko;
	struct tl_v3 m;
	struct tl_vb v[3];
	const struct tt_rx_result *r;
	uint64_t now = T0 + 700000; /* our engineTime 700 */
	unsigned i;
	(void)state;

	tl_conf(&conf, "createUser gs SHA gsauthpass1 AES gsprivpass1", "authUser log gs", NULL);
	tl_usm_keys(&k, TT_AUTH_SHA1, "gsauthpass1", TT_PRIV_AES128, "gsprivpass1", OUR_ENGINE, 13);
	tl_usm_keys(&ko, TT_AUTH_SHA1, "gsauthpass1", TT_PRIV_AES128, "gsprivpass1", OTHER_ENGINE,
	            sizeof OTHER_ENGINE);
	rx = new_rx(&conf, 1);
	for (i = 0; i < 2; i++) {
		uint8_t fl = levels[i];
		uint32_t dropped_engine = rx->stats.dropped[TT_REASON_UNKNOWN_ENGINE_ID];
		uint32_t dropped_time = rx->stats.dropped[TT_REASON_NOT_IN_TIME_WINDOW];

		/* to our engine, in our window: delivered, with a Response that decodes */
		sender(&m, v, "gs", &k, fl, OUR_ENGINE, 13, 1, etime(now), i ? "gosnmp auth" : "gosnmp priv");
		m.pdu_tag = TT_PDU_INFORM;
		m.request_id = 4242;
		m.msg_id = 90 + i;
		r = send_msg(rx, &m, now);
		expect_response(r, &k, fl, 90 + (int32_t)i);
		assert_null(remote_of(rx, OUR_ENGINE, sizeof OUR_ENGINE)); /* ours is authoritative */
		tt_rx_delivered(rx, now);
		assert_int_equal(rx->stats.informs, i + 1);
		assert_int_equal(rx->stats.responses, i + 1);

		/* to another engine ID (RFC 3414 §3.2 step 3): refused, no Report */
		sender(&m, v, "gs", &ko, fl, OTHER_ENGINE, sizeof OTHER_ENGINE, 1, 700, "other");
		m.pdu_tag = TT_PDU_INFORM;
		r = send_msg(rx, &m, now);
		expect_refused(r, TT_REASON_UNKNOWN_ENGINE_ID, "gs");
		assert_non_null(strstr(r->diag, "our engine ID"));
		assert_int_equal(rx->stats.dropped[TT_REASON_UNKNOWN_ENGINE_ID], dropped_engine + 1);

		/* outside our time window (step 7, our clock whatever the flag says): refused, no
		 * Report even for boots 0, time 0 */
		sender(&m, v, "gs", &k, fl, OUR_ENGINE, 13, 1, etime(now) + 151, "late");
		m.pdu_tag = TT_PDU_INFORM;
		r = send_msg(rx, &m, now);
		expect_refused(r, TT_REASON_NOT_IN_TIME_WINDOW, "gs");
		sender(&m, v, "gs", &k, fl, OUR_ENGINE, 13, 2, etime(now), "other boots");
		m.pdu_tag = TT_PDU_INFORM;
		expect_refused(send_msg(rx, &m, now), TT_REASON_NOT_IN_TIME_WINDOW, "gs");
		sender(&m, v, "gs", &k, fl, OUR_ENGINE, 13, 0, 0, "unsynchronized");
		m.pdu_tag = TT_PDU_INFORM;
		expect_refused(send_msg(rx, &m, now), TT_REASON_NOT_IN_TIME_WINDOW, "gs");
		assert_int_equal(rx->stats.dropped[TT_REASON_NOT_IN_TIME_WINDOW], dropped_time + 3);
	}
	/* a non-reportable trap from another engine is still a trap: the sender's clock */
	expect_delivered(trap(rx, "gs", &ko, TL_V3_AUTH | TL_V3_PRIV, OTHER_ENGINE,
	                      sizeof OTHER_ENGINE, 3, 5, now));
	assert_non_null(remote_of(rx, OTHER_ENGINE, sizeof OTHER_ENGINE));
	assert_int_equal(rx->stats.reports, 0);
	assert_int_equal(rx->stats.reports_suppressed, 0);
	assert_int_equal(rx->stats.dropped[TT_REASON_INVALID_MSG], 0);
	free(rx);
}

static void malformed_usm_parameters(void **state)
{
	struct tt_conf conf;
	struct tt_rx *rx;
	struct tl_usm_keys k, k5, knoenc;
	struct tl_v3 m;
	struct tl_vb v[3];
	const struct tt_rx_result *r;
	uint64_t now = T0 + 1000;
	uint8_t long_engine[33], salt[16] = {0};
	char long_user[34];
	static const long bad_macs[] = {0, 1, 11, 13, 16, 20, 24, 48};
	static const long bad_salts[] = {0, 1, 7, 9, 16};
	size_t i;
	(void)state;

	tl_conf(&conf, "createUser -e " TRAP_ENGINE_HEX " mu SHA muauthpass1 AES muprivpass1",
	        "createUser -e " TRAP_ENGINE_HEX " m5 SHA-512 m5authpass1",
	        "disableAuthorization yes", NULL);
	tl_usm_keys(&k, TT_AUTH_SHA1, "muauthpass1", TT_PRIV_AES128, "muprivpass1", TRAP_ENGINE, 8);
	tl_usm_keys(&k5, TT_AUTH_SHA512, "m5authpass1", TT_PRIV_NONE, NULL, TRAP_ENGINE, 8);
	knoenc = k;
	knoenc.priv = TT_PRIV_NONE;
	rx = new_rx(&conf, 1);

	/* engine ID and user name longer than 32 octets (RFC 3411, RFC 3414 §2.4) */
	memset(long_engine, 0x80, sizeof long_engine);
	sender(&m, v, "mu", &k, TL_V3_AUTH, long_engine, 33, 1, 1, "x");
	r = send_msg(rx, &m, now);
	expect_refused(r, TT_REASON_PARSE, NULL);
	assert_int_equal(r->detail, TT_ERR_VALUE);
	memset(long_user, 'u', 33);
	long_user[33] = '\0';
	sender(&m, v, long_user, &k, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, "x");
	r = send_msg(rx, &m, now);
	expect_refused(r, TT_REASON_PARSE, NULL);
	assert_int_equal(r->detail, TT_ERR_VALUE);
	long_user[32] = '\0';
	expect_refused(trap(rx, long_user, &k, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, now),
	               TT_REASON_UNKNOWN_USER, long_user);

	/* a MAC of any other length than the protocol's is wrong, even when its octets are
	 * a prefix of the right one (CVE-2008-0960 accepted a 1-octet MAC) */
	for (i = 0; i < sizeof bad_macs / sizeof bad_macs[0]; i++) {
		sender(&m, v, "mu", &k, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, "x");
		m.mac_len = bad_macs[i];
		expect_refused(send_msg(rx, &m, now), TT_REASON_WRONG_DIGEST, "mu");
	}
	sender(&m, v, "mu", &k, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, "x");
	m.mac_len = 12;
	expect_delivered(send_msg(rx, &m, now));
	/* SHA-512 with the MAC length of SHA-384 */
	sender(&m, v, "m5", &k5, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 1, "x");
	m.mac_len = 32;
	expect_refused(send_msg(rx, &m, now), TT_REASON_WRONG_DIGEST, "m5");
	m.mac_len = 48;
	expect_delivered(send_msg(rx, &m, now));
	m.mac_len = -1;
	m.bad_mac = 1;
	expect_refused(send_msg(rx, &m, now), TT_REASON_WRONG_DIGEST, "m5");

	/* msgPrivacyParameters of any length but 8: a decryption error */
	for (i = 0; i < sizeof bad_salts / sizeof bad_salts[0]; i++) {
		sender(&m, v, "mu", &knoenc, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 2, "x");
		m.salt = salt;
		m.salt_len = bad_salts[i];
		expect_refused(send_msg(rx, &m, now), TT_REASON_DECRYPTION_ERROR, "mu");
	}
	/* an empty encryptedPDU */
	sender(&m, v, "mu", &knoenc, TL_V3_AUTH | TL_V3_PRIV, TRAP_ENGINE, 8, 1, 2, "x");
	m.scoped = (const uint8_t *)"";
	m.scoped_len = 0;
	expect_refused(send_msg(rx, &m, now), TT_REASON_DECRYPTION_ERROR, "mu");
	/* the privacy flag with a plaintext ScopedPDU that is not inside an OCTET STRING is a
	 * parse error; so is an OCTET STRING without the flag */
	{
		struct tl_w w;
		uint8_t s[16];
		tl_w_init(&w, s, sizeof s);
		tl_w_tlv(&w, TT_TAG_OCTET_STRING, "abcd", 4);
		sender(&m, v, "mu", &k, TL_V3_AUTH, TRAP_ENGINE, 8, 1, 2, "x");
		m.scoped = s;
		m.scoped_len = w.len;
		r = send_msg(rx, &m, now);
		expect_refused(r, TT_REASON_PARSE, NULL);
		assert_int_equal(r->detail, TT_ERR_TAG);
	}
	assert_int_equal(remote_count(rx), 1);
	assert_int_equal(rx->stats.reports, 0);
	free(rx);
}

/* --- every v3 vector truncated at every length, and mutated at every octet ----------------- */

static void v3_vectors_truncated_and_mutated(void **state)
{
	static const uint8_t vals[] = {0x00, 0x01, 0x02, 0x04, 0x07, 0x30, 0x7f, 0x80, 0x81, 0xa7,
	                               0xff};
	struct tl_file f;
	struct tt_addr from = from_addr();
	size_t i, k, x, blocks = 0, replies = 0, mutated = 0;
	(void)state;

	tl_file_load(&f, TL_PACKETS);
	for (i = 0; i < f.n_blocks; i++) {
		const struct tl_block *b = &f.blocks[i];
		const char *version = tl_block_get(b, "version");
		const char *flags = tl_block_get(b, "msgFlags");
		struct tt_conf conf;
		struct tt_rx *rx;
		char user[64];
		int authenticated;
		uint64_t now = T0 + 34000;
		static const uint8_t zero_cache[sizeof ((struct tt_rx *)0)->key_cache];

		if (strcmp(version, "v3") != 0)
			continue;
		blocks++;
		assert_non_null(flags);
		authenticated = (strtol(flags, NULL, 16) & 1) != 0;
		tt_conf_init(&conf);
		if (strstr(b->name, "inform"))
			conf_add(&conf, "createUser informuser SHA informauth1 AES informpriv1");
		else
			conf_block_user(&conf, b, 1, user, sizeof user);
		conf_add(&conf, "disableAuthorization yes");
		rx = new_rx(&conf, 1);
		for (k = 0; k < b->msg_len; k++) {
			const struct tt_rx_result *r = tl_input(rx, b->msg, k, &from, now);
			if (r->verdict != TT_VERDICT_DROP || r->reason != TT_REASON_PARSE)
				fail_msg("[%s] cut to %zu octets: verdict %d, %s", b->name, k, r->verdict,
				         tt_reason_name(r->reason));
			assert_null(r->reply);
		}
		assert_int_equal(rx->stats.dropped[TT_REASON_PARSE], b->msg_len);
		for (k = 0; k < b->msg_len; k++) {
			for (x = 0; x < sizeof vals + 2; x++) {
				uint8_t *m = tl_dup(b->msg, b->msg_len);
				const struct tt_rx_result *r;
				m[k] = x < sizeof vals ? vals[x] : (uint8_t)(b->msg[k] ^ (x == sizeof vals ? 1 : 0x80));
				if (m[k] == b->msg[k]) {
					free(m);
					continue;
				}
				r = tt_rx_input(rx, m, b->msg_len, &from, now);
				mutated++;
				if (authenticated && r->verdict == TT_VERDICT_DELIVER)
					fail_msg("[%s] octet %zu set to 0x%02x: delivered", b->name, k, m[k]);
				assert_true(r->reason < TT_REASON_COUNT);
				if (r->verdict == TT_VERDICT_DROP) {
					assert_int_not_equal(r->reason, TT_REASON_NONE);
					assert_null(r->reply);
					assert_null(r->note);
				} else if (r->reply) {
					struct tl_v3_msg d;
					tl_v3_decode(r->reply, r->reply_len, NULL, &d);
					assert_true(d.pdu_tag == TT_PDU_REPORT || d.pdu_tag == TT_PDU_RESPONSE);
					replies++;
				}
				if (r->diag)
					assert_null(strchr(r->diag, '\n'));
				free(m);
			}
		}
		if (authenticated) {
			/* no forged message left a clock or a key behind */
			assert_int_equal(remote_count(rx), 0);
			assert_memory_equal(rx->key_cache, zero_cache, sizeof zero_cache);
		}
		free(rx);
	}
	assert_int_equal(blocks, 19);
	assert_true(mutated > 30000);
	assert_true(replies > 0);
	tl_file_free(&f);
}

/* --- createUser, authUser, engineID ----------------------------------------------------------- */

static const struct tt_user *last_user(const struct tt_conf *c)
{
	assert_true(c->n_users > 0);
	return &c->users[c->n_users - 1];
}

static void create_user_protocol_names(void **state)
{
	static const struct {
		const char *word;
		int proto;
	} auths[] = {{"MD5", TT_AUTH_MD5},       {"md5", TT_AUTH_MD5},       {"m", TT_AUTH_MD5},
	             {"SHA", TT_AUTH_SHA1},      {"sha", TT_AUTH_SHA1},      {"s", TT_AUTH_SHA1},
	             {"SH", TT_AUTH_SHA1},       {"SHA1", TT_AUTH_SHA1},     {"SHA-1", TT_AUTH_SHA1},
	             {"SHA-224", TT_AUTH_SHA224}, {"sha224", TT_AUTH_SHA224},
	             {"SHA-256", TT_AUTH_SHA256}, {"SHA256", TT_AUTH_SHA256},
	             {"SHA-384", TT_AUTH_SHA384}, {"SHA384", TT_AUTH_SHA384},
	             {"SHA-512", TT_AUTH_SHA512}, {"Sha512", TT_AUTH_SHA512}};
	static const struct {
		const char *word;
		int proto;
	} privs[] = {{"DES", TT_PRIV_DES},           {"des", TT_PRIV_DES},
	             {"d", TT_PRIV_DES},             {"AES", TT_PRIV_AES128},
	             {"aes", TT_PRIV_AES128},        {"a", TT_PRIV_AES128},
	             {"AES128", TT_PRIV_AES128},     {"AES-128", TT_PRIV_AES128},
	             {"AES-192", TT_PRIV_AES192},    {"AES192", TT_PRIV_AES192},
	             {"AES-256", TT_PRIV_AES256},    {"aes256", TT_PRIV_AES256},
	             {"AES-192-C", TT_PRIV_AES192_C}, {"AES192C", TT_PRIV_AES192_C},
	             {"AES-256-C", TT_PRIV_AES256_C}, {"aes256c", TT_PRIV_AES256_C},
	             {"3DES", TT_PRIV_3DES},         {"3DESEDE", TT_PRIV_3DES},
	             {"3des", TT_PRIV_3DES}};
	struct tt_conf c;
	char ku[2 * TT_KEY_MAX + 1];
	uint8_t key[TT_KEY_MAX];
	size_t i, j, hl;
	(void)state;

	for (i = 0; i < sizeof auths / sizeof auths[0]; i++) {
		hl = tt_auth_hash_len((enum tt_auth_proto)auths[i].proto);
		for (j = 0; j < hl; j++)
			key[j] = (uint8_t)(i * 16 + j);
		tt_conf_init(&c);
		conf_add(&c, "createUser u%zu %s -m 0x%s", i, auths[i].word, hex(key, hl, ku));
		if (last_user(&c)->auth != auths[i].proto)
			fail_msg("'%s' gave auth protocol %d", auths[i].word, last_user(&c)->auth);
		assert_int_equal(last_user(&c)->engine_id_len, 0);
		assert_memory_equal(last_user(&c)->auth_key, key, hl); /* Ku is kept */
	}
	for (i = 0; i < sizeof privs / sizeof privs[0]; i++) {
		uint8_t pkey[20];
		char pk[41];
		for (j = 0; j < 20; j++) {
			key[j] = (uint8_t)j;
			pkey[j] = (uint8_t)(0xa0 + i + j);
		}
		tt_conf_init(&c);
		conf_add(&c, "createUser p%zu SHA -m %s %s -m %s", i, hex(key, 20, ku), privs[i].word,
		         hex(pkey, 20, pk));
		if (last_user(&c)->priv != privs[i].proto)
			fail_msg("'%s' gave privacy protocol %d", privs[i].word, last_user(&c)->priv);
		assert_int_equal(last_user(&c)->auth, TT_AUTH_SHA1);
		assert_memory_equal(last_user(&c)->priv_key, pkey, 20);
	}
	tt_conf_init(&c);
	tl_rejects(&c, "createUser x FOO foopassword", TT_ERR_INVALID,
	           "unknown auth protocol 'FOO'");
	tl_rejects(&c, "createUser x SHA-999 foopassword", TT_ERR_INVALID, "unknown auth protocol");
	tl_rejects(&c, "createUser x SHA foopassword BLOWFISH foopassword", TT_ERR_INVALID,
	           "unknown privacy protocol 'BLOWFISH'");
	tl_rejects(&c, "createUser x SHA foopassword AES-512 foopassword", TT_ERR_INVALID,
	           "unknown privacy protocol");
	assert_int_equal(c.n_users, 0);
}

static void create_user_keys(void **state)
{
	struct tt_conf c;
	struct tt_rx *rx;
	struct tt_addr from = from_addr();
	uint8_t ku[TT_KEY_MAX], kul[TT_KEY_MAX], pkul[TT_KEY_MAX], pku[TT_KEY_MAX];
	char h1[2 * TT_KEY_MAX + 1], h2[2 * TT_KEY_MAX + 1];
	uint8_t *msg;
	size_t len;
	int form;
	(void)state;

	/* passwords: the keys of the captured sha-aes trap */
	tt_conf_init(&c);
	conf_add(&c, "createUser -e " TRAP_ENGINE_HEX " shaaesuser SHA shaaesauth1 AES shaaespriv1");
	assert_int_equal(last_user(&c)->engine_id_len, 8);
	assert_memory_equal(last_user(&c)->engine_id, TRAP_ENGINE, 8);
	assert_hex(last_user(&c)->auth_key, 20, "3c6fde6b1ff90dc49ff2701f1813c2c49bf8005f");
	assert_hex(last_user(&c)->priv_key, 16, "a0c0784589d382754f4ede2c2f61242b");
	/* the engine ID may be written without 0x */
	tt_conf_init(&c);
	conf_add(&c, "createUser -e 8000000001020304 shaaesuser SHA shaaesauth1 AES shaaespriv1");
	assert_hex(last_user(&c)->auth_key, 20, "3c6fde6b1ff90dc49ff2701f1813c2c49bf8005f");
	/* no privacy password: the auth password serves both (snmptrapd does so) */
	tt_conf_init(&c);
	conf_add(&c, "createUser -e " TRAP_ENGINE_HEX " same SHA shaaesauth1 AES");
	assert_int_equal(last_user(&c)->priv, TT_PRIV_AES128);
	assert_hex(last_user(&c)->priv_key, 16, "3c6fde6b1ff90dc49ff2701f1813c2c4");

	/* -m (Ku) and -l (Kul) forms give the same user as the passwords */
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_SHA1, (const uint8_t *)"shaaesauth1", 11, ku), 20);
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_SHA1, (const uint8_t *)"shaaespriv1", 11, pku), 20);
	assert_int_equal(tt_usm_localize_key(TT_AUTH_SHA1, ku, TRAP_ENGINE, 8, kul), 20);
	assert_int_equal(tt_usm_localize_key(TT_AUTH_SHA1, pku, TRAP_ENGINE, 8, pkul), 20);
	msg = tl_vector(TL_PACKETS, "v3-sha-aes-trap", &len);
	for (form = 0; form < 4; form++) {
		tt_conf_init(&c);
		if (form == 0)
			conf_add(&c, "createUser -e %s shaaesuser SHA -m 0x%s AES -m 0x%s", TRAP_ENGINE_HEX,
			         hex(ku, 20, h1), hex(pku, 20, h2));
		else if (form == 1)
			conf_add(&c, "createUser -e %s shaaesuser SHA -l %s AES -l %s", TRAP_ENGINE_HEX,
			         hex(kul, 20, h1), hex(pkul, 20, h2));
		else if (form == 2)
			conf_add(&c, "createUser -e %s shaaesuser SHA -l %s AES shaaespriv1",
			         TRAP_ENGINE_HEX, hex(kul, 20, h1));
		else /* a wildcard user from master keys */
			conf_add(&c, "createUser shaaesuser SHA -m %s AES -m %s", hex(ku, 20, h1),
			         hex(pku, 20, h2));
		if (form < 3) {
			assert_memory_equal(last_user(&c)->auth_key, kul, 20);
			assert_hex(last_user(&c)->priv_key, 16, "a0c0784589d382754f4ede2c2f61242b");
		} else {
			assert_memory_equal(last_user(&c)->auth_key, ku, 20);
			assert_memory_equal(last_user(&c)->priv_key, pku, 20);
		}
		conf_add(&c, "authUser log shaaesuser priv");
		rx = new_rx(&c, 1);
		expect_delivered(tl_input(rx, msg, len, &from, T0));
		free(rx);
	}
	free(msg);

	/* the length rules: -m and -l keys are exactly the auth hash's length */
	tt_conf_init(&c);
	tl_rejects(&c, "createUser -e 8000000001020304 x SHA -l 0x0102030405060708090a0b0c0d0e0f101112131415",
	           TT_ERR_INVALID, "auth hash's length"); /* 21 octets */
	tl_rejects(&c, "createUser -e 8000000001020304 x SHA -l 0x0102030405060708090a0b0c0d0e0f10111213",
	           TT_ERR_INVALID, "auth hash's length"); /* 19 */
	tl_rejects(&c, "createUser x MD5 -m 0x0102030405060708090a0b0c0d0e0f1011121314", TT_ERR_INVALID,
	           "auth hash's length"); /* 20 for MD5 */
	tl_rejects(&c, "createUser x SHA -m 0x0102030", TT_ERR_INVALID, "-m HEX"); /* odd digits */
	tl_rejects(&c, "createUser x SHA -m 0xg102030405060708090a0b0c0d0e0f1011121314", TT_ERR_INVALID,
	           "-m HEX");
	tl_rejects(&c, "createUser x SHA -m", TT_ERR_INVALID, "-m HEX");
	tl_rejects(&c, "createUser -e 8000000001020304 x SHA shaauthpass1 AES -l 0x0102", TT_ERR_INVALID,
	           "auth hash's length");
	/* a localized key is only meaningful with its engine ID */
	tl_rejects(&c, "createUser x SHA -l 0x0102030405060708090a0b0c0d0e0f1011121314", TT_ERR_INVALID,
	           "needs -e");
	tl_rejects(&c, "createUser x SHA shaauthpass1 AES -l 0x0102030405060708090a0b0c0d0e0f1011121314",
	           TT_ERR_INVALID, "needs -e");
	/* engine IDs are 5..32 octets of hex */
	tl_rejects(&c, "createUser -e 0x80000001 x SHA shaauthpass1", TT_ERR_INVALID, "5..32");
	tl_rejects(&c, "createUser -e 0x800000000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20 x",
	           TT_ERR_INVALID, "engine ID");
	tl_rejects(&c, "createUser -e engine x SHA shaauthpass1", TT_ERR_INVALID, "hex engine ID");
	tl_rejects(&c, "createUser -e", TT_ERR_INVALID, "hex engine ID");
	tl_rejects(&c, "createUser", TT_ERR_INVALID, "needs a user name");
	tl_rejects(&c, "createUser x SHA", TT_ERR_INVALID, "pass phrase");
	tl_rejects(&c, "createUser x SHA shaauthpass1 AES shaauthpass1 extra", TT_ERR_INVALID,
	           "unexpected 'extra'");
	tl_rejects(&c, "createUser 123456789012345678901234567890123 SHA shaauthpass1",
	           TT_ERR_INVALID, "longer than 32");
	assert_int_equal(c.n_users, 0);
}

static void create_user_passwords_and_duplicates(void **state)
{
	struct tt_conf c;
	char err[200];
	int i, rc;
	(void)state;

	tt_conf_init(&c);
	/* RFC 3414 §11.2: at least 8 characters, for either password */
	tl_rejects(&c, "createUser s1 SHA 1234567", TT_ERR_SHORT_PASSWORD, "shorter than 8");
	tl_rejects(&c, "createUser s1 MD5 \"\"", TT_ERR_SHORT_PASSWORD, "createUser 's1'");
	tl_rejects(&c, "createUser s1 SHA 12345678 AES 1234567", TT_ERR_SHORT_PASSWORD,
	           "shorter than 8");
	tl_rejects(&c, "createUser -e 8000000001020304 s1 SHA-512 short", TT_ERR_SHORT_PASSWORD,
	           "pass phrase");
	conf_add(&c, "createUser s1 SHA 12345678 AES 87654321");
	conf_add(&c, "createUser s2 SHA \"with spaces inside\"");
	assert_int_equal(c.n_users, 2);

	/* one entry per (name, engine): the same name for other engines is fine */
	tt_conf_init(&c);
	conf_add(&c, "createUser -e 8000000001020304 dup SHA duppass12");
	tl_rejects(&c, "createUser -e 0x8000000001020304 dup MD5 otherpass1", TT_ERR_INVALID,
	           "defined twice");
	conf_add(&c, "createUser -e 8000000001020305 dup MD5 otherpass1");
	conf_add(&c, "createUser dup SHA-256 wildpass1");
	tl_rejects(&c, "createUser dup SHA-256 wildpass2", TT_ERR_INVALID, "defined twice");
	conf_add(&c, "createUser dup2 SHA-256 wildpass1");
	assert_int_equal(c.n_users, 4);

	/* the table is CONFIG_TT_MAX_USERS long */
	tt_conf_init(&c);
	for (i = 0; i < CONFIG_TT_MAX_USERS; i++)
		conf_add(&c, "createUser user%d", i);
	tl_rejects(&c, "createUser onemore", TT_ERR_FULL, "CONFIG_TT_MAX_USERS");
	/* the API form */
	{
		struct tt_user_cfg cfg;
		memset(&cfg, 0, sizeof cfg);
		cfg.name = (const uint8_t *)"api";
		cfg.name_len = 3;
		rc = tt_conf_add_user(&c, &cfg, err, sizeof err);
		assert_int_equal(rc, TT_ERR_FULL);
		tt_conf_init(&c);
		cfg.priv = TT_PRIV_AES128;
		rc = tt_conf_add_user(&c, &cfg, err, sizeof err);
		assert_int_equal(rc, TT_ERR_INVALID);
		assert_non_null(strstr(err, "privacy needs authentication"));
		cfg.priv = TT_PRIV_NONE;
		cfg.auth = TT_AUTH_SHA256;
		cfg.auth_secret = (const uint8_t *)"apipassword";
		cfg.auth_secret_len = 11;
		assert_int_equal(tt_conf_add_user(&c, &cfg, err, sizeof err), TT_OK);
		assert_string_equal(err, "");
		assert_int_equal(c.n_users, 1);
	}
}

/* The user named name (with engine ID len engine_len at engine) must be in c. */
static const struct tt_user *user_named(const struct tt_conf *c, const char *name)
{
	unsigned i;
	for (i = 0; i < c->n_users; i++)
		if (c->users[i].name_len == strlen(name) &&
		    memcmp(c->users[i].name, name, c->users[i].name_len) == 0)
			return &c->users[i];
	fail_msg("no user %s", name);
	return NULL;
}

/* u's SHA-1 + AES-128 keys must be those of auth password ap and privacy password pp at its
 * engine, derived the old way (tt_usm_auth_key, tt_usm_priv_key: password-to-key each time). */
static void expect_sha_aes_keys(const struct tt_user *u, const char *ap, const char *pp)
{
	uint8_t kul[TT_KEY_MAX], key[TT_PRIV_KEY_MAX];
	assert_int_equal(tt_usm_auth_key(TT_AUTH_SHA1, (const uint8_t *)ap, strlen(ap), u->engine_id,
	                                 u->engine_id_len, kul), 20);
	assert_memory_equal(u->auth_key, kul, 20);
	assert_int_equal(tt_usm_priv_key(TT_AUTH_SHA1, TT_PRIV_AES128, (const uint8_t *)pp,
	                                 strlen(pp), u->engine_id, u->engine_id_len, key), 16);
	assert_memory_equal(u->priv_key, key, 16);
}

/* Issue 8: one credential shared by many createUser -e lines (one per sending device) costs
 * one password-to-key while the configuration is read; only localization is per engine. */
static void create_user_password_to_key_once(void **state)
{
	struct tt_conf *c = malloc(sizeof *c);
	uint8_t ku[TT_KEY_MAX], kul[TT_KEY_MAX], key[TT_PRIV_KEY_MAX];
	char pw[TT_P2K_MEMO_PW_MAX + 2];
	int i;
	(void)state;

	assert_non_null(c);
	tt_conf_init(c);
	for (i = 0; i < CONFIG_TT_MAX_USERS; i++)
		conf_add(c, "createUser -e 0x800000000100%04x u%d SHA samepass AES samepass", i, i);
	assert_int_equal(c->n_users, CONFIG_TT_MAX_USERS);
	assert_int_equal(c->n_password_to_key, 1);
	/* every user's keys are those of the old path: Ku localized to its own engine */
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_SHA1, (const uint8_t *)"samepass", 8, ku), 20);
	for (i = 0; i < CONFIG_TT_MAX_USERS; i++) {
		const struct tt_user *u = &c->users[i];
		assert_int_equal(u->engine_id_len, 8);
		assert_int_equal(u->engine_id[6] << 8 | u->engine_id[7], i);
		assert_int_equal(tt_usm_localize_key(TT_AUTH_SHA1, ku, u->engine_id, 8, kul), 20);
		assert_memory_equal(u->auth_key, kul, 20);
		assert_int_equal(tt_usm_priv_key_from_kul(TT_AUTH_SHA1, TT_PRIV_AES128, kul, u->engine_id,
		                                          8, key), 16);
		assert_memory_equal(u->priv_key, key, 16);
	}
	expect_sha_aes_keys(&c->users[0], "samepass", "samepass");
	expect_sha_aes_keys(&c->users[CONFIG_TT_MAX_USERS - 1], "samepass", "samepass");
	/* the first and the last engine give different keys */
	assert_true(memcmp(c->users[0].auth_key, c->users[CONFIG_TT_MAX_USERS - 1].auth_key, 20));

	/* tests/vectors/usm-keys.txt (password maplesyrup, engine ID 000000000000000000000002):
	 * one derivation per (auth protocol, password), the privacy key from the same Ku, the
	 * Blumenthal and Reeder extensions included */
	tt_conf_init(c);
	conf_add(c, "createUser -e 000000000000000000000002 md5des MD5 maplesyrup DES maplesyrup");
	conf_add(c, "createUser -e 000000000000000000000002 sha SHA maplesyrup AES-192-C");
	conf_add(c, "createUser -e 000000000000000000000002 shab SHA maplesyrup AES-256 maplesyrup");
	conf_add(c, "createUser -e 000000000000000000000002 sha224 SHA-224 maplesyrup AES-256-C");
	conf_add(c, "createUser -e 000000000000000000000002 md5 MD5 maplesyrup");
	assert_int_equal(c->n_password_to_key, 3);
	assert_hex(user_named(c, "md5des")->auth_key, 16, "526f5eed9fcce26f8964c2930787d82b");
	assert_hex(user_named(c, "md5des")->priv_key, 16, "526f5eed9fcce26f8964c2930787d82b");
	assert_hex(user_named(c, "md5")->auth_key, 16, "526f5eed9fcce26f8964c2930787d82b");
	assert_hex(user_named(c, "sha")->auth_key, 20, "6695febc9288e36282235fc7151f128497b38f3f");
	assert_hex(user_named(c, "sha")->priv_key, 24,
	           "6695febc9288e36282235fc7151f128497b38f3f9b8b6d78");
	assert_hex(user_named(c, "shab")->priv_key, 32,
	           "6695febc9288e36282235fc7151f128497b38f3f505e07eb9af25568fa1f5dbe");
	assert_hex(user_named(c, "sha224")->auth_key, 28,
	           "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be682075674");
	assert_hex(user_named(c, "sha224")->priv_key, 32,
	           "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be68207567422c34be4");

	/* distinct passwords stay distinct: the last octet, a shorter and a longer one */
	tt_conf_init(c);
	conf_add(c, "createUser -e 8000000001020304 p1 SHA samepass12 AES samepass13");
	conf_add(c, "createUser -e 8000000001020304 p2 SHA samepass1 AES samepass123");
	assert_int_equal(c->n_password_to_key, 4);
	conf_add(c, "createUser -e 8000000001020305 p3 SHA samepass123 AES samepass12");
	conf_add(c, "createUser -e 8000000001020305 p4 SHA samepass13 AES samepass1");
	assert_int_equal(c->n_password_to_key, 4);
	expect_sha_aes_keys(user_named(c, "p1"), "samepass12", "samepass13");
	expect_sha_aes_keys(user_named(c, "p2"), "samepass1", "samepass123");
	expect_sha_aes_keys(user_named(c, "p3"), "samepass123", "samepass12");
	expect_sha_aes_keys(user_named(c, "p4"), "samepass13", "samepass1");
	assert_true(memcmp(user_named(c, "p1")->auth_key, user_named(c, "p1")->priv_key, 16));
	/* the same password for another auth protocol is another Ku */
	conf_add(c, "createUser -e 8000000001020305 p5 SHA-256 samepass12");
	assert_int_equal(c->n_password_to_key, 5);
	assert_int_equal(tt_usm_auth_key(TT_AUTH_SHA256, (const uint8_t *)"samepass12", 10,
	                                 user_named(c, "p5")->engine_id, 8, kul), 32);
	assert_memory_equal(user_named(c, "p5")->auth_key, kul, 32);
	/* wildcard users keep Ku: the memo gives the same */
	conf_add(c, "createUser w1 SHA samepass12 AES samepass13");
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_SHA1, (const uint8_t *)"samepass12", 10, ku), 20);
	assert_memory_equal(user_named(c, "w1")->auth_key, ku, 20);
	assert_int_equal(tt_usm_password_to_key(TT_AUTH_SHA1, (const uint8_t *)"samepass13", 10, ku), 20);
	assert_memory_equal(user_named(c, "w1")->priv_key, ku, 20);

	/* a password as long as the memo holds is memoized, a longer one is derived every time */
	tt_conf_init(c);
	memset(pw, 'L', sizeof pw);
	pw[TT_P2K_MEMO_PW_MAX] = '\0';
	for (i = 0; i < 3; i++)
		conf_add(c, "createUser -e 0x800000000100%04x m%d SHA %s AES %s", i, i, pw, pw);
	assert_int_equal(c->n_password_to_key, 1);
	expect_sha_aes_keys(user_named(c, "m2"), pw, pw);
	pw[TT_P2K_MEMO_PW_MAX] = 'L';
	pw[TT_P2K_MEMO_PW_MAX + 1] = '\0';
	for (i = 0; i < 3; i++)
		conf_add(c, "createUser -e 0x800000000100%04x l%d SHA %s AES %s", i, i, pw, pw);
	assert_int_equal(c->n_password_to_key, 1 + 6);
	expect_sha_aes_keys(user_named(c, "l0"), pw, pw);
	expect_sha_aes_keys(user_named(c, "l2"), pw, pw);

	/* the end of loading wipes the memo (pass phrases and Ku); a later line derives afresh */
	{
		static const struct tt_p2k_memo zero[TT_P2K_MEMO_N];
		assert_true(memcmp(c->p2k_memo, zero, sizeof zero) != 0);
		tt_conf_load_done(c);
		assert_memory_equal(c->p2k_memo, zero, sizeof zero);
	}
	assert_int_equal(c->n_password_to_key, 7);
	pw[TT_P2K_MEMO_PW_MAX] = '\0';
	conf_add(c, "createUser -e 0x8000000001000009 m9 SHA %s AES %s", pw, pw);
	assert_int_equal(c->n_password_to_key, 8);
	expect_sha_aes_keys(user_named(c, "m9"), pw, pw);
	tt_conf_load_done(c);
	free(c);
}

static void auth_user_lines(void **state)
{
	struct tt_conf c;
	(void)state;

	tt_conf_init(&c);
	conf_add(&c, "authUser log a");
	assert_int_equal(c.auth_users[0].min_level, TT_SEC_AUTH);
	assert_int_equal(c.auth_users[0].uses, TT_USE_LOG);
	assert_int_equal(c.auth_users[0].name_len, 1);
	conf_add(&c, "authUser log,execute,net -s usm b priv");
	assert_int_equal(c.auth_users[1].min_level, TT_SEC_PRIV);
	assert_int_equal(c.auth_users[1].uses, TT_USE_ALL);
	conf_add(&c, "authUser net c noauth");
	assert_int_equal(c.auth_users[2].min_level, TT_SEC_NOAUTH);
	conf_add(&c, "authUser execute d authNoPriv");
	assert_int_equal(c.auth_users[3].min_level, TT_SEC_AUTH);
	conf_add(&c, "authUser execute e noAuthNoPriv");
	assert_int_equal(c.auth_users[4].min_level, TT_SEC_NOAUTH);
	assert_int_equal(c.n_auth_users, 5);
	tl_rejects(&c, "authUser log", TT_ERR_INVALID, "TYPES and NAME");
	tl_rejects(&c, "authUser bogus a", TT_ERR_INVALID, "TYPES and NAME");
	tl_rejects(&c, "authUser log -s tsm a", TT_ERR_INVALID, "-s usm");
	tl_rejects(&c, "authUser log -s usm", TT_ERR_INVALID, "missing user name");
	tl_rejects(&c, "authUser log a bogus", TT_ERR_INVALID, "level 'bogus'");
	tl_rejects(&c, "authUser log a priv .1.3.6.1", TT_ERR_INVALID, "not supported");
	tl_rejects(&c, "authUser log 123456789012345678901234567890123", TT_ERR_INVALID,
	           "longer than 32");
	conf_add(&c, "authUser log f");
	conf_add(&c, "authUser log g");
	conf_add(&c, "authUser log h");
	if (CONFIG_TT_MAX_USERS == 8)
		tl_rejects(&c, "authUser log i", TT_ERR_FULL, "CONFIG_TT_MAX_USERS");
}

static void engine_id_lines(void **state)
{
	static const uint8_t ours[13] = {0x80, 0x00, 0x1f, 0x88, 0x80, 1, 2, 3, 4, 5, 6, 7, 8};
	struct tt_conf c;
	(void)state;

	tt_conf_init(&c);
	/* Net-SNMP's text form: 0x80001F88 04 TEXT (RFC 3411 format 4, enterprise 8072) */
	conf_add(&c, "engineID myreceiver");
	assert_int_equal(c.engine_id_len, 15);
	assert_memory_equal(c.engine_id, "\x80\x00\x1f\x88\x04myreceiver", 15);
	conf_add(&c, "engineID 123456789012345678901234567"); /* 27: 32 octets */
	assert_int_equal(c.engine_id_len, 32);
	tl_rejects(&c, "engineID 1234567890123456789012345678", TT_ERR_INVALID, "5..32");
	tl_rejects(&c, "engineID", TT_ERR_INVALID, "one value");
	tl_rejects(&c, "engineID a b", TT_ERR_INVALID, "one value");
	/* exactEngineID: hex after 0x, else the text's octets (Net-SNMP
	 * read_config_read_octet_string) */
	conf_add(&c, "exactEngineID " OUR_ENGINE_HEX);
	assert_int_equal(c.engine_id_len, 13);
	assert_memory_equal(c.engine_id, ours, 13);
	conf_add(&c, "exactEngineID textengine");
	assert_int_equal(c.engine_id_len, 10);
	assert_memory_equal(c.engine_id, "textengine", 10);
	conf_add(&c, "exactEngineID 1234567890");
	assert_int_equal(c.engine_id_len, 10);
	assert_memory_equal(c.engine_id, "1234567890", 10);
	conf_add(&c, "exactEngineID 0X8000000001");
	assert_int_equal(c.engine_id_len, 5);
	/* a refused value leaves the previous engine ID */
	tl_rejects(&c, "exactEngineID 0x80000001", TT_ERR_INVALID, "5..32");
	tl_rejects(&c, "exactEngineID abc", TT_ERR_INVALID, "5..32");
	tl_rejects(&c, "exactEngineID 0x800000000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
	           TT_ERR_INVALID, "5..32");
	tl_rejects(&c, "exactEngineID 123456789012345678901234567890123", TT_ERR_INVALID, "5..32");
	tl_rejects(&c, "exactEngineID 0x80000000zz", TT_ERR_INVALID, "5..32");
	assert_int_equal(c.engine_id_len, 5);
	assert_memory_equal(c.engine_id, "\x80\x00\x00\x00\x01", 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(netsnmp_v3_traps),
		cmocka_unit_test(netsnmp_v3_traps_wrong_keys),
		cmocka_unit_test(netsnmp_inform_exchange),
		cmocka_unit_test(auth_priv_matrix),
		cmocka_unit_test(noauth_user),
		cmocka_unit_test(remote_time_window),
		cmocka_unit_test(remote_time_window_boundary),
		cmocka_unit_test(remote_replay),
		cmocka_unit_test(spoofed_flood),
		cmocka_unit_test(same_user_two_engines),
		cmocka_unit_test(wildcard_user_many_engines),
		cmocka_unit_test(key_cache_lru),
		cmocka_unit_test(cipher_memo_follows_key_cache),
		cmocka_unit_test(slow_key_budget),
		cmocka_unit_test(auth_user_levels),
		cmocka_unit_test(unsupported_levels),
		cmocka_unit_test(inform_reports),
		cmocka_unit_test(discovery_time_sync),
		cmocka_unit_test(report_rate_limit),
		cmocka_unit_test(report_fair_share),
		cmocka_unit_test(boots_latched),
		cmocka_unit_test(v1_trap_pdu_in_v3),
		cmocka_unit_test(inform_too_big),
		cmocka_unit_test(padded_integers_v3),
		cmocka_unit_test(inform_too_many_varbinds),
		cmocka_unit_test(header_checks),
		cmocka_unit_test(inform_not_reportable),
		cmocka_unit_test(malformed_usm_parameters),
		cmocka_unit_test(v3_vectors_truncated_and_mutated),
		cmocka_unit_test(create_user_protocol_names),
		cmocka_unit_test(create_user_keys),
		cmocka_unit_test(create_user_passwords_and_duplicates),
		cmocka_unit_test(create_user_password_to_key_once),
		cmocka_unit_test(auth_user_lines),
		cmocka_unit_test(engine_id_lines),
	};
	return cmocka_run_group_tests_name("v3", tests, NULL, NULL);
}
