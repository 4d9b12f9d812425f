/*
 * conf.c - the core's configuration: the community table and the snmptrapd.conf directives
 * the core owns (authCommunity, disableAuthorization).
 *
 * Lines are parsed without allocation; errors are reported as text for the port to print
 * with the file name and line number. Host names are not resolved (no OS here): a SOURCE
 * must be "default", an address or a network/bits. Directives of the ports are handed back
 * as TT_CONF_NOT_CORE. A line holding a NUL byte is refused whatever it says.
 */
#include <string.h>
#include "tinytrap/tt_conf.h"
#include "tinytrap/tt_ber.h"
#include "strbuf.h"
#include "tt_internal.h"

#define MAX_TOKENS 16

void tt_conf_init(struct tt_conf *c)
{
	memset(c, 0, sizeof *c);
}

int tt_conf_add_community(struct tt_conf *c, uint8_t uses, const uint8_t *name, size_t name_len,
                          const struct tt_prefix *source, const uint8_t *oid, size_t oid_len)
{
	struct tt_community *e;

	if (name_len == 0 || name_len > CONFIG_TT_COMMUNITY_MAX_LEN || oid_len > TT_CONF_OID_MAX ||
	    (uses & ~TT_USE_ALL) || uses == 0)
		return TT_ERR_INVALID;
	if (oid_len && tt_ber_check_oid(oid, oid_len) < 0)
		return TT_ERR_INVALID;
	/* tt_prefix_match() trusts bits to fit the family's address */
	if (source && !(source->family == TT_AF_NONE ||
	                (source->family == TT_AF_INET4 && source->bits <= 32) ||
	                (source->family == TT_AF_INET6 && source->bits <= 128)))
		return TT_ERR_INVALID;
	if (c->n_communities >= CONFIG_TT_MAX_COMMUNITIES)
		return TT_ERR_FULL;
	e = &c->communities[c->n_communities++];
	memset(e, 0, sizeof *e);
	memcpy(e->name, name, name_len);
	e->name_len = (uint8_t)name_len;
	e->uses = uses;
	if (source)
		e->source = *source;
	if (oid_len)
		memcpy(e->oid, oid, oid_len);
	e->oid_len = (uint8_t)oid_len;
	return TT_OK;
}

static int lower(int ch)
{
	return (ch >= 'A' && ch <= 'Z') ? ch + ('a' - 'A') : ch;
}

int tt_word_starts(const char *s, size_t len, const char *word)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (word[i] == '\0' || lower((unsigned char)s[i]) != lower((unsigned char)word[i]))
			return 0;
	return 1;
}

int tt_word_is(const char *s, size_t len, const char *word)
{
	/* word has at least len characters once it starts with s, so word[len] is readable */
	return tt_word_starts(s, len, word) && word[len] == '\0';
}

/* Directive names are case-insensitive in snmptrapd.conf. */
int tt_tok_is(const struct tt_tok *t, const char *word)
{
	return tt_word_is(t->s, t->len, word);
}

/* Splits a line into whitespace-separated tokens; "double quoted" tokens may hold spaces.
 * A '#' at the start of a token begins a comment. Returns the count or -1 if too many. */
static int tokenize(const char *s, size_t len, struct tt_tok *tok, int max)
{
	size_t i = 0;
	int n = 0;

	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
			i++;
		if (i >= len || s[i] == '#')
			return n;
		if (n >= max)
			return -1;
		if (s[i] == '"') {
			size_t start = ++i;
			while (i < len && s[i] != '"')
				i++;
			tok[n].s = s + start;
			tok[n].len = i - start;
			if (i < len)
				i++;
		} else {
			size_t start = i;
			while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
				i++;
			tok[n].s = s + start;
			tok[n].len = i - start;
		}
		n++;
	}
}

/* Writes "a<token>b" to err and returns rc; tok may be NULL. */
int tt_conf_fail(char *err, size_t cap, int rc, const char *a, const struct tt_tok *tok,
                const char *b)
{
	struct tt_sb sb;
	tt_sb_init(&sb, err, cap);
	tt_sb_str(&sb, a);
	if (tok)
		tt_sb_mem(&sb, tok->s, tok->len);
	if (b)
		tt_sb_str(&sb, b);
	tt_sb_done(&sb);
	return rc;
}

static int parse_ipv4(const char *s, size_t len, uint8_t out[4])
{
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(s[i] - '0');
			i++;
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return -1;
		out[part] = (uint8_t)v;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return -1;
			i++;
		}
	}
	return i == len ? 0 : -1;
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = lower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

long tt_hex_decode(const char *s, size_t len, uint8_t *out, size_t cap)
{
	size_t i = 0, n = 0;

	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		i = 2;
	while (i < len) {
		int hi, lo;
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
			i++;
			continue;
		}
		if (i + 1 >= len || (hi = hexval((unsigned char)s[i])) < 0 ||
		    (lo = hexval((unsigned char)s[i + 1])) < 0 || n >= cap)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	return (long)n;
}

/* RFC 4291 §2.2 text forms, including "::" and an embedded IPv4 tail. */
static int parse_ipv6(const char *s, size_t len, uint8_t out[16])
{
	uint8_t words[16];
	size_t i = 0;
	int n = 0, gap = -1;

	if (len >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	} else if (len >= 1 && s[0] == ':') {
		return -1;
	}
	while (i < len) {
		size_t start = i;
		unsigned v = 0;
		int digits = 0, h;
		while (i < len && (h = hexval((unsigned char)s[i])) >= 0 && digits < 5) {
			v = (v << 4) | (unsigned)h;
			i++;
			digits++;
		}
		if (i < len && s[i] == '.') {
			/* IPv4 tail */
			if (n > 12 || parse_ipv4(s + start, len - start, words + n) < 0)
				return -1;
			n += 4;
			i = len;
			break;
		}
		if (digits == 0 || digits > 4 || n > 14)
			return -1;
		words[n++] = (uint8_t)(v >> 8);
		words[n++] = (uint8_t)v;
		if (i == len)
			break;
		if (s[i] != ':')
			return -1;
		i++;
		if (i < len && s[i] == ':') {
			if (gap >= 0)
				return -1;
			gap = n;
			i++;
		} else if (i == len) {
			return -1;
		}
	}
	if (gap < 0) {
		if (n != 16)
			return -1;
		memcpy(out, words, 16);
	} else {
		int tail = n - gap;
		if (n > 14)
			return -1;
		memset(out, 0, 16);
		memcpy(out, words, (size_t)gap);
		memcpy(out + 16 - tail, words + gap, (size_t)tail);
	}
	return 0;
}

int tt_prefix_parse(const char *text, size_t len, struct tt_prefix *p)
{
	size_t addr_len = len, i;
	int bits = -1;

	memset(p, 0, sizeof *p);
	if (len == 7 && memcmp(text, "default", 7) == 0)
		return TT_OK;
	for (i = 0; i < len; i++) {
		if (text[i] == '/') {
			size_t j;
			addr_len = i;
			if (i + 1 == len || len - i > 4)
				return TT_ERR_INVALID;
			bits = 0;
			for (j = i + 1; j < len; j++) {
				if (text[j] < '0' || text[j] > '9')
					return TT_ERR_INVALID;
				bits = bits * 10 + (text[j] - '0');
			}
			break;
		}
	}
	if (parse_ipv4(text, addr_len, p->ip) == 0) {
		p->family = TT_AF_INET4;
		if (bits > 32)
			return TT_ERR_INVALID;
		p->bits = (uint8_t)(bits < 0 ? 32 : bits);
	} else if (parse_ipv6(text, addr_len, p->ip) == 0) {
		p->family = TT_AF_INET6;
		if (bits > 128)
			return TT_ERR_INVALID;
		p->bits = (uint8_t)(bits < 0 ? 128 : bits);
	} else {
		return TT_ERR_INVALID;
	}
	return TT_OK;
}

int tt_conf_parse_uses(const struct tt_tok *t, uint8_t *uses)
{
	size_t i = 0;
	*uses = 0;
	while (i < t->len) {
		struct tt_tok w;
		w.s = t->s + i;
		while (i < t->len && t->s[i] != ',')
			i++;
		w.len = (size_t)(t->s + i - w.s);
		if (i < t->len)
			i++;
		if (tt_tok_is(&w, "log"))
			*uses |= TT_USE_LOG;
		else if (tt_tok_is(&w, "execute"))
			*uses |= TT_USE_EXECUTE;
		else if (tt_tok_is(&w, "net"))
			*uses |= TT_USE_NET;
		else
			return -1;
	}
	return *uses ? 0 : -1;
}

static int auth_community(struct tt_conf *c, const struct tt_tok *tok, int n, char *err,
                          size_t cap)
{
	struct tt_prefix src;
	uint8_t oid[TT_CONF_OID_MAX];
	int oid_len = 0, rc;
	uint8_t uses;

	if (n < 3)
		return tt_conf_fail(err, cap, TT_ERR_INVALID,
		            "authCommunity needs TYPES and COMMUNITY: authCommunity log,execute,net public",
		            NULL, NULL);
	if (tt_conf_parse_uses(&tok[1], &uses) < 0)
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "authCommunity: TYPES '", &tok[1],
		            "' is not a comma list of log, execute, net");
	if (tok[2].len == 0 || tok[2].len > CONFIG_TT_COMMUNITY_MAX_LEN)
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "authCommunity: community '", &tok[2],
		            "' is empty or longer than CONFIG_TT_COMMUNITY_MAX_LEN");
	memset(&src, 0, sizeof src);
	if (n >= 4 && tt_prefix_parse(tok[3].s, tok[3].len, &src) < 0)
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "authCommunity: SOURCE '", &tok[3],
		            "' is not supported: give 'default', an IPv4 or IPv6 address, or "
		            "network/bits (host names are not resolved)");
	if (n >= 5) {
		if (tt_tok_is(&tok[4], "-v"))
			return tt_conf_fail(err, cap, TT_ERR_INVALID,
			            "authCommunity: views (-v VIEW) are not supported; give an OID subtree",
			            NULL, NULL);
		oid_len = tt_oid_from_text(tok[4].s, tok[4].len, oid, sizeof oid);
		if (oid_len < 0)
			return tt_conf_fail(err, cap, TT_ERR_INVALID, "authCommunity: OID '", &tok[4],
			            "' is not a numeric OID (names are not supported) or is too long");
	}
	if (n > 5)
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "authCommunity: unexpected '", &tok[5], "'");
	rc = tt_conf_add_community(c, uses, (const uint8_t *)tok[2].s, tok[2].len,
	                           &src, oid, (size_t)oid_len);
	if (rc == TT_ERR_FULL)
		return tt_conf_fail(err, cap, rc,
		            "authCommunity: more entries than CONFIG_TT_MAX_COMMUNITIES", NULL, NULL);
	if (rc < 0)
		return tt_conf_fail(err, cap, rc, "authCommunity: invalid entry", NULL, NULL);
	return TT_OK;
}

static int parse_bool(const struct tt_tok *t, uint8_t *v)
{
	if (tt_tok_is(t, "yes") || tt_tok_is(t, "true") || tt_tok_is(t, "1") || tt_tok_is(t, "on"))
		*v = 1;
	else if (tt_tok_is(t, "no") || tt_tok_is(t, "false") || tt_tok_is(t, "0") || tt_tok_is(t, "off"))
		*v = 0;
	else
		return -1;
	return 0;
}

int tt_conf_line(struct tt_conf *c, const char *line, size_t len, char *err, size_t cap)
{
	struct tt_tok tok[MAX_TOKENS];
	int n;

	if (cap)
		err[0] = '\0';
	/* A NUL byte is never text: a reader of C strings would cut the line there and obey
	 * its head (a SOURCE lost widens access), so every line holding one is refused, comments
	 * and the ports' directives too. */
	if (memchr(line, '\0', len))
		return tt_conf_fail(err, cap, TT_ERR_INVALID, "NUL byte in the line", NULL, NULL);
	n = tokenize(line, len, tok, MAX_TOKENS);
	if (n == 0)
		return TT_OK;
	if (n < 0) {
		/* tokenize() filled tok[0] before it ran out of room: a long line of a directive
		 * the ports own (format2, traphandle) is theirs, not an error. */
		static const char *const core[] = {"authCommunity", "disableAuthorization",
		                                   "createUser", "authUser", "engineID",
		                                   "exactEngineID", NULL};
		int k;
		for (k = 0; core[k]; k++)
			if (tt_tok_is(&tok[0], core[k]))
				return tt_conf_fail(err, cap, TT_ERR_INVALID, "too many words on the line",
				                    NULL, NULL);
		return TT_CONF_NOT_CORE;
	}
	if (tt_tok_is(&tok[0], "authCommunity"))
		return auth_community(c, tok, n, err, cap);
	if (tt_tok_is(&tok[0], "disableAuthorization")) {
		if (n != 2 || parse_bool(&tok[1], &c->disable_authorization) < 0)
			return tt_conf_fail(err, cap, TT_ERR_INVALID, "disableAuthorization takes yes or no", NULL, NULL);
		return TT_OK;
	}
	return tt_conf_usm_line(c, tok, n, err, cap);
}
