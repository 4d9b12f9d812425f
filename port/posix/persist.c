/*
 * persist.c - our engine ID and engineBoots on disk (RFC 3414 §2.2: snmpEngineBoots must grow
 * at every restart). The state file is DIR/tinytrapd.state with two lines, "engineID 0x..." and
 * "engineBoots N". Boots are written at start, before the first datagram is served, never at
 * shutdown: after a crash the next run still gets a new value (snmptrapd writes at shutdown and
 * reuses boots after kill -9). Instances that share the directory and start together are
 * serialized by an flock(2) on DIR/tinytrapd.state.lock, so each reads the boots the previous one
 * wrote and none fails on the other's temporary file. Of the core it uses only tt_hex_decode.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "persist.h"
#include "tinytrap/tt_conf.h"

#define BOOTS_MAX 2147483647u

static int mkdirs(const char *dir)
{
	char tmp[4096];
	size_t i, n = strlen(dir);
	if (n == 0 || n >= sizeof tmp)
		return -1;
	memcpy(tmp, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] == '/' || tmp[i] == '\0') {
			char c = tmp[i];
			tmp[i] = '\0';
			if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
				return -1;
			tmp[i] = c;
		}
	}
	return 0;
}

static void random_bytes(uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = getrandom(p, n, 0);
		if (k <= 0) { /* no entropy source: fall back to something that still differs */
			uint64_t x = (uint64_t)getpid() * 0x9e3779b97f4a7c15ull ^ (uint64_t)time(NULL);
			while (n--) {
				*p++ = (uint8_t)x;
				x = x * 6364136223846793005ull + 1442695040888963407ull;
			}
			return;
		}
		p += k;
		n -= (size_t)k;
	}
}

/* Reads, updates and rewrites the state file; called with the lock held. */
static int update_state(const char *dir, const uint8_t *conf_id, size_t conf_id_len,
                        struct tt_persist_engine *e, char *err, size_t cap)
{
	char path[4200], tmp[4240], line[256];
	uint8_t stored[32];
	size_t stored_len = 0;
	unsigned long boots = 0;
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "%s/tinytrapd.state", dir);
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	f = fopen(path, "r");
	if (f) {
		while (fgets(line, sizeof line, f)) {
			if (strncmp(line, "engineID 0x", 11) == 0) {
				/* the whole hex digit pairs in front, at most 32 octets: a damaged line
				 * keeps what precedes the damage (under 5 octets count as no ID) */
				const char *h = line + 11;
				size_t digits = strspn(h, "0123456789abcdefABCDEF");
				if (digits > 2 * sizeof stored)
					digits = 2 * sizeof stored;
				stored_len = (size_t)tt_hex_decode(h, digits & ~(size_t)1, stored,
				                                   sizeof stored);
			} else if (strncmp(line, "engineBoots ", 12) == 0) {
				boots = strtoul(line + 12, NULL, 10);
			}
		}
		fclose(f);
	} else if (errno != ENOENT) {
		snprintf(err, cap, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}

	if (conf_id_len) {
		memcpy(e->id, conf_id, conf_id_len);
		e->id_len = conf_id_len;
	} else if (stored_len >= 5) {
		memcpy(e->id, stored, stored_len);
		e->id_len = stored_len;
	} else {
		/* RFC 3411 SnmpEngineID: bit 7 set, enterprise 8072, format 128 (random), as
		 * Net-SNMP generates them. */
		static const uint8_t head[5] = {0x80, 0x00, 0x1f, 0x88, 0x80};
		memcpy(e->id, head, sizeof head);
		random_bytes(e->id + sizeof head, 12);
		e->id_len = sizeof head + 12;
	}
	/* A new engine ID starts a new engine: boots from 1 (Net-SNMP does the same). */
	if (stored_len != e->id_len || memcmp(stored, e->id, e->id_len) != 0)
		boots = 0;
	e->boots = boots >= BOOTS_MAX ? BOOTS_MAX : (uint32_t)boots + 1;
	random_bytes((uint8_t *)&e->entropy, sizeof e->entropy);

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		snprintf(err, cap, "cannot write %s: %s", tmp, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return -1;
	}
	fputs("# tinytrapd engine state: written at every start; do not edit while it runs\n", f);
	fputs("engineID 0x", f);
	for (size_t i = 0; i < e->id_len; i++)
		fprintf(f, "%02x", e->id[i]);
	fprintf(f, "\nengineBoots %u\n", e->boots);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		snprintf(err, cap, "cannot write %s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		return -1;
	}
	fclose(f);
	if (rename(tmp, path) < 0) {
		snprintf(err, cap, "cannot rename %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	fd = open(dir, O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	return 0;
}

int tt_persist_start(const char *dir, const uint8_t *conf_id, size_t conf_id_len,
                     struct tt_persist_engine *e, char *err, size_t cap)
{
	char lock[4220];
	int fd, rc;

	memset(e, 0, sizeof *e);
	if (mkdirs(dir) < 0) {
		snprintf(err, cap, "cannot create persistent directory %s: %s", dir, strerror(errno));
		return -1;
	}
	snprintf(lock, sizeof lock, "%s/tinytrapd.state.lock", dir);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, cap, "cannot open %s: %s", lock, strerror(errno));
		return -1;
	}
	while ((rc = flock(fd, LOCK_EX)) < 0 && errno == EINTR)
		;
	if (rc < 0) {
		snprintf(err, cap, "cannot lock %s: %s", lock, strerror(errno));
		close(fd);
		return -1;
	}
	rc = update_state(dir, conf_id, conf_id_len, e, err, cap);
	close(fd); /* releases the lock */
	return rc;
}
