/*
 * persist.c - our engine ID and engineBoots on disk (RFC 3414 §2.2: snmpEngineBoots must grow
 * at every restart). The state file is DIR/tinytrapd.state with two lines, "engineID 0x..." and
 * "engineBoots N". Boots are written at start, before the first datagram is served, never at
 * shutdown: after a crash the next run still gets a new value (snmptrapd writes at shutdown and
 * reuses boots after kill -9). Instances that share the directory and start together are
 * serialized by an flock(2) on DIR/tinytrapd.state.lock, so each reads the boots the previous one
 * wrote and none fails on the other's temporary file. A state file that exists but cannot be
 * trusted (junk, a damaged or missing line, boots out of range) stops the start and is left as
 * it is: only a missing file means a first start. Of the core it uses only tt_hex_decode.
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

/* The advice of every refusal: nothing but the operator can tell which boots are right. */
#define DAMAGED_ADVICE "fix or remove it; removing it makes a new engine ID and boots restart at 1"

static int damaged(char *err, size_t cap, const char *path, unsigned lineno, const char *what)
{
	if (lineno)
		snprintf(err, cap, "%s:%u: %s: the state file cannot be trusted (engineBoots must never "
		         "go back); " DAMAGED_ADVICE, path, lineno, what);
	else
		snprintf(err, cap, "%s: %s: the state file cannot be trusted (engineBoots must never "
		         "go back); " DAMAGED_ADVICE, path, what);
	return -1;
}

/* Reads the state file f: exactly one "engineID 0xHEX" line (5..32 octets, whole hex pairs) and
 * one "engineBoots N" line (0..BOOTS_MAX in decimal), '#' comments and blank lines. Anything
 * else - junk, a damaged or missing line, a value out of range - is refused with err naming
 * the file and line: starting anyway would guess boots, and a guess can go back. */
static int read_state(FILE *f, const char *path, uint8_t *id, size_t *id_len,
                      unsigned long *boots, char *err, size_t cap)
{
	char line[256];
	unsigned lineno = 0, id_line = 0, boots_line = 0;

	while (fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		lineno++;
		if (n == sizeof line - 1 && line[n - 1] != '\n')
			return damaged(err, cap, path, lineno, "line too long");
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
		             line[n - 1] == '\t'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (strncmp(line, "engineID ", 9) == 0) {
			const char *h = line + 9;
			size_t digits;
			if (id_line)
				return damaged(err, cap, path, lineno, "a second engineID line");
			if (h[0] != '0' || (h[1] != 'x' && h[1] != 'X'))
				return damaged(err, cap, path, lineno, "damaged engineID (not 0x followed "
				               "by hex digits)");
			h += 2;
			digits = strspn(h, "0123456789abcdefABCDEF");
			if (h[digits] != '\0' || digits % 2 || digits < 10 || digits > 64)
				return damaged(err, cap, path, lineno, "damaged engineID (5 to 32 octets "
				               "of whole hex digit pairs expected)");
			if (tt_hex_decode(h, digits, id, 32) != (long)(digits / 2))
				return damaged(err, cap, path, lineno, "damaged engineID");
			*id_len = digits / 2;
			id_line = lineno;
		} else if (strncmp(line, "engineBoots ", 12) == 0) {
			const char *d = line + 12;
			size_t digits = strspn(d, "0123456789");
			unsigned long v = 0;
			size_t i;
			if (boots_line)
				return damaged(err, cap, path, lineno, "a second engineBoots line");
			if (digits == 0 || d[digits] != '\0' || digits > 10)
				return damaged(err, cap, path, lineno, "engineBoots is not a number from 0 "
				               "to 2147483647");
			for (i = 0; i < digits; i++)
				v = v * 10 + (unsigned long)(d[i] - '0');
			if (v > BOOTS_MAX)
				return damaged(err, cap, path, lineno, "engineBoots is not a number from 0 "
				               "to 2147483647");
			*boots = v;
			boots_line = lineno;
		} else {
			return damaged(err, cap, path, lineno, "not an engineID or engineBoots line");
		}
	}
	if (ferror(f)) {
		snprintf(err, cap, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if (!id_line)
		return damaged(err, cap, path, 0, "no engineID line");
	if (!boots_line)
		return damaged(err, cap, path, 0, "no engineBoots line");
	return 0;
}

/* Reads, updates and rewrites the state file; called with the lock held. */
static int update_state(const char *dir, const uint8_t *conf_id, size_t conf_id_len,
                        struct tt_persist_engine *e, char *err, size_t cap)
{
	char path[4200], tmp[4240];
	uint8_t stored[32];
	size_t stored_len = 0;
	unsigned long boots = 0;
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "%s/tinytrapd.state", dir);
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	f = fopen(path, "r");
	if (f) {
		int rc = read_state(f, path, stored, &stored_len, &boots, err, cap);
		fclose(f);
		if (rc < 0)
			return -1; /* the file stays as it is, for the operator to look at */
	} else if (errno != ENOENT) {
		snprintf(err, cap, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}

	if (conf_id_len) {
		memcpy(e->id, conf_id, conf_id_len);
		e->id_len = conf_id_len;
	} else if (stored_len) {
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
