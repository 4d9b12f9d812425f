/*
 * oid_names.h - the small built-in table of OID names used by the renderer (render.c).
 *
 * It knows a handful of objects that appear in nearly every notification (sysUpTime,
 * snmpTrapOID, the generic traps, the IF-MIB columns of linkDown/linkUp, ...), named the way
 * Net-SNMP prints them with its standard MIBs loaded. It is not a MIB parser and knows no
 * enterprise OIDs.
 */
#ifndef TT_OID_NAMES_H
#define TT_OID_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* Finds the longest table entry that is a prefix of the OID encoding (oid, len) on whole arcs.
 * Returns its name ("SNMPv2-MIB::sysUpTime"), stores the name's length in *name_len and the
 * entry's encoded length in *prefix_len, so that the arcs after it can be appended; returns
 * NULL when no entry matches. */
const char *tt_oid_name_find(const uint8_t *oid, size_t len, size_t *prefix_len,
                             size_t *name_len);

#endif /* TT_OID_NAMES_H */
