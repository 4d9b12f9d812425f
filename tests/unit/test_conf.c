/*
 * test_conf.c - the configuration: authCommunity and disableAuthorization lines, the directives
 * left to the ports, address prefixes and the community table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

static char err[256];

/* Applies one line (tl_conf_line: an exact-size copy, the error text into err). */
static int line(struct tt_conf *c, const char *text)
{
	return tl_conf_line(c, text, err, sizeof err);
}

static const struct tt_community *last(const struct tt_conf *c)
{
	assert_true(c->n_communities > 0);
	return &c->communities[c->n_communities - 1];
}

/* A source text and the prefix it must give. */
struct prefix_case {
	const char *text;
	uint8_t family, bits;
	const char *ip_hex;
};

static void check_prefix(const struct tt_prefix *p, const struct prefix_case *want)
{
	uint8_t ip[16];
	long n = tl_hex_decode(want->ip_hex, ip, sizeof ip);
	assert_true(n >= 0);
	assert_int_equal(p->family, want->family);
	assert_int_equal(p->bits, want->bits);
	assert_memory_equal(p->ip, ip, (size_t)n);
}

static void auth_community_basic(void **state)
{
	struct tt_conf c;
	const struct tt_community *e;
	(void)state;

	tt_conf_init(&c);
	assert_int_equal(c.n_communities, 0);
	assert_int_equal(c.disable_authorization, 0);
	assert_int_equal(line(&c, "authCommunity log,execute,net public"), TT_OK);
	assert_string_equal(err, "");
	e = last(&c);
	assert_int_equal(e->name_len, 6);
	assert_memory_equal(e->name, "public", 6);
	assert_int_equal(e->uses, TT_USE_ALL);
	assert_int_equal(e->source.family, TT_AF_NONE);
	assert_int_equal(e->oid_len, 0);

	static const struct {
		const char *types;
		uint8_t uses;
	} types[] = {
		{"log", TT_USE_LOG}, {"execute", TT_USE_EXECUTE}, {"net", TT_USE_NET},
		{"log,net", TT_USE_LOG | TT_USE_NET}, {"net,log", TT_USE_LOG | TT_USE_NET},
		{"execute,log", TT_USE_LOG | TT_USE_EXECUTE}, {"LOG,Net", TT_USE_LOG | TT_USE_NET},
		{"log,log", TT_USE_LOG},
	};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		char l[128];
		tt_conf_init(&c);
		snprintf(l, sizeof l, "authCommunity %s c%zu", types[i].types, i);
		assert_int_equal(line(&c, l), TT_OK);
		assert_int_equal(last(&c)->uses, types[i].uses);
	}

	/* directive names are case-insensitive; white space of any kind separates words */
	tt_conf_init(&c);
	assert_int_equal(line(&c, "AUTHCOMMUNITY log a"), TT_OK);
	assert_int_equal(line(&c, "\t authcommunity\tnet  b \r\n"), TT_OK);
	assert_int_equal(c.n_communities, 2);
	assert_int_equal(last(&c)->name_len, 1);
	assert_memory_equal(last(&c)->name, "b", 1);
	/* a comment after the words */
	assert_int_equal(line(&c, "authCommunity log c # the rest is a comment"), TT_OK);
	assert_int_equal(last(&c)->source.family, TT_AF_NONE);
	/* the length bounds the line */
	assert_int_equal(tt_conf_line(&c, "authCommunity log dXYZ", 19, err, sizeof err), TT_OK);
	assert_int_equal(last(&c)->name_len, 1);
	assert_memory_equal(last(&c)->name, "d", 1);
}

static void auth_community_quoted(void **state)
{
	struct tt_conf c;
	char l[400], name[300];
	(void)state;

	tt_conf_init(&c);
	assert_int_equal(line(&c, "authCommunity log \"my community\" 10.0.0.0/8"), TT_OK);
	assert_int_equal(last(&c)->name_len, 12);
	assert_memory_equal(last(&c)->name, "my community", 12);
	assert_int_equal(last(&c)->source.family, TT_AF_INET4);
	assert_int_equal(line(&c, "authCommunity log \"#hash\""), TT_OK);
	assert_memory_equal(last(&c)->name, "#hash", 5);

	/* exactly CONFIG_TT_COMMUNITY_MAX_LEN octets, and one more */
	tt_conf_init(&c);
	memset(name, 'k', CONFIG_TT_COMMUNITY_MAX_LEN);
	name[CONFIG_TT_COMMUNITY_MAX_LEN] = '\0';
	snprintf(l, sizeof l, "authCommunity log %s", name);
	assert_int_equal(line(&c, l), TT_OK);
	assert_int_equal(last(&c)->name_len, CONFIG_TT_COMMUNITY_MAX_LEN);
	snprintf(l, sizeof l, "authCommunity log %sk", name);
	tl_rejects(&c, l, TT_ERR_INVALID, "longer than CONFIG_TT_COMMUNITY_MAX_LEN");
	tl_rejects(&c, "authCommunity log \"\"", TT_ERR_INVALID, "is empty");
}

static void auth_community_sources(void **state)
{
	static const struct prefix_case ok[] = {
		{"default", TT_AF_NONE, 0, ""},
		{"10.0.0.0/8", TT_AF_INET4, 8, "0a000000"},
		{"192.0.2.7", TT_AF_INET4, 32, "c0000207"},
		{"2001:db8::/32", TT_AF_INET6, 32, "20010db8000000000000000000000000"},
		{"::1", TT_AF_INET6, 128, "00000000000000000000000000000001"},
		{"::ffff:1.2.3.4", TT_AF_INET6, 128, "00000000000000000000ffff01020304"},
	};
	struct tt_conf c;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char l[128];
		tt_conf_init(&c);
		snprintf(l, sizeof l, "authCommunity net public %s", ok[i].text);
		assert_int_equal(line(&c, l), TT_OK);
		check_prefix(&last(&c)->source, &ok[i]);
		assert_int_equal(last(&c)->oid_len, 0);
	}
	tt_conf_init(&c);
	tl_rejects(&c, "authCommunity log public myhost.example.com", TT_ERR_INVALID,
	           "SOURCE 'myhost.example.com'");
	tl_rejects(&c, "authCommunity log public localhost", TT_ERR_INVALID, "host names are not resolved");
	tl_rejects(&c, "authCommunity log public 10.0.0.0/33", TT_ERR_INVALID,
	           "SOURCE '10.0.0.0/33'");
	tl_rejects(&c, "authCommunity log public 2001:db8::/129", TT_ERR_INVALID, "SOURCE");
	tl_rejects(&c, "authCommunity log public 10.0.0", TT_ERR_INVALID, "SOURCE");
}

static void auth_community_oid(void **state)
{
	struct tt_conf c;
	const struct tt_community *e;
	char l[1024];
	size_t k;
	int a;
	(void)state;

	tt_conf_init(&c);
	assert_int_equal(line(&c, "authCommunity log public default .1.3.6.1.4.1"), TT_OK);
	e = last(&c);
	assert_int_equal(e->oid_len, 5);
	assert_memory_equal(e->oid, "\x2b\x06\x01\x04\x01", 5);
	assert_int_equal(e->source.family, TT_AF_NONE);
	assert_int_equal(line(&c, "authCommunity net public 10.0.0.0/8 1.3.6.1.6.3.1.1.5"), TT_OK);
	e = last(&c);
	assert_int_equal(e->oid_len, 8);
	assert_int_equal(e->source.bits, 8);

	tt_conf_init(&c);
	tl_rejects(&c, "authCommunity log public default -v myview", TT_ERR_INVALID, "views (-v VIEW)");
	tl_rejects(&c, "authCommunity log public default 1.3.x", TT_ERR_INVALID, "OID '1.3.x'");
	tl_rejects(&c, "authCommunity log public default snmpTraps", TT_ERR_INVALID,
	           "names are not supported");
	tl_rejects(&c, "authCommunity log public default 1", TT_ERR_INVALID, "OID '1'");
	tl_rejects(&c, "authCommunity log public default 1.3 extra", TT_ERR_INVALID,
	           "unexpected 'extra'");
	/* an OID longer than TT_CONF_OID_MAX octets */
	k = (size_t)snprintf(l, sizeof l, "authCommunity log public default 1.3");
	for (a = 0; a < TT_CONF_OID_MAX; a++)
		k += (size_t)snprintf(l + k, sizeof l - k, ".1");
	tl_rejects(&c, l, TT_ERR_INVALID, "too long");
	/* exactly TT_CONF_OID_MAX octets fits */
	k = (size_t)snprintf(l, sizeof l, "authCommunity log public default 1.3");
	for (a = 1; a < TT_CONF_OID_MAX; a++)
		k += (size_t)snprintf(l + k, sizeof l - k, ".1");
	assert_int_equal(line(&c, l), TT_OK);
	assert_int_equal(last(&c)->oid_len, TT_CONF_OID_MAX);
}

static void auth_community_rejections(void **state)
{
	struct tt_conf c;
	char l[64];
	int i;
	(void)state;

	tt_conf_init(&c);
	tl_rejects(&c, "authCommunity", TT_ERR_INVALID, "needs TYPES and COMMUNITY");
	tl_rejects(&c, "authCommunity log", TT_ERR_INVALID, "needs TYPES and COMMUNITY");
	tl_rejects(&c, "authCommunity logg public", TT_ERR_INVALID, "TYPES 'logg'");
	tl_rejects(&c, "authCommunity log,,net public", TT_ERR_INVALID, "TYPES");
	tl_rejects(&c, "authCommunity ,log public", TT_ERR_INVALID, "TYPES");
	tl_rejects(&c, "authCommunity all public", TT_ERR_INVALID, "TYPES");
	tl_rejects(&c, "authCommunity \"\" public", TT_ERR_INVALID, "TYPES");
	tl_rejects(&c, "authCommunity log public a b c d e f g h i j k l m n o p", TT_ERR_INVALID,
	           "too many words");

	/* the table holds CONFIG_TT_MAX_COMMUNITIES entries */
	for (i = 0; i < CONFIG_TT_MAX_COMMUNITIES; i++) {
		snprintf(l, sizeof l, "authCommunity log c%d", i);
		assert_int_equal(line(&c, l), TT_OK);
	}
	assert_int_equal(c.n_communities, CONFIG_TT_MAX_COMMUNITIES);
	tl_rejects(&c, "authCommunity log one-more", TT_ERR_FULL, "more entries than CONFIG_TT_MAX_COMMUNITIES");
}

static void error_buffer(void **state)
{
	struct tt_conf c;
	char small[8];
	(void)state;

	tt_conf_init(&c);
	memset(small, 'Z', sizeof small);
	assert_int_equal(tt_conf_line(&c, "authCommunity logg x", 20, small, sizeof small),
	                 TT_ERR_INVALID);
	assert_int_equal(strlen(small), sizeof small - 1);
	assert_memory_equal(small, "authCom", 7);
	/* no buffer at all */
	assert_int_equal(tt_conf_line(&c, "authCommunity logg x", 20, NULL, 0), TT_ERR_INVALID);
	assert_int_equal(tt_conf_line(&c, "authCommunity log x", 19, NULL, 0), TT_OK);
	/* one octet: just the NUL */
	small[0] = 'Z';
	assert_int_equal(tt_conf_line(&c, "authCommunity logg x", 20, small, 1), TT_ERR_INVALID);
	assert_int_equal(small[0], '\0');
}

static void disable_authorization_lines(void **state)
{
	static const char *yes[] = {"yes", "YES", "true", "1", "on"};
	static const char *no[] = {"no", "No", "false", "0", "off"};
	struct tt_conf c;
	char l[64];
	size_t i;
	(void)state;

	tt_conf_init(&c);
	for (i = 0; i < 5; i++) {
		snprintf(l, sizeof l, "disableAuthorization %s", yes[i]);
		assert_int_equal(line(&c, l), TT_OK);
		assert_int_equal(c.disable_authorization, 1);
		snprintf(l, sizeof l, "disableauthorization %s", no[i]);
		assert_int_equal(line(&c, l), TT_OK);
		assert_int_equal(c.disable_authorization, 0);
	}
	tl_rejects(&c, "disableAuthorization", TT_ERR_INVALID, "yes or no");
	tl_rejects(&c, "disableAuthorization maybe", TT_ERR_INVALID, "yes or no");
	tl_rejects(&c, "disableAuthorization yes please", TT_ERR_INVALID, "yes or no");
	tl_rejects(&c, "disableAuthorization yess", TT_ERR_INVALID, "yes or no");
	assert_int_equal(c.disable_authorization, 0);
}

static void blank_and_comments(void **state)
{
	static const char *lines[] = {"", " ", "\t", "\r\n", "# a comment", "   # indented",
	                              "#authCommunity log public", "\t#\tx"};
	struct tt_conf c, before;
	size_t i;
	(void)state;

	tl_conf(&c, "authCommunity log public", NULL);
	before = c;
	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		assert_int_equal(line(&c, lines[i]), TT_OK);
		assert_string_equal(err, "");
	}
	assert_memory_equal(&c, &before, sizeof c);
	assert_int_equal(tt_conf_line(&c, "", 0, err, sizeof err), TT_OK);
}

/* A NUL byte anywhere refuses the line, whatever the directive: a port reading with C strings
 * would see the line cut there, so that "public\0 192.0.2.0/24" would lose its SOURCE. */
static void nul_bytes(void **state)
{
	static const char community[] = "authCommunity log,execute public\0 192.0.2.0/24";
	static const char comment[] = "#\0 authCommunity log public";
	static const char ports[] = "format2 %V\0% Agent Address: %A";
	static const char alone[] = "\0";
	static const char trailing[] = "disableAuthorization yes\0";
	static const struct { const char *s; size_t len; } cases[] = {
		{community, sizeof community - 1}, {comment, sizeof comment - 1},
		{ports, sizeof ports - 1}, {alone, sizeof alone - 1}, {trailing, sizeof trailing - 1},
	};
	struct tt_conf c, before;
	size_t i;
	(void)state;

	tt_conf_init(&c);
	before = c;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(tt_conf_line(&c, cases[i].s, cases[i].len, err, sizeof err),
		                 TT_ERR_INVALID);
		assert_non_null(strstr(err, "NUL byte"));
		assert_memory_equal(&c, &before, sizeof c);
	}
	/* the same lines up to the NUL are fine */
	assert_int_equal(tt_conf_line(&c, community, strlen(community), err, sizeof err), TT_OK);
	assert_int_equal(c.n_communities, 1);
}

static void directives_of_the_ports(void **state)
{
	static const char *lines[] = {
		"format2 %V\\n% Agent Address: %A",
		"format1 %a",
		"traphandle default /usr/bin/logger",
		"traphandle 1.3.6.1.6.3.1.1.5.3 /bin/handler up",
		"authGroup log,execute,net shauser",
		"snmpTrapdAddr udp:162,udp6:[::1]:162",
		"logOption f /var/log/traps",
		"doNotLogTraps no",
		"ignoreAuthFailure yes",
		"outputOption s",
		/* many words: a common format2 of snmptrapd.conf examples */
		"format2 %V\\n% Agent Address: %A \\n Agent Hostname: %B \\n Date: %H - %J - %K - %L - "
		"%M - %Y \\n Enterprise OID: %N \\n Trap Type: %W \\n Trap Sub-Type: %q \\n "
		"Community/Infosec Context: %P \\n Uptime: %T \\n Description: %W \\n PDU "
		"Attribute/Value Pair Array:\\n%v \\n -------------- \\n",
		"traphandle default /usr/local/bin/handler --with --many --arguments a b c d e f",
	};
	struct tt_conf c, before;
	size_t i;
	(void)state;

	tl_conf(&c, "authCommunity log public", NULL);
	before = c;
	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		int rc = line(&c, lines[i]);
		if (rc != TT_CONF_NOT_CORE)
			fail_msg("'%.40s...': %d (%s), expected TT_CONF_NOT_CORE", lines[i], rc, err);
	}
	assert_memory_equal(&c, &before, sizeof c);
}

static int prefix(const char *text, struct tt_prefix *p)
{
	size_t n = strlen(text);
	char *h = (char *)tl_dup((const uint8_t *)text, n);
	int rc;
	memset(p, 0x5a, sizeof *p);
	rc = tt_prefix_parse(h, n, p);
	free(h);
	return rc;
}

static void prefix_parse(void **state)
{
	static const struct prefix_case ok[] = {
		{"0.0.0.0/0", TT_AF_INET4, 0, "00000000"},
		{"255.255.255.255/32", TT_AF_INET4, 32, "ffffffff"},
		{"1.2.3.4", TT_AF_INET4, 32, "01020304"},
		{"10.1.2.3/8", TT_AF_INET4, 8, "0a010203"},
		{"::", TT_AF_INET6, 128, "00000000000000000000000000000000"},
		{"::/0", TT_AF_INET6, 0, "00000000000000000000000000000000"},
		{"1::", TT_AF_INET6, 128, "00010000000000000000000000000000"},
		{"1:2:3:4:5:6:7:8", TT_AF_INET6, 128, "00010002000300040005000600070008"},
		{"1:2:3:4:5:6:7::", TT_AF_INET6, 128, "00010002000300040005000600070000"},
		{"::2:3:4:5:6:7:8", TT_AF_INET6, 128, "00000002000300040005000600070008"},
		{"1:2:3:4:5:6:1.2.3.4", TT_AF_INET6, 128, "00010002000300040005000601020304"},
		{"::ffff:1.2.3.4/96", TT_AF_INET6, 96, "00000000000000000000ffff01020304"},
		{"::1.2.3.4", TT_AF_INET6, 128, "00000000000000000000000001020304"},
		{"fe80::1/10", TT_AF_INET6, 10, "fe800000000000000000000000000001"},
		{"2001:DB8:0:0:0:0:2:1", TT_AF_INET6, 128, "20010db8000000000000000000020001"},
		{"2001:db8::2:1", TT_AF_INET6, 128, "20010db8000000000000000000020001"},
		{"2001:db8:0:1::/64", TT_AF_INET6, 64, "20010db8000000010000000000000000"},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", TT_AF_INET6, 128,
		 "ffffffffffffffffffffffffffffffff"},
	};
	static const char *bad[] = {
		"", "/8", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/", "1.2.3.4/33", "1.2.3.4/-1",
		"1.2.3.4/8/8", "1.2.3.4/1000", "0001.2.3.4", "1..2.3", ".1.2.3", "1.2.3.", ":::",
		"1:::2", ":1", "1:", "1::2::3", "1:2:3:4:5:6:7:8:9", "1::2:3:4:5:6:7:8",
		"1:2:3:4:5:6:7:8::", "12345::", "g::", "::1.2.3", "::1.2.3.4.5", "1.2.3.4::",
		"1:2:3:4:5:6:7:1.2.3.4", "::/129", "Default", "default/8", " 1.2.3.4", "1.2.3.4 ",
		"host.example", "::ffff:a.b.c.d", "1:2:3:4:5:6:7", "[::1]", "::1%eth0", "1.2.3.4/8 ",
	};
	struct tt_prefix p;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		if (prefix(ok[i].text, &p) != TT_OK)
			fail_msg("'%s' refused", ok[i].text);
		check_prefix(&p, &ok[i]);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (prefix(bad[i], &p) != TT_ERR_INVALID)
			fail_msg("'%s' accepted", bad[i]);
	/* "default" is the any-prefix */
	assert_int_equal(prefix("default", &p), TT_OK);
	assert_int_equal(p.family, TT_AF_NONE);
	/* the length bounds the text */
	assert_int_equal(tt_prefix_parse("10.0.0.0/8junk", 10, &p), TT_OK);
	assert_int_equal(p.bits, 8);
	assert_int_equal(tt_prefix_parse("10.0.0.0/8junk", 9, &p), TT_ERR_INVALID);
}

static void prefix_match(void **state)
{
	struct tt_prefix p;
	struct tt_addr a;
	(void)state;

	assert_int_equal(prefix("10.0.0.0/8", &p), TT_OK);
	a = tl_addr("10.200.0.1", 1);
	assert_true(tt_prefix_match(&p, &a));
	a = tl_addr("::ffff:10.200.0.1", 1);
	assert_true(tt_prefix_match(&p, &a));
	a = tl_addr("::ffff:11.200.0.1", 1);
	assert_false(tt_prefix_match(&p, &a));
	a = tl_addr("0:0:0:0:0:fffe:a00:1", 1);
	assert_false(tt_prefix_match(&p, &a));
	assert_int_equal(prefix("172.16.0.0/12", &p), TT_OK);
	a = tl_addr("172.31.255.255", 1);
	assert_true(tt_prefix_match(&p, &a));
	a = tl_addr("172.32.0.0", 1);
	assert_false(tt_prefix_match(&p, &a));
	assert_int_equal(prefix("2001:db8::/33", &p), TT_OK);
	a = tl_addr("2001:db8:7fff::1", 1);
	assert_true(tt_prefix_match(&p, &a));
	a = tl_addr("2001:db8:8000::1", 1);
	assert_false(tt_prefix_match(&p, &a));
	assert_int_equal(prefix("default", &p), TT_OK);
	assert_true(tt_prefix_match(&p, &a));
	a = tl_addr("1.2.3.4", 1);
	assert_true(tt_prefix_match(&p, &a));
}

static void add_community_direct(void **state)
{
	static const uint8_t oid_ok[] = {0x2b, 0x06, 0x01};
	static const uint8_t oid_bad[] = {0x2b, 0x86};
	uint8_t long_oid[TT_CONF_OID_MAX + 1];
	struct tt_conf c;
	struct tt_prefix p;
	(void)state;

	memset(long_oid, 0x01, sizeof long_oid);
	long_oid[0] = 0x2b;
	tt_conf_init(&c);
	assert_int_equal(tt_conf_add_community(&c, TT_USE_LOG, (const uint8_t *)"a", 1, NULL, NULL, 0),
	                 TT_OK);
	assert_int_equal(tt_conf_add_community(&c, 0, (const uint8_t *)"a", 1, NULL, NULL, 0),
	                 TT_ERR_INVALID);
	assert_int_equal(tt_conf_add_community(&c, 0x08, (const uint8_t *)"a", 1, NULL, NULL, 0),
	                 TT_ERR_INVALID);
	assert_int_equal(tt_conf_add_community(&c, TT_USE_LOG, (const uint8_t *)"a", 0, NULL, NULL, 0),
	                 TT_ERR_INVALID);
	assert_int_equal(tt_conf_add_community(&c, TT_USE_LOG, (const uint8_t *)"a", 1, NULL, oid_bad,
	                                       sizeof oid_bad), TT_ERR_INVALID);
	assert_int_equal(tt_conf_add_community(&c, TT_USE_LOG, (const uint8_t *)"a", 1, NULL, long_oid,
	                                       sizeof long_oid), TT_ERR_INVALID);
	/* a source prefix that does not fit its family (tt_prefix_match would read past the
	 * address), or of no known family */
	memset(&p, 0, sizeof p);
	p.family = TT_AF_INET4;
	p.bits = 33;
	assert_int_equal(tt_conf_add_community(&c, TT_USE_LOG, (const uint8_t *)"a", 1, &p, NULL, 0),
	                 TT_ERR_INVALID);
	p.family = TT_AF_INET6;
	p.bits = 129;
	assert_int_equal(tt_conf_add_community(&c, TT_USE_LOG, (const uint8_t *)"a", 1, &p, NULL, 0),
	                 TT_ERR_INVALID);
	p.family = 5;
	p.bits = 0;
	assert_int_equal(tt_conf_add_community(&c, TT_USE_LOG, (const uint8_t *)"a", 1, &p, NULL, 0),
	                 TT_ERR_INVALID);
	p.family = TT_AF_INET6;
	p.bits = 128;
	assert_int_equal(tt_conf_add_community(&c, TT_USE_LOG, (const uint8_t *)"a", 1, &p, NULL, 0),
	                 TT_OK);
	c.n_communities--;
	assert_int_equal(c.n_communities, 1);
	assert_int_equal(prefix("192.0.2.0/24", &p), TT_OK);
	assert_int_equal(tt_conf_add_community(&c, TT_USE_NET, (const uint8_t *)"b\0c", 3, &p, oid_ok,
	                                       sizeof oid_ok), TT_OK);
	assert_int_equal(last(&c)->name_len, 3);
	assert_memory_equal(last(&c)->name, "b\0c", 3); /* any octets, NUL included */
	assert_int_equal(last(&c)->source.bits, 24);
	assert_int_equal(last(&c)->oid_len, 3);
	assert_int_equal(tt_conf_add_community(&c, TT_USE_NET, long_oid, TT_CONF_OID_MAX, NULL,
	                                       long_oid, TT_CONF_OID_MAX),
	                 CONFIG_TT_COMMUNITY_MAX_LEN >= TT_CONF_OID_MAX ? TT_OK : TT_ERR_INVALID);
}

/* The text helpers the parsers share (and ports call): words and hex. */
static void text_helpers(void **state)
{
	uint8_t out[4];
	(void)state;

	assert_int_equal(tt_word_is("createUSER", 10, "createUser"), 1);
	assert_int_equal(tt_word_is("createUse", 9, "createUser"), 0);
	assert_int_equal(tt_word_is("createUsers", 11, "createUser"), 0);
	assert_int_equal(tt_word_starts("aes-2", 5, "AES-256-C"), 1);
	assert_int_equal(tt_word_starts("AES-", 4, "AES"), 0);
	assert_int_equal(tt_word_starts("", 0, "AES"), 1);

	assert_int_equal(tt_hex_decode("0x8000aBcD", 10, out, sizeof out), 4);
	assert_memory_equal(out, "\x80\x00\xab\xcd", 4);
	assert_int_equal(tt_hex_decode("DE AD\n be\tef", 12, out, sizeof out), 4);
	assert_memory_equal(out, "\xde\xad\xbe\xef", 4);
	assert_int_equal(tt_hex_decode("0x", 2, out, sizeof out), 0);
	assert_int_equal(tt_hex_decode("", 0, out, sizeof out), 0);
	assert_int_equal(tt_hex_decode("abc", 3, out, sizeof out), -1);     /* odd */
	assert_int_equal(tt_hex_decode("a b", 3, out, sizeof out), -1);     /* split octet */
	assert_int_equal(tt_hex_decode("0g", 2, out, sizeof out), -1);
	assert_int_equal(tt_hex_decode("0011223344", 10, out, sizeof out), -1); /* > cap */
	assert_int_equal(tt_hex_decode("00112233zz", 8, out, sizeof out), 4);  /* len bounds it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_helpers),
		cmocka_unit_test(auth_community_basic),
		cmocka_unit_test(auth_community_quoted),
		cmocka_unit_test(auth_community_sources),
		cmocka_unit_test(auth_community_oid),
		cmocka_unit_test(auth_community_rejections),
		cmocka_unit_test(error_buffer),
		cmocka_unit_test(disable_authorization_lines),
		cmocka_unit_test(blank_and_comments),
		cmocka_unit_test(nul_bytes),
		cmocka_unit_test(directives_of_the_ports),
		cmocka_unit_test(prefix_parse),
		cmocka_unit_test(prefix_match),
		cmocka_unit_test(add_community_direct),
	};
	return cmocka_run_group_tests_name("conf", tests, NULL, NULL);
}
