/*
 * oid_names.c - the built-in OID name table (see oid_names.h).
 *
 * Entries are stored as BER content octets so that a lookup is a byte comparison on the
 * datagram's own encoding: no decoding into arc arrays. Names and module prefixes are the ones
 * Net-SNMP 5.9 prints with its MIBs loaded. It does not name enterprise OIDs or enumerations.
 */
#include "oid_names.h"

struct oid_name {
	const char *name;
	uint8_t name_len; /* strlen(name) */
	uint8_t len;      /* encoded length */
	uint8_t oid[9];   /* content octets */
};

#define N(s) s, sizeof(s) - 1

/* The entries under mib-2 come first, N_MIB2 of them, then those under snmpModules. The first
 * entry that matches is taken, so an entry must come before any entry that is a prefix of it
 * (none is today). */
#define N_MIB2 8

static const struct oid_name names[] = {
	{N("SNMPv2-MIB::sysDescr"), 7, {0x2b, 6, 1, 2, 1, 1, 1}},       /* 1.3.6.1.2.1.1.1 */
	{N("SNMPv2-MIB::sysObjectID"), 7, {0x2b, 6, 1, 2, 1, 1, 2}},    /* 1.3.6.1.2.1.1.2 */
	{N("SNMPv2-MIB::sysUpTime"), 7, {0x2b, 6, 1, 2, 1, 1, 3}},      /* 1.3.6.1.2.1.1.3 */
	{N("SNMPv2-MIB::sysName"), 7, {0x2b, 6, 1, 2, 1, 1, 5}},        /* 1.3.6.1.2.1.1.5 */
	{N("IF-MIB::ifIndex"), 9, {0x2b, 6, 1, 2, 1, 2, 2, 1, 1}},      /* 1.3.6.1.2.1.2.2.1.1 */
	{N("IF-MIB::ifDescr"), 9, {0x2b, 6, 1, 2, 1, 2, 2, 1, 2}},      /* 1.3.6.1.2.1.2.2.1.2 */
	{N("IF-MIB::ifAdminStatus"), 9, {0x2b, 6, 1, 2, 1, 2, 2, 1, 7}}, /* 1.3.6.1.2.1.2.2.1.7 */
	{N("IF-MIB::ifOperStatus"), 9, {0x2b, 6, 1, 2, 1, 2, 2, 1, 8}}, /* 1.3.6.1.2.1.2.2.1.8 */
	{N("SNMPv2-MIB::snmpTrapOID"), 9, {0x2b, 6, 1, 6, 3, 1, 1, 4, 1}},        /* 1.3.6.1.6.3.1.1.4.1 */
	{N("SNMPv2-MIB::snmpTrapEnterprise"), 9, {0x2b, 6, 1, 6, 3, 1, 1, 4, 3}}, /* 1.3.6.1.6.3.1.1.4.3 */
	{N("SNMPv2-MIB::coldStart"), 9, {0x2b, 6, 1, 6, 3, 1, 1, 5, 1}},          /* 1.3.6.1.6.3.1.1.5.1 */
	{N("SNMPv2-MIB::warmStart"), 9, {0x2b, 6, 1, 6, 3, 1, 1, 5, 2}},          /* 1.3.6.1.6.3.1.1.5.2 */
	{N("IF-MIB::linkDown"), 9, {0x2b, 6, 1, 6, 3, 1, 1, 5, 3}},               /* 1.3.6.1.6.3.1.1.5.3 */
	{N("IF-MIB::linkUp"), 9, {0x2b, 6, 1, 6, 3, 1, 1, 5, 4}},                 /* 1.3.6.1.6.3.1.1.5.4 */
	{N("SNMPv2-MIB::authenticationFailure"), 9, {0x2b, 6, 1, 6, 3, 1, 1, 5, 5}}, /* ...5.5 */
	{N("RFC1213-MIB::egpNeighborLoss"), 9, {0x2b, 6, 1, 6, 3, 1, 1, 5, 6}},   /* 1.3.6.1.6.3.1.1.5.6 */
	{N("SNMP-COMMUNITY-MIB::snmpTrapAddress"), 8, {0x2b, 6, 1, 6, 3, 18, 1, 3}},   /* ...18.1.3 */
	{N("SNMP-COMMUNITY-MIB::snmpTrapCommunity"), 8, {0x2b, 6, 1, 6, 3, 18, 1, 4}}, /* ...18.1.4 */
};

/* Every entry starts with mib-2 (1.3.6.1.2.1) or snmpModules (1.3.6.1.6.3), so most OIDs of
 * enterprise varbinds are turned away after five octets. */
const char *tt_oid_name_find(const uint8_t *oid, size_t len, size_t *prefix_len,
                             size_t *name_len)
{
	size_t i, j, end;

	if (len < 6 || oid[0] != 0x2b || oid[1] != 6 || oid[2] != 1)
		return NULL;
	if (oid[3] == 2 && oid[4] == 1) {        /* mib-2 */
		i = 0;
		end = N_MIB2;
	} else if (oid[3] == 6 && oid[4] == 3) { /* snmpModules */
		i = N_MIB2;
		end = sizeof names / sizeof names[0];
	} else {
		return NULL;
	}
	for (; i < end; i++) {
		const struct oid_name *e = &names[i];
		if (e->len > len)
			continue;
		for (j = 5; j < e->len && e->oid[j] == oid[j]; j++)
			;
		/* Entries end on a sub-identifier boundary and match octet by octet from the start,
		 * so a match is on whole arcs: 1.3.6.1.2.1.1.3 does not match 1.3.6.1.2.1.1.30.
		 * The first match is the longest (see the rule above the table). */
		if (j == e->len) {
			*prefix_len = e->len;
			*name_len = e->name_len;
			return e->name;
		}
	}
	return NULL;
}
