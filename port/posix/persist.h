/*
 * persist.h - the daemon's persisted SNMP engine state: our engine ID and engineBoots.
 */
#ifndef TT_POSIX_PERSIST_H
#define TT_POSIX_PERSIST_H

#include <stddef.h>
#include <stdint.h>

/* The default persistent directory; SNMP_PERSISTENT_DIR or the persistentDir directive
 * override it. */
#define TT_PERSIST_DEFAULT_DIR "/var/lib/tinytrap"

/* Our engine as started. */
struct tt_persist_engine {
	uint8_t id[32];
	size_t id_len;
	uint32_t boots;   /* already incremented for this run and written to disk */
	uint64_t entropy; /* seed for the privacy salts */
};

/* Reads DIR/tinytrapd.state (creating DIR if needed), takes the configured engine ID
 * (conf_id_len > 0) or the stored one or generates one (RFC 3411 format, enterprise 8072,
 * random octets), increments engineBoots - back to 1 when the engine ID changed - and writes
 * the file (atomically, synced) before returning, so that a crash never reuses a boots value.
 * At 2147483647 boots stay there (RFC 3414 §2.2.2; the caller says so). A state file that
 * exists but cannot be trusted - junk or a damaged, missing or doubled engineID/engineBoots
 * line, boots out of 0..2147483647 - is refused, even with a configured engine ID, and left
 * untouched. Returns 0, or -1 with a message in err ("FILE:LINE: ...; fix or remove it ..."). */
int tt_persist_start(const char *dir, const uint8_t *conf_id, size_t conf_id_len,
                     struct tt_persist_engine *e, char *err, size_t errcap);

#endif /* TT_POSIX_PERSIST_H */
